/**
 * Safe TLS for every module (chapter 6): SSL contexts with safe defaults, certificates made with
 * BouncyCastle, STARTTLS and connection reports.
 */
package dev.toolkit.tls;
