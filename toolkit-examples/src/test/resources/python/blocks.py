#!/usr/bin/env python3
"""Chapter 5 peer: blocks framed by a 4-byte big-endian length; a zero-length block ends the stream.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java listing against a real Python peer. Run as a server, or with -c as a client.
"""
import socket
import struct
from argparse import ArgumentParser

header = struct.Struct('!I')  # length prefix: 4 bytes, network byte order


def recv_exactly(sock, count):
    parts = []
    while count:
        part = sock.recv(count)
        if not part:
            raise EOFError('socket closed with {} bytes left in this block'.format(count))
        count -= len(part)
        parts.append(part)
    return b''.join(parts)


def read_block(sock):
    (length,) = header.unpack(recv_exactly(sock, header.size))
    return recv_exactly(sock, length)


def write_block(sock, data):
    sock.sendall(header.pack(len(data)))
    sock.sendall(data)


def serve(address):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address)
    listener.listen(1)
    print('Run this script in another window with "-c" to connect')
    print('Listening at', listener.getsockname())
    conn, peer = listener.accept()
    print('Accepted connection from', peer)
    conn.shutdown(socket.SHUT_WR)
    while True:
        block = read_block(conn)
        if not block:
            break
        print('Block says:', repr(block))
    conn.close()
    listener.close()


def connect(address):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect(address)
    sock.shutdown(socket.SHUT_RD)
    for text in (b'Beautiful is better than ugly.',
                 b'Explicit is better than implicit.',
                 b'Simple is better than complex.',
                 b''):
        write_block(sock, text)
    sock.close()


if __name__ == '__main__':
    parser = ArgumentParser(description='Transmit & receive blocks over TCP')
    parser.add_argument('hostname', nargs='?', default='127.0.0.1',
                        help='IP address or hostname (default: %(default)s)')
    parser.add_argument('-c', action='store_true', help='run as the client')
    parser.add_argument('-p', type=int, metavar='port', default=1060,
                        help='TCP port number (default: %(default)s)')
    args = parser.parse_args()
    (connect if args.c else serve)((args.hostname, args.p))
