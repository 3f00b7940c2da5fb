package dev.toolkit.http.server.files;

import dev.toolkit.http.server.FakeRequest;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.Router;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticFilesTest {

    @TempDir
    static Path temp;
    static Path root;
    static StaticFiles files;
    static final String HELLO = "hello, files\n";

    @BeforeAll
    static void tree() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), HELLO);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Files.write(root.resolve("data.bin"), data);
        Files.writeString(root.resolve("page.HTML"), "<p>x</p>");
        Files.writeString(root.resolve("notes.log"), "log");
        Files.writeString(root.resolve("noext"), "?");
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/index.html"), "<h1>index</h1>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), temp);
        Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("hello.txt"));
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.fromMillis(1767323045678L));
        files = StaticFiles.builder(root).contentType("log", "text/x-log; charset=utf-8").build();
    }

    private static HttpResponse call(FakeRequest request) {
        return files.handleAsync(request).join();
    }

    private static HttpResponse get(String uri) {
        return call(FakeRequest.get(uri));
    }

    @Test
    void servesAWholeFileWithItsTypeAndValidators() {
        HttpResponse response = get("/hello.txt");
        assertEquals(200, response.status().code());
        assertEquals("text/plain; charset=utf-8", response.headers().get("Content-Type"));
        assertEquals(HELLO.length(), response.body().contentLength());
        assertEquals("Fri, 02 Jan 2026 03:04:05 GMT", response.headers().get("Last-Modified"));
        assertEquals("\"" + Long.toHexString(HELLO.length()) + "-" + Long.toHexString(1767323045678L) + "\"",
                response.headers().get("ETag"));
        assertEquals("bytes", response.headers().get("Accept-Ranges"));
        assertEquals(200, call(FakeRequest.of(HttpMethod.HEAD, "/hello.txt")).status().code());
    }

    @Test
    void contentTypesByExtension() {
        assertEquals("text/html; charset=utf-8", get("/page.HTML").headers().get("Content-Type"));
        assertEquals("text/x-log; charset=utf-8", get("/notes.log").headers().get("Content-Type"));
        assertEquals("application/octet-stream", get("/noext").headers().get("Content-Type"));
        assertEquals("application/octet-stream", files.contentType("x.unknownextension"));
        assertEquals("image/png", files.contentType("a.png"));
        assertEquals("text/css; charset=utf-8", files.contentType("a.css"));
    }

    @Test
    void directoriesHaveIndexFilesOrAre404AndNeedTheirSlash() {
        HttpResponse index = get("/dir/");
        assertEquals(200, index.status().code());
        assertEquals("text/html; charset=utf-8", index.headers().get("Content-Type"));
        HttpResponse redirect = get("/dir?a=1");
        assertEquals(301, redirect.status().code());
        assertEquals("/dir/?a=1", redirect.headers().get("Location"));
        assertEquals("/dir/", get("//dir").headers().get("Location"));
        assertEquals(404, get("/empty/").status().code());
        assertEquals(404, get("/hello.txt/").status().code());
        assertEquals(404, get("/missing.txt").status().code());
        assertEquals(404, get("/").status().code());
        StaticFiles noIndex = files.toBuilder().indexFiles().build();
        assertEquals(404, noIndex.handleAsync(FakeRequest.get("/dir/")).join().status().code());
    }

    @Test
    void conditionalRequestsAre304() {
        String etag = get("/hello.txt").headers().get("ETag");
        HttpResponse notModified = call(FakeRequest.get("/hello.txt").header("If-None-Match", "\"x\", W/" + etag));
        assertEquals(304, notModified.status().code());
        assertEquals(etag, notModified.headers().get("ETag"));
        assertEquals(304, call(FakeRequest.get("/hello.txt")
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT")).status().code());
        assertEquals(200, call(FakeRequest.get("/hello.txt")
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:04 GMT")).status().code());
        assertEquals(200, call(FakeRequest.get("/hello.txt").header("If-None-Match", "\"x\"")
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT")).status().code());
        assertEquals(304, call(FakeRequest.of(HttpMethod.HEAD, "/hello.txt").header("If-None-Match", "*"))
                .status().code());
    }

    @Test
    void rangesAre206Or416OrTheWholeFile() {
        HttpResponse single = call(FakeRequest.get("/data.bin").header("Range", "bytes=0-99"));
        assertEquals(206, single.status().code());
        assertEquals("bytes 0-99/1000", single.headers().get("Content-Range"));
        assertEquals(100, single.body().contentLength());
        HttpResponse suffix = call(FakeRequest.get("/data.bin").header("Range", "bytes=-10"));
        assertEquals("bytes 990-999/1000", suffix.headers().get("Content-Range"));
        HttpResponse unsatisfiable = call(FakeRequest.get("/data.bin").header("Range", "bytes=1000-"));
        assertEquals(416, unsatisfiable.status().code());
        assertEquals("bytes */1000", unsatisfiable.headers().get("Content-Range"));
        HttpResponse multi = call(FakeRequest.get("/data.bin").header("Range", "bytes=0-1,5-6"));
        assertEquals(206, multi.status().code());
        assertTrue(multi.headers().get("Content-Type").startsWith("multipart/byteranges; boundary="));
        assertNull(multi.headers().get("Content-Range"));
        assertEquals(200, call(FakeRequest.get("/data.bin").header("Range", "bytes=0-10,5-6")).status().code());
        assertEquals(200, call(FakeRequest.of(HttpMethod.HEAD, "/data.bin").header("Range", "bytes=0-1"))
                .status().code());
    }

    @Test
    void ifRangeKeepsTheRangeOnlyWhenTheFileIsTheSame() {
        String etag = get("/data.bin").headers().get("ETag");
        String date = get("/data.bin").headers().get("Last-Modified");
        assertEquals(206, call(FakeRequest.get("/data.bin").header("Range", "bytes=0-1").header("If-Range", etag))
                .status().code());
        assertEquals(206, call(FakeRequest.get("/data.bin").header("Range", "bytes=0-1").header("If-Range", date))
                .status().code());
        assertEquals(200, call(FakeRequest.get("/data.bin").header("Range", "bytes=0-1")
                .header("If-Range", "\"old\"")).status().code());
        assertEquals(200, call(FakeRequest.get("/data.bin").header("Range", "bytes=0-1")
                .header("If-Range", "W/" + etag)).status().code());
    }

    @Test
    void aMultipartBodyHoldsEachRangeWithItsHeaders() throws IOException {
        List<ByteRanges.Range> ranges = ByteRanges.parse("bytes=0-1,5-6", 1000, 16).ranges();
        MultipartRanges body = new MultipartRanges(root.resolve("data.bin"), ranges, 1000, "application/x-data", "B");
        byte[] all;
        try (InputStream in = body) {
            all = in.readAllBytes();
            assertEquals(-1, in.read());
        }
        assertEquals(body.length(), all.length);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        assertEquals("--B\r\nContent-Type: application/x-data\r\nContent-Range: bytes 0-1/1000\r\n\r\n\u0000\u0001"
                + "\r\n--B\r\nContent-Type: application/x-data\r\nContent-Range: bytes 5-6/1000\r\n\r\n\u0005\u0006"
                + "\r\n--B--\r\n", text);
    }

    @Test
    void onlyGetAndHead() {
        HttpResponse post = call(FakeRequest.of(HttpMethod.POST, "/hello.txt"));
        assertEquals(405, post.status().code());
        assertEquals("GET, HEAD, OPTIONS", post.headers().get("Allow"));
        HttpResponse options = call(FakeRequest.of(HttpMethod.OPTIONS, "/hello.txt"));
        assertEquals(204, options.status().code());
        assertEquals("GET, HEAD, OPTIONS", options.headers().get("Allow"));
    }

    @Test
    void noEscapeFromTheRoot() {
        for (String uri : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/dir/..%2F..%2Fsecret.txt",
                "/dir%2F..%2F..%2Fsecret.txt", "/..%5Csecret.txt", "/hello.txt%00.png", "/.%2E/secret.txt"}) {
            HttpResponse response = get(uri);
            assertEquals(400, response.status().code(), uri);
        }
        assertEquals(404, get("/out.txt").status().code());
        assertEquals(404, get("/outdir/secret.txt").status().code());
        assertEquals(404, get("/outdir/").status().code());
        assertEquals(200, get("/in.txt").status().code());
    }

    @Test
    void underARouterWildcardItServesTheRest() {
        Router router = Router.builder()
                .route(HttpMethod.GET, "/static/*", files)
                .route(HttpMethod.HEAD, "/static/*", files)
                .build();
        assertEquals(200, router.handleAsync(FakeRequest.get("/static/hello.txt")).join().status().code());
        assertEquals(200, router.handleAsync(FakeRequest.get("/static/dir/")).join().status().code());
        assertEquals(400, router.handleAsync(FakeRequest.get("/static/x/../dir/")).join().status().code());
        HttpResponse redirect = router.handleAsync(FakeRequest.get("/static/dir")).join();
        assertEquals(301, redirect.status().code());
        assertEquals("/static/dir/", redirect.headers().get("Location"));
        assertEquals(400, router.handleAsync(FakeRequest.get("/static/a%2F..%2F..%2Fsecret.txt")).join()
                .status().code());
        assertEquals(404, router.handleAsync(FakeRequest.get("/static/")).join().status().code());
    }

    @Test
    void buildNamesEveryWrongSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                StaticFiles.builder(temp.resolve("absent")).indexFiles("ok.html", "../up.html", "")
                        .maxRanges(0).contentType("", "x/y").build());
        for (String part : new String[] {"root", "../up.html", "maxRanges", "contentType"}) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(root.resolve("hello.txt")).build());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        StaticFiles derived = files.toBuilder().maxRanges(2).build();
        assertEquals(files.root(), derived.root());
        assertEquals(files.indexFiles(), derived.indexFiles());
        assertEquals(files.contentTypes(), derived.contentTypes());
        assertEquals(2, derived.maxRanges());
        assertEquals(200, derived.handleAsync(FakeRequest.get("/data.bin").header("Range", "bytes=0-0,2-2,4-4"))
                .join().status().code());
    }
}
