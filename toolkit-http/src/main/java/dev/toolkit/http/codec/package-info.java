/** The HTTP/1.1 codec shared by the server and the client. */
package dev.toolkit.http.codec;
