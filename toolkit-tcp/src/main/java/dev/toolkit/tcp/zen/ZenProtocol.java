package dev.toolkit.tcp.zen;

import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

import java.util.Objects;

/**
 * The Zen protocol of the book's chapter 7, written once and served under every architecture: a client sends
 * questions, each ending in {@code ?}; the server answers each from {@link Aphorisms} (answers end in
 * {@code .} and carry no other framing). Questions may be pipelined ({@code A?B?} in one segment): each gets
 * its answer, in order.
 *
 * <pre>{@code
 * RunningServer server = Servers.start(ServerConfig.builder().port(1060).backlog(64).build(),
 *         new ZenProtocol());
 * }</pre>
 *
 * <p>The public no-argument constructor (logging through SLF4J) lets {@code Architecture.MULTI_PROCESS}
 * create the protocol in each worker process; subclasses with a no-argument constructor may pass their own
 * {@link ZenListener}.
 */
public class ZenProtocol implements ProtocolDefinition {

    /** The longest question accepted, without its {@code ?} (the book reads 4096 bytes at a time). */
    public static final int MAX_QUESTION = 4096;

    private final ZenListener listener;
    private final boolean listensToAnswers;
    private final Framer framing;

    /** The protocol, logging each conversation through SLF4J. */
    public ZenProtocol() {
        this(ZenListener.LOGGING);
    }

    /** The protocol, telling {@code listener} about each conversation. */
    public ZenProtocol(ZenListener listener) {
        this(listener, MAX_QUESTION);
    }

    /**
     * @param listener told about each conversation
     * @param maxQuestion the longest question accepted, in bytes without the {@code ?}
     */
    public ZenProtocol(ZenListener listener, int maxQuestion) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.listensToAnswers = ZenHandler.overrides(listener, "answered", java.net.InetSocketAddress.class,
                byte[].class, byte[].class);
        this.framing = Framing.delimiter("?", maxQuestion);
    }

    /** The questions' framing: delimited by {@code ?}, at most the question limit. */
    public Framer framing() {
        return framing;
    }

    @Override
    public void initialize(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        UnfinishedQuestion unfinished = new UnfinishedQuestion(framing.maxFrameLength());
        p.addLast(UnfinishedQuestion.NAME, unfinished);
        p.addLast("zen-questions", framing.newDecoder());
        p.addLast("zen-answers", new ZenHandler(listener, listensToAnswers, unfinished));
    }
}
