#!/usr/bin/env python3
"""Python peers of the eval benchmarks (run by org.pointea.tools.bench.EvalBench, one round per call).

Each task builds its seeded input, times only the metric / rendering work with perf_counter and
prints one JSON line: {"task": ..., "seconds": ..., "check": ...}.

  partseg-logits  the PointNet++ / yanx27 test_partseg.py loop (restricted argmax per shape, then
                  per-part IoU with numpy), fed batch by batch like a test loop
  partseg-pred    the same IoU loop on already-argmaxed predictions
  cls             scikit-learn accuracy, balanced accuracy, confusion matrix and
                  precision_recall_fscore_support on S samples
  render          matplotlib (Agg, headless) 3-D scatter of a cloud, coloured by label, to PNG in memory

Needs /usr/bin/python3 with numpy, scikit-learn and matplotlib. Open3D's OffscreenRenderer would be
the closer peer for rendering, but it needs EGL, which headless CI machines lack.
"""
import argparse
import io
import json
import time

import numpy as np

SEG_NUM = [4, 2, 2, 4, 4, 3, 3, 2, 4, 2, 6, 2, 3, 3, 3, 3]
INDEX_START = [0, 4, 6, 8, 12, 16, 19, 22, 24, 28, 30, 36, 38, 41, 44, 47]
SEG_CLASSES = {c: list(range(INDEX_START[c], INDEX_START[c] + SEG_NUM[c])) for c in range(16)}


def shape_ious(segp, segl, cat):
    parts = SEG_CLASSES[cat]
    part_ious = [0.0] * len(parts)
    for l in parts:
        if np.sum(segl == l) == 0 and np.sum(segp == l) == 0:
            part_ious[l - parts[0]] = 1.0
        else:
            part_ious[l - parts[0]] = np.sum((segl == l) & (segp == l)) / float(np.sum((segl == l) | (segp == l)))
    return np.mean(part_ious)


def make_labels(rng, cats, n):
    first = np.array(INDEX_START)[cats][:, None]
    count = np.array(SEG_NUM)[cats][:, None]
    return (first + (rng.random((len(cats), n)) * count).astype(np.int64)).astype(np.int64)


def partseg(args, logits):
    rng = np.random.default_rng(1)
    cats = rng.integers(0, 16, size=args.shapes)
    labels = make_labels(rng, cats, args.points)
    batch = 32
    if logits:
        buf = rng.normal(size=(batch, args.points, 50)).astype(np.float32)
    else:
        preds = labels.copy()
        flip = rng.random(labels.shape) < 0.2
        preds[flip] = rng.integers(0, 50, size=int(flip.sum()))
    ious = {c: [] for c in range(16)}
    elapsed = 0.0
    for b0 in range(0, args.shapes, batch):
        b1 = min(args.shapes, b0 + batch)
        t0 = time.perf_counter()
        for i in range(b0, b1):
            cat = int(cats[i])
            segl = labels[i]
            if logits:
                parts = SEG_CLASSES[cat]
                segp = np.argmax(buf[i - b0][:, parts], 1) + parts[0]
            else:
                segp = preds[i]
            ious[cat].append(shape_ious(segp, segl, cat))
        elapsed += time.perf_counter() - t0
    allious = [v for vs in ious.values() for v in vs]
    return elapsed, float(np.mean(allious))


def cls(args):
    from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                                 precision_recall_fscore_support)
    rng = np.random.default_rng(2)
    y = rng.integers(0, 40, size=args.samples)
    p = np.where(rng.random(args.samples) < 0.9, y, rng.integers(0, 40, size=args.samples))
    t0 = time.perf_counter()
    oa = accuracy_score(y, p)
    macc = balanced_accuracy_score(y, p)
    confusion_matrix(y, p, labels=list(range(40)))
    precision_recall_fscore_support(y, p, labels=list(range(40)), zero_division=0)
    return time.perf_counter() - t0, oa + macc


def render(args):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(3)
    z = rng.random(args.render_points) * 2 - 1
    t = rng.random(args.render_points) * 2 * np.pi
    r = np.sqrt(1 - z * z)
    xyz = np.stack([r * np.cos(t), r * np.sin(t), z], axis=1)
    labels = (xyz[:, 0] > 0).astype(int) + 2 * (xyz[:, 1] > 0)
    colors = plt.get_cmap("tab10")(labels)
    t0 = time.perf_counter()
    fig = plt.figure(figsize=(5.12, 5.12), dpi=100)
    ax = fig.add_subplot(projection="3d")
    ax.scatter(xyz[:, 0], xyz[:, 1], xyz[:, 2], c=colors, s=4, depthshade=False)
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return time.perf_counter() - t0, len(buf.getvalue())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["partseg-logits", "partseg-pred", "cls", "render"])
    ap.add_argument("--shapes", type=int, default=2874)
    ap.add_argument("--points", type=int, default=2048)
    ap.add_argument("--samples", type=int, default=1_000_000)
    ap.add_argument("--render-points", type=int, default=10_000)
    args = ap.parse_args()
    if args.task == "partseg-logits":
        sec, check = partseg(args, True)
    elif args.task == "partseg-pred":
        sec, check = partseg(args, False)
    elif args.task == "cls":
        sec, check = cls(args)
    else:
        sec, check = render(args)
    print(json.dumps({"task": args.task, "seconds": sec, "check": check}))


if __name__ == "__main__":
    main()
