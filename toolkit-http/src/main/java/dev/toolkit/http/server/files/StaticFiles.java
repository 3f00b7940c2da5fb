package dev.toolkit.http.server.files;

import dev.toolkit.core.config.Validation;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.ResponseBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves the files under a root directory: an {@link HttpApplication} made by
 * {@code StaticFiles.builder(root)...build()}, used on its own or as a route or fallback of a
 * {@link dev.toolkit.http.server.Router} (under a pattern ending in {@code *} it serves the wildcard's part of
 * the path). The file system is read on the server's worker pool.
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD} only; {@code OPTIONS} is 204 and other methods 405, with
 *       {@code Allow: GET, HEAD, OPTIONS}.</li>
 *   <li>A directory is served by its first index file ({@code index.html} by default), else 404: no listing. A
 *       directory named without its trailing slash is 301 to the slash form (the query kept).</li>
 *   <li>{@code Content-Type} from the extension ({@link ResponseBody#contentTypeOf}, text types with
 *       {@code charset=utf-8}, {@code application/octet-stream} when unknown; {@link Builder#contentType}
 *       adds or replaces one).</li>
 *   <li>A strong {@code ETag} from the size and modification time, {@code Last-Modified}, and 304 for
 *       {@code If-None-Match} (a list compared weakly, or {@code *}) or else {@code If-Modified-Since}.</li>
 *   <li>{@code Range} on {@code GET}: one range is 206 with {@code Content-Range}, several are 206
 *       {@code multipart/byteranges}, none satisfiable is 416 with {@code Content-Range: bytes *&#47;size};
 *       overlapping ranges, more than {@link Builder#maxRanges} (16), a malformed header or an
 *       {@code If-Range} that does not match get the whole file (200).</li>
 *   <li>Whole files are {@link ResponseBody#file(Path)} and ranges {@link ResponseBody#file(Path, long, long,
 *       String)}: the server sends them zero-copy on plaintext, in chunks over TLS, and never compresses a
 *       range.</li>
 *   <li>No escape from the root. A path with a {@code .} or {@code ..} segment (encoded or not), an encoded
 *       slash or backslash ({@code %2F}, {@code %5C}), a backslash, NUL or another control character
 *       (encoded or not) is 400. A file whose real path (symbolic links resolved) is outside the root's real
 *       path is 404, as is anything that is neither a regular file nor a directory.</li>
 * </ul>
 */
public final class StaticFiles implements HttpApplication {

    private static final String ALLOW = "GET, HEAD, OPTIONS";

    private final Path root;
    private final Path realRoot;
    private final List<String> indexFiles;
    private final int maxRanges;
    private final Map<String, String> contentTypes;

    private StaticFiles(Builder b, Path realRoot) {
        this.root = b.root;
        this.realRoot = realRoot;
        this.indexFiles = List.copyOf(b.indexFiles);
        this.maxRanges = b.maxRanges;
        this.contentTypes = Map.copyOf(b.contentTypes);
    }

    /** A builder of static files served from {@code root} (a directory, checked by {@code build()}). */
    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root, "root"));
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(root);
        b.indexFiles = new ArrayList<>(indexFiles);
        b.maxRanges = maxRanges;
        b.contentTypes.putAll(contentTypes);
        return b;
    }

    /** The directory served. */
    public Path root() {
        return root;
    }

    /** The names tried, in order, for a directory. */
    public List<String> indexFiles() {
        return indexFiles;
    }

    /** The most ranges served as asked; more get the whole file. */
    public int maxRanges() {
        return maxRanges;
    }

    /** The media types given by extension (lower case, without the dot) on top of the built-in ones. */
    public Map<String, String> contentTypes() {
        return contentTypes;
    }

    @Override
    public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            HttpResponse.Builder answer = HttpMethod.OPTIONS.equals(method)
                    ? HttpResponse.builder(HttpResponseStatus.NO_CONTENT)
                    : HttpResponse.builder(HttpResponseStatus.METHOD_NOT_ALLOWED)
                            .body(ResponseBody.text("405 Method Not Allowed\n"));
            return CompletableFuture.completedFuture(answer.setHeader(HttpHeaderNames.ALLOW, ALLOW).build());
        }
        RequestPath path;
        try {
            path = RequestPath.parse(relativeRawPath(request));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(HttpResponse.text(400, "400 Bad Request: " + e.getMessage()
                    + "\n"));
        }
        return CompletableFuture.supplyAsync(() -> serve(request, path), request.workerPool());
    }

    /**
     * The raw path to look up: the whole path, or under a router's wildcard the raw segments its {@code "*"}
     * parameter was decoded from (as many as it has, since the path holds no encoded slash).
     */
    static String relativeRawPath(HttpRequest request) {
        String rawPath = request.rawPath();
        Optional<String> rest = request.pathParameter("*");
        if (rest.isEmpty()) {
            return rawPath;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new IllegalArgumentException("the path holds an encoded slash or backslash");
        }
        int segments = rest.get().split("/", -1).length;
        int start = rawPath.length();
        for (int i = 0; i < segments && start >= 0; i++) {
            start = rawPath.lastIndexOf('/', start - 1);
        }
        return start < 0 ? rawPath : rawPath.substring(start + 1);
    }

    private HttpResponse serve(HttpRequest request, RequestPath path) {
        Path target = realRoot;
        for (String segment : path.segments()) {
            target = target.resolve(segment);
        }
        if (!target.normalize().startsWith(realRoot)) {
            return notFound();
        }
        try {
            Path real = realInsideRoot(target);
            if (real == null) {
                return notFound();
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                if (!path.directory()) {
                    String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
                    // one leading slash: "//host/dir" would send the client to another host
                    String location = "/" + request.rawPath().replaceFirst("^/+", "");
                    return HttpResponse.redirect(301, location + "/" + query);
                }
                for (String index : indexFiles) {
                    Path candidate = realInsideRoot(real.resolve(index));
                    if (candidate != null) {
                        BasicFileAttributes indexAttributes = Files.readAttributes(candidate,
                                BasicFileAttributes.class);
                        if (indexAttributes.isRegularFile()) {
                            return file(request, candidate, index, indexAttributes);
                        }
                    }
                }
                return notFound();
            }
            if (path.directory() || !attributes.isRegularFile()) {
                return notFound();
            }
            return file(request, real, target.getFileName().toString(), attributes);
        } catch (IOException e) {
            return notFound();
        }
    }

    /** The real path of {@code file} when it exists and is inside the root's real path, else null. */
    private Path realInsideRoot(Path file) {
        try {
            Path real = file.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpResponse file(HttpRequest request, Path file, String name, BasicFileAttributes attributes) {
        if (!Files.isReadable(file)) {
            return HttpResponse.text(403, "403 Forbidden\n");
        }
        long size = attributes.size();
        Validators validators = new Validators(size, attributes.lastModifiedTime().toMillis());
        HttpHeaders headers = request.headers();
        if (validators.notModified(headers.get(HttpHeaderNames.IF_NONE_MATCH),
                headers.get(HttpHeaderNames.IF_MODIFIED_SINCE))) {
            return validated(HttpResponse.builder(HttpResponseStatus.NOT_MODIFIED), validators).build();
        }
        String type = contentType(name);
        String range = headers.get(HttpHeaderNames.RANGE);
        if (range != null && HttpMethod.GET.equals(request.method())
                && validators.ifRangeHolds(headers.get(HttpHeaderNames.IF_RANGE))) {
            ByteRanges ranges = ByteRanges.parse(range, size, maxRanges);
            if (ranges.outcome() == ByteRanges.Outcome.UNSATISFIABLE) {
                return validated(HttpResponse.builder(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE), validators)
                        .setHeader(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size)
                        .body(ResponseBody.text("416 Range Not Satisfiable\n"))
                        .build();
            }
            if (ranges.outcome() == ByteRanges.Outcome.PARTIAL) {
                return partial(file, size, type, ranges.ranges(), validators);
            }
        }
        ResponseBody body;
        try {
            body = ResponseBody.file(file);
        } catch (UncheckedIOException e) {
            return notFound();
        }
        return validated(HttpResponse.builder(HttpResponseStatus.OK), validators)
                .setHeader(HttpHeaderNames.CONTENT_TYPE, type)
                .body(body)
                .build();
    }

    private static HttpResponse partial(Path file, long size, String type, List<ByteRanges.Range> ranges,
            Validators validators) {
        HttpResponse.Builder answer = validated(HttpResponse.builder(HttpResponseStatus.PARTIAL_CONTENT), validators);
        if (ranges.size() == 1) {
            ByteRanges.Range range = ranges.get(0);
            return answer.setHeader(HttpHeaderNames.CONTENT_RANGE, range.contentRange(size))
                    .body(ResponseBody.file(file, range.first, range.length(), type))
                    .build();
        }
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        MultipartRanges body = new MultipartRanges(file, ranges, size, type, boundary);
        String multipart = "multipart/byteranges; boundary=" + boundary;
        return answer.setHeader(HttpHeaderNames.CONTENT_TYPE, multipart)
                .body(ResponseBody.stream(body, body.length(), multipart))
                .build();
    }

    private static HttpResponse.Builder validated(HttpResponse.Builder answer, Validators validators) {
        return answer.setHeader(HttpHeaderNames.ETAG, validators.etag())
                .setHeader(HttpHeaderNames.LAST_MODIFIED, validators.lastModified())
                .setHeader(HttpHeaderNames.ACCEPT_RANGES, "bytes");
    }

    /** The media type of a file called {@code name}. */
    String contentType(String name) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String given = contentTypes.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (given != null) {
                return given;
            }
        }
        String type = ResponseBody.contentTypeOf(Path.of(name));
        if (type.startsWith("text/") && !type.toLowerCase(Locale.ROOT).contains("charset=")) {
            return type + "; charset=utf-8";
        }
        return type;
    }

    private static HttpResponse notFound() {
        return HttpResponse.text(404, "404 Not Found\n");
    }

    @Override
    public String toString() {
        return "StaticFiles{" + root + "}";
    }

    /** Builds {@link StaticFiles}; the setters only store, {@link #build()} checks everything. */
    public static final class Builder {
        private final Path root;
        private List<String> indexFiles = new ArrayList<>(List.of("index.html"));
        private int maxRanges = 16;
        private final Map<String, String> contentTypes = new LinkedHashMap<>();

        private Builder(Path root) {
            this.root = root;
        }

        /** The names tried, in order, for a directory (default {@code index.html}; none: directories are 404). */
        public Builder indexFiles(String... names) {
            this.indexFiles = new ArrayList<>(List.of(names));
            return this;
        }

        /** The most ranges served as asked (default 16); a request for more gets the whole file. */
        public Builder maxRanges(int maxRanges) {
            this.maxRanges = maxRanges;
            return this;
        }

        /**
         * The media type of files ending in {@code .extension} (replacing the built-in one).
         *
         * @param extension without the dot, any case
         * @param mediaType the whole {@code Content-Type} value, e.g. {@code text/x-log; charset=utf-8}
         */
        public Builder contentType(String extension, String mediaType) {
            contentTypes.put(Objects.requireNonNull(extension, "extension").toLowerCase(Locale.ROOT),
                    Objects.requireNonNull(mediaType, "mediaType"));
            return this;
        }

        /**
         * The application.
         *
         * @throws IllegalArgumentException naming every wrong setting: a root that is no readable directory, an
         *     index name that is not a plain file name, {@code maxRanges} below 1, an empty extension or type
         */
        public StaticFiles build() {
            Validation check = Validation.of("StaticFiles");
            Path realRoot = null;
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                check.rule(false, "root must be an existing directory: " + root);
            }
            check.rule(realRoot == null || Files.isDirectory(realRoot), "root must be a directory: " + root);
            for (String index : indexFiles) {
                check.rule(index != null && !index.isEmpty() && !index.equals(".") && !index.equals("..")
                        && index.indexOf('/') < 0 && index.indexOf('\\') < 0 && index.indexOf('\0') < 0,
                        "indexFiles must be plain file names: " + index);
            }
            check.atLeast("maxRanges", maxRanges, 1);
            contentTypes.forEach((extension, type) -> check.rule(!extension.isEmpty() && extension.indexOf('.') < 0
                    && !type.isBlank(), "contentType needs an extension without a dot and a type: "
                    + extension + " -> " + type));
            check.done();
            return new StaticFiles(this, realRoot);
        }
    }
}
