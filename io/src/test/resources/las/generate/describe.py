"""Prints groundtruth.py's description of LAS files as JSON: how laspy reads them. LasPeerTest
runs it on files pointea wrote.

    PYTHONPATH=/tmp/laspy /usr/bin/python3 describe.py a.las b.las
"""
import json
import sys

from groundtruth import describe_bounded

print(json.dumps({path: describe_bounded(path) for path in sys.argv[1:]}))
