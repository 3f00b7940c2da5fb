"""A TLS line client for the pipeline tests, on Python's ssl module.

usage: tls_line_client.py PORT CAFILE PROXY
PROXY is "-" (no header), "v1:IP:PORT" or "v2:IP:PORT": a PROXY protocol header naming that client is sent
before the TLS handshake; or "starttls": the connection starts in plaintext, sends "STARTTLS" with "who"
pipelined behind it (which the server must discard), reads the server's one-line reply, then starts TLS. Prints "ready VERSION" after the handshake, or "refused ERROR" if it failed. Then
each line read from stdin is sent and its answer printed, except: "close" closes the connection and prints
"closed", "wait" waits for the server to close and prints "eof".
"""
import socket
import ssl
import struct
import sys


def header(spec, local_port):
    if spec == "-":
        return b""
    version, ip, port = spec.split(":")
    if version == "v1":
        return ("PROXY TCP4 %s 127.0.0.1 %s %d\r\n" % (ip, port, local_port)).encode("ascii")
    signature = b"\r\n\r\n\x00\r\nQUIT\n"
    body = socket.inet_aton(ip) + socket.inet_aton("127.0.0.1") + struct.pack("!HH", int(port), local_port)
    return signature + bytes([0x21, 0x11]) + struct.pack("!H", len(body)) + body


def starttls(raw):
    raw.sendall(b"STARTTLS\nwho\n")
    reply = b""
    while not reply.endswith(b"\n"):
        byte = raw.recv(1)
        if not byte:
            raise ConnectionError("closed before the STARTTLS reply")
        reply += byte
    print("plaintext", reply.decode("ascii").strip(), flush=True)


def main():
    port, cafile, proxy = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    context = ssl.create_default_context(cafile=cafile)
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        if proxy == "starttls":
            starttls(raw)
        else:
            raw.sendall(header(proxy, port))
        tls = context.wrap_socket(raw, server_hostname="localhost")
    except (OSError, ssl.SSLError) as e:
        print("refused", type(e).__name__, flush=True)
        return
    print("ready", tls.version(), flush=True)
    reader = tls.makefile("rb")
    for line in sys.stdin:
        command = line.strip()
        if command == "close":
            tls.close()
            print("closed", flush=True)
            return
        if command == "wait":
            try:
                rest = reader.read()
                print("eof" if rest == b"" else "more " + repr(rest), flush=True)
            except (OSError, ssl.SSLError) as e:
                print("eof", type(e).__name__, flush=True)
            return
        tls.sendall((command + "\n").encode("ascii"))
        print(reader.readline().decode("ascii").strip(), flush=True)


if __name__ == "__main__":
    main()
