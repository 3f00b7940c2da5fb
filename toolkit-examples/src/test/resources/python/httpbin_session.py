"""Chapter 9's prompt sessions (Requests, urllib, http.client) against an httpbin at BASE_URL.

Prints one JSON document summarising what the clients saw: statuses, reasons, URLs, Location chains,
redirect histories, response header names, content types and bodies (JSON parsed), with the server's
host:port replaced by HOST so that two servers on different ports compare equal. Run with Debian's python3.

usage: httpbin_session.py BASE_URL
"""

import gzip
import http.client
import json
import re
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import requests

BASE = sys.argv[1].rstrip('/')
HOSTPORT = urlsplit(BASE).netloc
# Headers every server words its own way: not part of what httpbin answers.
SERVER_HEADERS = {'date', 'server', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'vary'}


def norm(value):
    """Replaces the server's host:port, and the random boundary of a multipart body, in every string of value."""
    if isinstance(value, str):
        return re.sub(r'boundary=[0-9a-f]+', 'boundary=B', value.replace(HOSTPORT, 'HOST'))
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {norm(k): norm(v) for k, v in value.items()}
    return value


def body_of(content_type, data):
    if content_type and content_type.startswith('application/json'):
        return json.loads(data.decode('utf-8'))
    return data.decode('utf-8', 'replace')


def header_names(headers):
    return sorted({name.lower() for name in headers.keys()} - SERVER_HEADERS)


def requests_response(r):
    """What a learner looks at in a Requests response."""
    return norm({
        'status': r.status_code,
        'reason': r.reason,
        'url': r.url,
        'history': [[h.status_code, h.headers.get('Location')] for h in r.history],
        'location': r.headers.get('Location'),
        'content_type': r.headers.get('Content-Type'),
        'content_encoding': r.headers.get('Content-Encoding'),
        'headers': header_names(r.headers),
        'set_cookie': r.headers.get('Set-Cookie'),
        'www_authenticate': r.headers.get('WWW-Authenticate'),
        'body': body_of(r.headers.get('Content-Type'), r.content),
    })


def raised(call):
    """The message of the exception call raises (raise_for_status), or None."""
    try:
        call()
    except Exception as e:
        return norm('%s: %s' % (type(e).__name__, e))
    return None


def requests_session():
    out = {}
    get = lambda path, **kw: requests.get(BASE + path, **kw)
    for path in ['/get', '/get?a=1&a=2&b=%20x', '/headers', '/ip', '/user-agent', '/cookies',
                 '/status/200', '/status/204', '/status/301', '/status/302', '/status/303', '/status/307',
                 '/status/400', '/status/401', '/status/404', '/status/500', '/redirect/1', '/redirect/3',
                 '/redirect/3?absolute=true', '/relative-redirect/2', '/absolute-redirect/2',
                 '/redirect/0', '/nowhere', '/basic-auth/user/passwd', '/cookies/set?name=value']:
        out['GET ' + path] = requests_response(get(path))
        out['GET ' + path + ' allow_redirects=False'] = requests_response(get(path, allow_redirects=False))
    for code in [400, 404, 500]:
        out['raise_for_status %d' % code] = raised(get('/status/%d' % code).raise_for_status)
    out['raise_for_status 200'] = raised(get('/get').raise_for_status)
    out['basic auth right'] = requests_response(get('/basic-auth/user/passwd', auth=('user', 'passwd')))
    out['basic auth wrong'] = requests_response(get('/basic-auth/user/passwd', auth=('user', 'wrong')))
    out['POST /get'] = requests_response(requests.post(BASE + '/get'))
    out['POST /post form'] = requests_response(requests.post(BASE + '/post?q=1', data={'a': '1', 'b': ['2', '3']}))
    out['POST /post json'] = requests_response(requests.post(BASE + '/post', json={'k': [1, 2], 'text': 'é'}))
    out['POST /post bytes'] = requests_response(requests.post(
        BASE + '/post', data=b'\x80\x81', headers={'Content-Type': 'application/octet-stream'}))
    out['POST /post files'] = requests_response(requests.post(
        BASE + '/post', files={'f': ('a.txt', b'file text\n', 'text/plain')}, data={'field': 'v'}))
    out['GET /gzip'] = requests_response(get('/gzip'))
    out['OPTIONS /get'] = requests_response(requests.options(BASE + '/get'))

    s = requests.Session()
    r = s.get(BASE + '/cookies/set?name=value')
    out['session cookies/set'] = requests_response(r)
    out['session cookie jar'] = s.cookies.get_dict()
    out['session cookies'] = requests_response(s.get(BASE + '/cookies'))
    out['session cookies/delete'] = requests_response(s.get(BASE + '/cookies/delete?name'))
    out['session cookie jar after delete'] = s.cookies.get_dict()

    s = requests.Session()
    s.auth = ('user', 'passwd')
    out['session basic auth'] = requests_response(s.get(BASE + '/basic-auth/user/passwd'))
    s.headers.update({'X-Chapter': '9'})
    out['session headers'] = requests_response(s.get(BASE + '/headers'))
    return out


def urllib_session():
    out = {}

    def fetch(path, opener=None):
        try:
            r = (opener or urllib.request.build_opener()).open(BASE + path)
            return norm({'status': r.status, 'reason': r.reason, 'url': r.geturl(),
                         'content_type': r.headers.get('Content-Type'),
                         'body': body_of(r.headers.get('Content-Type'), r.read())})
        except urllib.error.HTTPError as e:
            return norm({'error': e.code, 'reason': e.reason, 'url': e.geturl(),
                         'headers': header_names(e.headers), 'str': str(e)})

    for path in ['/get', '/headers', '/status/301', '/status/302', '/status/303', '/status/307', '/redirect/2',
                 '/status/404', '/status/500', '/basic-auth/user/passwd']:
        out['urlopen ' + path] = fetch(path)
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, BASE, 'user', 'passwd')
    out['urlopen basic auth'] = fetch('/basic-auth/user/passwd',
                                      urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords)))
    gz = urllib.request.urlopen(urllib.request.Request(BASE + '/gzip', headers={'Accept-Encoding': 'gzip'}))
    out['urlopen gzip'] = norm({'content_encoding': gz.headers.get('Content-Encoding'),
                                'body': json.loads(gzip.decompress(gz.read()))})
    return out


def http_client_session():
    out = {}
    conn = http.client.HTTPConnection(HOSTPORT, timeout=30)
    for method, path in [('GET', '/get'), ('GET', '/status/301'), ('HEAD', '/get'), ('GET', '/redirect/1'),
                         ('POST', '/post'), ('GET', '/nowhere')]:
        conn.request(method, path, body=b'x=1' if method == 'POST' else None,
                     headers={'Content-Type': 'application/x-www-form-urlencoded'} if method == 'POST' else {})
        r = conn.getresponse()
        data = r.read()
        out['%s %s' % (method, path)] = norm({
            'status': r.status, 'reason': r.reason, 'version': r.version,
            'location': r.getheader('Location'), 'content_type': r.getheader('Content-Type'),
            'headers': header_names(dict(r.getheaders())),
            'body': body_of(r.getheader('Content-Type'), data) if data else None})
    conn.close()
    return out


print(json.dumps({'requests': requests_session(), 'urllib': urllib_session(),
                  'http.client': http_client_session()}, indent=1, sort_keys=True))
