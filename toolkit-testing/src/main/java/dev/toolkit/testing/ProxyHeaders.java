package dev.toolkit.testing;

import java.io.ByteArrayOutputStream;

/** PROXY protocol headers (HAProxy's spec) for tests that play a load balancer. */
public final class ProxyHeaders {

    /** The 12-byte signature that starts every version 2 header. */
    public static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
        0x0A};

    private ProxyHeaders() {
    }

    /** A version 2 PROXY header for a TCP over IPv4 connection from {@code src:srcPort} to {@code dst:dstPort}. */
    public static byte[] v2Tcp4(int[] src, int srcPort, int[] dst, int dstPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x21); // version 2, PROXY
        out.write(0x11); // AF_INET, STREAM
        out.write(0);
        out.write(12);
        for (int b : src) {
            out.write(b);
        }
        for (int b : dst) {
            out.write(b);
        }
        out.write(srcPort >> 8);
        out.write(srcPort & 0xFF);
        out.write(dstPort >> 8);
        out.write(dstPort & 0xFF);
        return out.toByteArray();
    }

    /** A version 1 PROXY header line for a TCP over IPv4 connection. */
    public static byte[] v1Tcp4(String src, int srcPort, String dst, int dstPort) {
        return ("PROXY TCP4 " + src + " " + dst + " " + srcPort + " " + dstPort + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
