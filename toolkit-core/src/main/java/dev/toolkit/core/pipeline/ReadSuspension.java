package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Auto-read turned off for reasons of the toolkit's own (back-pressure, the frame budget), and on again only
 * once none of them holds. A protocol that turned auto-read off itself keeps control of it: a reason is not
 * taken while auto-read is already off for no reason of ours. Used on the connection's own thread only.
 */
final class ReadSuspension {

    /** Too many bytes queued for the peer. */
    static final int BACK_PRESSURE = 1;
    /** The frame budget of a read burst is spent. */
    static final int FRAME_BUDGET = 2;

    private static final AttributeKey<Integer> REASONS = AttributeKey.valueOf(ReadSuspension.class, "reasons");

    private ReadSuspension() {
    }

    /** Stops reading for {@code reason}; returns whether the reason was taken. */
    static boolean suspend(Channel channel, int reason) {
        Integer held = channel.attr(REASONS).get();
        int reasons = held == null ? 0 : held;
        if ((reasons & reason) != 0) {
            return true;
        }
        if (reasons == 0) {
            if (!channel.config().isAutoRead()) {
                return false;
            }
            channel.config().setAutoRead(false);
        }
        channel.attr(REASONS).set(reasons | reason);
        return true;
    }

    /** Drops {@code reason}; reading resumes when it was the last one. */
    static void resume(Channel channel, int reason) {
        Integer held = channel.attr(REASONS).get();
        if (held == null || (held & reason) == 0) {
            return;
        }
        int reasons = held & ~reason;
        channel.attr(REASONS).set(reasons);
        if (reasons == 0) {
            channel.config().setAutoRead(true);
        }
    }
}
