package dev.toolkit.http.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trusted proxies and the forwarding headers, the access log line, absolute-form targets. */
class RequestEnvironmentTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("10.1.2.3", 5000);
    private static final TrustedProxies TRUSTED = TrustedProxies.parse(List.of("10.0.0.0/8", "::1"));

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    void trustedProxiesMatchAddressesAndBlocks() {
        assertTrue(TRUSTED.trusts(PROXY.getAddress()));
        assertTrue(TRUSTED.trusts(new InetSocketAddress("::1", 1).getAddress()));
        assertFalse(TRUSTED.trusts(new InetSocketAddress("11.0.0.1", 1).getAddress()));
        assertTrue(TrustedProxies.parse(List.of("::ffff:10.0.0.0/104")).trusts(PROXY.getAddress()));
    }

    @Test
    void forwardedFromATrustedProxyGivesTheClientAndScheme() {
        ClientOrigin origin = ClientOrigin.of(PROXY, false, "http",
                headers("Forwarded", "for=192.0.2.60;proto=https, for=\"[2001:db8::1]:4711\";proto=https",
                        "X-Forwarded-For", "198.51.100.1"), TRUSTED);
        assertEquals(new InetSocketAddress("2001:db8::1", 4711), origin.address);
        assertEquals("https", origin.scheme);
    }

    @Test
    void xForwardedForSkipsTrustedHopsFromTheRight() {
        ClientOrigin origin = ClientOrigin.of(PROXY, false, "http",
                headers("X-Forwarded-For", "203.0.113.9, 198.51.100.7, 10.9.9.9", "X-Forwarded-Proto", "https"),
                TRUSTED);
        assertEquals(new InetSocketAddress("198.51.100.7", 0), origin.address);
        assertEquals("https", origin.scheme);
    }

    @Test
    void forwardingHeadersFromOtherPeersAreIgnored() {
        InetSocketAddress stranger = new InetSocketAddress("192.0.2.1", 40000);
        ClientOrigin origin = ClientOrigin.of(stranger, false, "http",
                headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"), TRUSTED);
        assertEquals(stranger, origin.address);
        assertEquals("http", origin.scheme);
        ClientOrigin proxied = ClientOrigin.of(PROXY, true, "https", headers("X-Forwarded-For", "203.0.113.9"),
                TRUSTED);
        assertEquals(PROXY, proxied.address);
    }

    @Test
    void accessLogLinesAreInCombinedLogFormat() {
        String line = AccessLog.line(new InetSocketAddress("127.0.0.1", 5), 0L, "GET /a\"b HTTP/1.1", 200, 12,
                null, "curl/8");
        assertEquals("127.0.0.1 - - [01/Jan/1970:00:00:00 +0000] \"GET /a\\\"b HTTP/1.1\" 200 12 \"-\" \"curl/8\"",
                line);
    }

    @Test
    void absoluteFormTargetsKeepTheirPathAndQuery() {
        assertEquals("/p?q=1", RequestEnvironment.originForm("http://example.test:8080/p?q=1"));
        assertEquals("/?q", RequestEnvironment.originForm("http://example.test?q"));
        assertEquals("/", RequestEnvironment.originForm("https://example.test"));
        assertEquals("/plain", RequestEnvironment.originForm("/plain"));
    }

    @Test
    void responseValuesAreImmutableAndDerivable() {
        HttpResponse response = HttpResponse.builder(201).header("X-A", "1").header("X-A", "2")
                .body(ResponseBody.json(java.util.Map.of("k", "v"))).build();
        assertEquals(List.of("1", "2"), response.headers().getAll("x-a"));
        assertEquals("application/json", response.body().contentType());
        HttpResponse changed = response.toBuilder().setHeader("X-A", "3").build();
        assertEquals(List.of("3"), changed.headers().getAll("x-a"));
        assertEquals(List.of("1", "2"), response.headers().getAll("x-a"));
        assertEquals("/there", HttpResponse.redirect(302, "/there").headers().get("location"));
        assertEquals("text/html; charset=utf-8", ResponseBody.contentTypeOf(java.nio.file.Path.of("index.html")));
        assertEquals("text/plain; charset=iso-8859-1",
                ResponseBody.text("x", java.nio.charset.StandardCharsets.ISO_8859_1, "text/plain").contentType());
    }
}
