#!/usr/bin/env python3
"""Writes the NPY inputs and expected scores of the `pointea metrics` tests.

numpy writes the arrays (as a model's evaluation script would: int64 labels, int32 and float32
predictions), scikit-learn computes the classification scores, and the PointNet++ / yanx27
formula (restated below) the ShapeNet-part scores. Seeded: re-running writes identical files.

    /usr/bin/python3 tools/src/test/scripts/make_metrics_fixtures.py tools/src/test/resources/metrics
"""
import json
import os
import sys

import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

# ShapeNet-part: first global part id and part count of the 16 categories, in the standard order
FIRST = [0, 4, 6, 8, 12, 16, 19, 22, 24, 28, 30, 36, 38, 41, 44, 47]
COUNT = [4, 2, 2, 4, 4, 3, 3, 2, 4, 2, 6, 2, 3, 3, 3, 3]


def shape_iou(labels, pred, cat):
    """yanx27 test_partseg.py / PointNet++ evaluate.py: IoU over the category's parts,
    a part absent from both prediction and ground truth scores 1."""
    ious = []
    for p in range(FIRST[cat], FIRST[cat] + COUNT[cat]):
        inter = np.sum((labels == p) & (pred == p))
        union = np.sum((labels == p) | (pred == p))
        ious.append(1.0 if union == 0 else inter / union)
    return float(np.mean(ious))


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20240611)

    # classification: 10 named classes, 300 samples, class 9 never predicted
    k, s = 10, 300
    y = rng.integers(0, k, s)
    p = np.where(rng.random(s) < 0.85, y, rng.integers(0, k, s))
    p[p == 9] = 8
    names = ["bathtub", "bed", "chair", "desk", "dresser", "monitor", "night_stand", "sofa",
             "table", "toilet"]
    scores = rng.random((s, k)).astype(np.float32)
    scores[np.arange(s), p] += 1.0  # argmax = p
    np.save(os.path.join(out, "cls_labels.npy"), y.astype(np.int64))
    np.save(os.path.join(out, "cls_pred.npy"), p.astype(np.int32))
    np.save(os.path.join(out, "cls_scores.npy"), scores)
    with open(os.path.join(out, "shape_names.txt"), "w") as f:
        f.write("\n".join(names) + "\n")

    # part segmentation: 24 shapes x 64 points of 6 categories, 10 % noise, 3 % out of category
    cats = rng.choice([0, 4, 8, 10, 11, 15], 24)
    n = 64
    labels = np.stack([FIRST[c] + rng.integers(0, COUNT[c], n) for c in cats])
    pred = labels.copy()
    noise = rng.random(labels.shape) < 0.10
    for i in range(len(cats)):
        c = cats[i]
        pred[i, noise[i]] = FIRST[c] + rng.integers(0, COUNT[c], noise[i].sum())
    outside = rng.random(labels.shape) < 0.03
    pred[outside] = rng.integers(0, 50, outside.sum())
    np.save(os.path.join(out, "seg_labels.npy"), labels.astype(np.int64))
    np.save(os.path.join(out, "seg_pred.npy"), pred.astype(np.int64))
    np.save(os.path.join(out, "seg_category.npy"), cats.astype(np.int64))
    ious = np.array([shape_iou(labels[i], pred[i], cats[i]) for i in range(len(cats))])
    per_cat = {int(c): float(np.mean(ious[cats == c])) for c in np.unique(cats)}

    expected = {
        "cls": {
            "oa": float(accuracy_score(y, p)),
            "macc": float(balanced_accuracy_score(y, p)),
            "macro_f1": float(f1_score(y, p, labels=range(k), average="macro", zero_division=0)),
            "samples": s,
        },
        "partseg": {
            "instance_miou": float(np.mean(ious)),
            "class_miou": float(np.mean(list(per_cat.values()))),
            "per_category": per_cat,
            "shapes": len(cats),
        },
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tools/src/test/resources/metrics")
