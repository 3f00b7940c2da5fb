package dev.toolkit.examples.ch07;

import dev.toolkit.tcp.zen.ZenProtocol;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The Zen protocol printing the book's lines on {@code System.out}: the protocol that each worker process of
 * {@code server_multi process} creates by class name (its lines reach the supervisor's terminal).
 */
public class PrintingZenProtocol extends ZenProtocol {

    /** The protocol printing to {@code System.out}. */
    public PrintingZenProtocol() {
        super(ZenLines.ZEN_UTILS.printer(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                true)));
    }
}
