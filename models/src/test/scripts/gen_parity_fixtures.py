#!/usr/bin/python3
"""Writes the PyTorch parity fixtures for pointea's models module.

Usage (Debian python3-torch 1.13, numpy):
    /usr/bin/python3 models/src/test/scripts/gen_parity_fixtures.py models/src/test/resources/parity

Mirrors tools/peers/pct_reference.py (PCT classification with offset or External
Attention; PCT v1 = Strawberry-Eat-Mango/PCT_Pytorch `model.py`) and extends it with the other mixers
(UFO, scaled dot-product self-attention, multi-head and tied External Attention), the part-segmentation
network (MenghaoGuo/PCT `networks/seg/pct_partseg.py`) and pointea's light classifier. Parameter names
are the PyTorch module paths; pointea registers the same names.

Weights are not stored: both sides fill every tensor from its name with the same integer hash (see
`fill`), so fixtures stay small. Each fixture is `<name>.json` (metadata, array directory) +
`<name>.bin` (little-endian float32 / int32 arrays).
"""
import json
import os
import struct
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)

# ---------------------------------------------------------------- deterministic parameter fill

M32 = 0xFFFFFFFF


def hash_uniform(name, n):
    """u in [0,1) for element i of tensor `name`; the Java side (ParityFixtures.java) is identical."""
    seed = zlib.crc32(name.encode("utf-8")) & M32
    x = (np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B1) + np.uint64(seed)) & np.uint64(M32)
    for _ in range(2):
        x ^= x >> np.uint64(16)
        x = (x * np.uint64(0x45D9F3B)) & np.uint64(M32)
    x ^= x >> np.uint64(16)
    return x.astype(np.float64) / 4294967296.0


def fill_value(name, role, shape):
    n = int(np.prod(shape))
    u = hash_uniform(name, n)
    if role == "weight":
        fan_in = int(np.prod(shape[1:]))
        v = (2 * u - 1) * np.sqrt(3.0 / fan_in)
    elif role == "bias":
        v = (2 * u - 1) * 0.1
    elif role == "norm_scale":
        v = 1 + 0.25 * (2 * u - 1)
    elif role == "norm_shift":
        v = 0.1 * (2 * u - 1)
    elif role == "gain":
        v = 1 + 0.25 * (2 * u - 1)
    elif role == "running_mean":
        v = 0.1 * (2 * u - 1)
    elif role == "running_var":
        v = 1 + 0.5 * u
    else:
        raise ValueError(role)
    return torch.tensor(v.reshape(shape), dtype=torch.float32)


def roles(model):
    """(name, role, tensor) for every parameter (deduplicated, PyTorch order) and BN running stat."""
    out = []
    bn_params = set()
    for mod in model.modules():
        if isinstance(mod, nn.BatchNorm1d):
            bn_params.add(id(mod.weight))
            bn_params.add(id(mod.bias))
    norm_scale = {id(m.weight) for m in model.modules() if isinstance(m, nn.BatchNorm1d)}
    for name, p in model.named_parameters():
        if id(p) in bn_params:
            role = "norm_scale" if id(p) in norm_scale else "norm_shift"
        elif name.endswith("gamma"):
            role = "gain"
        elif name.endswith("bias"):
            role = "bias"
        else:
            role = "weight"
        out.append((name, role, p))
    return out


def fill_model(model):
    """Fills parameters and running statistics from their (pointea) names."""
    rename = pointea_name
    with torch.no_grad():
        for name, role, p in roles(model):
            p.copy_(fill_value(rename(name), role, tuple(p.shape)))
        for name, buf in model.named_buffers():
            if name.endswith("running_mean"):
                buf.copy_(fill_value(rename(name), "running_mean", tuple(buf.shape)))
            elif name.endswith("running_var"):
                buf.copy_(fill_value(rename(name), "running_var", tuple(buf.shape)))


# ---------------------------------------------------------------- mixers (x is [B, C, N])

