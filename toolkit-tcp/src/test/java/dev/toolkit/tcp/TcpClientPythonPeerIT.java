package dev.toolkit.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The toolkit's client against a framed echo peer written with Python's standard library (framing_peer.py). */
class TcpClientPythonPeerIT {

    private final TcpClient client = TcpClient.open(TcpClientConfig.builder().readTimeout(Duration.ofSeconds(20))
            .build());
    private Process peer;

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        if (peer != null) {
            peer.destroy();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
    }

    /** Starts the peer in {@code mode} and returns its port. */
    private int start(String mode) throws IOException {
        String python = Peers.require("python3", "python3");
        Path script = Files.createTempFile("framing_peer", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = getClass().getResourceAsStream("/peers/framing_peer.py")) {
            assertNotNull(in, "framing_peer.py on the test class path");
            Files.write(script, in.readAllBytes());
        }
        peer = new ProcessBuilder(python, script.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII));
        String port = out.readLine();
        assertNotNull(port, "the peer printed no port");
        return Integer.parseInt(port.trim());
    }

    @Test
    void linesAndPipelinedRequestsAnsweredInOrder() throws Exception {
        int port = start("lines");
        try (TcpConnection c = client.connect("127.0.0.1", port, Framing.lines(1024))) {
            c.send("simple is better");
            assertEquals("SIMPLE IS BETTER", c.receive(String.class));
            assertEquals("", c.request("", String.class), "an empty line answers an empty line");
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                answers.add(c.requestAsync("line " + i, String.class));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("LINE " + i, answers.get(i).get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void lengthPrefixedBlocksEmptyOnesIncluded() throws Exception {
        int port = start("length");
        try (TcpConnection c = client.connect("127.0.0.1", port, Framing.lengthPrefix(4, 1 << 20))) {
            byte[] block = new byte[200_000];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) i;
            }
            byte[] reversed = new byte[block.length];
            for (int i = 0; i < block.length; i++) {
                reversed[i] = block[block.length - 1 - i];
            }
            CompletableFuture<byte[]> big = c.requestAsync(block, byte[].class);
            CompletableFuture<byte[]> empty = c.requestAsync(new byte[0], byte[].class);
            CompletableFuture<String> text = c.requestAsync("olleh".getBytes(StandardCharsets.US_ASCII), String.class);
            assertArrayEquals(reversed, big.get(20, TimeUnit.SECONDS));
            assertArrayEquals(new byte[0], empty.get(20, TimeUnit.SECONDS));
            assertEquals("hello", text.get(20, TimeUnit.SECONDS));
        }
    }

    record Greeting(String to, int times) {
    }

    record Echoed(Greeting echo, int n) {
    }

    @Test
    void jsonDocumentsAsTreesAndTypedObjects() throws Exception {
        int port = start("json");
        try (TcpConnection c = client.connect("127.0.0.1", port, Framing.json(64 * 1024))) {
            assertEquals(new Echoed(new Greeting("world", 2), 1), c.request(new Greeting("world", 2), Echoed.class));
            c.send(Map.of("to", "python", "times", 3));
            JsonNode tree = assertInstanceOf(JsonNode.class, c.receive());
            assertEquals("python", tree.get("echo").get("to").asText());
            assertEquals(2, tree.get("n").asInt());
            List<CompletableFuture<Echoed>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(c.requestAsync(new Greeting("n" + i, i), Echoed.class));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(new Echoed(new Greeting("n" + i, i), i + 3), answers.get(i).get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void thePeerClosingFailsEveryPendingRequest() throws Exception {
        int port = start("length");
        try (TcpConnection c = client.connect("127.0.0.1", port, Framing.lengthPrefix(4, 1024))) {
            CompletableFuture<byte[]> answered = c.requestAsync(new byte[] {1, 2}, byte[].class);
            CompletableFuture<byte[]> bye = c.requestAsync("bye".getBytes(StandardCharsets.US_ASCII), byte[].class);
            CompletableFuture<byte[]> after = c.requestAsync(new byte[] {3}, byte[].class);
            assertArrayEquals(new byte[] {2, 1}, answered.get(20, TimeUnit.SECONDS));
            for (CompletableFuture<byte[]> pending : List.of(bye, after)) {
                CompletionException e = assertThrows(CompletionException.class,
                        () -> pending.orTimeout(20, TimeUnit.SECONDS).join());
                assertInstanceOf(ConnectionClosedException.class, e.getCause(), String.valueOf(e.getCause()));
            }
        }
    }
}
