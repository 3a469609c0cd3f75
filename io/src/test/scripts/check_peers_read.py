#!/usr/bin/python3
"""Checks that PCL (pcl-tools) and Open3D read what pointea writes.

Run from the repository root with the system Python that has Open3D, h5py and numpy:

    /usr/bin/python3 io/src/test/scripts/check_peers_read.py [--keep DIR]

It builds the io module's test classes, runs org.pointea.io.PeerFixtures to write one cloud
(1000 points: xyz, normals, rgb, intensity, label) and one mesh in every format and encoding,
then reads each file with:
  * PCL: `pcl_convert_pcd_ascii_binary f.pcd out.pcd 1` / `pcl_ply2pcd -format 1 f.ply out.pcd`
    (PCL decodes the file and writes uncompressed binary, parsed here with a numpy dtype);
  * Open3D 0.16: read_point_cloud / read_triangle_mesh, each in a child process (Open3D
    segfaults on some files);
  * numpy.load and h5py for .npy and .h5.
and compares every value with the exact values (truth.npy). Prints a table; exits 1 when a peer
fails to read a file or reads different values (except the documented Open3D float-colour bug).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)


def build_and_write(out):
    r = sh(["mvn", "-B", "-q", "-o", "-pl", "io", "-am", "test-compile",
            "dependency:build-classpath", "-Dmdep.outputFile=" + os.path.join(out, "cp.txt"),
            "-Dmdep.includeScope=test"])
    if r.returncode != 0:
        r = sh(["mvn", "-B", "-q", "-pl", "io", "-am", "test-compile",
                "dependency:build-classpath", "-Dmdep.outputFile=" + os.path.join(out, "cp.txt"),
                "-Dmdep.includeScope=test"])
    if r.returncode != 0:
        sys.exit("build failed:\n" + r.stdout + r.stderr)
    cp = open(os.path.join(out, "cp.txt")).read().strip()
    cp = ":".join(["io/target/test-classes", "io/target/classes", "pointcloud/target/classes", cp])
    r = sh(["java", "-cp", cp, "org.pointea.io.PeerFixtures", out])
    if r.returncode != 0:
        sys.exit("PeerFixtures failed:\n" + r.stdout + r.stderr)


# ----------------------------------------------------------------------------- PCL

def read_binary_pcd(path):
    with open(path, "rb") as f:
        data = f.read()
    header = {}
    pos = 0
    while True:
        end = data.index(b"\n", pos)
        line = data[pos:end].decode("ascii").strip()
        pos = end + 1
        if not line or line.startswith("#"):
            continue
        key, *vals = line.split()
        header[key] = vals
        if key == "DATA":
            break
    assert header["DATA"][0] == "binary", header["DATA"]
    kinds = {("F", "4"): "<f4", ("F", "8"): "<f8", ("U", "1"): "u1", ("U", "2"): "<u2",
             ("U", "4"): "<u4", ("I", "1"): "i1", ("I", "2"): "<i2", ("I", "4"): "<i4"}
    counts = header.get("COUNT", ["1"] * len(header["FIELDS"]))
    dtype = []
    for i, (name, size, typ, cnt) in enumerate(zip(header["FIELDS"], header["SIZE"],
                                                  header["TYPE"], counts)):
        t = kinds[(typ, size)]
        dtype.append((name if name != "_" else "_pad%d" % i, t, (int(cnt),)) if int(cnt) > 1
                     else (name if name != "_" else "_pad%d" % i, t))
    n = int(header["POINTS"][0])
    return np.frombuffer(data, dtype=np.dtype(dtype), count=n, offset=pos)


def pcl_read(path, tmp):
    out = os.path.join(tmp, "pcl_" + os.path.basename(path) + ".pcd")
    if path.endswith(".pcd"):
        cmd = ["pcl_convert_pcd_ascii_binary", path, out, "1"]
    else:
        cmd = ["pcl_ply2pcd", "-format", "1", path, out]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 or not os.path.exists(out):
        raise RuntimeError("%s failed: %s" % (cmd[0], (r.stdout + r.stderr)[-300:]))
    a = read_binary_pcd(out)
    res = {"points": np.stack([a["x"], a["y"], a["z"]], 1).astype(np.float64)}
    if "normal_x" in a.dtype.names:
        res["normals"] = np.stack([a["normal_x"], a["normal_y"], a["normal_z"]], 1)
    for name in ("rgb", "rgba"):
        if name in a.dtype.names:
            bits = a[name].view(np.uint32) if a[name].dtype == np.float32 else a[name]
            bits = bits.astype(np.uint32)
            res["rgb_u8"] = np.stack([(bits >> 16) & 255, (bits >> 8) & 255, bits & 255], 1)
            if name == "rgba":
                res["alpha_u8"] = bits >> 24
    if "intensity" in a.dtype.names:
        res["intensity"] = a["intensity"].astype(np.float64)
    if "label" in a.dtype.names:
        res["label"] = a["label"].astype(np.int64)
    return res


# ----------------------------------------------------------------------------- Open3D

CHILD = r"""
import sys, numpy as np, open3d as o3d
kind, path, out = sys.argv[1:4]
if kind == "cloud":
    c = o3d.io.read_point_cloud(path)
    np.savez(out, points=np.asarray(c.points), normals=np.asarray(c.normals),
             colors=np.asarray(c.colors))
