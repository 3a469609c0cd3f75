#!/usr/bin/env python3
"""Peer of org.pointea.tools.bench.DatasetBench: build a ModelNet preprocessing cache the
PointNet++ way, as yanx27/Pointnet_Pointnet2_pytorch's ModelNetDataLoader does with
--process_data --use_uniform_sample: for every id of the split list, np.loadtxt the comma text
file, farthest-point-sample it to N points in numpy (all channels kept, distances on xyz), and
pickle [list_of_points, list_of_labels] to one file.

The loop below is written for this benchmark after yanx27's ModelNetDataLoader.py (same
algorithm as its farthest_point_sample,
with the start fixed at index 0 instead of np.random.randint so runs are repeatable; the cost is
the same). Single-threaded, as the reference loader is.

  usage: dataset_numpy.py ROOT NPOINTS OUT.dat [--split train] [--limit K]

Prints one JSON line: {"task": "modelnet-cache", "seconds": ..., "cpu_seconds": ..., "shapes": ...,
"check": ...} (wall time, and the process's CPU time, which contention does not inflate).
Needs /usr/bin/python3 with numpy.
"""
import argparse
import json
import os
import pickle
import time

import numpy as np


def farthest_point_sample(point, npoint):
    """Returns the npoint rows of point picked by FPS from row 0 (xyz distances)."""
    n = point.shape[0]
    xyz = point[:, :3]
    picked = np.zeros((npoint,), dtype=np.int64)
    distance = np.full((n,), 1e10)
    farthest = 0
    for i in range(npoint):
        picked[i] = farthest
        d = np.sum((xyz - xyz[farthest, :]) ** 2, -1)
        closer = d < distance
        distance[closer] = d[closer]
        farthest = int(np.argmax(distance, -1))
    return point[picked]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("npoints", type=int)
    ap.add_argument("out")
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()

    start = time.perf_counter()
    cpu_start = time.process_time()
    names = [l.rstrip() for l in open(os.path.join(a.root, "modelnet40_shape_names.txt"))]
    classes = dict(zip(names, range(len(names))))
    ids = [l.rstrip() for l in open(os.path.join(a.root, "modelnet40_%s.txt" % a.split))]
    if a.limit:
        ids = ids[:a.limit]
    points, labels = [], []
    for shape_id in ids:
        cls = "_".join(shape_id.split("_")[0:-1])
        path = os.path.join(a.root, cls, shape_id + ".txt")
        point_set = np.loadtxt(path, delimiter=",").astype(np.float32)
        point_set = farthest_point_sample(point_set, a.npoints)
        points.append(point_set)
        labels.append(np.array([classes[cls]]).astype(np.int32))
    with open(a.out, "wb") as f:
        pickle.dump([points, labels], f)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    check = float(sum(float(p[0, 0]) for p in points))
    print(json.dumps({"task": "modelnet-cache", "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "shapes": len(ids), "check": check}))


if __name__ == "__main__":
    main()
