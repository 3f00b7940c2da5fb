package dev.toolkit.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The answers the server gives itself: a status line's text as a plain-text body. */
final class Responses {

    private Responses() {
    }

    /** {@code status} with its code and reason as the body ({@code 404 Not Found}). */
    static HttpResponse status(HttpResponseStatus status) {
        if (status.code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
            return HttpResponse.builder(status).setHeader(HttpHeaderNames.RETRY_AFTER, "1")
                    .body(ResponseBody.text(status.code() + " " + status.reasonPhrase() + "\n")).build();
        }
        return HttpResponse.text(status.code(), status.code() + " " + status.reasonPhrase() + "\n");
    }
}
