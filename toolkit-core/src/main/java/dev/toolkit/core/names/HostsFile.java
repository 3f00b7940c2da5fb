package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetLiterals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts file ({@code /etc/hosts}) as the C library's {@code files} source reads it.
 *
 * <p>Each line is {@code address canonical-name [aliases...] [# comment]}. A name is matched without regard
 * to ASCII case, exactly as written (a query for {@code localhost.} does not match {@code localhost}). All
 * lines that list a name contribute addresses, in file order; the canonical name is the first name on the
 * first matching line. Addresses that are not literals are skipped.
 */
public final class HostsFile {

    /** The system's file. */
    public static final Path SYSTEM_FILE = Path.of("/etc/hosts");

    /** The addresses of one name and its canonical name. */
    public record Match(String canonicalName, List<InetAddress> addresses) {
        /** Copies the list. */
        public Match {
            addresses = List.copyOf(addresses);
        }
    }

    private record Line(InetAddress address, List<String> names) {
    }

    private final List<Line> lines;

    private HostsFile(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The system's {@code /etc/hosts}; empty if it does not exist. */
    public static HostsFile system() {
        return read(SYSTEM_FILE);
    }

    /** An empty hosts file. */
    public static HostsFile empty() {
        return new HostsFile(List.of());
    }

    /**
     * Reads a hosts file; a missing file gives an empty one.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static HostsFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the text of a hosts file. */
    public static HostsFile parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            int hash = raw.indexOf('#');
            String content = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] words = content.split("[ \t]+");
            if (words.length < 2) {
                continue;
            }
            InetAddress address = InetLiterals.parseWithScope(words[0]);
            if (address == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                names.add(words[i]);
            }
            lines.add(new Line(address, names));
        }
        return new HostsFile(lines);
    }

    /**
     * The addresses of {@code name}, in file order without repeats, and its canonical name.
     *
     * @return empty if no line lists the name
     */
    public Optional<Match> lookup(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String canonical = null;
        Map<InetAddress, Boolean> addresses = new LinkedHashMap<>();
        for (Line line : lines) {
            for (String n : line.names()) {
                if (n.toLowerCase(Locale.ROOT).equals(key)) {
                    if (canonical == null) {
                        canonical = line.names().get(0);
                    }
                    addresses.put(line.address(), Boolean.TRUE);
                    break;
                }
            }
        }
        return canonical == null ? Optional.empty()
                : Optional.of(new Match(canonical, new ArrayList<>(addresses.keySet())));
    }

    /** The canonical name of the first line that lists {@code address}. */
    public Optional<String> nameOf(InetAddress address) {
        for (Line line : lines) {
            if (line.address().equals(address)) {
                return Optional.of(line.names().get(0));
            }
        }
        return Optional.empty();
    }
}
