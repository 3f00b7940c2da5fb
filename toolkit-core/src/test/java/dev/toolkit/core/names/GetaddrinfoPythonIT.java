package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AddressResolver#getaddrinfo} against Python's {@code socket.getaddrinfo} (the C library's) on the same
 * machine: same results, same order, same errors. Only address literals, the wildcard and names of
 * {@code /etc/hosts} are used, in combinations the C library answers from the hosts file alone, so that
 * neither side ever asks a DNS server.
 */
class GetaddrinfoPythonIT {

    private record Case(String host, String service, AddressFamily family, SocketType type, int proto,
                        Set<AddrInfoFlag> flags) {
        String python() {
            int f = 0;
            for (AddrInfoFlag flag : flags) {
                f |= flag.value();
            }
            return "(" + py(host) + ", " + py(service) + ", " + family.code() + ", " + type.code() + ", " + proto
                    + ", " + f + ")";
        }

        private static String py(String s) {
            return s == null ? "None" : "'" + s + "'";
        }
    }

    private static final Set<AddrInfoFlag> NONE = EnumSet.noneOf(AddrInfoFlag.class);

    private static Set<AddrInfoFlag> flags(AddrInfoFlag... f) {
        return f.length == 0 ? NONE : EnumSet.of(f[0], f);
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        AddrInfoFlag canon = AddrInfoFlag.CANONNAME;
        AddrInfoFlag mapped = AddrInfoFlag.V4MAPPED;
        AddrInfoFlag addrconfig = AddrInfoFlag.ADDRCONFIG;
        // The book's www_ping call.
        for (String host : List.of("localhost", "vm", "runsc", "127.0.0.1", "::1", "LocalHost")) {
            c.add(new Case(host, "www", AddressFamily.ANY, SocketType.STREAM, 0, flags(addrconfig, mapped, canon)));
        }
        for (String host : List.of("localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1", "0x7f.0.0.1",
                "2130706433", "fe80::1%1")) {
            for (SocketType type : SocketType.values()) {
                c.add(new Case(host, null, AddressFamily.ANY, type, 0, NONE));
                c.add(new Case(host, "80", AddressFamily.ANY, type, 0, flags(canon)));
            }
        }
        for (AddressFamily family : List.of(AddressFamily.ANY, AddressFamily.INET)) {
            c.add(new Case("localhost", "smtp", family, SocketType.ANY, 0, flags(canon)));
            c.add(new Case("vm", "domain", family, SocketType.ANY, 0, NONE));
            c.add(new Case("runsc", "domain", family, SocketType.DATAGRAM, 0, flags(canon, addrconfig)));
            c.add(new Case("localhost", "ssh", family, SocketType.ANY, 6, NONE));
            c.add(new Case("localhost", "53", family, SocketType.ANY, 17, NONE));
        }
        for (AddressFamily family : AddressFamily.values()) {
            c.add(new Case(null, "www", family, SocketType.ANY, 0, flags(AddrInfoFlag.PASSIVE)));
            c.add(new Case(null, "1060", family, SocketType.STREAM, 0, NONE));
            c.add(new Case(null, "domain", family, SocketType.ANY, 0, flags(AddrInfoFlag.PASSIVE, addrconfig)));
            c.add(new Case("127.0.0.1", "www", family, SocketType.STREAM, 0, flags(mapped)));
            c.add(new Case("127.0.0.1", "www", family, SocketType.STREAM, 0, flags(mapped, AddrInfoFlag.ALL)));
            c.add(new Case("::1", "80", family, SocketType.DATAGRAM, 0, flags(mapped)));
        }
        // Errors.
        c.add(new Case("127.0.0.1", "nosuchservice", AddressFamily.ANY, SocketType.ANY, 0, NONE));
        c.add(new Case("127.0.0.1", "www", AddressFamily.ANY, SocketType.DATAGRAM, 0, NONE));
        c.add(new Case("127.0.0.1", "www", AddressFamily.ANY, SocketType.STREAM, 0, flags(AddrInfoFlag.NUMERICSERV)));
        c.add(new Case("127.0.0.1", "80", AddressFamily.ANY, SocketType.RAW, 0, NONE));
        c.add(new Case("localhost", "80", AddressFamily.ANY, SocketType.STREAM, 0, flags(AddrInfoFlag.NUMERICHOST)));
        c.add(new Case("127.0.0.1", "80", AddressFamily.INET6, SocketType.STREAM, 0, NONE));
        c.add(new Case("::1", "80", AddressFamily.INET, SocketType.STREAM, 0, NONE));
        c.add(new Case(null, null, AddressFamily.ANY, SocketType.STREAM, 0, NONE));
        c.add(new Case("1.2.3.4.5", "80", AddressFamily.ANY, SocketType.STREAM, 0, flags(AddrInfoFlag.NUMERICHOST)));
        return c;
    }

    /**
     * The cases whose names this machine's hosts file lists (so that the C library answers them from the file
     * and never asks DNS); the others are left out.
     */
    private static List<Case> applicableCases() {
        HostsFile hosts = HostsFile.system();
        return cases().stream()
                .filter(c -> c.host() == null || InetLiterals.isLiteral(c.host()) || hosts.lookup(c.host()).isPresent())
                .toList();
    }

    @Test
    void sameResultsInTheSameOrderAsPython(@TempDir Path dir) throws Exception {
        String python = Peers.require("python3", "python3");
        List<Case> cases = applicableCases();
        assertTrue(cases.size() > 60, "too few cases apply here: " + cases.size());
        Path script = dir.resolve("gai.py");
        StringBuilder sb = new StringBuilder("import socket\ncases = [\n");
        for (Case c : cases) {
            sb.append("    ").append(c.python()).append(",\n");
        }
        sb.append("]\n")
          .append("for host, service, family, type, proto, flags in cases:\n")
          .append("    try:\n")
          .append("        r = socket.getaddrinfo(host, service, family, type, proto, flags)\n")
          .append("        print(' | '.join('%s %s %d %r %r' % (socket.AddressFamily(a[0]).name, ")
          .append("socket.SocketKind(a[1]).name, a[2], a[3], a[4]) for a in r))\n")
          .append("    except socket.gaierror as e:\n")
          .append("        print('ERROR %d %s' % (e.errno, e.strerror))\n");
        Files.writeString(script, sb.toString());
        Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> expected = out.lines().toList();
        assertEquals(cases.size(), expected.size(), out);

        AddressResolver resolver = AddressResolver.builder().build();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String actual = java(resolver, c);
            if (!actual.equals(expected.get(i))) {
                mismatches.add(c.python() + "\n   python: " + expected.get(i) + "\n   java:   " + actual);
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    private static String java(AddressResolver resolver, Case c) {
        try {
            List<AddrInfo> r = resolver.getaddrinfo(c.host(), c.service(), c.family(), c.type(), c.proto(),
                    c.flags());
            List<String> parts = new ArrayList<>();
            for (AddrInfo a : r) {
                parts.add(a.toPythonText());
            }
            return String.join(" | ", parts);
        } catch (NameResolutionException e) {
            GaiError g = GaiError.of(e);
            return "ERROR " + g.code() + " " + g.message();
        }
    }

}
