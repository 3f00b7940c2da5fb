package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;

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
 * (a worker runs {@link Architecture#EVENT_LOOP}) and {@link ServerConfig#reusePort()} (always on). Values are
 * written as {@code String.valueOf} writes them; a {@code null} time-out is an empty value.
 */
final class ConfigArguments {

    /** The settings a worker chooses itself rather than receiving. */
    static final Set<String> DECIDED_BY_WORKER = Set.of("architecture", "reusePort");

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

    private static Duration duration(String value) {
        return value.isEmpty() ? null : Duration.parse(value);
    }
}
