#!/usr/bin/env python3
"""Runs `pointea bench core` and its peer (core_open3d.py) interleaved and prints the ratios.

Each round runs, for each workload in turn: pointea on all cores, the peer on all cores, pointea
pinned to one core (taskset -c 0), the peer pinned to one core, so both see the same machine
load; then pointea's peer-less cases (batched FPS and kNN). The single-thread column compares the pinned
runs (pointea's 1-thread cases against every peer variant, all then single-core); the all-cores
column compares pointea's all-core cases (1-thread cases for the sequential FPS and voxel grid)
against the peer's variants from the unpinned runs (the peers' FPS, voxel grid and tree builds are
single-threaded). Each figure is the median
over rounds of the per-run medians; the ratio is the fastest peer variant's time divided by
pointea's (above 1: pointea is faster). The load average is printed before and after each run.

Usage (from the repository root, after `mvn -B -q -DskipTests package`):
  /usr/bin/python3 tools/peers/core_side_by_side.py [--rounds 3] [--out results.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
POINTEA = os.path.join(ROOT, "tools", "bin", "pointea")
PEER = os.path.join(HERE, "core_open3d.py")
PYTHON = "/usr/bin/python3"
SEQUENTIAL = {"fps_100k_to_1024", "voxel_1M_at_0.01"}


PEER_CASES = ["fps_100k_to_1024", "voxel_1M_at_0.01", "kdtree_build_100k", "knn_k32_10k_queries",
              "knn_k32_100k_queries", "normals_100k_knn30"]
OURS_ONLY = ["fps_batch_32x1024_to_512", "knn_batch_32x512_k32_of_1024"]


def merge(rd, kind, doc):
    if kind not in rd:
        rd[kind] = {k: v for k, v in doc.items() if k != "results"}
        rd[kind]["results"] = []
        rd[kind]["load"] = []
    rd[kind]["results"].extend(doc["results"])
    rd[kind]["load"].extend(doc["load"])


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def run(cmd):
    before = load()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    doc = json.loads(out)
    doc["load"] = [before, load()]
    print(f"  {' '.join(os.path.basename(c) for c in cmd)}: load {before} -> {doc['load'][1]}",
          file=sys.stderr, flush=True)
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", help="also write every raw result to this JSON file")
    args = ap.parse_args()
    pin = ["taskset", "-c", "0"]
    raw = []
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}", file=sys.stderr, flush=True)
        rd = {}
        for case in PEER_CASES:
            for kind, cmd in (("ours_all", [POINTEA, "bench", "core", "--json", "--no-peer", "--case", case]),
                              ("peer_all", [PYTHON, PEER, "--json", "--case", case]),
                              ("ours_one", pin + [POINTEA, "bench", "core", "--json", "--no-peer", "--case", case]),
                              ("peer_one", pin + [PYTHON, PEER, "--json", "--case", case])):
                merge(rd, kind, run(cmd))
        for case in OURS_ONLY:
            merge(rd, "ours_all", run([POINTEA, "bench", "core", "--json", "--no-peer", "--case", case]))
            merge(rd, "ours_one", run(pin + [POINTEA, "bench", "core", "--json", "--no-peer", "--case", case]))
        raw.append(rd)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(raw, f, indent=2)

    def ours(kind, name, threads):
        v = [m["median_seconds"] for rd in raw for m in rd[kind]["results"]
             if m["name"] == name and m["threads"] == threads]
        return statistics.median(v) if v else None

    def peers(kind, name, only_all):
        by = {}
        for rd in raw:
            for m in rd[kind]["results"]:
                if m["name"] == name and (not only_all or m["threads"] == "all" or not has_all(kind, name)):
                    by.setdefault(m["peer"], []).append(m["median_seconds"])
        return {p: statistics.median(v) for p, v in by.items()}

    def has_all(kind, name):
        return any(m["name"] == name and m["threads"] == "all" for m in raw[0][kind]["results"])

    procs = raw[0]["ours_all"]["processors"]
    names = PEER_CASES + OURS_ONLY
    loads = [x for rd in raw for k in rd for x in rd[k]["load"]]
    print(f"pointea vs Open3D {raw[0]['peer_all']['open3d']} / SciPy {raw[0]['peer_all']['scipy']}, "
          f"{procs} cores, {args.rounds} interleaved rounds, load average {min(loads)}..{max(loads)}")
    print()
    print("| workload | threads | pointea s | peer (fastest variant) s | ratio peer/pointea | other peer variants |")
    print("|---|---|---|---|---|---|")
    for name in names:
        rows = [("1", "ours_one", 1, "peer_one", False)]
        all_threads = 1 if name in SEQUENTIAL else procs
        if procs > 1:
            rows.append((f"all ({procs})", "ours_all", all_threads, "peer_all", True))
        for label, ok, threads, pk, only_all in rows:
            t = ours(ok, name, threads)
            p = peers(pk, name, only_all)
            if t is None:
                continue
            if not p:
                print(f"| {name} | {label} | {t:.4f} | (no peer) | | |")
                continue
            best = min(p, key=p.get)
            others = "; ".join(f"{k} {v:.4f}" for k, v in sorted(p.items(), key=lambda kv: kv[1]) if k != best)
            print(f"| {name} | {label} | {t:.4f} | {best} {p[best]:.4f} | {p[best] / t:.2f} | {others} |")


if __name__ == "__main__":
    main()
