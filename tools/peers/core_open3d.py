#!/usr/bin/env python3
"""Open3D 0.16 / SciPy timings of the workloads of `pointea bench core`; a peer, not project code.

The team's Open3D / SciPy timing script, extended with all-core variants (SciPy workers=-1,
Open3D's tensor NearestNeighborSearch, which is multi-threaded), 100k-query kNN and normals.
Run pinned to one core (`taskset -c 0 ...`) for single-thread figures of the multi-threaded
variants; tools/peers/core_side_by_side.py does both, interleaved with pointea.

Usage: /usr/bin/python3 tools/peers/core_open3d.py [--json] [--runs N] [--case NAME]...
Needs Debian python3-open3d python3-scipy (system python3, not a pyenv one).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import open3d as o3d
import scipy.spatial as sp


def timed(fn, runs, warmup=1):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(runs):
        a = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - a)
    ts.sort()
    q = lambda p: float(np.quantile(ts, p))
    return {"runs": runs, "medianSeconds": q(0.5), "p25Seconds": q(0.25), "p75Seconds": q(0.75),
            "minSeconds": ts[0]}


CASES = ["fps_100k_to_1024", "voxel_1M_at_0.01", "kdtree_build_100k", "knn_k32_10k_queries",
         "knn_k32_100k_queries", "normals_100k_knn30"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per case (slow cases: 3)")
    ap.add_argument("--case", action="append", choices=CASES, help="run only this case (repeatable)")
    args = ap.parse_args()
    cases = args.case or CASES
    runs, slow = args.runs, max(1, min(args.runs, 3))
    procs = len(os.sched_getaffinity(0))
    rng = np.random.default_rng(0)
    pts = rng.random((100_000, 3))
    pc = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(pts))
    results = []

    def add(name, peer, threads, fn, n):
        log(f"{name} {peer} ...")
        r = timed(fn, n)
        r.update({"name": name, "peer": peer, "threads": threads})
        results.append(r)

    # threads: "1" = single-threaded by implementation or argument; "all" = uses every core it is
    # allowed (so 1 under taskset -c 0)
    if "fps_100k_to_1024" in cases:
        add("fps_100k_to_1024", "open3d farthest_point_down_sample", "1",
            lambda: pc.farthest_point_down_sample(1024), slow)
    if "voxel_1M_at_0.01" in cases:
        big_pc = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(rng.random((1_000_000, 3))))
        add("voxel_1M_at_0.01", "open3d voxel_down_sample", "1",
            lambda: big_pc.voxel_down_sample(0.01), runs)
    if "kdtree_build_100k" in cases:
        add("kdtree_build_100k", "open3d KDTreeFlann", "1", lambda: o3d.geometry.KDTreeFlann(pc), runs)
        add("kdtree_build_100k", "scipy cKDTree", "1", lambda: sp.cKDTree(pts), runs)
    for m in (10_000, 100_000):
        name = f"knn_k32_{m // 1000}k_queries"
        if name not in cases:
            continue
        tree = o3d.geometry.KDTreeFlann(pc)
        kt = sp.cKDTree(pts)
        nns = o3d.core.nns.NearestNeighborSearch(o3d.core.Tensor(pts.astype(np.float32)))
        nns.knn_index()
        q = pts[:m]
        qt = o3d.core.Tensor(q.astype(np.float32))

        def loop(q=q, tree=tree):
            for p in q:
                tree.search_knn_vector_3d(p, 32)

        add(name, "open3d KDTreeFlann (python loop)", "1", loop, slow)
        add(name, "scipy cKDTree workers=1", "1", lambda q=q, kt=kt: kt.query(q, 32, workers=1), slow)
        add(name, "scipy cKDTree workers=-1", "all", lambda q=q, kt=kt: kt.query(q, 32, workers=-1), slow)
        add(name, "open3d core.nns knn_search", "all", lambda qt=qt, nns=nns: nns.knn_search(qt, 32), slow)
    if "normals_100k_knn30" in cases:
        def normals():
            c = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(pts))
            c.estimate_normals(o3d.geometry.KDTreeSearchParamKNN(30))

        add("normals_100k_knn30", "open3d estimate_normals (tree included)", "all", normals, slow)

    doc = {"bench": "core_open3d", "processors": procs, "open3d": o3d.__version__,
           "scipy": __import__("scipy").__version__, "results": results}
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print(f"{'case':32s} {'peer':42s} {'threads':>7s} {'median s':>10s}")
        for r in results:
            print(f"{r['name']:32s} {r['peer']:42s} {r['threads']:>7s} {r['medianSeconds']:10.5f}")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
