package dev.toolkit.udp;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.error.Backoff;

import java.util.Objects;

/**
 * Immutable settings of a {@link RequestClient}: the back-off schedule, whether requests carry IDs, and how
 * many may be outstanding.
 *
 * <pre>{@code
 * RequestConfig config = RequestConfig.builder()
 *         .backoff(Backoff.builder().initial(Duration.ofMillis(50)).maxDelay(Duration.ofSeconds(1)).build())
 *         .build();
 * }</pre>
 */
public final class RequestConfig {

    /** The default bound on requests waiting for their replies at once. */
    public static final int DEFAULT_MAX_OUTSTANDING = 1024;
    /** How many answered request IDs are remembered to tell duplicate replies from stray ones. */
    public static final int REMEMBERED_IDS = 4096;

    private static final RequestConfig DEFAULTS = new Builder().build();

    private final Backoff backoff;
    private final boolean requestIds;
    private final int maxOutstanding;
    private final RequestListener listener;

    private RequestConfig(Builder b) {
        this.backoff = b.backoff;
        this.requestIds = b.requestIds;
        this.maxOutstanding = b.maxOutstanding;
        this.listener = b.listener;
    }

    /** The defaults: the book's back-off (0.1 s doubling, giving up past 2.0 s), request IDs on. */
    public static RequestConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder().backoff(backoff).requestIds(requestIds).maxOutstanding(maxOutstanding)
                .listener(listener);
    }

    /** Each attempt waits the next delay of this schedule; when it runs out the request fails. */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Whether requests use the {@link RequestProtocol} frames with IDs (the default). Without IDs the payload
     * goes out as is, as in the book's {@code udp_remote}: only one request may then be outstanding, and any
     * datagram from the server while it waits counts as its reply, even a late reply to an earlier request.
     */
    public boolean requestIds() {
        return requestIds;
    }

    /** The most requests waiting for replies at once; more fail at once. */
    public int maxOutstanding() {
        return maxOutstanding;
    }

    /** The listener told of attempts and dropped datagrams. */
    public RequestListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "RequestConfig{" + backoff + ", requestIds=" + requestIds + ", maxOutstanding=" + maxOutstanding
                + "}";
    }

    /** Builds a {@link RequestConfig}. */
    public static final class Builder {
        private Backoff backoff = Backoff.book();
        private boolean requestIds = true;
        private int maxOutstanding = DEFAULT_MAX_OUTSTANDING;
        private RequestListener listener = new RequestListener() {
        };

        private Builder() {
        }

        /** The back-off schedule (default {@link Backoff#book()}). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Request IDs on (default) or off (plain payloads, one request at a time). */
        public Builder requestIds(boolean on) {
            this.requestIds = on;
            return this;
        }

        /** The most outstanding requests (default 1024). */
        public Builder maxOutstanding(int max) {
            this.maxOutstanding = max;
            return this;
        }

        /** The listener (default: one that does nothing). */
        public Builder listener(RequestListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public RequestConfig build() {
            Validation.of("RequestConfig").atLeast("maxOutstanding", maxOutstanding, 1).done();
            return new RequestConfig(this);
        }
    }
}
