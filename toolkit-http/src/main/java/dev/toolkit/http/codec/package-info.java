/**
 * The HTTP/1.1 codec shared by the server and the client: Netty's decoder built from an explicit
 * {@link io.netty.handler.codec.http.HttpDecoderConfig}, the byte-level and decoded-head checks it lacks, and the
 * one mapping from a decoder failure to a status ({@link dev.toolkit.http.codec.HttpRequestRejectedException#of}).
 * {@link dev.toolkit.http.codec.ServerCodec#install} puts them on a server connection.
 *
 * <h2>Malformed requests and request smuggling</h2>
 *
 * <p>A request that breaks a rule below is answered with the rule's status and {@code Connection: close}; the
 * rest of the connection's input is not read, since where the next request would start can no longer be
 * trusted. Requests that arrived complete before it are answered first. Each rule holds whether the bytes come
 * in one read or byte by byte. "Scanner" is the codec's byte-level check in front of Netty's decoder,
 * "validator" its check of the decoded head, "Netty" its {@code HttpServerCodec} under the codec's configuration.
 *
 * <table>
 * <caption>What is refused, with which status, and by what</caption>
 * <tr><th>request</th><th>status</th><th>checked by</th></tr>
 * <tr><td>request line longer than {@code maxRequestLineLength} (8192 bytes without CRLF)</td><td>414</td>
 * <td>scanner (exact), Netty</td></tr>
 * <tr><td>header section longer than {@code maxHeaderSize} (16384 bytes of field lines without CRLFs; a trailer
 * section counts against what the header section left)</td><td>431</td><td>scanner (exact), Netty</td></tr>
 * <tr><td>more than {@code maxHeaderCount} (100) header fields, or trailer fields</td><td>431</td>
 * <td>validator</td></tr>
 * <tr><td>a method other than GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH (CONNECT: no proxy here;
 * QUERY; unknown or lowercase names)</td><td>501</td><td>validator</td></tr>
 * <tr><td>more than {@value dev.toolkit.http.codec.ServerCodec#MAX_PIPELINE_DEPTH} requests decoded ahead of their
 * answers (Netty's {@code HttpServerCodec} keeps their methods to encode the answers)</td><td>429</td>
 * <td>Netty, mapped by the gate</td></tr>
 * <tr><td>a transfer coding other than {@code chunked} before it ({@code gzip, chunked})</td><td>501</td>
 * <td>validator</td></tr>
 * <tr><td>a well-formed version other than HTTP/1.0 and HTTP/1.1 ({@code HTTP/1.2}, {@code HTTP/2.0})</td>
 * <td>505</td><td>validator</td></tr>
 * <tr><td>{@code Content-Length} together with {@code Transfer-Encoding}</td><td>400</td><td>Netty</td></tr>
 * <tr><td>two {@code Content-Length} fields, equal or not, or a list ({@code 5, 5}): RFC 9112 6.3 allows
 * refusing identical duplicates, and this codec does</td><td>400</td><td>scanner (Netty refuses them on
 * HTTP/1.1 only, and keeps the first on 1.0)</td></tr>
 * <tr><td>{@code Content-Length} not decimal digits ({@code +5}, {@code 5a}, empty, over 2<sup>63</sup>-1)</td>
 * <td>400</td><td>scanner, Netty</td></tr>
 * <tr><td>{@code Transfer-Encoding} whose last coding is not {@code chunked}, {@code chunked} twice, an empty
 * one, or any on HTTP/1.0</td><td>400</td><td>Netty</td></tr>
 * <tr><td>whitespace between a field name and its colon ({@code Transfer-Encoding : chunked})</td><td>400</td>
 * <td>scanner, Netty</td></tr>
 * <tr><td>obs-fold: a field line continued on the next (header or trailer section), or whitespace before the
 * first field line</td><td>400</td><td>scanner (Netty would join the lines)</td></tr>
 * <tr><td>a bare LF or bare CR anywhere in the head, a chunk-size line, a chunk extension, after chunk data or
 * in the trailers; a bare LF or CR among the empty lines allowed before the request line</td><td>400</td>
 * <td>scanner (Netty takes a CR in the request line for a space and skips a bare LF before it)</td></tr>
 * <tr><td>a request line not exactly method SP request-target SP version: two spaces, HTAB, VT or FF as a
 * separator, a space before the method or after the version, a fourth word, a method that is no token</td>
 * <td>400</td><td>scanner</td></tr>
 * <tr><td>more than {@code maxRequestLineLength} bytes of empty lines (CRLF) before the request line</td>
 * <td>400</td><td>scanner</td></tr>
 * <tr><td>a version not {@code HTTP/} digit {@code .} digit, case-sensitive ({@code http/1.1},
 * {@code HTTP/1.1x}, a request line without one)</td><td>400</td><td>scanner</td></tr>
 * <tr><td>an invalid request-target: not origin-form ({@code /path?query}), absolute-form ({@code http} or
 * {@code https}, no user information) or {@code *} for OPTIONS; a fragment, a broken percent escape, a byte
 * that is not visible ASCII</td><td>400</td><td>validator, scanner</td></tr>
 * <tr><td>control bytes: NUL and every CTL but HTAB, and DEL, in a field value; anything but token characters
 * in a field name; an empty name; a field line without a colon</td><td>400</td><td>Netty, scanner</td></tr>
 * <tr><td>chunk data not followed by CRLF</td><td>400</td><td>scanner, Netty</td></tr>
 * <tr><td>an invalid chunk size: not hex, negative, {@code 0x5}, empty, whitespace not followed by an
 * extension, over 2<sup>31</sup>-1, more than 16 digits, or a chunk-size line longer than
 * {@code maxRequestLineLength}</td><td>400</td><td>scanner, Netty</td></tr>
 * <tr><td>an invalid chunk extension</td><td>400</td><td>Netty</td></tr>
 * <tr><td>{@code Host} missing on HTTP/1.1, given twice (any version), or not a host and optional port</td>
 * <td>400</td><td>validator</td></tr>
 * <tr><td>a GET with {@code Sec-WebSocket-Key1} and {@code -Key2} (the draft-76 handshake, whose 8-byte body
 * Netty reads unannounced)</td><td>400</td><td>validator</td></tr>
 * </table>
 *
 * <p>Accepted as they are: empty lines (CRLF) before a request line, HTAB and obs-text (bytes 0x80 to 0xFF) in
 * field values, optional whitespace around a {@code Content-Length}'s digits, {@code chunked} in any case,
 * chunk extensions and whitespace before them, trailers (Netty drops {@code Content-Length},
 * {@code Transfer-Encoding} and {@code Trailer} fields from them), HTTP/1.0 without {@code Host}.
 */
package dev.toolkit.http.codec;
