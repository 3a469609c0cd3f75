#!/usr/bin/env python3
"""Copies a trained model directory into pointea's jar resources as a pretrained model.

usage: package_pretrained.py MODEL_DIR NAME SOURCE_DESCRIPTION
  e.g. package_pretrained.py /work/runs/mn40-light-s2/best modelnet40 \
       "ModelNet40 NPY, prasadsawant5/PointNet@76fa94e (train split; val taken from train)"

The weights file is copied byte for byte (model.json's SHA-256 still holds); in model.json only
training.config.data (an absolute path on the training machine) is replaced by the description,
so the shipped manifest names no file a user does not have. Written through a temporary folder.
"""
import json
import os
import shutil
import sys
import tempfile

src, name, description = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
dest = os.path.join(here, "..", "..", "main", "resources", "org", "pointea", "models", "pretrained", name)
dest = os.path.normpath(dest)
with open(os.path.join(src, "model.json")) as f:
    manifest = json.load(f)
manifest["training"]["config"]["data"] = description
weights = manifest["weights"]["file"]
parent = os.path.dirname(dest)
os.makedirs(parent, exist_ok=True)
tmp = tempfile.mkdtemp(prefix="." + name + "-", dir=parent)
shutil.copyfile(os.path.join(src, weights), os.path.join(tmp, weights))
with open(os.path.join(tmp, "model.json"), "w") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")
if os.path.isdir(dest):
    shutil.rmtree(dest)
os.rename(tmp, dest)
print(dest, weights, manifest["training"]["epoch"], manifest["training"]["value"])
