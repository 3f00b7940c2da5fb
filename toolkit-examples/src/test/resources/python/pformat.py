"""Prints pprint.pformat() of the dict read as JSON from stdin; {"literal": "X"} values are Python literals."""

import ast
import json
import sys
from pprint import pformat

data = json.load(sys.stdin)
env = {k: ast.literal_eval(v['literal']) if isinstance(v, dict) else v for k, v in data.items()}
sys.stdout.write(pformat(env))
