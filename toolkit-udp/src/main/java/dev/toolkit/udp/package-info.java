/**
 * Datagram clients and servers (the book's chapter 2): request/response with request IDs and back-off,
 * broadcast, multicast and path-MTU discovery, on Netty's datagram channels.
 */
package dev.toolkit.udp;
