#!/usr/bin/python3
"""PyTorch peer of PredictBench: single-cloud inference latency of PCT-style networks on the CPU.

Runs the same work as pointea's Predictor on the same clouds, as a PyTorch user would write it:
  classification: FPS to the network's N (the PCT reference's torch loop), pc_normalize, PCT's two
                  sample-and-group stages (torch FPS + cdist/topk kNN), forward (eval, no_grad),
                  softmax, top-5;
  segmentation:   uniform random sample of N points without replacement, pc_normalize, forward with
                  the category one-hot, argmax restricted to the category's parts, every input point
                  labelled by its nearest sampled point (scipy cKDTree).
Networks: PCT classification (v1) and PCT part segmentation with External Attention, widths read
from the case file pointea writes, weights random (timing does not depend on them).

Protocol (driven by org.pointea.tools.bench.PredictBench, which interleaves it with pointea):
  /usr/bin/python3 predict_pytorch.py --cases DIR/cases.json
  stdout first line: {"ready": true, "torch": ..., "threads": ..., "params": {case: n}}
  then for each stdin line "CASE INDEX": one JSON line {"total": s, "pre": s, "net": s, "post": s,
  "answer": ...} (seconds, time.perf_counter inside this process). "quit" ends it.
Standalone: --standalone runs 20 iterations of every case and prints medians.
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.spatial import cKDTree

torch.set_num_threads(2)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass
torch.manual_seed(0)

# ShapeNet-part: first global part id and part count of each of the 16 categories
FIRST_PART = [0, 4, 6, 8, 12, 16, 19, 22, 24, 28, 30, 36, 38, 41, 44, 47]
PART_COUNT = [4, 2, 2, 4, 4, 3, 3, 2, 4, 2, 6, 2, 3, 3, 3, 3]


def fps(x, m):
    """Farthest-point sampling from index 0 (the PCT reference's CPU code). x [B,N,3] -> [B,m]."""
    b, n, _ = x.shape
    idx = torch.zeros(b, m, dtype=torch.long)
    d = torch.full((b, n), 1e10)
    far = torch.zeros(b, dtype=torch.long)
    ar = torch.arange(b)
    for i in range(m):
        idx[:, i] = far
        c = x[ar, far][:, None, :]
        d = torch.minimum(d, ((x - c) ** 2).sum(-1))
        far = d.argmax(-1)
    return idx


def knn(k, xyz, q):
    return torch.cdist(q, xyz).topk(k, largest=False).indices


def gather(p, idx):
    return p[torch.arange(p.shape[0])[:, None, None] if idx.dim() == 3 else torch.arange(p.shape[0])[:, None], idx]


def pc_normalize(x):
    x = x - x.mean(0)
    return x / np.sqrt((x ** 2).sum(1)).max()


class Local(nn.Module):
    def __init__(s, i, o):
        super().__init__()
        s.c1 = nn.Conv1d(i, o, 1, bias=False)
        s.c2 = nn.Conv1d(o, o, 1, bias=False)
        s.b1 = nn.BatchNorm1d(o)
        s.b2 = nn.BatchNorm1d(o)

    def forward(s, x):
        b, n, k, d = x.shape
        x = x.permute(0, 1, 3, 2).reshape(-1, d, k)
        x = F.relu(s.b1(s.c1(x)))
        x = F.relu(s.b2(s.c2(x)))
        return x.max(-1).values.reshape(b, n, -1).permute(0, 2, 1)


def group(points, fidx, kidx):
    new = gather(points, fidx)
    nb = gather(points, kidx)
    return torch.cat([nb - new[:, :, None, :], new[:, :, None, :].expand(-1, -1, kidx.shape[2], -1)], -1)


class External(nn.Module):
    def __init__(s, c, slots=64):
        super().__init__()
        s.q = nn.Conv1d(c, c, 1)
        s.mk = nn.Conv1d(c, slots, 1, bias=False)
        s.mv = nn.Conv1d(slots, c, 1, bias=False)
        s.t = nn.Conv1d(c, c, 1, bias=False)
        s.bn = nn.BatchNorm1d(c)

    def forward(s, x):
        a = s.mk(s.q(x)).softmax(-1)
        a = a / (1e-9 + a.sum(1, keepdim=True))
        return x + F.relu(s.bn(s.t(s.mv(a))))


class PctCls(nn.Module):
    def __init__(s, c):
        super().__init__()
        e, l0, l1 = c["embed"], c["local0"], c["local1"]
        s.cfg = c
        s.c1 = nn.Conv1d(3, e, 1, bias=False)
        s.c2 = nn.Conv1d(e, e, 1, bias=False)
        s.b1 = nn.BatchNorm1d(e)
        s.b2 = nn.BatchNorm1d(e)
        s.g0 = Local(2 * e, l0)
        s.g1 = Local(2 * l0, l1)
        s.pc1 = nn.Conv1d(l1, l1, 1, bias=False)
        s.pc2 = nn.Conv1d(l1, l1, 1, bias=False)
        s.pb1 = nn.BatchNorm1d(l1)
        s.pb2 = nn.BatchNorm1d(l1)
        s.sa = nn.ModuleList([External(l1, c["mixer"]["slots"]) for _ in range(4)])
        s.fuse = nn.Sequential(nn.Conv1d(5 * l1, c["fuse"], 1, bias=False), nn.BatchNorm1d(c["fuse"]),
                               nn.LeakyReLU(0.2))
        s.l1 = nn.Linear(c["fuse"], c["head1"], bias=False)
        s.bn6 = nn.BatchNorm1d(c["head1"])
        s.l2 = nn.Linear(c["head1"], c["head2"])
        s.bn7 = nn.BatchNorm1d(c["head2"])
        s.l3 = nn.Linear(c["head2"], c["classes"])
        s.dp = nn.Dropout(c["dropout"])

    def forward(s, x, f0, k0, f1, k1):
        x = F.relu(s.b1(s.c1(x)))
        x = F.relu(s.b2(s.c2(x))).permute(0, 2, 1)
        f = s.g0(group(x, f0, k0))
        f1_ = s.g1(group(f.permute(0, 2, 1), f1, k1))
        x = F.relu(s.pb1(s.pc1(f1_)))
        x = F.relu(s.pb2(s.pc2(x)))
        outs = []
        for layer in s.sa:
            x = layer(x)
            outs.append(x)
        x = s.fuse(torch.cat(outs + [f1_], 1)).max(-1).values
        x = s.dp(F.leaky_relu(s.bn6(s.l1(x)), 0.2))
        x = s.dp(F.leaky_relu(s.bn7(s.l2(x)), 0.2))
        return s.l3(x)


class PctSeg(nn.Module):
    def __init__(s, c):
        super().__init__()
        ch, fu = c["channels"], c["fuse"]
        s.c1 = nn.Conv1d(3, ch, 1, bias=False)
        s.c2 = nn.Conv1d(ch, ch, 1, bias=False)
        s.b1 = nn.BatchNorm1d(ch)
        s.b2 = nn.BatchNorm1d(ch)
        s.sa = nn.ModuleList([External(ch, c["mixer"]["slots"]) for _ in range(4)])
        s.fuse = nn.Sequential(nn.Conv1d(4 * ch, fu, 1, bias=False), nn.BatchNorm1d(fu), nn.LeakyReLU(0.2))
        s.label = nn.Sequential(nn.Conv1d(c["categories"], 64, 1, bias=False), nn.BatchNorm1d(64),
                                nn.LeakyReLU(0.2))
        s.convs1 = nn.Conv1d(3 * fu + 64, 512, 1)
        s.bns1 = nn.BatchNorm1d(512)
        s.dp1 = nn.Dropout(c["dropout"])
        s.convs2 = nn.Conv1d(512, 256, 1)
        s.bns2 = nn.BatchNorm1d(256)
        s.convs3 = nn.Conv1d(256, c["parts"], 1)

    def forward(s, x, onehot):
        n = x.shape[2]
        x = F.relu(s.b1(s.c1(x)))
        x = F.relu(s.b2(s.c2(x)))
        outs = []
        for layer in s.sa:
            x = layer(x)
            outs.append(x)
        x = s.fuse(torch.cat(outs, 1))
        mx = x.max(2, keepdim=True).values.expand(-1, -1, n)
        av = x.mean(2, keepdim=True).expand(-1, -1, n)
        lab = s.label(onehot[:, :, None]).expand(-1, -1, n)
        x = torch.cat([x, mx, av, lab], 1)
        x = s.dp1(F.relu(s.bns1(s.convs1(x))))
        x = F.relu(s.bns2(s.convs2(x)))
        return s.convs3(x)


class Case:
    def __init__(s, name, spec):
        s.name = name
        s.kind = spec["kind"]
        s.cfg = spec["config"]
        s.clouds = np.fromfile(spec["file"], dtype="<f4").reshape(spec["clouds"], spec["points"], 3)
        s.category = spec.get("category", 0)
        s.seed = spec.get("seed", 0)
        s.net = (PctCls(s.cfg) if s.kind == "cls" else PctSeg(s.cfg)).eval()

    def params(s):
        return sum(p.numel() for p in s.net.parameters())

    def run(s, i):
        cloud = s.clouds[i % len(s.clouds)]
        t0 = time.perf_counter()
        with torch.no_grad():
            if s.kind == "cls":
                c = s.cfg
                x = torch.from_numpy(cloud)[None]
                x = x[0, fps(x, c["points"])[0]].numpy()
                x = torch.from_numpy(pc_normalize(x).astype(np.float32))[None]
                f0 = fps(x, c["centres0"])
                x1 = gather(x, f0)
                k0 = knn(c["neighbours"], x, x1)
                f1 = fps(x1, c["centres1"])
                k1 = knn(c["neighbours"], x1, gather(x1, f1))
                t1 = time.perf_counter()
                logits = s.net(x.permute(0, 2, 1), f0, k0, f1, k1)
                t2 = time.perf_counter()
                top = logits.softmax(-1)[0].topk(5)
                answer = [int(j) for j in top.indices]
            else:
                c = s.cfg
                rng = np.random.default_rng(s.seed)
                idx = rng.choice(len(cloud), c["points"], replace=False)
                sampled = cloud[idx]
                x = torch.from_numpy(pc_normalize(sampled).astype(np.float32)).T[None]
                onehot = torch.zeros(1, c["categories"])
                onehot[0, s.category] = 1
                t1 = time.perf_counter()
                logits = s.net(x, onehot)[0]
                t2 = time.perf_counter()
                first, count = FIRST_PART[s.category], PART_COUNT[s.category]
                lab = logits[first:first + count].argmax(0).numpy() + first
                _, nearest = cKDTree(sampled).query(cloud, k=1)
                labels = lab[nearest]
                answer = np.bincount(labels - first, minlength=count).tolist()
        t3 = time.perf_counter()
        return {"total": t3 - t0, "pre": t1 - t0, "net": t2 - t1, "post": t3 - t2, "answer": answer}


def main(argv):
    if "--cases" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    spec = json.load(open(argv[argv.index("--cases") + 1]))
    cases = {name: Case(name, s) for name, s in spec.items()}
    if "--standalone" in argv:
        for name, c in cases.items():
            c.run(0)
            t = sorted(c.run(i)["total"] for i in range(20))
            print(f"{name}: median {t[10] * 1000:.1f} ms, params {c.params()}")
        return 0
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "params": {n: c.params() for n, c in cases.items()}}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        print(json.dumps(cases[words[0]].run(int(words[1]))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
