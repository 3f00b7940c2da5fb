"""A framed echo peer on loopback, written with Python's standard library only.

usage: framing_peer.py lines|length|json

Prints the port it listens on, then answers each frame of each connection:
  lines   each line (LF or CRLF) upper-cased, ended with CRLF; an empty line answers an empty line
  length  each '!I'-length-prefixed block reversed, with its length; an empty block answers an empty block;
          the block b'bye' closes the connection unanswered
  json    each concatenated JSON document as {"echo": document, "n": its number on the connection}
"""
import json
import socketserver
import struct
import sys


def recv_exactly(sock, n):
    data = b''
    while len(data) < n:
        more = sock.recv(n - len(data))
        if not more:
            return None
        data += more
    return data


class Lines(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.rstrip(b'\r\n').upper() + b'\r\n')


class Length(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            header = recv_exactly(self.request, 4)
            if header is None:
                return
            (length,) = struct.unpack('!I', header)
            block = recv_exactly(self.request, length)
            if block is None or block == b'bye':
                return
            self.request.sendall(struct.pack('!I', length) + block[::-1])


class Json(socketserver.BaseRequestHandler):
    def handle(self):
        decoder = json.JSONDecoder()
        text = ''
        n = 0
        while True:
            data = self.request.recv(4096)
            if not data:
                return
            text += data.decode('utf-8')
            while True:
                text = text.lstrip()
                try:
                    document, end = decoder.raw_decode(text)
                except ValueError:
                    break
                text = text[end:]
                n += 1
                self.request.sendall(json.dumps({'echo': document, 'n': n}).encode('utf-8'))


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == '__main__':
    handler = {'lines': Lines, 'length': Length, 'json': Json}[sys.argv[1]]
    with Server(('127.0.0.1', 0), handler) as server:
        print(server.server_address[1], flush=True)
        server.serve_forever()
