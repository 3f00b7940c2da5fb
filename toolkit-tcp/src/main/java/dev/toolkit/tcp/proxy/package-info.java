/**
 * Relaying bytes between two connections (the core of a TCP proxy): both directions, with back-pressure
 * (stop reading one side while the other cannot take more) and half-close (the end of one side's input
 * becomes a shutdown of the other side's output).
 */
package dev.toolkit.tcp.proxy;
