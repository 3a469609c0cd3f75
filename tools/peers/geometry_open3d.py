#!/usr/bin/env python3
"""Open3D 0.16 timings of the workloads of `pointea bench geometry`; a peer, not project code.

Reads the workload `pointea bench geometry` writes (cloud.pcd with normals, source.pcd,
labels.i32, params.json) and times Open3D's function for each case with the same parameters.
Every case returns a new cloud (or labels / a plane / a registration), as pointea's side does.
Euclidean clusters have no Open3D function; cluster_dbscan(eps, min_points=1) computes the same
connected components and stands in.

Usage: /usr/bin/python3 tools/peers/geometry_open3d.py --dir DIR [--json] [--runs N] [--case NAME]...
Needs Debian python3-open3d (system python3, not a pyenv one).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import open3d as o3d

CASES = ["statistical_outliers", "radius_outliers", "plane_ransac_1000", "dbscan",
         "euclidean_clusters", "icp_point_to_point", "icp_point_to_plane", "crop_box",
         "crop_polygon", "select_by_label"]


def timed(fn, runs, warmup=1):
    """Median wall and process CPU time (every thread) per call, over `runs` runs of as many calls
    as take at least 50 ms of CPU time."""
    c = time.process_time()
    for _ in range(warmup):
        fn()
    per_call = (time.process_time() - c) / warmup
    reps = int(max(1, min(100000, np.ceil(0.05 / max(per_call, 1e-9)))))
    ts, cs = [], []
    for _ in range(runs):
        c = time.process_time()
        a = time.perf_counter()
        for _ in range(reps):
            fn()
        ts.append((time.perf_counter() - a) / reps)
        cs.append((time.process_time() - c) / reps)
    return {"runs": runs, "medianSeconds": float(np.median(ts)),
            "medianCpuSeconds": float(np.median(cs)), "minSeconds": min(ts), "reps": reps}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, help="the workload folder pointea wrote")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per case")
    ap.add_argument("--case", action="append", choices=CASES, help="run only this case (repeatable)")
    args = ap.parse_args()
    cases = args.case or CASES
    with open(os.path.join(args.dir, "params.json")) as f:
        p = json.load(f)
    pc = o3d.io.read_point_cloud(os.path.join(args.dir, "cloud.pcd"))
    src = o3d.io.read_point_cloud(os.path.join(args.dir, "source.pcd"))
    labels = np.fromfile(os.path.join(args.dir, "labels.i32"), dtype="<i4")
    if len(pc.points) != p["points"] or not pc.has_normals() or len(labels) != p["points"]:
        sys.exit("workload in %s does not match its params.json" % args.dir)
    results = []

    def add(name, peer, fn, extra=None):
        log(f"{name} {peer} ...")
        r = timed(fn, args.runs)
        r.update({"name": name, "peer": peer, "threads": "all"})
        if extra:
            r.update(extra())
        results.append(r)

    reg = o3d.pipelines.registration
    for name in cases:
        if name == "statistical_outliers":
            add(name, "open3d remove_statistical_outlier",
                lambda: pc.remove_statistical_outlier(p["sor_nb_neighbors"], p["sor_std_ratio"]))
        elif name == "radius_outliers":
            add(name, "open3d remove_radius_outlier",
                lambda: pc.remove_radius_outlier(p["ror_nb_points"], p["ror_radius"]))
        elif name == "plane_ransac_1000":
            add(name, "open3d segment_plane (probability 1)",
                lambda: pc.segment_plane(p["plane_distance"], 3, p["plane_iterations"], 1.0))
        elif name == "dbscan":
            add(name, "open3d cluster_dbscan",
                lambda: pc.cluster_dbscan(p["dbscan_eps"], p["dbscan_min_points"]))
        elif name == "euclidean_clusters":
            add(name, "open3d cluster_dbscan(min_points=1)",
                lambda: pc.cluster_dbscan(p["euclidean_tolerance"], 1))
        elif name in ("icp_point_to_point", "icp_point_to_plane"):
            est = (reg.TransformationEstimationPointToPlane() if name.endswith("plane")
                   else reg.TransformationEstimationPointToPoint())
            crit = reg.ICPConvergenceCriteria(max_iteration=p["icp_max_iteration"])
            last = {}

            def icp(est=est, crit=crit, last=last):
                last["r"] = reg.registration_icp(src, pc, p["icp_max_distance"], np.eye(4), est, crit)

            add(name, "open3d registration_icp", icp,
                lambda last=last: {"fitness": last["r"].fitness})
        elif name == "crop_box":
            box = o3d.geometry.AxisAlignedBoundingBox(np.array(p["box_min"]), np.array(p["box_max"]))
            add(name, "open3d crop(AxisAlignedBoundingBox)", lambda box=box: pc.crop(box))
        elif name == "crop_polygon":
            vol = o3d.visualization.SelectionPolygonVolume()
            vol.orthogonal_axis = "Z"
            xy = np.array(p["polygon_xy"]).reshape(-1, 2)
            vol.bounding_polygon = o3d.utility.Vector3dVector(np.c_[xy, np.zeros(len(xy))])
            vol.axis_min, vol.axis_max = p["polygon_z_range"]
            add(name, "open3d SelectionPolygonVolume.crop_point_cloud",
                lambda vol=vol: vol.crop_point_cloud(pc))
        elif name == "select_by_label":
            add(name, "numpy nonzero + open3d select_by_index",
                lambda: pc.select_by_index(np.nonzero(labels == p["label"])[0]))

    doc = {"bench": "geometry_open3d", "processors": len(os.sched_getaffinity(0)),
           "open3d": o3d.__version__, "numpy": np.__version__, "results": results}
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print(f"{'case':24s} {'peer':48s} {'median s':>10s}")
        for r in results:
            print(f"{r['name']:24s} {r['peer']:48s} {r['medianSeconds']:10.5f}")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
