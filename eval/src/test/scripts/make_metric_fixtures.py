#!/usr/bin/env python3
"""Generates the eval module's parity fixtures (committed under src/test/resources/fixtures/).

Run with the system Python that has scikit-learn and numpy (the pyenv `python3` on PATH has not):

    /usr/bin/python3 eval/src/test/scripts/make_metric_fixtures.py eval/src/test/resources/fixtures

Oracles:
  * classification: scikit-learn (accuracy_score, balanced_accuracy_score, confusion_matrix,
    precision_recall_fscore_support with zero_division 0 and 1, labels=None and labels=range(K));
  * part segmentation from logits: the PointNet++ / yanx27 formula (restricted argmax over the
    category's parts; "part absent in prediction and ground truth = 1"; instance mIoU = mean over
    shapes, class mIoU = mean over categories), re-implemented below from
    charlesq34/pointnet2 part_seg/evaluate.py and yanx27/Pointnet_Pointnet2_pytorch test_partseg.py;
  * part segmentation from already-argmaxed, unrestricted predictions: antao97/dgcnn.pytorch
    `calculate_shape_IoU` (parts from the ground-truth object label, IoU 1 when the union is empty);
  * voting: numpy mean of K passes and argmax.
Everything is seeded; re-running writes byte-identical files.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             precision_recall_fscore_support)

SEG_NUM = [4, 2, 2, 4, 4, 3, 3, 2, 4, 2, 6, 2, 3, 3, 3, 3]
INDEX_START = [0, 4, 6, 8, 12, 16, 19, 22, 24, 28, 30, 36, 38, 41, 44, 47]
CAT_NAMES = ["Airplane", "Bag", "Cap", "Car", "Chair", "Earphone", "Guitar", "Knife", "Lamp",
             "Laptop", "Motorbike", "Mug", "Pistol", "Rocket", "Skateboard", "Table"]
SEG_CLASSES = {CAT_NAMES[c]: list(range(INDEX_START[c], INDEX_START[c] + SEG_NUM[c]))
               for c in range(16)}


def num(x):
    """JSON-safe float: NaN / inf become None (null)."""
    x = float(x)
    return x if np.isfinite(x) else None


def nums(a):
    return [num(v) for v in np.asarray(a, dtype=np.float64).ravel()]


# ----------------------------------------------------------------------------- classification

def sk(fn, *args, **kw):
    """Calls a sklearn metric; returns (value, None) or (None, error text)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(*args, **kw), None
        except Exception as e:  # noqa: BLE001 - recorded in the fixture
            return None, type(e).__name__ + ": " + str(e)


def cls_case(name, k, y_true, y_pred, note):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    case = {"name": name, "note": note, "num_classes": k,
            "labels": y_true.tolist(), "pred": y_pred.tolist()}
    oa, err = sk(accuracy_score, y_true, y_pred)
    case["oa"] = None if err else num(oa)
    case["oa_error"] = err
    bal, err = sk(balanced_accuracy_score, y_true, y_pred)
    case["macc"] = None if err else num(bal)
    case["macc_error"] = err
    cm = confusion_matrix(y_true, y_pred, labels=list(range(k))) if len(y_true) else np.zeros((k, k), int)
    case["confusion"] = cm.tolist()
    with np.errstate(divide="ignore", invalid="ignore"):
        case["class_accuracy"] = nums(np.diag(cm) / cm.sum(axis=1))
    for zd in (0, 1):
        key = "zero_division_%d" % zd
        block = {}
        v, err = sk(precision_recall_fscore_support, y_true, y_pred, labels=list(range(k)),
                    average=None, zero_division=zd)
        if err:
            block["per_class_error"] = err
        else:
            block["precision"], block["recall"], block["f1"] = nums(v[0]), nums(v[1]), nums(v[2])
            block["support"] = [int(s) for s in v[3]]
        for avg in ("macro", "weighted", "micro"):
            v, err = sk(precision_recall_fscore_support, y_true, y_pred, average=avg,
                        zero_division=zd)
            block[avg] = {"error": err} if err else {
                "precision": num(v[0]), "recall": num(v[1]), "f1": num(v[2])}
        case[key] = block
    return case


