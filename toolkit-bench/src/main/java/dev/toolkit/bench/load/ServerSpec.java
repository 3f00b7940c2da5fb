package dev.toolkit.bench.load;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server under test: a Java main class run in its own JVM with its arguments, and the line it prints once it
 * listens, from which the port is read (the pattern's group 1).
 *
 * @param name the server's name in reports
 * @param mainClass the class whose {@code main} serves
 * @param arguments its arguments
 * @param listening matches the line printed once it listens; group 1 is the port
 */
public record ServerSpec(String name, String mainClass, List<String> arguments, Pattern listening) {

    /** The line chapter 7's servers print: {@code Listening at ('127.0.0.1', 1060)}. */
    public static final Pattern LISTENING_AT = Pattern.compile("^Listening at .*[ :(](\\d{1,5})\\)?$");

    /** Checks and copies. */
    public ServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(listening, "listening");
        arguments = List.copyOf(arguments);
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a server name is letters, digits, '_', '.' or '-': " + name);
        }
    }
}
