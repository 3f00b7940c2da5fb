/**
 * The Zen protocol of the book's chapter 7, written once: {@link dev.toolkit.tcp.zen.ZenProtocol} installs the
 * {@code ?} framing and the {@link dev.toolkit.tcp.zen.ZenHandler} on a connection, and serves unchanged under
 * every architecture of toolkit-core's server runner.
 */
package dev.toolkit.tcp.zen;
