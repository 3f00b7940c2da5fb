"""What the chapter 5 peers share: their command line, and the half-closed sockets both use.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only.
"""
import socket
from argparse import ArgumentParser


def accept_one(address):
    """Listens (SO_REUSEADDR, backlog 1), accepts one client and shuts down the write side at once."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address)
    listener.listen(1)
    print('Run this script in another window with "-c" to connect')
    print('Listening at', listener.getsockname())
    conn, peer = listener.accept()
    print('Accepted connection from', peer)
    conn.shutdown(socket.SHUT_WR)
    listener.close()
    return conn


def connect_write_only(address):
    """Connects and shuts down the read side: this client only sends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect(address)
    sock.shutdown(socket.SHUT_RD)
    return sock


def main(description, server, client):
    """Parses [hostname] [-c] [-p port] and runs the client (-c) or the server."""
    parser = ArgumentParser(description=description)
    parser.add_argument('hostname', nargs='?', default='127.0.0.1',
                        help='IP address or hostname (default: %(default)s)')
    parser.add_argument('-c', action='store_true', help='run as the client')
    parser.add_argument('-p', type=int, metavar='port', default=1060,
                        help='TCP port number (default: %(default)s)')
    args = parser.parse_args()
    (client if args.c else server)((args.hostname, args.p))
