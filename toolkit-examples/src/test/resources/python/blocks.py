#!/usr/bin/env python3
"""Chapter 5 peer: blocks framed by a 4-byte big-endian length; a zero-length block ends the stream.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java listing against a real Python peer. Run as a server, or with -c as a client.
"""
import struct

from ch05_common import accept_one, connect_write_only, main

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


def server(address):
    conn = accept_one(address)
    while True:
        block = read_block(conn)
        if not block:
            break
        print('Block says:', repr(block))
    conn.close()


def client(address):
    sock = connect_write_only(address)
    for text in (b'Beautiful is better than ugly.',
                 b'Explicit is better than implicit.',
                 b'Simple is better than complex.',
                 b''):
        write_block(sock, text)
    sock.close()


if __name__ == '__main__':
    main('Transmit & receive blocks over TCP', server, client)
