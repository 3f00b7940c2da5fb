/** Choice of Netty transport (NIO, epoll, io_uring) in one place for every module. */
package dev.toolkit.core.transport;
