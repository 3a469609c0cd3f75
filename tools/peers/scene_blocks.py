#!/usr/bin/python3
"""numpy / SciPy peer of SceneBench's block sampling: training crops drawn as the reference code draws them.

  column: yanx27/Pointnet_Pointnet2_pytorch data_utils/S3DISDataLoader.py __getitem__: a random point
          as centre, np.where over all points of the room for the 1 m x 1 m column, redrawn until it
          holds more than 1024 points, then np.random.choice of 4096 (without replacement when enough);
  knn:    a cKDTree per room (built once, timed apart) and tree.query(centre, k=4096), the kNN crop of
          PointNet++ / Point Transformer loaders.

    /usr/bin/python3 scene_blocks.py --mode column|knn --points 4096 --blocks 2000 ROOM.npy ...
prints one JSON line: {"mode", "blocks", "seconds", "build_seconds", "blocks_per_s"}.
"""
import argparse
import json
import time

import numpy as np
from scipy.spatial import cKDTree


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["column", "knn"], required=True)
    ap.add_argument("--points", type=int, default=4096)
    ap.add_argument("--blocks", type=int, default=2000)
    ap.add_argument("--block", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("rooms", nargs="+")
    a = ap.parse_args()
    rooms = [np.load(p).astype(np.float32) for p in a.rooms]
    rng = np.random.default_rng(a.seed)
    np.random.seed(a.seed)
    sizes = np.array([r.shape[0] for r in rooms], dtype=np.float64)
    prob = sizes / sizes.sum()
    t_build = 0.0
    trees = None
    if a.mode == "knn":
        t0 = time.perf_counter()
        trees = [cKDTree(r) for r in rooms]
        t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(a.blocks):
        k = rng.choice(len(rooms), p=prob)
        points = rooms[k]
        n = points.shape[0]
        if a.mode == "column":
            while True:
                center = points[np.random.choice(n)][:3]
                block_min = center - [a.block / 2.0, a.block / 2.0, 0]
                block_max = center + [a.block / 2.0, a.block / 2.0, 0]
                point_idxs = np.where((points[:, 0] >= block_min[0]) & (points[:, 0] <= block_max[0])
                                      & (points[:, 1] >= block_min[1]) & (points[:, 1] <= block_max[1]))[0]
                if point_idxs.size > 1024:
                    break
            if point_idxs.size >= a.points:
                sel = np.random.choice(point_idxs, a.points, replace=False)
            else:
                sel = np.random.choice(point_idxs, a.points, replace=True)
        else:
            center = points[np.random.choice(n)]
            _, sel = trees[k].query(center, k=min(a.points, n))
        _ = points[sel]
    dt = time.perf_counter() - t0
    print(json.dumps({"mode": a.mode, "blocks": a.blocks, "seconds": dt, "build_seconds": t_build,
                      "blocks_per_s": a.blocks / dt}))


if __name__ == "__main__":
    main()
