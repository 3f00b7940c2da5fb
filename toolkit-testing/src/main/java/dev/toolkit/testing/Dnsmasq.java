package dev.toolkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real DNS server for tests: dnsmasq (Debian package {@code dnsmasq-base}) started on 127.0.0.1 on a free
 * port with a zone of test records, logging every query to a file the test can read.
 *
 * <pre>{@code
 * try (Dnsmasq dns = Dnsmasq.builder()
 *         .line("host-record=www.test,192.0.2.10")
 *         .line("mx-host=test,mx1.test,10")
 *         .start()) {
 *     InetSocketAddress server = dns.address();
 *     ...
 * }
 * }</pre>
 *
 * <p>Facts about dnsmasq (2.90) that tests rely on: with {@code local=/test/} it answers NXDOMAIN for unknown
 * names and NOERROR with no records for known names without data (instead of REFUSED, its answer when it has no
 * upstream server); local records have TTL 0 unless {@code local-ttl} is set; SOA and NS records exist only for
 * an {@code auth-zone}, and are answered only on the address named by {@code auth-server} (where dnsmasq then
 * answers every in-zone record authoritatively, with TTL {@code auth-ttl}, and refuses names outside its
 * zones); a zone's address records are served only for addresses inside the subnets listed in
 * {@code auth-zone}. With {@code log-queries=extra} each query is logged as
 * {@code SERIAL CLIENT/PORT query[TYPE] NAME from CLIENT} ({@code auth[TYPE]} for authoritative answers); a
 * query that came over TCP is logged by a child process that dnsmasq forks per TCP connection, so its line
 * carries a PID other than the server's ({@link #tcpQueries()}). Run as root, dnsmasq drops to user
 * {@code nobody} after opening its files.
 */
public final class Dnsmasq implements AutoCloseable {

    private static final Pattern QUERY = Pattern.compile(
            "dnsmasq\\[(\\d+)]: \\d+ [^ ]+ (?:query|auth)\\[([A-Z0-9]+)] ([^ ]+) from ");

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int port;

    private Dnsmasq(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /** A builder of the server's configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port dnsmasq listens on (UDP and TCP) on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The PID of the dnsmasq server process. */
    public long pid() {
        return process.pid();
    }

    /** The lines of dnsmasq's log so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query dnsmasq logged: its type, name and whether it came over TCP. */
    public record Query(String type, String name, boolean tcp) {
    }

    /** Every query logged so far, in order. */
    public List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (String line : logLines()) {
            Matcher m = QUERY.matcher(line);
            if (m.find()) {
                out.add(new Query(m.group(2), m.group(3), Long.parseLong(m.group(1)) != process.pid()));
            }
        }
        return out;
    }

    /** The queries that came over TCP. */
    public List<Query> tcpQueries() {
        return queries().stream().filter(Query::tcp).toList();
    }

    /** Stops dnsmasq (by its PID) and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover files in the temporary directory do no harm.
        }
    }

    /** Builds the configuration and starts dnsmasq. */
    public static final class Builder {
        private final List<String> lines = new ArrayList<>();

        private Builder() {
        }

        /** One line of dnsmasq configuration (the long option without {@code --}), e.g. {@code cname=a.test,b.test}. */
        public Builder line(String line) {
            if (line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("one line at a time: " + line);
            }
            lines.add(line);
            return this;
        }

        /** Several configuration lines. */
        public Builder lines(List<String> more) {
            more.forEach(this::line);
            return this;
        }

        /**
         * Starts dnsmasq on 127.0.0.1 on a free port and waits until it answers. Skips the test (fails it in CI)
         * if dnsmasq is not installed.
         */
        public Dnsmasq start() {
            // Debian installs dnsmasq in /usr/sbin, which a non-root PATH may lack.
            String program = java.nio.file.Files.isExecutable(Path.of("/usr/sbin/dnsmasq"))
                    && Peers.find("dnsmasq").isEmpty() ? "/usr/sbin/dnsmasq" : Peers.require("dnsmasq", "dnsmasq-base");
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    Dnsmasq d = tryStart(program, freePort());
                    if (d != null) {
                        return d;
                    }
                } catch (IOException e) {
                    last = e;
                }
            }
            throw new IllegalStateException("dnsmasq did not start", last);
        }

        private Dnsmasq tryStart(String program, int port) throws IOException {
            Path dir = Files.createTempDirectory("dnsmasq");
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
            Path conf = dir.resolve("dnsmasq.conf");
            Path log = dir.resolve("dnsmasq.log");
            List<String> all = new ArrayList<>(List.of(
                    "port=" + port,
                    "listen-address=127.0.0.1",
                    "bind-interfaces",
                    "no-resolv",
                    "no-hosts",
                    "no-negcache",
                    "log-queries=extra",
                    "log-facility=" + log,
                    "pid-file=" + dir.resolve("dnsmasq.pid")));
            all.addAll(lines);
            Files.write(conf, all, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(program, "--keep-in-foreground", "--conf-file=" + conf)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dnsmasq.out").toFile())
                    .start();
            Dnsmasq d = new Dnsmasq(p, dir, log, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    String out = Files.readString(dir.resolve("dnsmasq.out"), StandardCharsets.ISO_8859_1);
                    deleteTree(dir);
                    if (out.contains("Address already in use")) {
                        return null;
                    }
                    throw new IllegalStateException("dnsmasq exited with status " + p.exitValue() + ": " + out);
                }
                if (answers(port)) {
                    return d;
                }
            }
            d.close();
            throw new IllegalStateException("dnsmasq did not answer on 127.0.0.1:" + port + " within 10 s");
        }

        private static int freePort() throws IOException {
            while (true) {
                int port;
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
                try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    return port;
                } catch (IOException e) {
                    // The UDP port is taken: try another.
                }
            }
        }

        /** Whether something answers a DNS query on 127.0.0.1:port (any answer, even REFUSED). */
        private static boolean answers(int port) {
            byte[] query = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                    5, 'p', 'r', 'o', 'b', 'e', 7, 'i', 'n', 'v', 'a', 'l', 'i', 'd', 0, 0, 1, 0, 1};
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(200);
                s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
                byte[] buf = new byte[512];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                s.receive(reply);
                return reply.getLength() >= 12 && buf[0] == 0x12 && buf[1] == 0x34;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        }
    }
}
