package dev.toolkit.core.observe;

/** Whether and how a connection's bytes are logged (at DEBUG, logger {@code dev.toolkit.wire}). */
public enum WireLog {
    /** No wire log. */
    OFF,
    /** Each read and write as escaped text ({@code b'Hi\r\n'}), for text protocols. */
    TEXT,
    /** Each read and write as a hex dump. */
    HEX;

    /** The logger every wire log writes to, at DEBUG. */
    public static final String LOGGER_NAME = "dev.toolkit.wire";
    /** How many bytes of each read or write the text log shows before cutting it short. */
    public static final int EXCERPT_LIMIT = 512;
}
