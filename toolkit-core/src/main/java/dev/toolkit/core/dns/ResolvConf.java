package dev.toolkit.core.dns;

import dev.toolkit.core.inet.InetLiterals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a {@code resolv.conf} file, read as the GNU C library reads it (resolv.conf(5)).
 *
 * <ul>
 *   <li>{@code nameserver ADDRESS}: up to three (IPv4 or IPv6, with an optional {@code %scope}); lines that
 *       do not hold an address literal are ignored, and no name is ever looked up. None at all means the
 *       local machine ({@code 127.0.0.1}).</li>
 *   <li>{@code search D1 D2 ...} and {@code domain D}: the last of them wins; with neither, the search list is
 *       the domain part of the host name, if it has one.</li>
 *   <li>{@code options}: {@code ndots:N} (at most 15, default 1), {@code timeout:N} seconds (at most 30,
 *       default 5), {@code attempts:N} (at most 5, default 2), {@code rotate}, {@code use-vc},
 *       {@code edns0}; unknown options are ignored.</li>
 *   <li>Lines starting with {@code #} or {@code ;} are comments; keywords start at the beginning of a line.</li>
 * </ul>
 */
public final class ResolvConf {

    /** The system's file. */
    public static final Path SYSTEM_FILE = Path.of("/etc/resolv.conf");
    /** The C library's limit on name servers. */
    public static final int MAX_NAMESERVERS = 3;
    /** The DNS port. */
    public static final int DNS_PORT = 53;

    private final List<InetSocketAddress> nameservers;
    private final List<String> searchDomains;
    private final int ndots;
    private final Duration timeout;
    private final int attempts;
    private final boolean rotate;
    private final boolean useVc;
    private final boolean edns0;

    private ResolvConf(List<InetSocketAddress> nameservers, List<String> searchDomains, int ndots, Duration timeout,
                       int attempts, boolean rotate, boolean useVc, boolean edns0) {
        this.nameservers = List.copyOf(nameservers);
        this.searchDomains = List.copyOf(searchDomains);
        this.ndots = ndots;
        this.timeout = timeout;
        this.attempts = attempts;
        this.rotate = rotate;
        this.useVc = useVc;
        this.edns0 = edns0;
    }

    /** Reads the system's {@code /etc/resolv.conf}. */
    public static ResolvConf system() {
        return read(SYSTEM_FILE);
    }

    /**
     * Reads {@code file}; a missing file gives the defaults (name server 127.0.0.1), as for the C library.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static ResolvConf read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1), localHostName());
        } catch (NoSuchFileException e) {
            return parse("", localHostName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses {@code text} with no host name to take a default search domain from. */
    public static ResolvConf parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses the text of a resolv.conf file.
     *
     * @param text the file's contents
     * @param hostName this machine's name, whose domain part is the default search list; may be {@code null}
     */
    public static ResolvConf parse(String text, String hostName) {
        Objects.requireNonNull(text, "text");
        List<InetSocketAddress> servers = new ArrayList<>();
        List<String> search = null;
        int ndots = 1;
        int timeout = 5;
        int attempts = 2;
        boolean rotate = false;
        boolean useVc = false;
        boolean edns0 = false;
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            String[] words = line.trim().split("[ \t]+");
            if (words.length < 2 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            switch (words[0]) {
                case "nameserver":
                    if (servers.size() < MAX_NAMESERVERS) {
                        InetAddress a = InetLiterals.parseWithScope(words[1]);
                        if (a != null) {
                            servers.add(new InetSocketAddress(a, DNS_PORT));
                        }
                    }
                    break;
                case "domain":
                    search = List.of(stripDot(words[1]));
                    break;
                case "search":
                    search = new ArrayList<>();
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].startsWith("#") || words[i].startsWith(";")) {
                            break;
                        }
                        String d = stripDot(words[i]);
                        if (!d.isEmpty()) {
                            search.add(d);
                        }
                    }
                    break;
                case "options":
                    for (int i = 1; i < words.length; i++) {
                        String o = words[i];
                        if (o.startsWith("ndots:")) {
                            ndots = bounded(o.substring(6), ndots, 15);
                        } else if (o.startsWith("timeout:")) {
                            timeout = Math.max(1, bounded(o.substring(8), timeout, 30));
                        } else if (o.startsWith("attempts:")) {
                            attempts = Math.max(1, bounded(o.substring(9), attempts, 5));
                        } else if (o.equals("rotate")) {
                            rotate = true;
                        } else if (o.equals("use-vc") || o.equals("usevc")) {
                            useVc = true;
                        } else if (o.equals("edns0")) {
                            edns0 = true;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        if (servers.isEmpty()) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
        }
        if (search == null) {
            search = new ArrayList<>();
            if (hostName != null && hostName.indexOf('.') > 0) {
                String d = stripDot(hostName.substring(hostName.indexOf('.') + 1));
                if (!d.isEmpty()) {
                    search.add(d);
                }
            }
        }
        return new ResolvConf(servers, search, ndots, Duration.ofSeconds(timeout), attempts, rotate, useVc, edns0);
    }

    private static int bounded(String value, int fallback, int max) {
        try {
            int v = Integer.parseInt(value);
            return v < 0 ? fallback : Math.min(v, max);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String stripDot(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static String localHostName() {
        // The kernel's host name, as gethostname(2) gives it; read without any name lookup.
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The name servers, at most three, each on port 53. */
    public List<InetSocketAddress> nameservers() {
        return nameservers;
    }

    /** The search list, without final dots. */
    public List<String> searchDomains() {
        return searchDomains;
    }

    /** Names with at least this many dots are tried as given before the search list. */
    public int ndots() {
        return ndots;
    }

    /** Time to wait for an answer from one server. */
    public Duration timeout() {
        return timeout;
    }

    /** How many times each server is tried. */
    public int attempts() {
        return attempts;
    }

    /** Whether queries start at a different server each time. */
    public boolean rotate() {
        return rotate;
    }

    /** Whether queries go over TCP ({@code use-vc}). */
    public boolean useVc() {
        return useVc;
    }

    /** Whether EDNS0 is requested ({@code edns0}). */
    public boolean edns0() {
        return edns0;
    }

    /**
     * A DNS client configuration builder holding these settings: servers, search list, ndots, time-out,
     * attempts and rotation.
     */
    public DnsClientConfig.Builder toConfig() {
        return DnsClientConfig.builder().servers(nameservers).searchDomains(searchDomains).ndots(ndots)
                .timeout(timeout).attempts(attempts).rotate(rotate);
    }

    @Override
    public String toString() {
        return "ResolvConf[nameservers=" + nameservers + ", search=" + searchDomains + ", ndots=" + ndots
                + ", timeout=" + timeout.getSeconds() + "s, attempts=" + attempts + (rotate ? ", rotate" : "")
                + (useVc ? ", use-vc" : "") + (edns0 ? ", edns0" : "") + "]";
    }
}
