package dev.toolkit.examples.ch07;

import dev.toolkit.tcp.zen.ZenListener;
import dev.toolkit.tcp.zen.ZenProtocol;

/**
 * The Zen protocol with nothing printed or logged per connection, so that a benchmark measures the serving and
 * not the logging. Public with a no-argument constructor so that worker processes can create it by name.
 */
public final class QuietZenProtocol extends ZenProtocol {

    /** The protocol with a listener that ignores every event. */
    public QuietZenProtocol() {
        super(new ZenListener() {
        });
    }
}
