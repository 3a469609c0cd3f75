#!/usr/bin/python3
"""PyTorch peer of LocalOpBench: the PCT Local_op block of engine-notes.md probe 2.

x [B,64,N] (randn, requires grad) -> group (FPS 512 centres x kNN 32, concat [x_n - x_c ; x_c]) ->
1x1 conv 128->128 (no bias) + BN + ReLU -> 1x1 conv + BN + ReLU -> max over the 32 neighbours ->
max over the 512 centres -> Linear 128->40 -> cross entropy; Adam(1e-3). Two forms: 'conv2d' (NCHW
Conv2d on [B,128,512,32], the probe's fastest PyTorch form "C") and 'ref' (pct_reference.py's Local,
Conv1d on [B*512,128,32]). Usage: local_op_block.py [conv2d|ref] [batch] -> prints JSON.
"""
import json, resource, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(2)
FORM = sys.argv[1] if len(sys.argv) > 1 else "conv2d"
B = int(sys.argv[2]) if len(sys.argv) > 2 else 32
N, S, K, C = 1024, 512, 32, 64


def fps(x, m):
    Bn, Nn, _ = x.shape
    idx = torch.zeros(Bn, m, dtype=torch.long)
    d = torch.full((Bn, Nn), 1e10)
    far = torch.zeros(Bn, dtype=torch.long)
    ar = torch.arange(Bn)
    for i in range(m):
        idx[:, i] = far
        c = x[ar, far][:, None, :]
        d = torch.minimum(d, ((x - c) ** 2).sum(-1))
        far = d.argmax(-1)
    return idx


class Block(nn.Module):
    def __init__(s):
        super().__init__()
        if FORM == "conv2d":
            s.c1 = nn.Conv2d(2 * C, 128, 1, bias=False)
            s.c2 = nn.Conv2d(128, 128, 1, bias=False)
            s.b1, s.b2 = nn.BatchNorm2d(128), nn.BatchNorm2d(128)
        else:
            s.c1 = nn.Conv1d(2 * C, 128, 1, bias=False)
            s.c2 = nn.Conv1d(128, 128, 1, bias=False)
            s.b1, s.b2 = nn.BatchNorm1d(128), nn.BatchNorm1d(128)
        s.fc = nn.Linear(128, 40)

    def forward(s, x, f, k):                   # x [B, C, N]
        p = x.permute(0, 2, 1)
        ar = torch.arange(p.shape[0])
        new = p[ar[:, None], f]
        nb = p[ar[:, None, None], k]
        g = torch.cat([nb - new[:, :, None, :], new[:, :, None, :].expand(-1, -1, K, -1)], -1)  # B,S,K,2C
        if FORM == "conv2d":
            g = g.permute(0, 3, 1, 2)          # B,2C,S,K
            g = F.relu(s.b1(s.c1(g)))
            g = F.relu(s.b2(s.c2(g)))
            g = g.max(-1).values               # B,128,S
        else:
            b, n, kk, d = g.shape
            g = g.permute(0, 1, 3, 2).reshape(-1, d, kk)
            g = F.relu(s.b1(s.c1(g)))
            g = F.relu(s.b2(s.c2(g)))
            g = g.max(-1).values.reshape(b, n, -1).permute(0, 2, 1)
        return s.fc(g.max(-1).values)


pts = torch.rand(B, N, 3)
f = fps(pts, S)
k = torch.cdist(pts[torch.arange(B)[:, None], f], pts).topk(K, largest=False).indices
x = torch.randn(B, C, N, requires_grad=True)
y = torch.randint(0, 40, (B,))
m = Block()
opt = torch.optim.Adam(m.parameters(), 1e-3)


def step():
    a = time.time()
    opt.zero_grad()
    x.grad = None
    F.cross_entropy(m(x, f, k), y).backward()
    opt.step()
    return time.time() - a


for _ in range(2):
    step()
ts = sorted(step() for _ in range(5))
print(json.dumps({"impl": "pytorch-" + FORM, "batch": B, "train_step_s": ts[2],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