def make_cls(rng):
    cases = []
    k = 40
    # 37 of 40 classes seen; class 38 predicted but never seen; class 39 neither seen nor predicted;
    # class 5 seen but never predicted.
    y = rng.integers(0, 37, size=600)
    p = y.copy()
    flip = rng.random(600) < 0.2
    p[flip] = rng.integers(0, 39, size=int(flip.sum()))
    p[p == 5] = 6
    p[rng.choice(600, 4, replace=False)] = 38
    cases.append(cls_case("random40", k, y, p,
                          "40 classes: 37 and 38 predicted but never seen; 39 neither seen nor "
                          "predicted; 5 seen but never predicted"))
    cases.append(cls_case("never_predicted", 4, [0, 0, 1, 1, 2, 2, 3, 3], [0, 0, 0, 1, 2, 2, 2, 2],
                          "class 3 is seen twice and never predicted; class 1 half right"))
    cases.append(cls_case("extra_prediction", 3, [0, 0, 1, 1], [0, 2, 1, 2],
                          "class 2 predicted but never seen"))
    cases.append(cls_case("perfect", 5, [0, 1, 2, 3, 4, 4], [0, 1, 2, 3, 4, 4], "all right"))
    cases.append(cls_case("all_wrong", 3, [0, 1, 2, 0], [1, 2, 0, 2], "all wrong"))
    cases.append(cls_case("single_class", 10, [7, 7, 7], [7, 7, 7], "one class only, of 10"))
    cases.append(cls_case("empty", 4, [], [], "no samples"))
    return cases


# ----------------------------------------------------------------------------- part segmentation

def reference_from_logits(logits, target, num_parts=50):
    """PointNet++ part_seg/evaluate.py / yanx27 test_partseg.py, on [S, N, 50] logits."""
    seg_label_to_cat = {}
    for cat in SEG_CLASSES.keys():
        for label in SEG_CLASSES[cat]:
            seg_label_to_cat[label] = cat
    shape_ious = {cat: [] for cat in SEG_CLASSES.keys()}
    total_correct = 0
    total_seen = 0
    total_seen_class = [0 for _ in range(num_parts)]
    total_correct_class = [0 for _ in range(num_parts)]
    cur_pred_val = np.zeros(target.shape, dtype=np.int32)
    per_shape = []
    for i in range(logits.shape[0]):
        cat = seg_label_to_cat[target[i, 0]]
        logits_i = logits[i, :, :]
        cur_pred_val[i, :] = np.argmax(logits_i[:, SEG_CLASSES[cat]], 1) + SEG_CLASSES[cat][0]
    correct = np.sum(cur_pred_val == target)
    total_correct += correct
    total_seen += target.size
    for l in range(num_parts):
        total_seen_class[l] += np.sum(target == l)
        total_correct_class[l] += (np.sum((cur_pred_val == l) & (target == l)))
    for i in range(logits.shape[0]):
        segp = cur_pred_val[i, :]
        segl = target[i, :]
        cat = seg_label_to_cat[segl[0]]
        part_ious = [0.0 for _ in range(len(SEG_CLASSES[cat]))]
        for l in SEG_CLASSES[cat]:
            if (np.sum(segl == l) == 0) and (np.sum(segp == l) == 0):
                part_ious[l - SEG_CLASSES[cat][0]] = 1.0
            else:
                part_ious[l - SEG_CLASSES[cat][0]] = np.sum((segl == l) & (segp == l)) / float(
                    np.sum((segl == l) | (segp == l)))
        shape_ious[cat].append(np.mean(part_ious))
        per_shape.append(np.mean(part_ious))
    all_shape_ious = []
    for cat in shape_ious.keys():
        for iou in shape_ious[cat]:
            all_shape_ious.append(iou)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        cat_means = {cat: np.mean(v) for cat, v in shape_ious.items()}
        class_miou_literal = np.mean(list(cat_means.values()))
        part_acc = np.array(total_correct_class) / np.array(total_seen_class, dtype=np.float64)
        part_avg_literal = np.mean(part_acc)
    present = [v for v in cat_means.values() if not np.isnan(v)]
    return {
        "pred": cur_pred_val.ravel().tolist(),
        "shape_iou": nums(per_shape),
        "instance_miou": num(np.mean(all_shape_ious)) if all_shape_ious else None,
        "class_miou_literal": num(class_miou_literal),
        "class_miou": num(np.mean(present)) if present else None,
        "per_category": [num(cat_means[c]) for c in CAT_NAMES],
        "point_accuracy": num(total_correct / float(total_seen)) if total_seen else None,
        "part_avg_accuracy_literal": num(part_avg_literal),
        "part_avg_accuracy": num(np.nanmean(part_acc)) if np.any(~np.isnan(part_acc)) else None,
    }


def antao_shape_iou(pred_np, seg_np, label):
    """antao97/dgcnn.pytorch main_partseg.py calculate_shape_IoU (unrestricted predictions)."""
    shape_ious = []
    for shape_idx in range(seg_np.shape[0]):
        start_index = INDEX_START[label[shape_idx]]
        num = SEG_NUM[label[shape_idx]]
        parts = range(start_index, start_index + num)
        part_ious = []
        for part in parts:
            I = np.sum(np.logical_and(pred_np[shape_idx] == part, seg_np[shape_idx] == part))
            U = np.sum(np.logical_or(pred_np[shape_idx] == part, seg_np[shape_idx] == part))
            iou = 1 if U == 0 else I / float(U)
            part_ious.append(iou)
        shape_ious.append(np.mean(part_ious))
    return shape_ious


