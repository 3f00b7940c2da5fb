package dev.toolkit.examples;

import dev.toolkit.examples.ch05.PythonPeer;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad command lines given to a listing and to its Python original (argparse, in the tests' resources): the
 * same exit status, a usage line, and the same error line, the program's name aside.
 */
class CommandLinePythonIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Each case: chapter, listing, arguments. */
    private static final List<String[]> CASES = List.of(
            new String[] {"ch02", "udp_local", ""},
            new String[] {"ch02", "udp_local", "foo"},
            new String[] {"ch02", "udp_local", "-p x client"},
            new String[] {"ch02", "udp_local", "client -p"},
            new String[] {"ch02", "udp_local", "client surplus"},
            new String[] {"ch02", "udp_remote", ""},
            new String[] {"ch02", "udp_remote", "client"},
            new String[] {"ch02", "udp_remote", "client 127.0.0.1 -p 1.5"},
            new String[] {"ch03", "tcp_sixteen", ""},
            new String[] {"ch03", "tcp_sixteen", "nope 127.0.0.1"},
            new String[] {"ch05", "blocks", "-p x"},
            new String[] {"ch05", "streamer", "one two"},
            new String[] {"ch06", "safe_tls", ""},
            new String[] {"ch06", "safe_tls", "localhost"},
            new String[] {"ch06", "safe_tls", "localhost x"});

    @Test
    void badCommandLinesReadAsArgparseWordsThem() throws Exception {
        List<String> cases = CASES.stream().map(c -> c[1] + ".py " + c[2]).toList();
        List<String> python;
        try (PythonPeer peer = PythonPeer.start("argparse_errors.py", cases.toArray(String[]::new))) {
            assertEquals(0, peer.awaitExit(TIMEOUT), peer.err().toString());
            python = peer.out();
        }
        assertEquals(CASES.size(), python.size(), python.toString());
        // one command tree for every case (building it is the slow part); picocli resets it before each parse
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine launcher = Launcher.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        for (int i = 0; i < CASES.size(); i++) {
            String chapter = CASES.get(i)[0];
            String listing = CASES.get(i)[1];
            String[] argv = CASES.get(i)[2].isEmpty() ? new String[0] : CASES.get(i)[2].split(" ");
            String[] original = python.get(i).split("\t", -1);
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            List<String> launcherArgs = new ArrayList<>(List.of(chapter, listing));
            launcherArgs.addAll(List.of(argv));
            int status = launcher.execute(launcherArgs.toArray(String[]::new));
            List<String> java = err.toString().lines().toList();
            String what = listing + " " + Arrays.toString(argv);

            assertEquals("2", original[0], what + ": " + python.get(i));
            assertEquals(2, status, what + ": " + java);
            assertEquals("", out.toString(), what);
            assertTrue(original[1].startsWith("usage: " + listing + ".py "), what + ": " + python.get(i));
            assertTrue(java.get(0).startsWith("usage: toolkit " + chapter + " " + listing + " "), what + ": " + java);
            assertEquals(original[2].replace(listing + ".py: ", "toolkit " + chapter + " " + listing + ": "),
                    java.get(java.size() - 1), what);
        }
    }
}
