package dev.toolkit.examples.support;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The argument types of the listings' command lines, converting as argparse's {@code type=} functions do and
 * failing with argparse's wording, which {@link ArgparseErrors} prefixes with {@code argument NAME: }.
 */
public final class ArgumentTypes {

    /** The highest TCP or UDP port. */
    public static final int MAX_PORT = 65535;

    private ArgumentTypes() {
    }

    /** argparse's {@code type=int}: {@code invalid int value: 'x'}. */
    public static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("invalid int value: '" + value + "'");
            }
        }
    }

    /**
     * A port, 0 to 65535, for every listing's {@code -p} or {@code port}: not an integer is argparse's
     * {@code invalid int value: 'x'}; out of range is {@code invalid port value: '70000' (0 to 65535)}, the one
     * wording of that error (where the originals fail later, in {@code bind()} or {@code connect()}).
     */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = new Int().convert(value);
            if (port < 0 || port > MAX_PORT) {
                throw new TypeConversionException(outOfRange(value));
            }
            return port;
        }

        /** The message for a port out of range, for other parsers of ports ({@code HOST:PORT}). */
        public static String outOfRange(String value) {
            return "invalid port value: '" + value + "' (0 to " + MAX_PORT + ")";
        }
    }
}
