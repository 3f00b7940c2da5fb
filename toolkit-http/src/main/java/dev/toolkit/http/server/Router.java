package dev.toolkit.http.server;

import dev.toolkit.core.config.Validation;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each request to the application registered for its method and path: an immutable
 * {@link HttpApplication} made by {@code Router.builder()...build()}.
 *
 * <p>A pattern is a path of segments: a literal ({@code users}), a parameter ({@code {id}}, any one segment)
 * or, as the last segment only, a wildcard {@code *} (the rest of the path: one or more segments, the last
 * possibly empty). Segments are matched after percent-decoding, so {@code /caf%C3%A9} matches the literal
 * {@code café}, and an encoded slash ({@code %2F}) stays inside its segment. The application gets the request
 * with its {@link HttpRequest#pathParameters()}: each parameter by name, the wildcard's rest as {@code "*"}.
 *
 * <p>When several patterns match, the most specific one that has a route for the method wins: segment by
 * segment, a literal over a parameter over the wildcard. Then:
 * <ul>
 *   <li>no pattern matches: the {@linkplain Builder#fallback fallback} (by default a 404);</li>
 *   <li>patterns match but none has the method: 405 with {@code Allow} naming what they have;</li>
 *   <li>{@code HEAD} is served by the {@code GET} route unless one is registered for {@code HEAD} (the server
 *       sends no body to {@code HEAD});</li>
 *   <li>{@code OPTIONS} is answered 204 with {@code Allow} unless one is registered for {@code OPTIONS};
 *       {@code OPTIONS *} names every method of the router.</li>
 * </ul>
 * {@code Allow} lists the methods sorted, with {@code HEAD} wherever {@code GET} is, and {@code OPTIONS}.
 */
public final class Router implements HttpApplication {

    private final List<Registration> registrations;
    private final HttpApplication fallback;
    private final Node root;
    private final String allMethods;

    private Router(Builder b, Node root) {
        this.registrations = List.copyOf(b.registrations);
        this.fallback = b.fallback;
        this.root = root;
        TreeSet<String> methods = new TreeSet<>();
        for (Registration r : registrations) {
            methods.add(r.method.name());
        }
        this.allMethods = allow(methods);
    }

    /** A builder of a router with no routes and a 404 fallback. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this router's routes and fallback. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.registrations.addAll(registrations);
        b.fallback = fallback;
        return b;
    }

    @Override
    public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
        String rawPath = request.rawPath();
        HttpMethod method = request.method();
        if (!rawPath.startsWith("/")) {
            if ("*".equals(rawPath) && HttpMethod.OPTIONS.equals(method)) {
                return CompletableFuture.completedFuture(options(allMethods));
            }
            return fallback.handleAsync(request);
        }
        String[] segments;
        try {
            segments = PathSegments.decode(rawPath);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(HttpResponse.text(400,
                    "400 Bad Request: the path has an invalid percent-encoding\n"));
        }
        List<Match> matches = new ArrayList<>(2);
        root.collect(segments, 0, new String[segments.length], 0, matches);
        if (matches.isEmpty()) {
            return fallback.handleAsync(request);
        }
        for (Match match : matches) {
            Route route = match.node.routeFor(method);
            if (route != null) {
                return route.application.handleAsync(request.withPathParameters(match.parameters(route)));
            }
        }
        TreeSet<String> methods = new TreeSet<>();
        for (Match match : matches) {
            methods.addAll(match.node.routes.keySet());
        }
        String allowed = allow(methods);
        if (HttpMethod.OPTIONS.equals(method)) {
            return CompletableFuture.completedFuture(options(allowed));
        }
        return CompletableFuture.completedFuture(HttpResponse.builder(HttpResponseStatus.METHOD_NOT_ALLOWED)
                .setHeader(HttpHeaderNames.ALLOW, allowed)
                .body(ResponseBody.text("405 Method Not Allowed\n"))
                .build());
    }

    private static HttpResponse options(String allowed) {
        return HttpResponse.builder(HttpResponseStatus.NO_CONTENT).setHeader(HttpHeaderNames.ALLOW, allowed).build();
    }

    private static String allow(TreeSet<String> methods) {
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    @Override
    public String toString() {
        return "Router" + registrations;
    }

    private static final NotFound NOT_FOUND = new NotFound();

    /** The default fallback. */
    private static final class NotFound implements HttpApplication {
        @Override
        public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
            return CompletableFuture.completedFuture(HttpResponse.text(404, "404 Not Found\n"));
        }

        @Override
        public String toString() {
            return "404";
        }
    }

    /** Builds a {@link Router}; the setters only store, {@link #build()} checks every pattern. */
    public static final class Builder {
        private final List<Registration> registrations = new ArrayList<>();
        private HttpApplication fallback = NOT_FOUND;

        private Builder() {
        }

        /** Routes {@code GET} (and so {@code HEAD}) on {@code pattern} to a blocking handler (on the worker pool). */
        public Builder get(String pattern, HttpHandler handler) {
            return blocking(HttpMethod.GET, pattern, handler);
        }

        /** Routes {@code POST} on {@code pattern} to a blocking handler (on the worker pool). */
        public Builder post(String pattern, HttpHandler handler) {
            return blocking(HttpMethod.POST, pattern, handler);
        }

        /** Routes {@code PUT} on {@code pattern} to a blocking handler (on the worker pool). */
        public Builder put(String pattern, HttpHandler handler) {
            return blocking(HttpMethod.PUT, pattern, handler);
        }

        /** Routes {@code DELETE} on {@code pattern} to a blocking handler (on the worker pool). */
        public Builder delete(String pattern, HttpHandler handler) {
            return blocking(HttpMethod.DELETE, pattern, handler);
        }

        /** Routes {@code PATCH} on {@code pattern} to a blocking handler (on the worker pool). */
        public Builder patch(String pattern, HttpHandler handler) {
            return blocking(HttpMethod.PATCH, pattern, handler);
        }

        private Builder blocking(HttpMethod method, String pattern, HttpHandler handler) {
            return route(method, pattern, HttpApplication.blocking(Objects.requireNonNull(handler, "handler")));
        }

        /**
         * Routes {@code method} on {@code pattern} to {@code application}, of any kind (non-blocking,
         * asynchronous, blocking, another router, static files).
         */
        public Builder route(HttpMethod method, String pattern, HttpApplication application) {
            registrations.add(new Registration(Objects.requireNonNull(method, "method"),
                    Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(application, "application")));
            return this;
        }

        /** What answers a path no pattern matches (default: 404), e.g. static files. */
        public Builder fallback(HttpApplication application) {
            this.fallback = Objects.requireNonNull(application, "application");
            return this;
        }

        /**
         * The router.
         *
         * @throws IllegalArgumentException naming every malformed pattern and every route registered twice (the
         *     same method on patterns of the same shape, whatever their parameters are called)
         */
        public Router build() {
            Validation check = Validation.of("Router");
            Node root = new Node();
            Map<String, Registration> byShape = new LinkedHashMap<>();
            for (Registration r : registrations) {
                List<String> problems = new ArrayList<>();
                List<Segment> segments = Segment.parse(r.pattern, problems);
                for (String problem : problems) {
                    check.rule(false, "pattern " + quote(r.pattern) + " (" + r.method + "): " + problem);
                }
                if (!problems.isEmpty()) {
                    continue;
                }
                StringBuilder shape = new StringBuilder(r.method.name()).append(' ');
                for (Segment s : segments) {
                    shape.append('/').append(s.kind == Segment.Kind.LITERAL ? "=" + s.text : s.kind.name());
                }
                Registration earlier = byShape.putIfAbsent(shape.toString(), r);
                if (earlier != null) {
                    check.rule(false, "route " + r.method + " " + quote(r.pattern) + " (" + r.application
                            + ") duplicates " + earlier.method + " " + quote(earlier.pattern) + " ("
                            + earlier.application + ")");
                    continue;
                }
                root.add(segments, 0, r);
            }
            check.done();
            return new Router(this, root);
        }

        private static String quote(String pattern) {
            return "\"" + pattern + "\"";
        }
    }

    /** One registration as given to the builder. */
    private static final class Registration {
        final HttpMethod method;
        final String pattern;
        final HttpApplication application;

        Registration(HttpMethod method, String pattern, HttpApplication application) {
            this.method = method;
            this.pattern = pattern;
            this.application = application;
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** One segment of a pattern. */
    private static final class Segment {
        enum Kind { LITERAL, PARAMETER, WILDCARD }

        final Kind kind;
        final String text;

        private Segment(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        static List<Segment> parse(String pattern, List<String> problems) {
            List<Segment> segments = new ArrayList<>();
            if (!pattern.startsWith("/")) {
                problems.add("must start with /");
                return segments;
            }
            String[] parts = pattern.substring(1).split("/", -1);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.equals("*")) {
                    if (i != parts.length - 1) {
                        problems.add("the wildcard * must be the last segment");
                    }
                    segments.add(new Segment(Kind.WILDCARD, "*"));
                } else if (part.startsWith("{") && part.endsWith("}") && part.length() >= 2) {
                    String name = part.substring(1, part.length() - 1);
                    if (name.isEmpty() || name.equals("*") || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                        problems.add("invalid parameter name in segment " + part);
                    } else if (names.contains(name)) {
                        problems.add("parameter {" + name + "} appears twice");
                    }
                    names.add(name);
                    segments.add(new Segment(Kind.PARAMETER, name));
                } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0 || part.indexOf('*') >= 0) {
                    problems.add("segment " + part + " mixes a literal with { } or *: a parameter or wildcard"
                            + " must be a whole segment");
                } else if (part.indexOf('?') >= 0 || part.indexOf('#') >= 0) {
                    problems.add("segment " + part + " holds ? or #: a pattern is a path only");
                } else {
                    segments.add(new Segment(Kind.LITERAL, part));
                }
            }
            return segments;
        }
    }

    /** A registered route: its application and the names of its parameters, in the order of the pattern. */
    private static final class Route {
        final HttpApplication application;
        final List<String> parameterNames;

        Route(HttpApplication application, List<String> parameterNames) {
            this.application = application;
            this.parameterNames = parameterNames;
        }
    }

    /** A node of the pattern tree: the routes of the patterns that end here, and the children by segment kind. */
    private static final class Node {
        final Map<String, Node> literals = new LinkedHashMap<>();
        Node parameter;
        Node wildcard;
        final Map<String, Route> routes = new LinkedHashMap<>();

        void add(List<Segment> segments, int index, Registration r) {
            if (index == segments.size()) {
                List<String> names = new ArrayList<>();
                for (Segment s : segments) {
                    if (s.kind != Segment.Kind.LITERAL) {
                        names.add(s.text);
                    }
                }
                routes.put(r.method.name(), new Route(r.application, Collections.unmodifiableList(names)));
                return;
            }
            Segment s = segments.get(index);
            Node child;
            switch (s.kind) {
                case LITERAL:
                    child = literals.computeIfAbsent(s.text, k -> new Node());
                    break;
                case PARAMETER:
                    if (parameter == null) {
                        parameter = new Node();
                    }
                    child = parameter;
                    break;
                default:
                    if (wildcard == null) {
                        wildcard = new Node();
                    }
                    child = wildcard;
                    break;
            }
            child.add(segments, index + 1, r);
        }

        /** Adds every node whose pattern matches {@code segments}, most specific first. */
        void collect(String[] segments, int index, String[] values, int count, List<Match> matches) {
            if (index == segments.length) {
                if (!routes.isEmpty()) {
                    matches.add(new Match(this, values, count));
                }
                return;
            }
            Node literal = literals.get(segments[index]);
            if (literal != null) {
                literal.collect(segments, index + 1, values, count, matches);
            }
            if (parameter != null) {
                values[count] = segments[index];
                parameter.collect(segments, index + 1, values, count + 1, matches);
            }
            if (wildcard != null && !wildcard.routes.isEmpty()) {
                values[count] = String.join("/", Arrays.asList(segments).subList(index, segments.length));
                matches.add(new Match(wildcard, values, count + 1));
            }
        }

        Route routeFor(HttpMethod method) {
            Route route = routes.get(method.name());
            if (route == null && HttpMethod.HEAD.equals(method)) {
                route = routes.get("GET");
            }
            return route;
        }
    }

    /** A node that matched, with the values of its parameters (and wildcard) in pattern order. */
    private static final class Match {
        final Node node;
        final String[] values;

        Match(Node node, String[] values, int count) {
            this.node = node;
            this.values = Arrays.copyOf(values, count);
        }

        Map<String, String> parameters(Route route) {
            if (values.length == 0) {
                return Map.of();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                parameters.put(route.parameterNames.get(i), values[i]);
            }
            return parameters;
        }
    }
}