class ExternalMixer(nn.Module):
    def __init__(s, C, S=64, H=1, tied=False):
        super().__init__()
        s.H, s.d, s.tied = H, C // H, tied
        s.q_conv = nn.Conv1d(C, C, 1)
        s.mk = nn.Conv1d(s.d, S, 1, bias=False)                 # M_k [S, d]
        if not tied:
            s.mv = nn.Conv1d(S, s.d, 1, bias=False)             # M_v [d, S]

    def forward(s, x):
        B, C, N = x.shape
        q = s.q_conv(x).view(B, s.H, s.d, N)
        mk = s.mk.weight[:, :, 0]
        a = torch.einsum("sd,bhdn->bhsn", mk, q)
        a = a.softmax(-1)                                       # over the points
        a = a / (1e-9 + a.sum(2, keepdim=True))                 # L1 over the slots
        mv = mk.t() if s.tied else s.mv.weight[:, :, 0]
        return torch.einsum("ds,bhsn->bhdn", mv, a).reshape(B, C, N)


def split_heads(t, B, H, d, N):
    return t.view(B, H, d, N).permute(0, 1, 3, 2)             # B,H,N,d


def merge_heads(t, B, C, N):
    return t.permute(0, 1, 3, 2).reshape(B, C, N)


class UfoMixer(nn.Module):
    def __init__(s, C, H=4):
        super().__init__()
        s.H, s.d = H, C // H
        s.q_conv, s.k_conv, s.v_conv, s.o_conv = (nn.Conv1d(C, C, 1) for _ in range(4))
        s.gamma = nn.Parameter(torch.ones(1, H))

    def forward(s, x):
        B, C, N = x.shape
        q = split_heads(s.q_conv(x), B, s.H, s.d, N)
        k = split_heads(s.k_conv(x), B, s.H, s.d, N)
        v = split_heads(s.v_conv(x), B, s.H, s.d, N)
        g = s.gamma.view(1, s.H, 1, 1)
        kv = k.transpose(-1, -2) @ v
        kv = kv * g / torch.sqrt((kv * kv).sum(-1, keepdim=True) + 1e-12)
        q = q * g / torch.sqrt((q * q).sum(-1, keepdim=True) + 1e-12)
        return s.o_conv(merge_heads(q @ kv, B, C, N))


class SelfMixer(nn.Module):
    def __init__(s, C, H=4):
        super().__init__()
        s.H, s.d = H, C // H
        s.q_conv, s.k_conv, s.v_conv, s.o_conv = (nn.Conv1d(C, C, 1) for _ in range(4))

    def forward(s, x):
        B, C, N = x.shape
        q = split_heads(s.q_conv(x), B, s.H, s.d, N)
        k = split_heads(s.k_conv(x), B, s.H, s.d, N)
        v = split_heads(s.v_conv(x), B, s.H, s.d, N)
        a = (q @ k.transpose(-1, -2) / np.sqrt(s.d)).softmax(-1)
        return s.o_conv(merge_heads(a @ v, B, C, N))


