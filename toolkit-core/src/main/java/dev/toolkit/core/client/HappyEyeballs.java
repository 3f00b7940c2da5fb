package dev.toolkit.core.client;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.NameResolutionException.Reason;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.names.AddressResolver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connects to a host name the Happy Eyeballs way (RFC 8305): AAAA and A are looked up in parallel; connecting
 * starts as soon as the IPv6 addresses are known, or {@link #resolutionDelay()} after the IPv4 ones if IPv6 is
 * still pending; addresses alternate between the families, IPv6 first; a new attempt starts every
 * {@link #attemptDelay()} or as soon as the previous one fails; the first connection wins and the others are
 * closed.
 *
 * <p>The {@link Bootstrap} supplies everything but the address: event loop group, channel class (see
 * {@link dev.toolkit.core.transport.Transports}), options (its {@code CONNECT_TIMEOUT_MILLIS} bounds each
 * attempt) and handler, which must be a {@code ChannelInitializer} or {@code @Sharable} since several channels
 * may be opened. Names are looked up with an {@link AddressResolver}: hosts file first, then DNS.
 *
 * <p>Failures: a {@link NameResolutionException} if no address was found, else a
 * {@link ConnectFailedException} listing every address tried (each attempt's own failure attached as a
 * suppressed exception).
 */
public final class HappyEyeballs {

    /** RFC 8305's recommended connection attempt delay. */
    public static final Duration DEFAULT_ATTEMPT_DELAY = Duration.ofMillis(250);
    /** RFC 8305's recommended resolution delay: how long to wait for AAAA once A has arrived. */
    public static final Duration DEFAULT_RESOLUTION_DELAY = Duration.ofMillis(50);

    private final AddressResolver resolver;
    private final Duration attemptDelay;
    private final Duration resolutionDelay;

    private HappyEyeballs(AddressResolver resolver, Duration attemptDelay, Duration resolutionDelay) {
        this.resolver = resolver;
        this.attemptDelay = attemptDelay;
        this.resolutionDelay = resolutionDelay;
    }

    /** Connects with {@code resolver}'s lookups and the RFC's default delays. */
    public static HappyEyeballs create(AddressResolver resolver) {
        return builder(resolver).build();
    }

    /** A builder with {@code resolver}'s lookups and the RFC's default delays. */
    public static Builder builder(AddressResolver resolver) {
        return new Builder(Objects.requireNonNull(resolver, "resolver"));
    }

    /** A builder holding these settings, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(resolver).attemptDelay(attemptDelay).resolutionDelay(resolutionDelay);
    }

    /** The delay between the starts of two connection attempts. */
    public Duration attemptDelay() {
        return attemptDelay;
    }

    /** How long to wait for IPv6 addresses once the IPv4 ones are known. */
    public Duration resolutionDelay() {
        return resolutionDelay;
    }

    /**
     * Connects to {@code host:port}.
     *
     * @param bootstrap a configured bootstrap (group, channel, handler, options); it is not modified
     * @param host a name or an address literal
     * @param port the port
     * @return the first connected channel; cancelling the future abandons every attempt
     */
    public CompletableFuture<Channel> connectAsync(Bootstrap bootstrap, String host, int port) {
        Objects.requireNonNull(host, "host");
        return race(bootstrap, host, port, resolver.lookupFamilies(host));
    }

    /**
     * As {@link #connectAsync}, for a host the caller already parsed and found not to be an address literal, so
     * that one connect parses and checks it once.
     */
    public CompletableFuture<Channel> connectToNameAsync(Bootstrap bootstrap, String name, int port) {
        Objects.requireNonNull(name, "name");
        return race(bootstrap, name, port, resolver.lookupNameFamilies(name));
    }

    private CompletableFuture<Channel> race(Bootstrap bootstrap, String host, int port,
                                            AddressResolver.FamilyLookups lookups) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        EventLoop loop = bootstrap.config().group().next();
        Race race = new Race(bootstrap, loop, host, port);
        lookups.ipv6().whenComplete((list, error) -> loop.execute(() -> race.resolved(true, list, error)));
        lookups.ipv4().whenComplete((list, error) -> loop.execute(() -> race.resolved(false, list, error)));
        race.result.whenComplete((ch, error) -> {
            if (race.result.isCancelled()) {
                loop.execute(race::abandon);
            }
        });
        return race.result;
    }

    /**
     * {@link #connectAsync} and wait.
     *
     * @throws dev.toolkit.core.error.ToolkitException the failure, every address tried named
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    public Channel connect(Bootstrap bootstrap, String host, int port) {
        return Blocking.call("connect to " + host + ":" + port, null, () -> connectAsync(bootstrap, host, port));
    }

    /** The state of one connection race; every method runs on {@code loop}. */
    private final class Race {
        final Bootstrap bootstrap;
        final EventLoop loop;
        final String host;
        final int port;
        final CompletableFuture<Channel> result = new CompletableFuture<>();
        final Deque<InetAddress> v6 = new ArrayDeque<>();
        final Deque<InetAddress> v4 = new ArrayDeque<>();
        final List<SocketAddress> tried = new ArrayList<>();
        final List<ChannelFuture> inFlight = new ArrayList<>();
        final List<ToolkitException> failures = new ArrayList<>();
        boolean v6Done;
        boolean v4Done;
        Throwable v6Error;
        Throwable v4Error;
        boolean started;
        boolean lastWasV6;
        ScheduledFuture<?> attemptTimer;
        ScheduledFuture<?> resolutionTimer;

        Race(Bootstrap bootstrap, EventLoop loop, String host, int port) {
            this.bootstrap = bootstrap;
            this.loop = loop;
            this.host = host;
            this.port = port;
        }

        void resolved(boolean ipv6, List<InetAddress> addresses, Throwable error) {
            if (ipv6) {
                v6Done = true;
                v6Error = error;
                if (addresses != null) {
                    v6.addAll(addresses);
                }
            } else {
                v4Done = true;
                v4Error = error;
                if (addresses != null) {
                    v4.addAll(addresses);
                }
            }
            if (result.isDone()) {
                return;
            }
            if (!started) {
                if (ipv6 || v6Done) {
                    start();
                } else if (resolutionTimer == null) {
                    resolutionTimer = loop.schedule(this::start, resolutionDelay.toNanos(), TimeUnit.NANOSECONDS);
                }
            } else if (attemptTimer == null) {
                // No attempt is waiting out its delay: the new addresses get their turn now.
                next();
            }
        }

        void start() {
            if (started || result.isDone()) {
                return;
            }
            started = true;
            cancel(resolutionTimer);
            next();
        }

        InetAddress poll() {
            Deque<InetAddress> preferred = lastWasV6 ? v4 : v6;
            Deque<InetAddress> other = lastWasV6 ? v6 : v4;
            InetAddress a = !preferred.isEmpty() ? preferred.poll() : other.poll();
            if (a != null) {
                lastWasV6 = a instanceof Inet6Address;
            }
            return a;
        }

        void next() {
            cancel(attemptTimer);
            attemptTimer = null;
            if (result.isDone()) {
                return;
            }
            InetAddress address = poll();
            if (address == null) {
                if (inFlight.isEmpty() && v6Done && v4Done) {
                    fail();
                }
                return;
            }
            InetSocketAddress target = new InetSocketAddress(address, port);
            tried.add(target);
            ChannelFuture attempt = bootstrap.connect(target);
            inFlight.add(attempt);
            attempt.addListener(f -> loop.execute(() -> done(attempt, target)));
            attemptTimer = loop.schedule(() -> {
                attemptTimer = null;
                next();
            }, attemptDelay.toNanos(), TimeUnit.NANOSECONDS);
        }

        void done(ChannelFuture attempt, InetSocketAddress target) {
            inFlight.remove(attempt);
            if (attempt.isSuccess()) {
                if (result.complete(attempt.channel())) {
                    abandon();
                } else {
                    attempt.channel().close();
                }
                return;
            }
            if (!attempt.isCancelled()) {
                failures.add(Exceptions.map(attempt.cause(), target));
            }
            if (!result.isDone()) {
                next();
            }
        }

        /** Stops every timer and attempt still running. */
        void abandon() {
            cancel(attemptTimer);
            cancel(resolutionTimer);
            for (ChannelFuture f : new ArrayList<>(inFlight)) {
                f.cancel(false);
                f.channel().close();
            }
            inFlight.clear();
        }

        void fail() {
            if (tried.isEmpty()) {
                result.completeExceptionally(resolutionFailure());
                return;
            }
            ConnectFailedException.Reason reason = null;
            for (ToolkitException f : failures) {
                ConnectFailedException.Reason r = f instanceof ConnectFailedException
                        ? ((ConnectFailedException) f).reason() : ConnectFailedException.Reason.OTHER;
                reason = reason == null || reason == r ? r : ConnectFailedException.Reason.OTHER;
            }
            ToolkitException last = failures.isEmpty() ? null : failures.get(failures.size() - 1);
            ConnectFailedException e = new ConnectFailedException(host, tried,
                    reason == null ? ConnectFailedException.Reason.OTHER : reason, last);
            for (ToolkitException f : failures) {
                if (f != last) {
                    e.addSuppressed(f);
                }
            }
            result.completeExceptionally(e);
        }

        Throwable resolutionFailure() {
            // Prefer the failure that says most: a real error over "no data", IPv4's (every host has A) first.
            Throwable v4e = v4Error == null ? null : Exceptions.map(v4Error);
            Throwable v6e = v6Error == null ? null : Exceptions.map(v6Error);
            for (Throwable t : new Throwable[] {v4e, v6e}) {
                if (t instanceof NameResolutionException && ((NameResolutionException) t).reason() != Reason.NO_DATA) {
                    return t;
                }
            }
            if (v4e != null) {
                return v4e;
            }
            if (v6e != null) {
                return v6e;
            }
            return new NameResolutionException(host, List.of(host), List.of(), Reason.NO_DATA,
                    "no IPv4 or IPv6 address", null);
        }

        private void cancel(ScheduledFuture<?> timer) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** Settings of a {@link HappyEyeballs}; {@link #build()} checks them together. */
    public static final class Builder {
        private final AddressResolver resolver;
        private Duration attemptDelay = DEFAULT_ATTEMPT_DELAY;
        private Duration resolutionDelay = DEFAULT_RESOLUTION_DELAY;

        private Builder(AddressResolver resolver) {
            this.resolver = resolver;
        }

        /** The connection attempt delay (RFC 8305 suggests 100 ms to 2 s; default 250 ms). */
        public Builder attemptDelay(Duration delay) {
            this.attemptDelay = delay;
            return this;
        }

        /** The resolution delay (default 50 ms). */
        public Builder resolutionDelay(Duration delay) {
            this.resolutionDelay = delay;
            return this;
        }

        /**
         * The happy-eyeballs connector.
         *
         * @throws IllegalArgumentException naming each delay that is missing, zero or negative
         */
        public HappyEyeballs build() {
            Validation.of("HappyEyeballs").positive("attemptDelay", attemptDelay)
                    .positive("resolutionDelay", resolutionDelay).done();
            return new HappyEyeballs(resolver, attemptDelay, resolutionDelay);
        }
    }
}
