package dev.toolkit.bench.load;

import java.util.Objects;

/**
 * One load a benchmark puts on each of its servers in turn.
 *
 * @param name a short name for reports ({@code steady-64})
 * @param load what the load generator does (the harness sets its round and warm-up times)
 */
public record Scenario(String name, Load load) {

    /** Checks. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(load, "load");
    }
}
