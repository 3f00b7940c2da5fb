package dev.toolkit.examples.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Python's {@code pprint.pformat()} (width 80, indent 1, sorted keys) of a mapping of strings to values, laid
 * out line for line as Python lays it out: one entry per line when the mapping does not fit on one, and a string
 * too long for its line split at whitespace into adjacent literals on continuation lines.
 *
 * <p>A value is a {@link String} (printed as Python's {@code repr()} of a {@code str}) or a {@link Literal}
 * (printed as it is: {@code False}, {@code (1, 0)}, {@code <class 'x'>}).
 */
public final class PythonPrettyPrinter {

    /** pprint's default line width. */
    public static final int WIDTH = 80;

    /** A value printed as it is, such as Python's {@code True} or {@code (1, 0)}. */
    public record Literal(String text) {
        /** @param text exactly what Python's {@code repr()} of the value prints */
        public Literal {
            Objects.requireNonNull(text, "text");
        }

        /** Python's {@code True} or {@code False}. */
        public static Literal of(boolean value) {
            return new Literal(value ? "True" : "False");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private PythonPrettyPrinter() {
    }

    /**
     * {@code pprint.pformat(mapping)}.
     *
     * @param mapping keys in Python's sort order (code point order, which a {@code TreeMap} of strings keeps
     *     for every character of the Basic Multilingual Plane)
     */
    public static String pformat(SortedMap<String, ?> mapping) {
        String flat = flatRepr(mapping);
        if (flat.codePointCount(0, flat.length()) <= WIDTH) {
            return flat;
        }
        StringBuilder out = new StringBuilder("{");
        int indent = 1;
        int i = 0;
        for (Map.Entry<String, ?> entry : mapping.entrySet()) {
            boolean last = ++i == mapping.size();
            String key = repr(entry.getKey());
            out.append(key).append(": ");
            // every value's line leaves room for one more character: a comma, or the closing brace
            appendValue(out, entry.getValue(), indent + length(key) + 2, 1);
            if (!last) {
                out.append(",\n").append(" ".repeat(indent));
            }
        }
        return out.append('}').toString();
    }

    private static String flatRepr(SortedMap<String, ?> mapping) {
        List<String> entries = new ArrayList<>();
        mapping.forEach((k, v) -> entries.add(repr(k) + ": " + valueRepr(v)));
        return "{" + String.join(", ", entries) + "}";
    }

    private static String valueRepr(Object value) {
        return value instanceof String ? repr((String) value) : String.valueOf(value);
    }

    /** pprint's {@code _format} of a value inside a mapping (its nesting level 2: no parentheses). */
    private static void appendValue(StringBuilder out, Object value, int indent, int allowance) {
        String rep = valueRepr(value);
        if (!(value instanceof String) || length(rep) <= WIDTH - indent - allowance || ((String) value).isEmpty()) {
            out.append(rep);
            return;
        }
        List<String> chunks = splitString((String) value, indent, allowance);
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                out.append('\n').append(" ".repeat(indent));
            }
            out.append(chunks.get(i));
        }
    }

    /** pprint's {@code _pprint_str}: each line of the string, split at whitespace into literals that fit. */
    private static List<String> splitString(String text, int indent, int allowance) {
        List<String> chunks = new ArrayList<>();
        List<String> lines = splitLinesKeepEnds(text);
        int maxWidth = WIDTH - indent;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean lastLine = i == lines.size() - 1;
            int maxWidth1 = lastLine ? maxWidth - allowance : maxWidth;
            String rep = repr(line);
            if (length(rep) <= maxWidth1) {
                chunks.add(rep);
                continue;
            }
            List<String> parts = wordsWithTrailingSpace(line);
            int maxWidth2 = maxWidth;
            String current = "";
            for (int j = 0; j < parts.size(); j++) {
                String candidate = current + parts.get(j);
                if (j == parts.size() - 1 && lastLine) {
                    maxWidth2 -= allowance;
                }
                if (length(repr(candidate)) > maxWidth2) {
                    if (!current.isEmpty()) {
                        chunks.add(repr(current));
                    }
                    current = parts.get(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(repr(current));
            }
        }
        return chunks;
    }

    /** Python's {@code str.splitlines(True)} for the line breaks a header or path can hold. */
    private static List<String> splitLinesKeepEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (crlf) {
                i++;
            }
            if (crlf || isLineBreak(c)) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
                || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Python's {@code re.findall(r'\S*\s*', line)} without its final empty match. */
    private static List<String> wordsWithTrailingSpace(String line) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int start = i;
            while (i < line.length() && !isSpace(line.charAt(i))) {
                i++;
            }
            while (i < line.length() && isSpace(line.charAt(i))) {
                i++;
            }
            parts.add(line.substring(start, i));
        }
        return parts;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= '\u001c' && c <= '\u001f');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Python's {@code repr()} of a {@code str}: single quotes unless the text holds a single quote and no double
     * quote; backslash escapes for the quote, backslash, tab, newline, carriage return and every character that
     * is not printable.
     */
    public static String repr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (!printable(cp)) {
                sb.append(cp <= 0xff ? String.format("\\x%02x", cp)
                        : cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} of one character: not a control, format, separator or unassigned. */
    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
