/**
 * Datagram clients and servers (the book's chapter 2) on Netty's datagram channels: {@link dev.toolkit.udp.UdpServer}
 * and {@link dev.toolkit.udp.UdpClient} (connected or not, IPv4 and IPv6, broadcast, multicast, path-MTU
 * discovery on epoll and io_uring), and request/response with request IDs and back-off
 * ({@link dev.toolkit.udp.RequestProtocol}, {@link dev.toolkit.udp.RequestClient}). Settings are immutable
 * ({@link dev.toolkit.udp.UdpConfig}, {@link dev.toolkit.udp.UdpServerConfig},
 * {@link dev.toolkit.udp.UdpClientConfig}, {@link dev.toolkit.udp.RequestConfig}); counters are in
 * {@link dev.toolkit.udp.DatagramMetrics}. No datagram is ever delivered cut short, and a send larger than the
 * path allows fails with {@link dev.toolkit.udp.DatagramTooLargeException}.
 */
package dev.toolkit.udp;
