"""Chapter 10's wsgi_env.py as the book lists it, with [host] [-p PORT] for the tests, and a first line
naming the keys that wsgiref copies from the process environment into every request's environ."""

import argparse
import json
from pprint import pformat
from wsgiref.handlers import BaseHandler
from wsgiref.simple_server import make_server


def app(environ, start_response):
    headers = {'Content-Type': 'text/plain; charset=utf-8'}
    start_response('200 OK', list(headers.items()))
    yield 'Here is the WSGI environment:\r\n\r\n'.encode('utf-8')
    yield pformat(environ).encode('utf-8')


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('host', nargs='?', default='127.0.0.1')
    parser.add_argument('-p', type=int, default=8000)
    args = parser.parse_args()
    print('OS environment keys:', json.dumps(sorted(BaseHandler.os_environ)), flush=True)
    httpd = make_server(args.host, args.p, app)
    host, port = httpd.socket.getsockname()
    print('Serving on', host, 'port', port, flush=True)
    httpd.serve_forever()
