/**
 * The exception family every module throws ({@link dev.toolkit.core.error.ToolkitException} and its
 * subtypes), the mapper from Netty and JDK exceptions, and retry with exponential back-off.
 */
package dev.toolkit.core.error;
