package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.testing.Peers;
import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.Pem;
import dev.toolkit.tls.TlsProvider;
import dev.toolkit.tls.TlsServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS through core's security setting with both TLS providers, curl as the client: the scheme the
 * application sees, a file body sent in chunks over TLS, and a file body as a FileRegion on plaintext.
 */
class HttpsServerIT {

    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void certificates() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("HTTP test CA");
        KeyAndCertificates localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1"));
        Pem.write(dir.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        Pem.write(dir.resolve("localhost.crt"), Pem.certificates(localhost.chain()));
        Pem.write(dir.resolve("localhost.key"), Pem.privateKey(localhost.key(), null));
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        file = Files.write(dir.resolve("letters.txt"), content);
    }

    private static final HttpApplication APPLICATION = HttpApplication.blocking(request ->
            request.path().equals("/file") ? HttpResponse.ok(ResponseBody.file(file))
                    : request.path().equals("/slice") ? HttpResponse.ok(ResponseBody.file(file, 26, 26, null))
                    : HttpResponse.text(200, request.scheme() + " " + request.serverName()));

    private static String curl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Peers.require("curl", "curl"), "-sS", "--cacert",
                dir.resolve("ca.pem").toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(dir, "curl", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.valueOf(command));
        return Files.readString(out, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void servesHttpsWithFilesInChunks(TlsProvider provider) throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().provider(provider)
                .certificateFiles(dir.resolve("localhost.crt"), dir.resolve("localhost.key"), null).build();
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false)
                .server(ServerConfig.builder().name("https-" + provider).security(tls).build()).build();
        try (RunningServer<ConnectionMetrics> server = HttpServer.bind(config, APPLICATION)) {
            String base = "https://localhost:" + server.localAddress().getPort();
            assertEquals("https localhost", curl(base + "/"));
            assertEquals(Files.readString(file, StandardCharsets.ISO_8859_1), curl(base + "/file"));
            assertEquals("abcdefghijklmnopqrstuvwxyz", curl(base + "/slice"));
        }
    }

    @Test
    void servesFilesOnPlaintextAsFileRegions() throws Exception {
        try (RunningServer<ConnectionMetrics> server = HttpServer.bind(HttpServerConfig.builder().accessLog(false)
                .build(), APPLICATION)) {
            String base = "http://127.0.0.1:" + server.localAddress().getPort();
            assertEquals("http 127.0.0.1", curl(base + "/"));
            assertEquals(Files.readString(file, StandardCharsets.ISO_8859_1), curl("--compressed", base + "/file"));
            assertEquals("abcdefghijklmnopqrstuvwxyz", curl(base + "/slice"));
        }
    }
}
