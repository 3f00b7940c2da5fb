package dev.toolkit.core.names;

/**
 * The result of {@link AddressResolver#getnameinfo}: a host name (or address text) and a service name (or port).
 *
 * @param host the host's name, or its address as text
 * @param service the service's name, or the port as text
 */
public record NameInfo(String host, String service) {
}
