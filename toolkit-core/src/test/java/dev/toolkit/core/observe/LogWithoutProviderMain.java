package dev.toolkit.core.observe;

/** Logs one line per level through the toolkit's logging; run without an SLF4J provider on the class path. */
public final class LogWithoutProviderMain {

    private LogWithoutProviderMain() {
    }

    public static void main(String[] args) {
        org.slf4j.Logger log = Logging.logger(LogWithoutProviderMain.class);
        log.debug("a debug line {}", 1);
        log.info("an info line {}", 2);
        log.warn("a warning {}", 3);
        log.error("an error {}", 4, new IllegalStateException("why"));
    }
}
