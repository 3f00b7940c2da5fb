#!/usr/bin/env python3
"""Chapter 2 peer: UDP request and reply over a network that loses datagrams.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only, so that tests can
check the Java udp_remote listing against a real Python peer. The server drops each datagram with probability
0.5; the client connects its socket and resends with a doubling wait (0.1 s up to 1.6 s), then gives up.
--seed (an addition for tests) makes the server's drops repeatable.
"""
import argparse
import random
import socket

MAX_BYTES = 65535


def server(interface, port, seed):
    chance = random.Random(seed)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((interface, port))
    print('Listening at', sock.getsockname())
    while True:
        data, address = sock.recvfrom(MAX_BYTES)
        if chance.random() < 0.5:
            print('Pretending to drop packet from {}'.format(address))
            continue
        print('The client at {} says {!r}'.format(address, data.decode('ascii')))
        reply = 'Your data was {} bytes long'.format(len(data))
        sock.sendto(reply.encode('ascii'), address)


def client(hostname, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect((hostname, port))
    print('Client socket name is {}'.format(sock.getsockname()))
    wait = 0.1  # seconds; doubled after every time-out
    request = 'This is another message'.encode('ascii')
    while True:
        sock.send(request)
        print('Waiting up to {} seconds for a reply'.format(wait))
        sock.settimeout(wait)
        try:
            reply = sock.recv(MAX_BYTES)
        except socket.timeout as exc:
            wait *= 2
            if wait > 2.0:
                raise RuntimeError('I think the server is down') from exc
        else:
            break
    print('The server says {!r}'.format(reply.decode('ascii')))


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Send and receive UDP, pretending packets are often dropped')
    parser.add_argument('role', choices=('client', 'server'), help='which role to take')
    parser.add_argument('host', help='interface the server listens at; host the client sends to')
    parser.add_argument('-p', metavar='PORT', type=int, default=1060, help='UDP port (default 1060)')
    parser.add_argument('--seed', type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == 'server':
        server(args.host, args.p, args.seed)
    else:
        client(args.host, args.p)
