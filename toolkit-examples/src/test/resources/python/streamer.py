#!/usr/bin/env python3
"""Chapter 5 peer: one message delimited by end of file.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java listing against a real Python peer. Run as a server, or with -c as a client.
"""
from ch05_common import accept_one, connect_write_only, main


def server(address):
    conn = accept_one(address)
    received = []
    while True:
        data = conn.recv(8192)
        if not data:
            print('Received zero bytes - end of file')
            break
        print('Received {} bytes'.format(len(data)))
        received.append(data)
    print('Message:\n')
    print(b''.join(received).decode('ascii'))
    conn.close()


def client(address):
    sock = connect_write_only(address)
    sock.sendall(b'Beautiful is better than ugly.\n')
    sock.sendall(b'Explicit is better than implicit.\n')
    sock.sendall(b'Simple is better than complex.\n')
    sock.close()


if __name__ == '__main__':
    main('Transmit & receive a data stream', server, client)
