/** Observability: counters readable through the API, and the wire log switch. */
package dev.toolkit.core.observe;
