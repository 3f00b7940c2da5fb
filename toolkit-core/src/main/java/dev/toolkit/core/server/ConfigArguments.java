package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries a {@link ServerConfig} to a worker process as {@code key=value} command-line arguments.
 *
 * <p>Every setting travels except the two a worker decides for itself: {@link ServerConfig#architecture()}
 * (a worker runs {@link Architecture#EVENT_LOOP}) and {@link ServerConfig#reusePort()} (always on); the
 * security stage travels as its {@link ServerSecurity#recipe()}. Values are
 * written as {@code String.valueOf} writes them; a {@code null} time-out is an empty value.
 */
final class ConfigArguments {

    /** The settings a worker chooses itself rather than receiving. */
    static final Set<String> DECIDED_BY_WORKER = Set.of("architecture", "reusePort");
    /** The getters that only derive from other settings. */
    static final Set<String> DERIVED = Set.of("pipelineSettings");

    private ConfigArguments() {
    }

    /** The arguments that carry {@code config}. */
    static List<String> encode(ServerConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", config.host());
        values.put("port", config.port());
        values.put("transport", config.transport());
        values.put("threads", config.threads());
        values.put("processes", config.processes());
        values.put("backlog", config.backlog());
        values.put("reuseAddress", config.reuseAddress());
        values.put("tcpNoDelay", config.tcpNoDelay());
        values.put("keepAlive", config.keepAlive());
        values.put("allowHalfClosure", config.allowHalfClosure());
        values.put("maxConnections", config.maxConnections());
        values.put("maxConnectionsPerIp", config.maxConnectionsPerIp());
        values.put("idleTimeout", config.idleTimeout());
        values.put("readTimeout", config.readTimeout());
        values.put("frameTimeout", config.frameTimeout());
        values.put("writeTimeout", config.writeTimeout());
        values.put("maxFramesPerTurn", config.maxFramesPerTurn());
        values.put("writeBufferLowWaterMark", config.writeBufferLowWaterMark());
        values.put("writeBufferHighWaterMark", config.writeBufferHighWaterMark());
        values.put("maxPendingWriteBytes", config.maxPendingWriteBytes());
        values.put("wireLog", config.wireLog());
        values.put("proxyProtocol", config.proxyProtocol());
        values.put("name", config.name());
        values.put("security", config.security().map(ConfigArguments::securityRecipe).orElse(null));
        values.put("shutdownGrace", config.shutdownGrace());
        List<String> args = new ArrayList<>(values.size());
        values.forEach((key, value) -> args.add(key + "=" + (value == null ? "" : value)));
        return args;
    }

    /** The names of the settings {@link #encode} writes. */
    static Set<String> keys() {
        Set<String> keys = new HashSet<>();
        for (String arg : encode(ServerConfig.builder().build())) {
            keys.add(arg.substring(0, arg.indexOf('=')));
        }
        return keys;
    }

    /**
     * A builder holding the settings in {@code args}; settings not given keep their defaults.
     *
     * @throws IllegalArgumentException if an argument is malformed or names an unknown setting
     */
    static ServerConfig.Builder decode(List<String> args) {
        ServerConfig.Builder b = ServerConfig.builder();
        int low = -1;
        int high = -1;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "host" -> b.host(value);
                case "port" -> b.port(Integer.parseInt(value));
                case "transport" -> b.transport(Transport.valueOf(value));
                case "threads" -> b.threads(Integer.parseInt(value));
                case "processes" -> b.processes(Integer.parseInt(value));
                case "backlog" -> b.backlog(Integer.parseInt(value));
                case "reuseAddress" -> b.reuseAddress(Boolean.parseBoolean(value));
                case "tcpNoDelay" -> b.tcpNoDelay(Boolean.parseBoolean(value));
                case "keepAlive" -> b.keepAlive(Boolean.parseBoolean(value));
                case "allowHalfClosure" -> b.allowHalfClosure(Boolean.parseBoolean(value));
                case "maxConnections" -> b.maxConnections(Integer.parseInt(value));
                case "maxConnectionsPerIp" -> b.maxConnectionsPerIp(Integer.parseInt(value));
                case "idleTimeout" -> b.idleTimeout(duration(value));
                case "readTimeout" -> b.readTimeout(duration(value));
                case "frameTimeout" -> b.frameTimeout(duration(value));
                case "writeTimeout" -> b.writeTimeout(duration(value));
                case "maxFramesPerTurn" -> b.maxFramesPerTurn(Integer.parseInt(value));
                case "writeBufferLowWaterMark" -> low = Integer.parseInt(value);
                case "writeBufferHighWaterMark" -> high = Integer.parseInt(value);
                case "maxPendingWriteBytes" -> b.maxPendingWriteBytes(Integer.parseInt(value));
                case "wireLog" -> b.wireLog(WireLog.valueOf(value));
                case "proxyProtocol" -> b.proxyProtocol(ProxyProtocol.valueOf(value));
                case "name" -> b.name(value);
                case "security" -> b.security(value.isEmpty() ? null : security(value));
                case "shutdownGrace" -> b.shutdownGrace(duration(value));
                default -> throw new IllegalArgumentException("unknown server setting: " + key);
            }
        }
        if (low >= 0 || high >= 0) {
            ServerConfig defaults = ServerConfig.builder().build();
            b.writeBufferWaterMark(low >= 0 ? low : defaults.writeBufferLowWaterMark(),
                    high >= 0 ? high : defaults.writeBufferHighWaterMark());
        }
        return b;
    }

    /**
     * The recipe of {@code security} as one value: the factory's class name, then each argument, each part
     * URL-encoded and the parts separated by commas.
     *
     * @throws IllegalArgumentException if the stage cannot be rebuilt in a worker
     */
    static String securityRecipe(ServerSecurity security) {
        ServerSecurity.Recipe recipe = security.recipe();
        if (recipe == null) {
            throw new IllegalArgumentException("the security stage " + security + " cannot be rebuilt in a worker"
                    + " process (it has no recipe); a MULTI_PROCESS server needs one, e.g. a TlsServerConfig built from"
                    + " certificate files");
        }
        String factory = ProcessGroupServer.creatableByName(recipe.factory(), "security factory");
        StringBuilder value = new StringBuilder(URLEncoder.encode(factory, StandardCharsets.UTF_8));
        for (String argument : recipe.arguments()) {
            value.append(',').append(URLEncoder.encode(argument, StandardCharsets.UTF_8));
        }
        return value.toString();
    }

    private static ServerSecurity security(String value) {
        String[] parts = value.split(",", -1);
        List<String> arguments = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            arguments.add(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
        }
        String factory = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        try {
            Object made = Class.forName(factory).getConstructor().newInstance();
            if (!(made instanceof ServerSecurity.Factory f)) {
                throw new IllegalArgumentException(factory + " is not a " + ServerSecurity.Factory.class.getName());
            }
            return f.create(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create the security factory " + factory + ": " + e, e);
        }
    }

    private static Duration duration(String value) {
        return value.isEmpty() ? null : Duration.parse(value);
    }
}
