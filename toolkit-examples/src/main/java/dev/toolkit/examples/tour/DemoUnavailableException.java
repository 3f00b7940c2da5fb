package dev.toolkit.examples.tour;

/**
 * Thrown by a demo that needs a program this machine lacks (say {@code systemd-socket-activate}): the tour
 * reports the demo as not run, naming what to install, rather than as failed.
 */
public final class DemoUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param missing what is missing and how to get it, e.g. "systemd-socket-activate (Debian: systemd)" */
    public DemoUnavailableException(String missing) {
        super(missing);
    }
}
