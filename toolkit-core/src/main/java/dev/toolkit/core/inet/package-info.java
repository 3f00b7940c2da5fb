/**
 * IP address literals: parsing them (with IPv6 scope identifiers) and writing them in their canonical text
 * form, shared by name resolution, the DNS client and the configuration parsers.
 */
package dev.toolkit.core.inet;
