package dev.toolkit.examples.ch09;

import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.ResponseBody;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * httpbin's {@code /status/CODES}: the answer of its {@code status_code()} helper for one code, or for one
 * chosen at random among {@code CODE:WEIGHT,...}. The redirect statuses point at {@code /redirect/1} (which
 * leads on to {@code /get}); 401 and 407 challenge for basic authentication; 402, 406 and 418 have bodies of
 * their own (as {@code text/plain}, where httpbin's have no type); any other code is an empty {@code text/html}
 * answer.
 */
final class HttpbinStatus {

    /** Where httpbin's redirect statuses point. */
    static final String REDIRECT_LOCATION = "/redirect/1";

    static final String TEAPOT = "\n    -=[ teapot ]=-\n\n       _...._\n     .'  _ _ `.\n    | .\"` ^ `\". _,\n"
            + "    \\_;`\"---\"`|//\n      |       ;/\n      \\_     _/\n        `\"\"\"`\n";

    static final String NOT_ACCEPTABLE = "{\"message\": \"Client did not request a supported media type.\", "
            + "\"accept\": [\"image/webp\", \"image/svg+xml\", \"image/jpeg\", \"image/png\", \"image/*\"]}";

    private HttpbinStatus() {
    }

    /**
     * The answer to {@code /status/CODES}: 400 {@code Invalid status code} when a code or weight is not a
     * number. Informational codes (1xx) are refused the same way, since no client takes one as a final answer,
     * and so are codes outside 200 to 999.
     */
    static HttpResponse answer(String codes) {
        Integer code = codes.contains(",") ? weightedChoice(codes) : parse(codes);
        if (code == null || code < 200 || code > 999) {
            return HttpResponse.of(400, ResponseBody.text("Invalid status code"));
        }
        return of(code);
    }

    private static Integer parse(String code) {
        try {
            return Integer.parseInt(code.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** httpbin's {@code weighted_choice} over {@code CODE[:WEIGHT],...} (weight 1 by default). */
    private static Integer weightedChoice(String codes) {
        List<Integer> choices = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (String choice : codes.split(",", -1)) {
            String[] parts = choice.split(":", -1);
            if (parts.length > 2) {
                return null;
            }
            Integer code = parse(parts[0]);
            double weight;
            try {
                weight = parts.length == 2 ? Double.parseDouble(parts[1].strip()) : 1;
            } catch (NumberFormatException e) {
                return null;
            }
            if (code == null) {
                return null;
            }
            choices.add(code);
            weights.add(weight);
            total += weight;
        }
        double point = ThreadLocalRandom.current().nextDouble() * total;
        for (int i = 0; i < choices.size(); i++) {
            point -= weights.get(i);
            if (point < 0) {
                return choices.get(i);
            }
        }
        return choices.get(choices.size() - 1);
    }

    /** httpbin's {@code status_code(code)}. */
    static HttpResponse of(int code) {
        switch (code) {
            case 301, 302, 303, 305, 307:
                // httpbin replaces the headers with its own dict, whose key is lower case
                return HttpResponse.builder(code).setHeader("location", REDIRECT_LOCATION).build();
            case 304:
                return HttpResponse.builder(code).build();
            case 401:
                return HttpResponse.builder(code).setHeader(HttpHeaderNames.WWW_AUTHENTICATE,
                        "Basic realm=\"Fake Realm\"").build();
            case 402:
                return HttpResponse.builder(code).setHeader("x-more-info", "http://vimeo.com/22053820")
                        .body(ResponseBody.text("Fuck you, pay me!")).build();
            case 406:
                return HttpResponse.builder(code).body(ResponseBody.bytes(
                        NOT_ACCEPTABLE.getBytes(StandardCharsets.UTF_8), HttpbinJson.CONTENT_TYPE)).build();
            case 407:
                return HttpResponse.builder(code).setHeader(HttpHeaderNames.PROXY_AUTHENTICATE,
                        "Basic realm=\"Fake Realm\"").build();
            case 418:
                return HttpResponse.builder(code).setHeader("x-more-info", "http://tools.ietf.org/html/rfc2324")
                        .body(ResponseBody.text(TEAPOT)).build();
            default:
                return HttpbinPages.empty(code).build();
        }
    }
}
