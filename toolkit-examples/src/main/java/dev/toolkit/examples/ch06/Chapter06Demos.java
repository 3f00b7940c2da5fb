package dev.toolkit.examples.ch06;

import dev.toolkit.examples.Listing;
import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.ListingDemo;
import dev.toolkit.examples.tour.ListingRun;
import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.Pem;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tour's demos of chapter 6. Each makes a fresh CA and a server certificate whose only SAN is
 * {@code DNS:localhost} with BouncyCastle, writes them as PEM files to a temporary directory (the listings
 * take files, as the book's do), runs the listing as a server on 127.0.0.1 and as a client, and checks both:
 * {@code localhost} verifies, {@code 127.0.0.1} fails the host-name check, and no CA fails the issuer check.
 */
public final class Chapter06Demos {

    /** Stands for the temporary directory holding {@code ca.pem} and {@code localhost.pem}. */
    static final String DIR = "{dir}";
    /** Stands for the server's port. */
    static final String PORT = "{port}";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile(
            "(?:Listening at interface '[^']*' and port |Interface where we are listening\\.* \\('[^']*', )(\\d+)\\)?");

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            new TlsDemo("safe_tls", "localhost verifies against the chapter's CA; the message arrives",
                    List.of("127.0.0.1", "0", "-s", DIR + "/localhost.pem"),
                    List.of("localhost", PORT, "-a", DIR + "/ca.pem"), 0, 0,
                    run -> expect(run.out(), List.of("Connected to host 'localhost' and port \\d+",
                            Pattern.quote("b'" + SafeTls.MESSAGE + "'")))),
            new TlsDemo("safe_tls", "127.0.0.1 is refused: the certificate names only DNS:localhost",
                    List.of("127.0.0.1", "0", "-s", DIR + "/localhost.pem"),
                    List.of("127.0.0.1", PORT, "-a", DIR + "/ca.pem"), 1, 1,
                    run -> expect(run.err(), List.of(Pattern.quote("Error: TLS host name check failed: certificate "
                            + "names DNS:localhost, not IP address 127.0.0.1")))),
            new TlsDemo("safe_tls", "without -a the chapter's private CA is untrusted",
                    List.of("127.0.0.1", "0", "-s", DIR + "/localhost.pem"),
                    List.of("localhost", PORT), 1, 1,
                    run -> expect(run.err(),
                            List.of("Error: TLS issuer check failed: .*not issued by a trusted CA.*"))),
            new TlsDemo("test_tls", "the dotted report of a verified TLS 1.3 connection",
                    List.of("127.0.0.1", "0", "-s", DIR + "/localhost.pem"),
                    List.of("localhost", PORT, "-a", DIR + "/ca.pem"), 0, 0,
                    run -> expect(run.out(), List.of("",
                            Pattern.quote("Address we want to talk to.......... ('localhost', ") + "\\d+\\)",
                            Pattern.quote("Peer certificate.................... provided"),
                            Pattern.quote("Name(s) on peer certificate......... localhost localhost"),
                            Pattern.quote("Whether name(s) match the hostname.. Yes"),
                            Pattern.quote("Certificates loaded of type crl..... 0"),
                            Pattern.quote("Certificates loaded of type x509.... 1"),
                            Pattern.quote("Certificates loaded of type x509_ca. 1"),
                            Pattern.quote("Protocol version negotiated......... TLSv1.3"),
                            "Cipher chosen for this connection\\.\\.\\. TLS_\\w+",
                            Pattern.quote("Cipher defined in TLS version....... TLSv1.3"),
                            "Cipher key has this many bits\\.\\.\\.\\.\\.\\.\\. (128|256)",
                            Pattern.quote("Compression algorithm in use........ none"), ""))));

    private Chapter06Demos() {
    }

    /** Writes a new CA ({@code ca.pem}) and its {@code DNS:localhost} server certificate ({@code localhost.pem}). */
    static Path certificates() throws IOException {
        Path dir = Files.createTempDirectory("toolkit-ch06-");
        CertificateAuthority ca = CertificateAuthority.create("Toolkit chapter 6 CA");
        KeyAndCertificates localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        Pem.write(dir.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        Pem.write(dir.resolve("localhost.pem"), Pem.combined(localhost));
        return dir;
    }

    private static List<String> expect(List<String> actual, List<String> expected) {
        return dev.toolkit.examples.tour.Expect.lines("client", actual, expected);
    }

    /** A server and a client of one listing, with the expected exit statuses and a check of the client. */
    private static final class TlsDemo extends ListingDemo {
        private final List<String> serverArgs;
        private final List<String> clientArgs;
        private final int clientStatus;
        private final int serverStatus;
        private final Function<ListingRun, List<String>> check;

        TlsDemo(String listing, String checks, List<String> serverArgs, List<String> clientArgs, int clientStatus,
                int serverStatus, Function<ListingRun, List<String>> check) {
            super("ch06", listing, checks);
            this.serverArgs = serverArgs;
            this.clientArgs = clientArgs;
            this.clientStatus = clientStatus;
            this.serverStatus = serverStatus;
            this.check = check;
        }

        @Override
        public List<String> run(PrintWriter console) throws Exception {
            Listing program = program();
            Path dir = certificates();
            try {
                List<String> sArgs = serverArgs.stream().map(a -> a.replace(DIR, dir.toString())).toList();
                console.println("$ toolkit ch06 " + listing() + " " + String.join(" ", sArgs));
                try (ListingRun server = ListingRun.start(program, "server", console, sArgs)) {
                    Matcher m = LISTENING.matcher(server.awaitLine(l -> LISTENING.matcher(l).matches(), TIMEOUT));
                    String port = m.matches() ? m.group(1) : "0";
                    List<String> cArgs = clientArgs.stream()
                            .map(a -> a.replace(DIR, dir.toString()).replace(PORT, port)).toList();
                    console.println("$ toolkit ch06 " + listing() + " " + String.join(" ", cArgs));
                    try (ListingRun client = ListingRun.start(program, "client", console, cArgs)) {
                        List<String> problems = new ArrayList<>();
                        int c = client.awaitExit(TIMEOUT);
                        int s = server.awaitExit(TIMEOUT);
                        if (c != clientStatus) {
                            problems.add("client exited with status " + c + ", expected " + clientStatus);
                        }
                        if (s != serverStatus) {
                            problems.add("server exited with status " + s + ", expected " + serverStatus);
                        }
                        problems.addAll(check.apply(client));
                        return problems;
                    }
                }
            } finally {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
