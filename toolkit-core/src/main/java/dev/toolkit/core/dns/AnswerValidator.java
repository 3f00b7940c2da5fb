package dev.toolkit.core.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;

/**
 * Looks at each UDP answer before Netty's DNS decoder does and fails the query at once when the answer cannot
 * be parsed, instead of letting the decoder drop it and the query wait for its time-out. Checks the header,
 * every question and record against the message's end, and every name (owner names and the names inside
 * CNAME, NS, PTR, MX, SRV and SOA data) for label types, length and compression loops. One instance per
 * query channel, first in its pipeline.
 */
final class AnswerValidator extends ChannelInboundHandlerAdapter {

    private static final int HEADER = 12;
    private static final int MAX_NAME = 255;

    private final Promise<?> query;

    AnswerValidator(Promise<?> query) {
        this.query = query;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket) {
            String problem = problem(((DatagramPacket) msg).content());
            if (problem != null) {
                ((DatagramPacket) msg).release();
                query.tryFailure(new MalformedAnswerException(problem));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** A failed query whose answer could not be parsed; the message says why. */
    static final class MalformedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException(String problem) {
            super(problem, null, false, false);
        }
    }

    /** What is wrong with {@code m} (readable bytes, not consumed), or {@code null} if it parses. */
    static String problem(ByteBuf m) {
        int base = m.readerIndex();
        int end = m.writerIndex();
        if (end - base < HEADER) {
            return "shorter than a DNS header (" + (end - base) + " bytes)";
        }
        if ((m.getByte(base + 2) & 0x80) == 0) {
            return "not a response (QR bit clear)";
        }
        int questions = m.getUnsignedShort(base + 4);
        int records = m.getUnsignedShort(base + 6) + m.getUnsignedShort(base + 8) + m.getUnsignedShort(base + 10);
        int at = base + HEADER;
        for (int q = 0; q < questions; q++) {
            int next = skipName(m, base, at, end);
            if (next < 0) {
                return nameProblem(next, "question " + (q + 1), at - base);
            }
            at = next + 4;
            if (at > end) {
                return "question " + (q + 1) + " runs past the end of the message (" + (end - base) + " bytes)";
            }
        }
        for (int r = 0; r < records; r++) {
            int start = at;
            int next = skipName(m, base, at, end);
            if (next < 0) {
                return nameProblem(next, "record " + (r + 1), start - base);
            }
            if (next + 10 > end) {
                return "record " + (r + 1) + " runs past the end of the message (" + (end - base) + " bytes)";
            }
            int type = m.getUnsignedShort(next);
            int length = m.getUnsignedShort(next + 8);
            int data = next + 10;
            if (data + length > end) {
                return "record " + (r + 1) + " claims " + length + " bytes of data past the end of the message";
            }
            String dataProblem = dataNames(m, base, type, data, data + length);
            if (dataProblem != null) {
                return "record " + (r + 1) + ": " + dataProblem;
            }
            at = data + length;
        }
        return null;
    }

    private static String dataNames(ByteBuf m, int base, int type, int data, int dataEnd) {
        int first;
        int names;
        switch (type) {
            case 2, 5, 12 -> { first = data; names = 1; }      // NS, CNAME, PTR
            case 15 -> { first = data + 2; names = 1; }        // MX: preference, exchange
            case 33 -> { first = data + 6; names = 1; }        // SRV: priority, weight, port, target
            case 6 -> { first = data; names = 2; }             // SOA: mname, rname
            default -> { return null; }
        }
        int at = first;
        for (int i = 0; i < names; i++) {
            int next = skipName(m, base, at, dataEnd);
            if (next < 0) {
                return nameProblem(next, "the name in its data", at - base);
            }
            at = next;
        }
        return null;
    }

    private static final int PAST_END = -1;
    private static final int LOOP = -2;
    private static final int BAD_LABEL = -3;
    private static final int TOO_LONG = -4;

    private static String nameProblem(int code, String where, int offset) {
        String what = switch (code) {
            case PAST_END -> "runs past the end of the message";
            case LOOP -> "has a compression loop";
            case BAD_LABEL -> "has a label of an unknown type";
            default -> "is longer than " + MAX_NAME + " bytes";
        };
        return "the name of " + where + " at offset " + offset + " " + what;
    }

    /**
     * Skips the name at {@code at}, following compression pointers within the whole message.
     *
     * @return the offset after the name where it sits (not where pointers led), or a negative problem code
     */
    private static int skipName(ByteBuf m, int base, int at, int limit) {
        int messageEnd = m.writerIndex();
        int after = -1;
        int length = 0;
        int jumps = 0;
        int pos = at;
        for (;;) {
            int bound = after < 0 ? limit : messageEnd;
            if (pos >= bound) {
                return PAST_END;
            }
            int b = m.getUnsignedByte(pos);
            if (b == 0) {
                return after < 0 ? pos + 1 : after;
            }
            switch (b & 0xC0) {
                case 0xC0 -> {
                    if (pos + 1 >= bound) {
                        return PAST_END;
                    }
                    if (after < 0) {
                        after = pos + 2;
                    }
                    // A name has at most 127 labels, so at most 127 pointers; more is a loop.
                    if (++jumps > MAX_NAME / 2) {
                        return LOOP;
                    }
                    int target = base + (((b & 0x3F) << 8) | m.getUnsignedByte(pos + 1));
                    if (target >= messageEnd) {
                        return PAST_END;
                    }
                    if (target == pos) {
                        return LOOP;
                    }
                    pos = target;
                }
                case 0x00 -> {
                    length += b + 1;
                    if (length > MAX_NAME) {
                        return TOO_LONG;
                    }
                    pos += b + 1;
                }
                default -> {
                    return BAD_LABEL;
                }
            }
        }
    }
}
