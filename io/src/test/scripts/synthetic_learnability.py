#!/usr/bin/env python3
"""Learnability check of the synthetic datasets (a sanity check quoted in docs/datasets.md, not a
unit test): simple scikit-learn models on hand-made features, to show the classes and parts are
separable without being given away.

  classification: random forest on rotation-invariant histograms of 1,024 points (pairwise
      distances, distances to the centroid; no normals), trained on the train list, scored on test
  segmentation:   one random forest per category on the unit-sphere-normalised xyz of single
      points (no neighbourhood), scored as instance mIoU (PointNet++ shape IoU) on the test split

  usage: synthetic_learnability.py cls  DIR/modelnet40_normal_resampled
         synthetic_learnability.py seg  DIR/shapenetcore_partanno_segmentation_benchmark_v0_normal

Needs /usr/bin/python3 with numpy and scikit-learn.
"""
import collections
import json
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier


def unit(x):
    x = x - x.mean(0)
    return x / np.sqrt((x ** 2).sum(1)).max()


def cls(root):
    names = [l.strip() for l in open(root + "/modelnet40_shape_names.txt")]

    def feats(p):
        xyz = unit(p[:, :3])
        rng = np.random.default_rng(0)
        i, j = rng.integers(0, len(xyz), 4000), rng.integers(0, len(xyz), 4000)
        d = np.sqrt(((xyz[i] - xyz[j]) ** 2).sum(1))
        r = np.sqrt((xyz ** 2).sum(1))
        return np.concatenate([np.histogram(d, 24, (0, 2))[0] / 4000,
                               np.histogram(r, 16, (0, 1))[0] / len(r)])

    def load(split):
        x, y = [], []
        for line in open(root + "/modelnet40_%s.txt" % split):
            sid = line.strip()
            c = "_".join(sid.split("_")[:-1])
            x.append(feats(np.loadtxt("%s/%s/%s.txt" % (root, c, sid), delimiter=",")))
            y.append(names.index(c))
        return np.array(x), np.array(y)

    xtr, ytr = load("train")
    xte, yte = load("test")
    rf = RandomForestClassifier(500, random_state=0).fit(xtr, ytr)
    print("classification: random forest OA %.4f on %d test shapes"
          % ((rf.predict(xte) == yte).mean(), len(yte)))


def seg(root):
    def load(split):
        out = collections.defaultdict(list)
        for e in json.load(open("%s/train_test_split/shuffled_%s_file_list.json" % (root, split))):
            _, s, t = e.split("/")
            d = np.loadtxt("%s/%s/%s.txt" % (root, s, t))
            out[s].append((unit(d[:, :3]), d[:, -1].astype(int)))
        return out

    train, test = load("train"), load("test")
    ious, per = [], {}
    for s in sorted(train):
        x = np.concatenate([a for a, _ in train[s]])
        y = np.concatenate([b for _, b in train[s]])
        rf = RandomForestClassifier(60, random_state=0, min_samples_leaf=3).fit(x, y)
        parts = sorted(set(y))
        shape = []
        for a, b in test[s]:
            p = rf.predict(a)
            shape.append(np.mean([1.0 if ((b == l) | (p == l)).sum() == 0 else
                                  ((b == l) & (p == l)).sum() / ((b == l) | (p == l)).sum()
                                  for l in parts]))
        per[s] = round(float(np.mean(shape)), 4)
        ious += shape
    print("segmentation: instance mIoU %.4f; per synset %s" % (np.mean(ious), per))


if __name__ == "__main__":
    {"cls": cls, "seg": seg}[sys.argv[1]](sys.argv[2])
