package dev.toolkit.examples.support;

import dev.toolkit.examples.support.PythonPrettyPrinter.Literal;
import org.junit.jupiter.api.Test;

import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link PythonPrettyPrinter} against what Python 3.11's {@code pprint.pformat} printed for the same dicts. */
class PythonPrettyPrinterTest {

    /** A mapping with every case the layout has: long values split at spaces, escapes, quotes, literals. */
    static SortedMap<String, Object> sample() {
        SortedMap<String, Object> d = new TreeMap<>();
        d.put("a", "x");
        d.put("HTTP_USER_AGENT", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36");
        d.put("quote", "it's");
        d.put("both", "it's \"x\"");
        d.put("ctl", "a\tb\u0001\u00e9\u2028");
        d.put("wsgi.version", new Literal("(1, 0)"));
        d.put("flag", Literal.of(false));
        d.put("empty", "");
        d.put("nospace", "x".repeat(100));
        d.put("lines", "first line\nsecond line which is rather long and goes on and on and on until it wraps\n");
        return d;
    }

    @Test
    void aLongMappingIsLaidOutAsPythonLaysItOut() {
        String expected = "{'HTTP_USER_AGENT': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 '\n"
                + "                    '(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',\n"
                + " 'a': 'x',\n"
                + " 'both': 'it\\'s \"x\"',\n"
                + " 'ctl': 'a\\tb\\x01\u00e9\\u2028',\n"
                + " 'empty': '',\n"
                + " 'flag': False,\n"
                + " 'lines': 'first line\\n'\n"
                + "          'second line which is rather long and goes on and on and on until it '\n"
                + "          'wraps\\n',\n"
                + " 'nospace': '" + "x".repeat(100) + "',\n"
                + " 'quote': \"it's\",\n"
                + " 'wsgi.version': (1, 0)}";
        assertEquals(expected, PythonPrettyPrinter.pformat(sample()));
    }

    @Test
    void aShortMappingStaysOnOneLine() {
        SortedMap<String, Object> d = new TreeMap<>();
        d.put("c", Literal.of(false));
        d.put("a", "b");
        assertEquals("{'a': 'b', 'c': False}", PythonPrettyPrinter.pformat(d));
        assertEquals("{}", PythonPrettyPrinter.pformat(new TreeMap<>()));
    }

    @Test
    void reprQuotesAndEscapesAsPythonDoes() {
        assertEquals("'plain'", PythonPrettyPrinter.repr("plain"));
        assertEquals("\"it's\"", PythonPrettyPrinter.repr("it's"));
        assertEquals("'it\\'s \"x\"'", PythonPrettyPrinter.repr("it's \"x\""));
        assertEquals("'back\\\\slash\\r\\n'", PythonPrettyPrinter.repr("back\\slash\r\n"));
        assertEquals("'\\x00\\x7f\\xa0\u00ff\\u200b'", PythonPrettyPrinter.repr("\u0000\u007f\u00a0\u00ff\u200b"));
    }
}
