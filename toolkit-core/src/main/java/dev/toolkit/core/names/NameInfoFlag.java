package dev.toolkit.core.names;

/** The {@code getnameinfo} flags the toolkit supports. */
public enum NameInfoFlag {
    /** Return the address as text; look nothing up. */
    NUMERICHOST,
    /** Return the port as a number; do not look its service name up. */
    NUMERICSERV,
    /** Fail if the address has no name, instead of returning it as text. */
    NAMEREQD,
    /** Look the service name up for UDP instead of TCP. */
    DGRAM,
    /** Return only the first label of the host name. */
    NOFQDN
}
