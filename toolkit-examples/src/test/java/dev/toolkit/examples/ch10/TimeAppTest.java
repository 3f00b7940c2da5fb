package dev.toolkit.examples.ch10;

import dev.toolkit.examples.support.FakeHttpRequest;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** timeapp's answers, on requests made without a server. */
class TimeAppTest {

    private static final Clock DEC_6 = Clock.fixed(Instant.parse("2026-12-06T21:00:00Z"), ZoneOffset.UTC);
    private static final HttpApplication APP = TimeApp.timeApp(DEC_6);

    private static void assertAnswer(int status, String text, FakeHttpRequest request) {
        assertEquals(new TimeApp.Answer(status, text), TimeApp.answer(request, DEC_6), request.uri());
        HttpResponse response = APP.handleAsync(request).join();
        assertEquals(status, response.status().code(), request.uri());
        assertEquals("text/plain; charset=utf-8", response.body().contentType());
        assertEquals(text.length(), response.body().contentLength());
    }

    @Test
    void getOfTheRootOn127001TellsTheTimeAsCtimeDoes() {
        assertAnswer(200, "Sun Dec  6 21:00:00 2026", FakeHttpRequest.of("GET", "/").header("Host", "127.0.0.1:8000"));
        assertAnswer(200, "Sun Dec  6 21:00:00 2026", FakeHttpRequest.of("GET", "/?q=ignored")
                .header("Host", "127.0.0.1"));
        // no Host header: the listing takes 127.0.0.1
        assertAnswer(200, "Sun Dec  6 21:00:00 2026", FakeHttpRequest.of("GET", "/"));
        assertEquals("Wed Dec 16 09:05:07 2026", TimeApp.answer(FakeHttpRequest.of("GET", "/"),
                Clock.fixed(Instant.parse("2026-12-16T09:05:07Z"), ZoneOffset.UTC)).text());
    }

    @Test
    void anotherMethodIsNotImplemented() {
        for (String method : new String[] {"POST", "HEAD", "PUT", "DELETE"}) {
            assertAnswer(501, "501 Not Implemented", FakeHttpRequest.of(method, "/").header("Host", "127.0.0.1"));
        }
        assertAnswer(501, "501 Not Implemented", FakeHttpRequest.of("POST", "/elsewhere").header("Host", "x"));
    }

    @Test
    void anotherHostOrPathIsNotFound() {
        assertAnswer(404, "404 Not Found", FakeHttpRequest.of("GET", "/").header("Host", "localhost:8000"));
        assertAnswer(404, "404 Not Found", FakeHttpRequest.of("GET", "/").header("Host", "[::1]:8000"));
        assertAnswer(404, "404 Not Found", FakeHttpRequest.of("GET", "/time").header("Host", "127.0.0.1:8000"));
        assertAnswer(404, "404 Not Found", FakeHttpRequest.of("GET", "//").header("Host", "127.0.0.1"));
    }
}
