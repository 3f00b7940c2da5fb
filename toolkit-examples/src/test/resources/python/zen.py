"""The Zen protocol of chapter 7: a one-client-at-a-time server and the client, as the book's zen_utils,
srv_single and client scripts behave.

Written from the behaviour the toolkit's BOOK.md describes, with the standard library only.
Usage: zen.py server HOST [-p PORT]    zen.py client HOST [-e] [-p PORT]
"""
import argparse
import random
import socket

aphorisms = {b'Beautiful is better than?': b'Ugly.',
             b'Explicit is better than?': b'Implicit.',
             b'Simple is better than?': b'Complex.'}


def get_answer(aphorism):
    return aphorisms.get(aphorism, b'Error: unknown aphorism.')


def recv_until(sock, suffix):
    message = sock.recv(4096)
    if not message:
        raise EOFError('socket closed')
    while not message.endswith(suffix):
        data = sock.recv(4096)
        if not data:
            raise IOError('received {!r} then socket closed'.format(message))
        message += data
    return message


def handle_conversation(sock, address):
    try:
        while True:
            aphorism = recv_until(sock, b'?')
            sock.sendall(get_answer(aphorism))
    except EOFError:
        print('Client socket to {} has closed'.format(address))
    except Exception as e:
        print('Client {} error: {}'.format(address, e))
    finally:
        sock.close()


def server(address):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address)
    listener.listen(64)
    print('Listening at {}'.format(listener.getsockname()))
    while True:
        sock, address = listener.accept()
        print('Accepted connection from {}'.format(address))
        handle_conversation(sock, address)


def client(address, cause_error=False):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect(address)
    questions = list(aphorisms)
    if cause_error:
        sock.sendall(questions[0][:-1])
        return
    for aphorism in random.sample(questions, 3):
        sock.sendall(aphorism)
        print(aphorism, recv_until(sock, b'.'))
    sock.close()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Zen protocol server or client')
    parser.add_argument('role', choices=['client', 'server'])
    parser.add_argument('host', help='IP or hostname')
    parser.add_argument('-e', action='store_true', help='cause an error')
    parser.add_argument('-p', metavar='port', type=int, default=1060, help='TCP port (default 1060)')
    args = parser.parse_args()
    if args.role == 'server':
        server((args.host, args.p))
    else:
        client((args.host, args.p), args.e)
