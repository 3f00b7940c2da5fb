package dev.toolkit.core.names;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which address families this host has configured, for {@link AddrInfoFlag#ADDRCONFIG}: IPv4 counts if an
 * interface has an IPv4 address outside 127/8, IPv6 if one has an IPv6 address that is neither loopback nor
 * link-local (the C library's rule).
 */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /** The families this host has a usable (non-loopback) address of; read from the interfaces at each call. */
    public static Set<AddressFamily> configuredFamilies() {
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        families.add(AddressFamily.INET);
                    } else if (a instanceof Inet6Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        families.add(AddressFamily.INET6);
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: behave as if nothing were configured, which leaves the family unrestricted.
            return EnumSet.noneOf(AddressFamily.class);
        }
        return families;
    }
}
