package dev.toolkit.core.names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services database ({@code /etc/services}): service names and aliases to ports, per protocol, and back.
 *
 * <p>Each line is {@code name port/protocol [aliases...] [# comment]}; names are matched case-sensitively as
 * the C library does, and the first entry for a name and protocol wins.
 */
public final class Services {

    /** The system's file. */
    public static final Path SYSTEM_FILE = Path.of("/etc/services");

    /** One entry: the official name, its port and protocol, and aliases. */
    public record Entry(String name, int port, String protocol, List<String> aliases) {
        /** Copies the aliases. */
        public Entry {
            aliases = List.copyOf(aliases);
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byNameAndProtocol = new HashMap<>();
    private final Map<String, Entry> byPortAndProtocol = new HashMap<>();

    private Services(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byNameAndProtocol.putIfAbsent(e.name() + "/" + e.protocol(), e);
            for (String alias : e.aliases()) {
                byNameAndProtocol.putIfAbsent(alias + "/" + e.protocol(), e);
            }
            byPortAndProtocol.putIfAbsent(e.port() + "/" + e.protocol(), e);
        }
    }

    /** The system's {@code /etc/services}; empty if the file does not exist. */
    public static Services system() {
        return read(SYSTEM_FILE);
    }

    /**
     * Reads a services file; a missing file gives an empty database.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static Services read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return new Services(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the text of a services file; malformed lines are skipped. */
    public static Services parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] words = content.split("[ \t]+");
            if (words.length < 2) {
                continue;
            }
            int slash = words[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(words[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 65535) {
                continue;
            }
            String protocol = words[1].substring(slash + 1).toLowerCase(Locale.ROOT);
            List<String> aliases = new ArrayList<>();
            for (int i = 2; i < words.length; i++) {
                aliases.add(words[i]);
            }
            entries.add(new Entry(words[0], port, protocol, aliases));
        }
        return new Services(entries);
    }

    /** Every entry, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The port of service {@code name} (official name or alias) for {@code protocol} ({@code tcp} or
     * {@code udp}).
     */
    public Optional<Integer> port(String name, String protocol) {
        Objects.requireNonNull(name, "name");
        Entry e = byNameAndProtocol.get(name + "/" + protocol);
        return e == null ? Optional.empty() : Optional.of(e.port());
    }

    /** The official name of the service on {@code port}/{@code protocol}. */
    public Optional<String> name(int port, String protocol) {
        Entry e = byPortAndProtocol.get(port + "/" + protocol);
        return e == null ? Optional.empty() : Optional.of(e.name());
    }
}
