package dev.toolkit.http.mock;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Netty's response encoder, told when the response answers a {@code HEAD}: then the headers describe a body
 * that is not sent, chunked or not (what Netty's server codec learns from its decoder, which this pipeline
 * does not use).
 */
final class MockResponseEncoder extends HttpResponseEncoder {

    private boolean answersHead;

    /** Whether the next final response answers a {@code HEAD} request. */
    void answersHead(boolean head) {
        this.answersHead = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            return super.isContentAlwaysEmpty(msg);
        }
        return answersHead || super.isContentAlwaysEmpty(msg);
    }
}
