package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short wrk smoke: keep-alive load and 16-deep pipelining, every answer a 200 and no socket error. */
class HttpServerWrkIT {

    @TempDir
    Path dir;

    private String wrk(List<String> arguments) throws Exception {
        Path out = dir.resolve("wrk-" + System.nanoTime() + ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(Peers.require("wrk", "wrk")));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "wrk finished");
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), report);
        return report;
    }

    @Test
    void keepAliveAndPipelinedLoadIsAnsweredWithoutErrors() throws Exception {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).build();
        try (RunningServer<ConnectionMetrics> server = HttpServer.bind(config,
                HttpApplication.nonBlocking(request -> HttpResponse.text(200, "Hello, World!")))) {
            String url = "http://127.0.0.1:" + server.localAddress().getPort() + "/";
            String plain = wrk(List.of("-t1", "-c8", "-d1s", url));
            assertTrue(plain.contains("requests in"), plain);
            assertFalse(plain.contains("Non-2xx") || plain.contains("Socket errors"), plain);

            Path script = Files.writeString(dir.resolve("pipeline.lua"), String.join("\n",
                    "init = function(args)",
                    "  local r = {}",
                    "  for i = 1, 16 do r[i] = wrk.format(nil, \"/\") end",
                    "  req = table.concat(r)",
                    "end",
                    "request = function() return req end", ""));
            String pipelined = wrk(List.of("-t1", "-c4", "-d1s", "-s", script.toString(), url));
            assertTrue(pipelined.contains("requests in"), pipelined);
            assertFalse(pipelined.contains("Non-2xx") || pipelined.contains("Socket errors"), pipelined);
        }
    }
}
