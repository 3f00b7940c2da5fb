"""Runs the book's scripts (files of this directory) with bad command lines, all in one interpreter, and prints
what argparse reported for each: one line per case, `status<TAB>first stderr line<TAB>last stderr line`.

Usage: argparse_errors.py 'SCRIPT ARGS...' ...   (each case one argument; the script's arguments split on spaces)
"""
import contextlib
import io
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
for case in sys.argv[1:]:
    script, *args = case.split(' ')
    sys.argv = [script] + [a for a in args if a]
    err = io.StringIO()
    status = 0
    with contextlib.redirect_stderr(err):
        try:
            runpy.run_path(os.path.join(here, script), run_name='__main__')
        except SystemExit as e:
            status = e.code
    lines = err.getvalue().splitlines() or ['']
    print('{}\t{}\t{}'.format(status, lines[0], lines[-1]), flush=True)
