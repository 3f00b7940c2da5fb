package dev.toolkit.tcp.zen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Zen protocol's dictionary (the book's {@code zen_utils.aphorisms}): three questions, each ending in
 * {@code ?}, with their answers, each ending in {@code .}. Anything else is answered with {@link #UNKNOWN}.
 */
public final class Aphorisms {

    /** The answer to a question the dictionary does not hold. */
    public static final String UNKNOWN = "Error: unknown aphorism.";

    /** The answer to a question longer than the protocol's limit, just before the server closes. */
    public static final String TOO_LONG = "Error: question too long.";

    private static final Map<String, String> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put("Beautiful is better than?", "Ugly.");
        ANSWERS.put("Explicit is better than?", "Implicit.");
        ANSWERS.put("Simple is better than?", "Complex.");
    }

    // The questions without their '?', and each answer encoded once, in direct memory (the transports write
    // it without a copy), read-only and unreleasable: every connection writes duplicates of the same bytes.
    private static final ByteBuf[] QUESTION_BUFFERS;
    private static final ByteBuf[] ANSWER_BUFFERS;
    private static final ByteBuf UNKNOWN_BUFFER = constant(UNKNOWN);

    static {
        List<String> questions = List.copyOf(ANSWERS.keySet());
        QUESTION_BUFFERS = new ByteBuf[questions.size()];
        ANSWER_BUFFERS = new ByteBuf[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.get(i);
            QUESTION_BUFFERS[i] = constant(q.substring(0, q.length() - 1));
            ANSWER_BUFFERS[i] = constant(ANSWERS.get(q));
        }
    }

    private Aphorisms() {
    }

    private static ByteBuf constant(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
    }

    /**
     * The answer to a question received without its {@code ?}, as a buffer to write: a duplicate of a shared
     * constant (releasing it does nothing), so answering allocates next to nothing.
     */
    static ByteBuf answerBuffer(ByteBuf questionWithoutMark) {
        for (int i = 0; i < QUESTION_BUFFERS.length; i++) {
            if (ByteBufUtil.equals(QUESTION_BUFFERS[i], questionWithoutMark)) {
                return ANSWER_BUFFERS[i].duplicate();
            }
        }
        return UNKNOWN_BUFFER.duplicate();
    }

    /** The three questions, each with its {@code ?}, in the book's order. */
    public static List<String> questions() {
        return List.copyOf(ANSWERS.keySet());
    }

    /** The answer to {@code question} (with its {@code ?}), or {@link #UNKNOWN}. */
    public static String answer(String question) {
        return ANSWERS.getOrDefault(question, UNKNOWN);
    }

    /**
     * The answer's bytes to a question received without its {@code ?} (as the framing delivers it).
     *
     * @param questionWithoutMark the question's ASCII bytes, the {@code ?} stripped
     */
    public static byte[] answer(byte[] questionWithoutMark) {
        byte[] withMark = Arrays.copyOf(questionWithoutMark, questionWithoutMark.length + 1);
        withMark[questionWithoutMark.length] = '?';
        // ISO-8859-1 maps every byte to one char, so arbitrary bytes never match by accident.
        return answer(new String(withMark, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.US_ASCII);
    }
}
