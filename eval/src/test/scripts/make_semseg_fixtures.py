#!/usr/bin/python3
"""Generates the semantic-segmentation parity fixture (src/test/resources/fixtures/semseg_sklearn.json).

    /usr/bin/python3 eval/src/test/scripts/make_semseg_fixtures.py eval/src/test/resources/fixtures

Oracles, computed over all scored points of all scenes of a case (concatenated):
  * scikit-learn: confusion_matrix(labels=range(K)), accuracy_score, balanced_accuracy_score,
    jaccard_score(average=None, labels=range(K)) per class and jaccard_score(average="macro") with
    its default labels (the classes present in ground truth or prediction) for the mean IoU;
  * numpy, the S3DIS convention of PointNet's sem_seg/eval_iou_accuracy.py: per class
    gt = #label, pos = #pred, tp = #both, IoU = tp / (gt + pos - tp), accuracy = tp / gt.
Points with a negative label are unscored (the "ignore" label) and left out before either oracle.
Seeded; re-running writes an identical file.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             jaccard_score)


def num(x):
    x = float(x)
    return x if np.isfinite(x) else None


def case(name, k, scenes, note):
    labels = np.concatenate([s[0] for s in scenes]).astype(np.int64)
    pred = np.concatenate([s[1] for s in scenes]).astype(np.int64)
    keep = labels >= 0
    y, p = labels[keep], pred[keep]
    out = {"name": name, "note": note, "num_classes": k,
           "scenes": [{"labels": s[0].tolist(), "pred": s[1].tolist()} for s in scenes],
           "points": int(keep.sum()), "ignored": int((~keep).sum())}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["confusion"] = confusion_matrix(y, p, labels=list(range(k))).tolist() if len(y) else \
            np.zeros((k, k), int).tolist()
        out["oa"] = num(accuracy_score(y, p)) if len(y) else None
        out["macc"] = num(balanced_accuracy_score(y, p)) if len(y) else None
        if len(y):
            per = jaccard_score(y, p, labels=list(range(k)), average=None, zero_division=0)
            out["miou"] = num(jaccard_score(y, p, average="macro", zero_division=0))
        else:
            per = np.zeros(k)
            out["miou"] = None
    # numpy, PointNet eval_iou_accuracy.py: IoU undefined (null) where gt + pos == 0,
    # where scikit-learn's zero_division gives 0
    gt = np.array([np.sum(y == c) for c in range(k)])
    pos = np.array([np.sum(p == c) for c in range(k)])
    tp = np.array([np.sum((y == c) & (p == c)) for c in range(k)])
    union = gt + pos - tp
    out["iou"] = [num(tp[c] / union[c]) if union[c] else None for c in range(k)]
    out["iou_sklearn"] = [num(v) for v in per]
    out["accuracy"] = [num(tp[c] / gt[c]) if gt[c] else None for c in range(k)]
    return out


def noisy(rng, labels, k, flip):
    p = labels.copy()
    w = rng.random(len(p)) < flip
    p[w] = rng.integers(0, k, size=int(w.sum()))
    return p


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    rng = np.random.default_rng(15)
    cases = []
    # 13 S3DIS-like classes with S3DIS-like frequencies; class 12 never seen, predicted a few times;
    # class 3 neither seen nor predicted; 5 % unlabelled (-1); three scenes of different sizes
    freq = np.array([19, 17, 29, 0, 2, 2, 4, 3, 4, 1, 6, 1, 0], float)
    freq /= freq.sum()
    scenes = []
    for n in (700, 1300, 400):
        y = rng.choice(13, size=n, p=freq)
        p = noisy(rng, y, 12, 0.25)
        p[p == 3] = 2
        p[rng.choice(n, 3, replace=False)] = 12
        y[rng.random(n) < 0.05] = -1
        scenes.append((y, p))
    cases.append(case("s3dis_like", 13, scenes,
                      "3 scenes; class 12 predicted but never seen (IoU 0, counted in mIoU); class 3 "
                      "neither (IoU undefined, left out); 5 % of points unlabelled (-1)"))
    y = np.array([0, 0, 1, 1, 2, 2, -1, -1])
    cases.append(case("ignore_only_differs", 3, [(y, np.array([0, 0, 1, 1, 2, 2, 0, 1]))],
                      "perfect on the scored points; the two unlabelled points are predicted wrongly "
                      "and must not count"))
    cases.append(case("never_predicted", 4, [(np.array([0, 0, 1, 1, 3, 3]), np.array([0, 0, 1, 0, 0, 1]))],
                      "class 3 seen, never predicted: IoU 0; class 2 absent from both"))
    cases.append(case("all_unlabelled", 3, [(np.array([-1, -1]), np.array([0, 1]))],
                      "no scored point: every score undefined"))
    dump = {"generator": "eval/src/test/scripts/make_semseg_fixtures.py", "sklearn": sklearn.__version__,
            "numpy": np.__version__, "cases": cases}
    with open(os.path.join(out, "semseg_sklearn.json"), "w") as f:
        json.dump(dump, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
