package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.dns.record.RecordType;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Responses kept for their time to live, keyed by name and type; the least recently used entry goes first
 * when the cache is full. Times come from an injectable {@link Clock}.
 */
final class ResponseCache {

    private record Entry(Response response, long storedMillis, long expiresMillis) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries;

    ResponseCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private static String key(String name, RecordType type) {
        return DomainNames.key(name) + "/" + type.name();
    }

    /** The cached response, aged, or {@code null} if none is valid now. */
    synchronized Response get(String name, RecordType type) {
        String key = key(name, type);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        long now = clock.millis();
        if (now >= e.expiresMillis()) {
            entries.remove(key);
            return null;
        }
        return e.response().aged(Math.max(0, (now - e.storedMillis()) / 1000));
    }

    /** Stores {@code response} if it may be cached. */
    synchronized void put(String name, RecordType type, Response response) {
        long ttl = response.cacheTtl();
        if (ttl <= 0) {
            return;
        }
        long now = clock.millis();
        entries.put(key(name, type), new Entry(response, now, now + ttl * 1000));
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
