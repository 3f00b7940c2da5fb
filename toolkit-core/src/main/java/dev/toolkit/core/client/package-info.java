/** Connecting clients: one place that opens a stream connection with time-outs and mapped errors. */
package dev.toolkit.core.client;
