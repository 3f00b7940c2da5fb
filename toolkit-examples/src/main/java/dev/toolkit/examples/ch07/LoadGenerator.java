package dev.toolkit.examples.ch07;

import dev.toolkit.tcp.zen.Aphorisms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's load: N client threads (the book's FunkLoad "users"), each running Zen sessions back to back
 * for a set time on plain blocking sockets: connect, ask the three questions one at a time (each question and
 * its answer is one request, timed), close. Counts the requests answered within the time, their latencies,
 * and the CPU time the server spent meanwhile.
 */
final class LoadGenerator {

    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final List<byte[]> QUESTIONS = Aphorisms.questions().stream()
            .map(q -> q.getBytes(StandardCharsets.US_ASCII)).toList();

    private LoadGenerator() {
    }

    /** Runs {@code clients} clients against {@code address} for {@code duration} and measures them. */
    static LoadPoint run(String server, InetSocketAddress address, int clients, Duration duration)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isThreadCpuTimeSupported() && processCpuNanos() >= 0;
        if (cpu && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        Worker[] workers = new Worker[clients];
        List<Thread> started = new ArrayList<>();
        AtomicLong deadline = new AtomicLong();
        for (int i = 0; i < clients; i++) {
            workers[i] = new Worker(address, deadline, ready, go, cpu ? threads : null);
            Thread t = new Thread(workers[i], "bench-client-" + (i + 1));
            t.setDaemon(true);
            started.add(t);
            t.start();
        }
        ready.await();
        long cpuBefore = cpu ? processCpuNanos() : 0;
        long start = System.nanoTime();
        deadline.set(start + duration.toNanos());
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        long cpuAfter = cpu ? processCpuNanos() : 0;
        long requests = 0;
        long errors = 0;
        long clientCpu = 0;
        LongList latencies = new LongList();
        for (Worker w : workers) {
            requests += w.latencies.size;
            errors += w.errors;
            clientCpu += w.cpuNanos;
            latencies.addAll(w.latencies);
        }
        long[] sorted = latencies.sorted();
        double seconds = duration.toNanos() / 1e9;
        double cpuPerRequest = cpu && requests > 0
                ? Math.max(0, cpuAfter - cpuBefore - clientCpu) / 1e3 / requests : -1;
        return new LoadPoint(server, clients, requests, requests / seconds, percentile(sorted, 50),
                percentile(sorted, 99), cpuPerRequest, errors);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * CPU time of this process and of its child processes (worker processes of a multi-process server), in
     * nanoseconds; -1 when the platform does not tell.
     */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean)) {
            return -1;
        }
        long own = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        if (own < 0) {
            return -1;
        }
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
        return own + children;
    }

    /** One client: sessions back to back until the deadline. */
    private static final class Worker implements Runnable {
        private final InetSocketAddress address;
        private final AtomicLong deadline;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final ThreadMXBean threads;
        final LongList latencies = new LongList();
        long errors;
        long cpuNanos;

        Worker(InetSocketAddress address, AtomicLong deadline, CountDownLatch ready, CountDownLatch go,
               ThreadMXBean threads) {
            this.address = address;
            this.deadline = deadline;
            this.ready = ready;
            this.go = go;
            this.threads = threads;
        }

        @Override
        public void run() {
            ready.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long cpuStart = threads != null ? threads.getCurrentThreadCpuTime() : 0;
            long end = deadline.get();
            byte[] buffer = new byte[256];
            while (System.nanoTime() < end) {
                try {
                    session(end, buffer);
                } catch (IOException e) {
                    if (System.nanoTime() < end) {
                        errors++;
                    }
                }
            }
            cpuNanos = threads != null ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
        }

        private void session(long end, byte[] buffer) throws IOException {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                socket.connect(address, SOCKET_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (byte[] question : QUESTIONS) {
                    long t0 = System.nanoTime();
                    out.write(question);
                    readAnswer(in, buffer);
                    long t1 = System.nanoTime();
                    if (t1 > end) {
                        return;
                    }
                    latencies.add(t1 - t0);
                }
            }
        }

        /** Reads one answer: everything up to and including its final {@code .}. */
        private static void readAnswer(InputStream in, byte[] buffer) throws IOException {
            int n = 0;
            while (true) {
                int got = in.read(buffer, n, buffer.length - n);
                if (got < 0) {
                    throw new IOException("the server closed the connection mid-answer");
                }
                n += got;
                if (buffer[n - 1] == '.') {
                    return;
                }
                if (n == buffer.length) {
                    throw new IOException("an answer longer than " + buffer.length + " bytes");
                }
            }
        }
    }

    /** A growable array of longs (latencies in nanoseconds), without boxing. */
    static final class LongList {
        private long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
