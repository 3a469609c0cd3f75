#!/usr/bin/python3
"""PyTorch peer of pointea's scene segmentation: the reference's PCT segmentation network with a
semantic head (no category input) and the same whole-scan tiling, on the CPU.

Network (PCT's pct_partseg without its category branch, External Attention mixer as pointea's
default): input (x, y, z, features) -> conv-BN-ReLU x2 (channels) -> 4 EA layers -> concat ->
conv-BN-LeakyReLU (fuse) -> [x | max | mean] -> conv-BN-ReLU (head1) -> dropout -> conv-BN-ReLU
(head2) -> conv (classes). Widths come from the JSON config pointea writes (the model's config).

Tiling, as pointea's TiledSegmentation and PointNet++'s whole-scene test: 1 m columns every
`stride`, points binned once (numpy argsort of the cell index, so a block is a slice and not a
pass over the scan), every block shuffled and run in passes of `points` (the last padded with
repeats), softmax probabilities summed per point over the blocks (an [N, C] float32 array, as
yanx27's test_semseg.py keeps `vote_label_pool`), argmax. Input features: x - cx, y - cy,
z - floor (0.1 % quantile of z), colours in [0, 1].

  /usr/bin/python3 scene_pytorch.py infer --config CFG.json --scan SCAN.npy [--stride 0.5] [--batch 8] [--out L.npy]
  /usr/bin/python3 scene_pytorch.py train --config CFG.json [--batch 8] [--steps 5]
SCAN.npy: float32 [N, 6] x y z r g b (colours in [0, 1]). Prints one JSON line: seconds, points,
passes (infer) or step seconds and points/s (train), peak_rss_mb, threads.
"""
import argparse
import json
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass


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


class PctSemSeg(nn.Module):
    def __init__(s, c):
        super().__init__()
        ch, fu, h1, h2 = c["channels"], c["fuse"], c["head1"], c["head2"]
        s.c1 = nn.Conv1d(c["inputs"], ch, 1, bias=False)
        s.c2 = nn.Conv1d(ch, ch, 1, bias=False)
        s.b1 = nn.BatchNorm1d(ch)
        s.b2 = nn.BatchNorm1d(ch)
        s.sa = nn.ModuleList([External(ch, c["slots"]) for _ in range(4)])
        s.fuse = nn.Sequential(nn.Conv1d(4 * ch, fu, 1, bias=False), nn.BatchNorm1d(fu), nn.LeakyReLU(0.2))
        s.convs1 = nn.Conv1d(3 * fu, h1, 1)
        s.bns1 = nn.BatchNorm1d(h1)
        s.dp1 = nn.Dropout(c["dropout"])
        s.convs2 = nn.Conv1d(h1, h2, 1)
        s.bns2 = nn.BatchNorm1d(h2)
        s.convs3 = nn.Conv1d(h2, c["classes"], 1)

    def forward(s, x):
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
        x = torch.cat([x, mx, av], 1)
        x = s.dp1(F.relu(s.bns1(s.convs1(x))))
        x = F.relu(s.bns2(s.convs2(x)))
        return s.convs3(x)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def infer(c, scan, block, stride, batch, seed):
    net = PctSemSeg(c).eval()
    points, classes, width = c["points"], c["classes"], c["inputs"]
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    xyz = scan[:, :3]
    n = xyz.shape[0]
    floor = np.quantile(xyz[::max(1, n // 200000), 2], 0.001)
    lo = xyz[:, :2].min(0)
    cells = np.floor((xyz[:, :2] - lo) / stride).astype(np.int64)
    nx, ny = cells.max(0) + 1
    cell = cells[:, 0] * ny + cells[:, 1]
    order = np.argsort(cell, kind="stable")
    starts = np.searchsorted(cell[order], np.arange(nx * ny + 1))
    k = int(round(block / stride))
    votes = np.zeros((n, classes), dtype=np.float32)
    queue, owners = [], []
    passes = 0

    def flush():
        nonlocal passes
        if not queue:
            return
        with torch.no_grad():
            x = torch.from_numpy(np.stack(queue)).permute(0, 2, 1)
            prob = net(x).softmax(1).permute(0, 2, 1).numpy()
        for p, (idx, real) in zip(prob, owners):
            np.add.at(votes, idx[:real], p[:real])
        passes += len(queue)
        queue.clear()
        owners.clear()

    for i in range(max(1, nx - k + 1)):
        for j in range(max(1, ny - k + 1)):
            parts = [order[starts[a * ny + j]:starts[a * ny + min(j + k, ny)]] for a in range(i, min(i + k, nx))]
            idx = np.concatenate(parts)
            if idx.size == 0:
                continue
            rng.shuffle(idx)
            cx = lo[0] + i * stride + block / 2
            cy = lo[1] + j * stride + block / 2
            for start in range(0, idx.size, points):
                sel = idx[start:start + points]
                real = sel.size
                if real < points:
                    sel = np.concatenate([sel, idx[rng.integers(0, idx.size, points - real)]])
                f = np.empty((points, width), dtype=np.float32)
                f[:, 0] = xyz[sel, 0] - cx
                f[:, 1] = xyz[sel, 1] - cy
                f[:, 2] = xyz[sel, 2] - floor
                if width > 3:
                    f[:, 3:6] = scan[sel, 3:6]
                queue.append(f)
                owners.append((sel, real))
                if len(queue) == batch:
                    flush()
        flush()
    labels = votes.argmax(1)
    return time.perf_counter() - t0, labels, passes


def train(c, batch, steps):
    net = PctSemSeg(c).train()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    points, classes = c["points"], c["classes"]
    g = torch.Generator().manual_seed(0)
    x = torch.rand(batch, c["inputs"], points, generator=g)
    y = torch.randint(0, classes, (batch, points), generator=g)
    times = []
    for s in range(steps + 1):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        if s > 0:  # the first step warms up
            times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["infer", "train"])
    ap.add_argument("--config", required=True)
    ap.add_argument("--scan")
    ap.add_argument("--block", type=float, default=1.0)
    ap.add_argument("--stride", type=float, default=0.5)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    c = json.load(open(a.config))
    torch.manual_seed(a.seed)
    out = {"threads": torch.get_num_threads(), "torch": torch.__version__}
    if a.mode == "infer":
        scan = np.load(a.scan, mmap_mode="r")
        scan = np.ascontiguousarray(scan, dtype=np.float32)
        seconds, labels, passes = infer(c, scan, a.block, a.stride, a.batch, a.seed)
        if a.out:
            np.save(a.out, labels.astype(np.int32))
        out.update({"seconds": seconds, "points": int(scan.shape[0]), "passes": passes})
    else:
        step = train(c, a.batch, a.steps)
        out.update({"step_seconds": step, "points_per_s": a.batch * c["points"] / step,
                    "params": sum(p.numel() for p in PctSemSeg(c).parameters())})
    out["peak_rss_mb"] = peak_rss_mb()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_seconds"] = ru.ru_utime + ru.ru_stime     # the whole process, as pointea's child reports
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