class AttentionLayer(nn.Module):
    """x + ReLU(BN(T(mixer(x)))), or PCT's SA_Layer (offset) verbatim for 'offset'."""

    def __init__(s, C, cfg):
        super().__init__()
        s.kind = cfg["kind"]
        if s.kind == "offset":
            s.q_conv = nn.Conv1d(C, C // 4, 1, bias=False)
            s.k_conv = nn.Conv1d(C, C // 4, 1, bias=False)
            s.k_conv.weight = s.q_conv.weight
            s.v_conv = nn.Conv1d(C, C, 1)
        elif s.kind == "external":
            s.mix = ExternalMixer(C, cfg["slots"], cfg["heads"], cfg["tied"])
        elif s.kind == "ufo":
            s.mix = UfoMixer(C, cfg["heads"])
        else:
            s.mix = SelfMixer(C, cfg["heads"])
        s.trans_conv = nn.Conv1d(C, C, 1, bias=(s.kind == "offset"))
        s.after_norm = nn.BatchNorm1d(C)

    def forward(s, x):
        if s.kind == "offset":
            x_q = s.q_conv(x).permute(0, 2, 1)
            x_k = s.k_conv(x)
            x_v = s.v_conv(x)
            attention = torch.bmm(x_q, x_k).softmax(-1)
            attention = attention / (1e-9 + attention.sum(dim=1, keepdim=True))
            x_r = torch.bmm(x_v, attention)
            return x + F.relu(s.after_norm(s.trans_conv(x - x_r)))
        return x + F.relu(s.after_norm(s.trans_conv(s.mix(x))))


def pointea_name(name):
    """The mixer submodule is called `mix` here; pointea registers its tensors one level up."""
    name = name.replace(".mix.", ".")
    return name[4:] if name.startswith("mix.") else name


# ---------------------------------------------------------------- networks

class LocalOp(nn.Module):
    def __init__(s, i, o):
        super().__init__()
        s.conv1 = nn.Conv1d(i, o, 1, bias=False)
        s.conv2 = nn.Conv1d(o, o, 1, bias=False)
        s.bn1 = nn.BatchNorm1d(o)
        s.bn2 = nn.BatchNorm1d(o)

    def forward(s, x):                                          # [b, n, s, d]
        b, n, k, d = x.shape
        x = x.permute(0, 1, 3, 2).reshape(-1, d, k)
        x = F.relu(s.bn1(s.conv1(x)))
        x = F.relu(s.bn2(s.conv2(x)))
        return x.max(-1).values.reshape(b, n, -1).permute(0, 2, 1)


def gather(p, idx):
    return p[torch.arange(p.shape[0])[:, None, None] if idx.dim() == 3 else torch.arange(p.shape[0])[:, None], idx]


def group(points, fidx, kidx):                                  # points [B, N, D]
    new = gather(points, fidx)
    nb = gather(points, kidx)
    return torch.cat([nb - new[:, :, None, :], new[:, :, None, :].expand(-1, -1, kidx.shape[2], -1)], -1)


class PtLast(nn.Module):
    def __init__(s, C, cfg):
        super().__init__()
        s.conv1 = nn.Conv1d(C, C, 1, bias=False)
        s.conv2 = nn.Conv1d(C, C, 1, bias=False)
        s.bn1 = nn.BatchNorm1d(C)
        s.bn2 = nn.BatchNorm1d(C)
        s.sa1, s.sa2, s.sa3, s.sa4 = (AttentionLayer(C, cfg) for _ in range(4))

    def forward(s, x):
        x = F.relu(s.bn1(s.conv1(x)))
        x = F.relu(s.bn2(s.conv2(x)))
        x1 = s.sa1(x)
        x2 = s.sa2(x1)
        x3 = s.sa3(x2)
        x4 = s.sa4(x3)
        return torch.cat((x1, x2, x3, x4), dim=1)


class PctCls(nn.Module):
    def __init__(s, cfg, w, classes, dropout):
        super().__init__()
        emb, l0, l1, fuse, h1, h2 = w
        s.conv1 = nn.Conv1d(3, emb, 1, bias=False)
        s.conv2 = nn.Conv1d(emb, emb, 1, bias=False)
        s.bn1 = nn.BatchNorm1d(emb)
        s.bn2 = nn.BatchNorm1d(emb)
        s.gather_local_0 = LocalOp(2 * emb, l0)
        s.gather_local_1 = LocalOp(2 * l0, l1)
        s.pt_last = PtLast(l1, cfg)
        s.conv_fuse = nn.Sequential(nn.Conv1d(5 * l1, fuse, 1, bias=False), nn.BatchNorm1d(fuse), nn.LeakyReLU(0.2))
        s.linear1 = nn.Linear(fuse, h1, bias=False)
        s.bn6 = nn.BatchNorm1d(h1)
        s.dp1 = nn.Dropout(dropout)
        s.linear2 = nn.Linear(h1, h2)
        s.bn7 = nn.BatchNorm1d(h2)
        s.dp2 = nn.Dropout(dropout)
        s.linear3 = nn.Linear(h2, classes)

    def forward(s, x, f0, k0, f1, k1):                          # x [B, 3, N]
        x = F.relu(s.bn1(s.conv1(x)))
        x = F.relu(s.bn2(s.conv2(x)))
        feature_0 = s.gather_local_0(group(x.permute(0, 2, 1), f0, k0))
        feature_1 = s.gather_local_1(group(feature_0.permute(0, 2, 1), f1, k1))
        x = s.pt_last(feature_1)
        x = torch.cat([x, feature_1], dim=1)
        x = s.conv_fuse(x).max(-1).values
        x = s.dp1(F.leaky_relu(s.bn6(s.linear1(x)), 0.2))
        x = s.dp2(F.leaky_relu(s.bn7(s.linear2(x)), 0.2))
        return s.linear3(x)


class PctSeg(nn.Module):
    def __init__(s, cfg, parts=50, categories=16, dropout=0.5):
        super().__init__()
        C = 128
        s.categories = categories
        s.conv1 = nn.Conv1d(3, C, 1, bias=False)
        s.conv2 = nn.Conv1d(C, C, 1, bias=False)
        s.bn1 = nn.BatchNorm1d(C)
        s.bn2 = nn.BatchNorm1d(C)
        s.sa1, s.sa2, s.sa3, s.sa4 = (AttentionLayer(C, cfg) for _ in range(4))
        s.conv_fuse = nn.Sequential(nn.Conv1d(4 * C, 1024, 1, bias=False), nn.BatchNorm1d(1024), nn.LeakyReLU(0.2))
        s.label_conv = nn.Sequential(nn.Conv1d(categories, 64, 1, bias=False), nn.BatchNorm1d(64), nn.LeakyReLU(0.2))
        s.convs1 = nn.Conv1d(1024 * 3 + 64, 512, 1)
        s.dp1 = nn.Dropout(dropout)
        s.convs2 = nn.Conv1d(512, 256, 1)
        s.convs3 = nn.Conv1d(256, parts, 1)
        s.bns1 = nn.BatchNorm1d(512)
        s.bns2 = nn.BatchNorm1d(256)

    def forward(s, x, cls_label):                               # x [B, 3, N], cls_label [B]
        B, _, N = x.shape
        x = F.relu(s.bn1(s.conv1(x)))
        x = F.relu(s.bn2(s.conv2(x)))
        x1 = s.sa1(x)
        x2 = s.sa2(x1)
        x3 = s.sa3(x2)
        x4 = s.sa4(x3)
        x = s.conv_fuse(torch.cat((x1, x2, x3, x4), dim=1))
        x_max = x.max(2, keepdim=True).values.repeat(1, 1, N)
        x_avg = x.mean(2, keepdim=True).repeat(1, 1, N)
        one_hot = F.one_hot(cls_label, s.categories).to(x.dtype).view(B, s.categories, 1)
        cls = s.label_conv(one_hot).repeat(1, 1, N)
        x = torch.cat((x, x_max, x_avg, cls), 1)
        x = s.dp1(F.relu(s.bns1(s.convs1(x))))
        x = F.relu(s.bns2(s.convs2(x)))
        return s.convs3(x)


# ---------------------------------------------------------------- grouping (reference semantics)

def fps(x, m):                                                  # x [B, N, 3], start at index 0
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


def knn(k, xyz, q):
    return torch.cdist(q, xyz).topk(k, largest=False).indices


# ---------------------------------------------------------------- losses

def pct_loss(logits, y, eps=0.2):
    """Label-smoothed cross entropy of PCT's util.cal_loss: 1-eps on the class, eps/(n-1) elsewhere."""
    n = logits.shape[1]
    one_hot = torch.zeros_like(logits).scatter(1, y.view(-1, 1), 1)
    one_hot = one_hot * (1 - eps) + (1 - one_hot) * eps / (n - 1)
    return -(one_hot * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


# ---------------------------------------------------------------- fixture writing

class Fixture:
    def __init__(s, name):
        s.name, s.meta, s.arrays, s.blob = name, {}, [], bytearray()

    def add(s, key, a):
        a = a.detach().cpu().numpy() if torch.is_tensor(a) else np.asarray(a)
        if a.dtype.kind in "iu":
            data, dt = a.astype("<i4"), "int32"
        elif key.endswith("_f64"):
            data, dt = a.astype("<f8"), "float64"
        else:
            data, dt = a.astype("<f4"), "float32"
        s.arrays.append({"name": key, "dtype": dt, "shape": list(a.shape), "offset": len(s.blob)})
        s.blob += data.tobytes()

    def write(s, out_dir):
        with open(os.path.join(out_dir, s.name + ".bin"), "wb") as f:
            f.write(bytes(s.blob))
        doc = dict(s.meta)
        doc["arrays"] = s.arrays
        with open(os.path.join(out_dir, s.name + ".json"), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")


def describe_params(fx, model, rename=lambda n: n):
    fx.meta["params"] = [{"name": rename(n), "role": r, "shape": list(p.shape)} for n, r, p in roles(model)]
    fx.meta["param_count"] = sum(p.numel() for _, _, p in roles(model))


def grad_stats(model):
    rows = []
    for _, _, p in roles(model):
        g = p.grad if p.grad is not None else torch.zeros_like(p)
        rows.append([float(g.double().sum()), float(g.double().abs().sum())])
    return np.array(rows, dtype=np.float64)


MIXERS = {
    "external": {"kind": "external", "slots": 64, "heads": 1, "tied": False},
    "ufo": {"kind": "ufo", "heads": 4},
    "offset": {"kind": "offset", "heads": 1},
    "self": {"kind": "self", "heads": 4},
}


def mixer_fixture(out_dir, name, cfg, C=32, B=2, N=24):
    torch.manual_seed(1)
    layer = AttentionLayer(C, cfg)
    fill_model(layer)
    x = torch.randn(B, C, N)
    r = torch.randn(B, C, N)
    fx = Fixture("mixer_" + name)
    fx.meta.update({"kind": "mixer", "config": cfg, "channels": C, "batch": B, "points": N})
    describe_params(fx, layer, pointea_name)
    rows = lambda t: t.permute(0, 2, 1).reshape(B * N, C)       # [B, C, N] -> [B*N, C]
    fx.add("x", rows(x))
    fx.add("r", rows(r))
    layer.eval()
    with torch.no_grad():
        fx.add("eval_out", rows(layer(x)))
    layer.train()
    xg = x.clone().requires_grad_(True)
    out = layer(xg)
    fx.add("train_out", rows(out))
    (out * r).sum().backward()
    fx.add("train_grad_stats", grad_stats(layer))
    fx.add("train_input_grad", rows(xg.grad))
    fx.write(out_dir)


def cls_inputs(B, N, S0, S1, K, classes):
    g = torch.Generator().manual_seed(7)
    pts = torch.rand(B, N, 3, generator=g) * 2 - 1
    f0 = fps(pts, S0)
    x1 = gather(pts, f0)
    k0 = knn(K, pts, x1)
    f1 = fps(x1, S1)
    x2 = gather(x1, f1)
    k1 = knn(K, x1, x2)
    y = torch.randint(0, classes, (B,), generator=g)
    return pts, f0, k0, f1, k1, y


def cls_fixture(out_dir, name, cfg, widths, classes, B, N, S0, S1, K):
    torch.manual_seed(1)
    model = PctCls(cfg, widths, classes, dropout=0.5)
    fill_model(model)
    pts, f0, k0, f1, k1, y = cls_inputs(B, N, S0, S1, K, classes)
    fx = Fixture(name)
    fx.meta.update({"kind": "classifier", "config": cfg, "widths": list(widths), "classes": classes,
                    "batch": B, "points": N, "centres0": S0, "centres1": S1, "k": K})
    describe_params(fx, model, pointea_name)
    inputs = "cls_inputs_%d_%d_%d_%d_%d" % (B, N, S0, S1, K)
    fx.meta["inputs"] = inputs
    if not os.path.exists(os.path.join(out_dir, inputs + ".json")):
        fi = Fixture(inputs)
        fi.meta.update({"kind": "classifier_inputs", "batch": B, "points": N, "centres0": S0, "centres1": S1,
                        "k": K, "classes": classes})
        fi.add("xyz", pts)
        fi.add("fps0", f0)
        fi.add("knn0", k0)
        fi.add("fps1", f1)
        fi.add("knn1", k1)
        fi.add("labels", y)
        fi.write(out_dir)
    x = pts.permute(0, 2, 1)
    model.eval()
    with torch.no_grad():
        fx.add("eval_logits", model(x, f0, k0, f1, k1))
    model.train()
    for m in model.modules():                                   # parity: no dropout noise
        if isinstance(m, nn.Dropout):
            m.p = 0.0
    m64 = PctCls(cfg, widths, classes, dropout=0.0)
    fill_model(m64)
    m64 = m64.double().train()
    l64 = m64(x.double(), f0, k0, f1, k1)
    pct_loss(l64, y).backward()
    fx.add("train_logits_f64", l64)
    fx.add("train_grad_stats_f64", grad_stats(m64))
    logits = model(x, f0, k0, f1, k1)
    loss = pct_loss(logits, y)
    loss.backward()
    fx.add("train_logits", logits)
    fx.add("train_loss", loss.reshape(1))
    fx.add("train_grad_stats", grad_stats(model))
    fx.write(out_dir)


def seg_fixture(out_dir, name, cfg, B=2, N=32):
    torch.manual_seed(1)
    model = PctSeg(cfg)
    fill_model(model)
    g = torch.Generator().manual_seed(9)
    pts = torch.rand(B, N, 3, generator=g) * 2 - 1
    cat = torch.randint(0, 16, (B,), generator=g)
    parts = torch.randint(0, 50, (B, N), generator=g)
    fx = Fixture(name)
    fx.meta.update({"kind": "segmenter", "config": cfg, "batch": B, "points": N, "parts": 50, "categories": 16})
    describe_params(fx, model, pointea_name)
    fx.add("xyz", pts)
    fx.add("category", cat)
    fx.add("part_labels", parts)
    x = pts.permute(0, 2, 1)
    rows = lambda t: t.permute(0, 2, 1).reshape(B * N, -1)
    model.eval()
    with torch.no_grad():
        fx.add("eval_logits", rows(model(x, cat)))
    model.train()
    model.dp1.p = 0.0
    m64 = PctSeg(cfg, dropout=0.0)
    fill_model(m64)
    m64 = m64.double().train()
    l64 = m64(x.double(), cat)
    F.cross_entropy(l64, parts).backward()
    fx.add("train_logits_f64", rows(l64))
    fx.add("train_grad_stats_f64", grad_stats(m64))
    logits = model(x, cat)
    loss = F.cross_entropy(logits, parts)
    loss.backward()
    fx.add("train_logits", rows(logits))
    fx.add("train_loss", loss.reshape(1))
    fx.add("train_grad_stats", grad_stats(model))
    fx.write(out_dir)


FULL = (64, 128, 256, 1024, 512, 256)
LIGHT = (32, 64, 128, 512, 256, 128)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/parity"
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.endswith(".bin") or f.endswith(".json"):
            os.remove(os.path.join(out_dir, f))
    mixer_cfgs = {
        "external": {"kind": "external", "slots": 8, "heads": 1, "tied": False},
        "external_heads": {"kind": "external", "slots": 8, "heads": 4, "tied": False},
        "external_tied": {"kind": "external", "slots": 8, "heads": 2, "tied": True},
        "ufo": {"kind": "ufo", "heads": 4},
        "offset": {"kind": "offset", "heads": 1},
        "self": {"kind": "self", "heads": 4},
    }
    for n, c in mixer_cfgs.items():
        mixer_fixture(out_dir, n, c)
    for n, c in MIXERS.items():
        # published widths; a smaller cloud than 1024 points keeps the fixture small. B = 8 because
        # batch norm over 2 samples amplifies float32 rounding to ~1e-3 (PyTorch f32 vs f64 alike)
        cls_fixture(out_dir, "cls_" + n, c, FULL, 40, B=8, N=256, S0=128, S1=64, K=16)
        seg_fixture(out_dir, "seg_" + n, c)
    cls_fixture(out_dir, "cls_light_external", MIXERS["external"], LIGHT, 40, B=8, N=256, S0=128, S1=64, K=16)
    # parameter counts of the full-size networks (no fixture data needed)
    counts = {}
    for n, c in MIXERS.items():
        counts["cls_" + n] = sum(p.numel() for _, _, p in roles(PctCls(c, FULL, 40, 0.5)))
        counts["seg_" + n] = sum(p.numel() for _, _, p in roles(PctSeg(c)))
    counts["cls_light_external"] = sum(p.numel() for _, _, p in roles(PctCls(MIXERS["external"], LIGHT, 40, 0.5)))
    with open(os.path.join(out_dir, "param_counts.json"), "w") as f:
        json.dump(counts, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(counts, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
