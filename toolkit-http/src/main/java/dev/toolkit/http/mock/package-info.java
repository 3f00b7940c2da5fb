/**
 * A scripted HTTP/1.1 server for testing HTTP clients, in the manner of OkHttp's MockWebServer:
 * {@link dev.toolkit.http.mock.MockHttpServer} serves the {@link dev.toolkit.http.mock.MockResponse}s a test
 * enqueues, one per request, records each request as a {@link dev.toolkit.http.mock.RecordedRequest}
 * (headers in received order, the raw head bytes, the body, which connection carried it), and can misbehave on
 * purpose through a {@link dev.toolkit.http.mock.SocketPolicy}: close at start, close after the request, close
 * mid-body, stall, never answer, half-close, reset.
 *
 * <pre>{@code
 * try (MockHttpServer server = MockHttpServer.start()) {
 *     server.enqueue(MockResponse.builder().status(200).body("hello").build());
 *     // ... the client under test fetches server.url("/greeting") ...
 *     RecordedRequest request = server.takeRequest();
 *     assertEquals("/greeting", request.path());
 * }
 * }</pre>
 */
package dev.toolkit.http.mock;
