#!/usr/bin/env python3
"""Chapter 2 peer: UDP on the loopback interface.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java udp_local listing against a real Python peer. The server answers each datagram with its length;
the client sends the time from an unconnected socket and prints whatever datagram comes back first.
"""
import argparse
import socket
from datetime import datetime

MAX_BYTES = 65535


def server(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', port))
    print('Listening at {}'.format(sock.getsockname()))
    while True:
        data, address = sock.recvfrom(MAX_BYTES)
        print('The client at {} says {!r}'.format(address, data.decode('ascii')))
        reply = 'Your data was {} bytes long'.format(len(data))
        sock.sendto(reply.encode('ascii'), address)


def client(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    message = 'The time is {}'.format(datetime.now())
    sock.sendto(message.encode('ascii'), ('127.0.0.1', port))
    print('The OS assigned me the address {}'.format(sock.getsockname()))
    data, address = sock.recvfrom(MAX_BYTES)  # accepts a datagram from anyone
    print('The server {} replied {!r}'.format(address, data.decode('ascii')))


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Send and receive UDP locally')
    parser.add_argument('role', choices=('client', 'server'), help='which role to play')
    parser.add_argument('-p', metavar='PORT', type=int, default=1060, help='UDP port (default 1060)')
    args = parser.parse_args()
    if args.role == 'server':
        server(args.p)
    else:
        client(args.p)
