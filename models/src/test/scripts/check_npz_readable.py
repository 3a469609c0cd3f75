#!/usr/bin/python3
"""Checks that NumPy reads a pointea model directory's payloads (run after training, e.g.
/usr/bin/python3 models/src/test/scripts/check_npz_readable.py RUN/best): prints every tensor's name,
shape and dtype, and the sum of each weight tensor."""
import glob
import json
import sys

import numpy as np

d = sys.argv[1]
manifest = json.load(open(d + "/model.json"))
for kind in ("weights", "updater"):
    if kind not in manifest:
        continue
    npz = np.load(d + "/" + manifest[kind]["file"])
    print(kind, manifest[kind]["file"], len(npz.files), "tensors")
    for name in npz.files[:8]:
        a = npz[name]
        print("  %-40s %-14s %s sum=%.6g" % (name, a.shape, a.dtype, float(a.sum())))
