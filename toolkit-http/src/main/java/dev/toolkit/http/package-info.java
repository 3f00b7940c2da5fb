/** HTTP/1.1 client and server (chapters 9 and 10), on Netty's HTTP codec. */
package dev.toolkit.http;
