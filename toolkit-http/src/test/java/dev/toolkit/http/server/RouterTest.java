package dev.toolkit.http.server;

import dev.toolkit.testing.ApiGrammar;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {

    /** An application that answers with its name and the path parameters it got. */
    private static HttpApplication named(String name) {
        return HttpApplication.nonBlocking(request -> HttpResponse.text(200, name + " " + request.pathParameters()));
    }

    private static HttpResponse call(Router router, HttpMethod method, String uri) {
        return router.handleAsync(FakeRequest.of(method, uri)).join();
    }

    private static String body(HttpResponse response) {
        return new String(response.body().content(), StandardCharsets.UTF_8);
    }

    private static String get(Router router, String uri) {
        HttpResponse response = call(router, HttpMethod.GET, uri);
        return response.status().code() + " " + body(response).trim();
    }

    @Test
    void matchesLiteralsParametersAndTheWildcard() {
        Router router = Router.builder()
                .route(HttpMethod.GET, "/", named("root"))
                .route(HttpMethod.GET, "/users", named("users"))
                .route(HttpMethod.GET, "/users/", named("users-slash"))
                .route(HttpMethod.GET, "/users/{id}", named("user"))
                .route(HttpMethod.GET, "/users/{id}/posts/{post}", named("post"))
                .route(HttpMethod.GET, "/files/*", named("files"))
                .build();
        assertEquals("200 root {}", get(router, "/"));
        assertEquals("200 users {}", get(router, "/users?x=1"));
        assertEquals("200 users-slash {}", get(router, "/users/"));
        assertEquals("200 user {id=42}", get(router, "/users/42"));
        assertEquals("200 post {id=7, post=x y}", get(router, "/users/7/posts/x%20y"));
        assertEquals("200 files {*=a/b/c.txt}", get(router, "/files/a/b/c.txt"));
        assertEquals("200 files {*=}", get(router, "/files/"));
        assertEquals("404 404 Not Found", get(router, "/files"));
        assertEquals("404 404 Not Found", get(router, "/users/7/posts"));
        assertEquals("404 404 Not Found", get(router, "/nothing"));
    }

    @Test
    void matchesDecodedSegmentsAndKeepsAnEncodedSlashInsideItsSegment() {
        Router router = Router.builder()
                .route(HttpMethod.GET, "/caf\u00e9", named("cafe"))
                .route(HttpMethod.GET, "/a+b", named("plus"))
                .route(HttpMethod.GET, "/names/{name}", named("name"))
                .build();
        assertEquals("200 cafe {}", get(router, "/caf%C3%A9"));
        assertEquals("200 plus {}", get(router, "/a+b"));
        assertEquals("200 name {name=a/b}", get(router, "/names/a%2Fb"));
        assertEquals("404 404 Not Found", get(router, "/names/a/b"));
        assertEquals(400, call(router, HttpMethod.GET, "/names/%zz").status().code());
        assertEquals(400, call(router, HttpMethod.GET, "/names/%4").status().code());
    }

    @Test
    void theMostSpecificPatternWinsSegmentBySegment() {
        Router router = Router.builder()
                .route(HttpMethod.GET, "/users/me", named("me"))
                .route(HttpMethod.GET, "/users/{id}", named("user"))
                .route(HttpMethod.GET, "/users/*", named("rest"))
                .route(HttpMethod.GET, "/{section}/list", named("list"))
                .route(HttpMethod.GET, "/*", named("all"))
                .build();
        assertEquals("200 me {}", get(router, "/users/me"));
        assertEquals("200 user {id=you}", get(router, "/users/you"));
        assertEquals("200 rest {*=you/too}", get(router, "/users/you/too"));
        assertEquals("200 list {section=books}", get(router, "/books/list"));
        // the first segment decides: literal "users" beats the parameter of /{section}/list
        assertEquals("200 user {id=list}", get(router, "/users/list"));
        assertEquals("200 all {*=other/thing}", get(router, "/other/thing"));
        assertEquals("200 all {*=}", get(router, "/"));
    }

    @Test
    void aLessSpecificPatternServesAMethodTheMoreSpecificOneLacks() {
        Router router = Router.builder()
                .route(HttpMethod.POST, "/users/me", named("post-me"))
                .route(HttpMethod.GET, "/users/{id}", named("user"))
                .build();
        assertEquals("200 user {id=me}", get(router, "/users/me"));
        assertEquals(200, call(router, HttpMethod.POST, "/users/me").status().code());
        HttpResponse put = call(router, HttpMethod.PUT, "/users/me");
        assertEquals(405, put.status().code());
        assertEquals("GET, HEAD, OPTIONS, POST", put.headers().get("Allow"));
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithASortedAllow() {
        Router router = Router.builder()
                .put("/items/{id}", request -> HttpResponse.text(200, "put"))
                .delete("/items/{id}", request -> HttpResponse.text(200, "delete"))
                .patch("/items/{id}", request -> HttpResponse.text(200, "patch"))
                .build();
        HttpResponse response = call(router, HttpMethod.GET, "/items/1");
        assertEquals(405, response.status().code());
        assertEquals("DELETE, OPTIONS, PATCH, PUT", response.headers().get("Allow"));
        assertEquals("405 Method Not Allowed", body(response).trim());
        assertEquals("patch", body(call(router, HttpMethod.PATCH, "/items/1")));
    }

    @Test
    void headIsServedByTheGetRouteUnlessItHasItsOwn() {
        Router router = Router.builder()
                .get("/a", request -> HttpResponse.text(200, "get a " + request.method()))
                .get("/b", request -> HttpResponse.text(200, "get b"))
                .route(HttpMethod.HEAD, "/b", named("head-b"))
                .build();
        assertEquals("get a HEAD", body(call(router, HttpMethod.HEAD, "/a")));
        assertEquals("head-b {}", body(call(router, HttpMethod.HEAD, "/b")));
    }

    @Test
    void optionsIs204WithAllowUnlessRouted() {
        Router router = Router.builder()
                .get("/a", request -> HttpResponse.text(200, "a"))
                .post("/a", request -> HttpResponse.text(200, "a"))
                .route(HttpMethod.OPTIONS, "/b", named("options-b"))
                .route(HttpMethod.DELETE, "/c", named("c"))
                .build();
        HttpResponse a = call(router, HttpMethod.OPTIONS, "/a");
        assertEquals(204, a.status().code());
        assertEquals("GET, HEAD, OPTIONS, POST", a.headers().get("Allow"));
        assertEquals("options-b {}", body(call(router, HttpMethod.OPTIONS, "/b")));
        HttpResponse star = call(router, HttpMethod.OPTIONS, "*");
        assertEquals(204, star.status().code());
        assertEquals("DELETE, GET, HEAD, OPTIONS, POST", star.headers().get("Allow"));
        assertEquals(404, call(router, HttpMethod.OPTIONS, "/none").status().code());
    }

    @Test
    void theFallbackAnswersUnmatchedPaths() {
        Router router = Router.builder()
                .get("/api/{x}", request -> HttpResponse.text(200, "api"))
                .fallback(named("fallback"))
                .build();
        assertEquals("200 fallback {}", get(router, "/index.html"));
        assertEquals(405, call(router, HttpMethod.POST, "/api/1").status().code());
    }

    @Test
    void blockingHandlersRunOnTheWorkerPoolAndRoutersNest() {
        Router inner = Router.builder().get("/v1/{name}", request -> HttpResponse.text(200,
                "inner " + request.pathParameters())).build();
        Router outer = Router.builder().route(HttpMethod.GET, "/api/*", request -> {
            String rest = request.pathParameter("*").orElseThrow();
            return CompletableFuture.completedFuture(HttpResponse.text(200, "outer " + rest));
        }).route(HttpMethod.GET, "/v1/*", inner).build();
        assertEquals("200 outer x/y", get(outer, "/api/x/y"));
        assertEquals("200 inner {name=n}", get(outer, "/v1/n"));
    }

    @Test
    void duplicateRoutesAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.builder()
                .route(HttpMethod.GET, "/users/{id}", named("first"))
                .route(HttpMethod.GET, "/users/{name}", named("second"))
                .route(HttpMethod.POST, "/users/{name}", named("third"))
                .build());
        assertTrue(e.getMessage().contains("GET \"/users/{name}\""), e.getMessage());
        assertTrue(e.getMessage().contains("duplicates GET \"/users/{id}\""), e.getMessage());
        assertTrue(!e.getMessage().contains("POST"), e.getMessage());
    }

    @Test
    void malformedPatternsAreAllNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.builder()
                .route(HttpMethod.GET, "users", named("a"))
                .route(HttpMethod.GET, "/*/x", named("b"))
                .route(HttpMethod.GET, "/{}", named("c"))
                .route(HttpMethod.GET, "/{a}/{a}", named("d"))
                .route(HttpMethod.GET, "/file{x}", named("e"))
                .route(HttpMethod.GET, "/q?x", named("f"))
                .build());
        for (String part : new String[] {"\"users\"", "\"/*/x\"", "\"/{}\"", "\"/{a}/{a}\"", "\"/file{x}\"",
                "\"/q?x\""}) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }

    @Test
    void toBuilderDerivesARouterWithMoreRoutes() {
        Router base = Router.builder().get("/a", request -> HttpResponse.text(200, "a")).build();
        Router more = base.toBuilder().get("/b", request -> HttpResponse.text(200, "b")).build();
        assertEquals(404, call(base, HttpMethod.GET, "/b").status().code());
        assertEquals("a", body(call(more, HttpMethod.GET, "/a")));
        assertEquals("b", body(call(more, HttpMethod.GET, "/b")));
    }

    @Test
    void followsTheApiGrammar() {
        ApiGrammar.assertConfiguration(Router.class, "handleAsync");
    }
}
