package dev.toolkit.examples.ch07;

/**
 * One measured point of the benchmark: a server under a number of concurrent clients for a while.
 *
 * @param server the server's name in the table and chart (an architecture, or the plain Netty baseline)
 * @param clients concurrent clients
 * @param requests questions answered within the measured time
 * @param requestsPerSecond {@code requests} divided by the measured time
 * @param p50Millis median latency of one question, in milliseconds
 * @param p99Millis 99th percentile latency, in milliseconds
 * @param cpuMicrosPerRequest the server's CPU time per question in microseconds (the process's CPU time and
 *     its child processes', minus the client threads'), or a negative number when it could not be measured
 * @param errors client sessions that failed (connect refused, reset, time-out) within the measured time
 */
record LoadPoint(String server, int clients, long requests, double requestsPerSecond, double p50Millis,
                 double p99Millis, double cpuMicrosPerRequest, long errors) {
}