def gt_labels(rng, cat, n, drop_last=False):
    parts = SEG_CLASSES[CAT_NAMES[cat]]
    usable = parts[:-1] if drop_last else parts
    return rng.choice(usable, size=n)


def make_partseg_logits(rng):
    n = 24
    # every category but Rocket (13); two Motorbikes, two Chairs, an extra Airplane.
    cats = [c for c in range(16) if c != 13] + [10, 4, 0, 10, 7]
    s = len(cats)
    target = np.zeros((s, n), dtype=np.int64)
    logits = rng.normal(0.0, 1.0, size=(s, n, 50))
    for i, c in enumerate(cats):
        drop = i in (10, s - 2)  # the Motorbikes never use part 35 in GT ...
        target[i] = gt_labels(rng, c, n, drop_last=drop)
        logits[i, np.arange(n), target[i]] += 1.2
        if drop:  # ... nor in prediction: part absent in both -> IoU 1
            logits[i, :, 35] = -9.0
    # out-of-category parts get large logits on some points: the restricted argmax must ignore them
    logits[0, :5, 49] = 9.0
    logits = np.round(logits, 2).astype(np.float32)
    ref = reference_from_logits(logits.astype(np.float64), target)
    return {"name": "logits", "shapes": s, "points": n, "categories": cats,
            "labels": target.ravel().tolist(), "logits": [round(float(v), 2) for v in logits.ravel()],
            **ref,
            "note": "Rocket absent: class_miou_literal is null (NaN in the reference code), "
                    "class_miou is the mean over the 15 present categories; shapes 10 and 18 "
                    "(Motorbike) have part 35 absent in both."}


def make_partseg_argmaxed(rng):
    n = 48
    cats = list(range(16)) * 2 + [5, 9]
    s = len(cats)
    target = np.zeros((s, n), dtype=np.int64)
    pred = np.zeros((s, n), dtype=np.int64)
    for i, c in enumerate(cats):
        drop = i == 5  # Earphone without part 18 in GT or prediction
        target[i] = gt_labels(rng, c, n, drop_last=drop)
        p = target[i].copy()
        wrong = rng.random(n) < 0.3
        p[wrong] = gt_labels(rng, c, int(wrong.sum()), drop_last=drop)
        foreign = rng.random(n) < 0.05  # predictions of another category's parts
        p[foreign] = rng.integers(0, 50, size=int(foreign.sum()))
        if drop:
            p[p == 18] = 16
        pred[i] = p
    ious = antao_shape_iou(pred, target, np.array(cats))
    by_cat = {c: [] for c in range(16)}
    for c, v in zip(cats, ious):
        by_cat[c].append(v)
    per_cat = [float(np.mean(by_cat[c])) for c in range(16)]
    foreign_count = int(sum(np.sum((pred[i] < INDEX_START[c]) | (pred[i] >= INDEX_START[c] + SEG_NUM[c]))
                            for i, c in enumerate(cats)))
    return {"name": "argmaxed", "shapes": s, "points": n, "categories": cats,
            "labels": target.ravel().tolist(), "pred": pred.ravel().tolist(),
            "shape_iou": nums(ious), "instance_miou": num(np.mean(ious)),
            "class_miou": num(np.mean(per_cat)), "per_category": nums(per_cat),
            "point_accuracy": num(np.mean(pred == target)),
            "outside_category": foreign_count,
            "note": "unrestricted predictions (antao97 calculate_shape_IoU); shape 5 (Earphone) "
                    "has part 18 absent in both"}


def make_votes(rng):
    rows, width, k = 7, 5, 3
    passes = np.round(rng.normal(size=(k, rows, width)), 2).astype(np.float32)
    passes[:, 3, :] = 0.5  # all equal: argmax takes the first index, as numpy
    mean = passes.astype(np.float64).mean(axis=0)
    ex = np.exp(passes.astype(np.float64) - passes.max(axis=2, keepdims=True))
    soft = (ex / ex.sum(axis=2, keepdims=True)).mean(axis=0)
    return {"rows": rows, "width": width, "passes": [nums(p) for p in passes],
            "mean": nums(mean), "argmax": np.argmax(mean, axis=1).tolist(),
            "softmax_mean": nums(soft), "softmax_argmax": np.argmax(soft, axis=1).tolist()}


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    meta = {"generator": "eval/src/test/scripts/make_metric_fixtures.py",
            "sklearn": sklearn.__version__, "numpy": np.__version__}
    dump(os.path.join(out, "classification_sklearn.json"),
         {**meta, "cases": make_cls(np.random.default_rng(7))})
    rng = np.random.default_rng(11)
    dump(os.path.join(out, "partseg_reference.json"),
         {**meta, "cases": [make_partseg_logits(rng), make_partseg_argmaxed(rng)]})
    dump(os.path.join(out, "votes_numpy.json"), {**meta, **make_votes(np.random.default_rng(3))})


if __name__ == "__main__":
    main()