else:
    m = o3d.io.read_triangle_mesh(path)
    np.savez(out, vertices=np.asarray(m.vertices), triangles=np.asarray(m.triangles))
"""


def o3d_read(kind, path, tmp):
    out = os.path.join(tmp, "o3d_" + os.path.basename(path) + ".npz")
    r = subprocess.run([sys.executable, "-c", CHILD, kind, path, out], capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise RuntimeError("open3d exited %d: %s" % (r.returncode, (r.stdout + r.stderr)[-300:]))
    return dict(np.load(out))


# ----------------------------------------------------------------------------- comparison

def max_err(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise AssertionError("shape %s != %s" % (a.shape, b.shape))
    both_nan = np.isnan(a) & np.isnan(b)
    d = np.abs(np.where(both_nan, 0, a - b))
    if np.isnan(d).any():
        raise AssertionError("NaN where a value was expected")
    return float(d.max()) if d.size else 0.0


def check_cloud(res, truth, what, text=False):
    """Returns a one-line verdict; raises on a mismatch.

    Text is written in the shortest form that identifies each float32; a reader that parses it
    into float64 (Open3D) holds the decimal, which rounds back to the float32 exactly."""
    notes = []
    pts = res["points"]
    if text:
        pts = np.asarray(pts).astype(np.float32)
        notes.append("after rounding Open3D's float64 to float32")
    e = max_err(pts, truth[:, 0:3])
    if e != 0:
        raise AssertionError("points differ by %g" % e)
    if "normals" in what:
        if res.get("normals") is None or len(res["normals"]) == 0:
            raise AssertionError("no normals")
        nrm = np.asarray(res["normals"]).astype(np.float32) if text else res["normals"]
        e = max_err(nrm, truth[:, 3:6])
        if e != 0:
            raise AssertionError("normals differ by %g" % e)
    if "rgb" in what:
        want = np.round(truth[:, 6:9] * 255).astype(np.int64)
        if "rgb_u8" in res:
            got = res["rgb_u8"].astype(np.int64)
        else:
            got = np.round(np.asarray(res["colors"]) * 255).astype(np.int64)
        if not np.array_equal(got, want):
            raise AssertionError("colours differ (max %d)" % np.abs(got - want).max())
    if "intensity" in what and "intensity" in res:
        if max_err(res["intensity"], truth[:, 9]) != 0:
            raise AssertionError("intensity differs")
        notes.append("+intensity")
    if "label" in what and "label" in res:
        if not np.array_equal(res["label"], truth[:, 10].astype(np.int64)):
            raise AssertionError("labels differ")
        notes.append("+label")
    return "exact" + (" (%s)" % "; ".join(notes) if notes else "")


def main():
    keep = None
    if "--keep" in sys.argv:
        keep = sys.argv[sys.argv.index("--keep") + 1]
    tmp = keep or tempfile.mkdtemp(prefix="pointea-peers-")
    os.makedirs(tmp, exist_ok=True)
    build_and_write(tmp)
    truth = np.load(os.path.join(tmp, "truth.npy"))
    full = ("normals", "rgb", "intensity", "label")
    rows = []
    failures = 0

    def run(name, peer, fn, expect_bug=None):
        nonlocal failures
        try:
            verdict = fn()
        except Exception as ex:  # noqa: BLE001 - report every peer failure
            verdict = "FAIL: %s" % ex
            if expect_bug:
                verdict = "known peer bug: " + expect_bug + " (" + str(ex) + ")"
            else:
                failures += 1
        rows.append((name, peer, verdict))

    for f in ["cloud_ascii.ply", "cloud_binary_le.ply", "cloud_binary_be.ply",
              "cloud_ascii.pcd", "cloud_binary.pcd", "cloud_binary_compressed.pcd"]:
        p = os.path.join(tmp, f)
        run(f, "PCL", lambda p=p: check_cloud(pcl_read(p, tmp), truth, full))
        run(f, "Open3D", lambda p=p, f=f: check_cloud(o3d_read("cloud", p, tmp), truth,
                                                      ("normals", "rgb"), "ascii" in f))
    p = os.path.join(tmp, "cloud_float_colors.ply")
    run("cloud_float_colors.ply", "PCL", lambda: check_cloud(pcl_read(p, tmp), truth, full),
        expect_bug="PCL 1.13 drops float colour properties")
    run("cloud_float_colors.ply", "Open3D",
        lambda: check_cloud(o3d_read("cloud", p, tmp), truth, ("normals", "rgb")),
        expect_bug="Open3D 0.16 divides float colours by 255")

    rgba = np.load(os.path.join(tmp, "truth_rgba.npy"))
    p = os.path.join(tmp, "cloud_rgba_binary_compressed.pcd")

    def rgba_pcl():
        r = pcl_read(p, tmp)
        want = np.round(rgba * 255).astype(np.int64)
        assert np.array_equal(r["rgb_u8"], want[:, :3]), "rgb differs"
        assert np.array_equal(r["alpha_u8"], want[:, 3]), "alpha differs"
        return "exact (+alpha)"
    run("cloud_rgba_binary_compressed.pcd", "PCL", rgba_pcl)
    run("cloud_rgba_binary_compressed.pcd", "Open3D",
        lambda: check_cloud(o3d_read("cloud", p, tmp),
                            np.hstack([truth[:, :6], rgba[:, :3]]), ("rgb",)))

    org = np.load(os.path.join(tmp, "truth_organized.npy"))
    for f in ["organized_binary.pcd", "organized_binary_compressed.pcd"]:
        p = os.path.join(tmp, f)

        def organized(p=p, peer="pcl"):
            r = pcl_read(p, tmp) if peer == "pcl" else o3d_read("cloud", p, tmp)
            e = max_err(r["points"], org)
            assert e == 0, "points differ by %g" % e
            return "exact (NaN kept)"
        run(f, "PCL", organized)
        run(f, "Open3D", lambda p=p: organized(p, "o3d"))

    for f, what in [("cloud.xyz", ()), ("cloud.xyzn", ("normals",)), ("cloud.xyzrgb", ("rgb",)),
                    ("cloud.pts", ("rgb",))]:
        p = os.path.join(tmp, f)
        run(f, "Open3D", lambda p=p, what=what: check_cloud(o3d_read("cloud", p, tmp), truth,
                                                             what, True))

    def modelnet():
        a = np.loadtxt(os.path.join(tmp, "cloud_modelnet.txt"), delimiter=",")
        e = max(max_err(a[:, :3], truth[:, :3]), max_err(a[:, 3:6], truth[:, 3:6]))
        assert e <= 5e-7, "error %g" % e
        return "within %.1g (6 decimals)" % e
    run("cloud_modelnet.txt", "numpy.loadtxt(delimiter=',')", modelnet)

    def npy():
        a = np.load(os.path.join(tmp, "cloud.npy"))
        assert a.dtype == np.float32 and a.shape == (1000, 6), (a.dtype, a.shape)
        assert max_err(a[:, :3], truth[:, :3]) == 0 and max_err(a[:, 3:6], truth[:, 3:6]) == 0
        return "exact float32 [1000, 6]"
    run("cloud.npy", "numpy.load", npy)

    def h5():
        import h5py
        with h5py.File(os.path.join(tmp, "batch.h5"), "r") as f:
            d, lab, nrm, pid = f["data"][()], f["label"][()], f["normal"][()], f["pid"][()]
            comp = f["data"].compression
        assert d.shape == (2, 1000, 3) and d.dtype == np.float32
        assert lab.shape == (2, 1) and lab.dtype == np.uint8 and lab.ravel().tolist() == [3, 39]
        assert max_err(d[1], truth[:, :3]) == 0 and max_err(nrm[0], truth[:, 3:6]) == 0
        assert np.array_equal(pid[0], truth[:, 10].astype(np.uint8)) and pid.dtype == np.uint8
        return "exact (data f4, label u1 [B,1], normal, pid u1; %s)" % comp
    run("batch.h5", "h5py", h5)

    verts = np.load(os.path.join(tmp, "box_vertices.npy"))
    tris = np.load(os.path.join(tmp, "box_triangles.npy"))
    for f in ["box_binary.ply", "box_ascii.ply", "box.off"]:
        p = os.path.join(tmp, f)

        def mesh(p=p):
            m = o3d_read("mesh", p, tmp)
            assert max_err(m["vertices"], verts) == 0, "vertices differ"
            assert np.array_equal(m["triangles"], tris), "triangles differ"
            return "exact (8 vertices, 12 triangles)"
        run(f, "Open3D mesh", mesh)
        if f.endswith(".ply"):
            run(f, "PCL", lambda p=p: "exact" if max_err(pcl_read(p, tmp)["points"], verts) == 0
                else "differs")

    w = max(len(r[0]) for r in rows)
    print("%-*s  %-30s %s" % (w, "file written by pointea", "reader", "result"))
    for name, peer, verdict in rows:
        print("%-*s  %-30s %s" % (w, name, peer, verdict))
    print("\n%d checks, %d failures (files in %s)" % (len(rows), failures, tmp))
    if not keep and failures == 0:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
