#!/usr/bin/env python3
"""Chapter 5 peer: one message delimited by end of file.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java listing against a real Python peer. Run as a server, or with -c as a client.
"""
import socket
from argparse import ArgumentParser


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
    listener.close()


def connect(address):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect(address)
    sock.shutdown(socket.SHUT_RD)
    sock.sendall(b'Beautiful is better than ugly.\n')
    sock.sendall(b'Explicit is better than implicit.\n')
    sock.sendall(b'Simple is better than complex.\n')
    sock.close()


if __name__ == '__main__':
    parser = ArgumentParser(description='Transmit & receive a data stream')
    parser.add_argument('hostname', nargs='?', default='127.0.0.1',
                        help='IP address or hostname (default: %(default)s)')
    parser.add_argument('-c', action='store_true', help='run as the client')
    parser.add_argument('-p', type=int, metavar='port', default=1060,
                        help='TCP port number (default: %(default)s)')
    args = parser.parse_args()
    (connect if args.c else serve)((args.hostname, args.p))
