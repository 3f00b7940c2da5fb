package dev.toolkit.core.dns.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A TXT record: one or more character strings.
 *
 * <p>The strings are kept as bytes (they need not be text); {@link #strings()} decodes them as UTF-8.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param data the character strings, each at most 255 bytes
 */
public record TxtRecord(String name, long ttl, List<byte[]> data) implements ResourceRecord {

    /** Checks the fields and copies the list. */
    public TxtRecord {
        Objects.requireNonNull(name, "name");
        data = data.stream().map(byte[]::clone).toList();
    }

    /** The character strings decoded as UTF-8. */
    public List<String> strings() {
        return data.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** The character strings as byte arrays (copies). */
    @Override
    public List<byte[]> data() {
        return data.stream().map(byte[]::clone).toList();
    }

    @Override
    public RecordType type() {
        return RecordType.TXT;
    }

    /** The strings quoted, with {@code "}, {@code \} and non-printable bytes escaped: {@code "a b" "c"}. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (byte[] s : data) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"');
            for (byte b : s) {
                int c = b & 0xFF;
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c < 0x20 || c >= 0x7F) {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            sb.append('"');
        }
        return sb.toString();
    }

    @Override
    public TxtRecord withTtl(long ttl) {
        return new TxtRecord(name, ttl, data);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TxtRecord)) {
            return false;
        }
        TxtRecord t = (TxtRecord) o;
        if (!name.equals(t.name) || ttl != t.ttl || data.size() != t.data.size()) {
            return false;
        }
        for (int i = 0; i < data.size(); i++) {
            if (!java.util.Arrays.equals(data.get(i), t.data.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(name, ttl);
        for (byte[] s : data) {
            h = 31 * h + java.util.Arrays.hashCode(s);
        }
        return h;
    }

    @Override
    public String toString() {
        return "TxtRecord[name=" + name + ", ttl=" + ttl + ", strings=" + strings() + "]";
    }
}
