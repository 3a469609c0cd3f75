#!/usr/bin/env python3
"""Reads files written by `pointea convert` with the Python tools users have, for
ConversionPeersTest: Open3D (clouds and meshes), numpy (np.loadtxt for text, np.load for NPY) and
h5py. Prints one JSON object: {path: {"points": N, "first": [x, y, z], "colors": bool,
"triangles": T} or {"error": "..."}}.

usage: /usr/bin/python3 read_back.py READER:PATH...   (READER: o3d-cloud, o3d-mesh, loadtxt,
       loadtxt-csv, npy, h5py)
"""
import json
import sys


def read(reader, path):
    if reader == "o3d-cloud":
        import numpy as np
        import open3d as o3d
        pc = o3d.io.read_point_cloud(path)
        xyz = np.asarray(pc.points)
        return {"points": len(xyz), "first": xyz[0].tolist() if len(xyz) else None,
                "colors": bool(pc.has_colors()), "normals": bool(pc.has_normals())}
    if reader == "o3d-mesh":
        import numpy as np
        import open3d as o3d
        m = o3d.io.read_triangle_mesh(path)
        v = np.asarray(m.vertices)
        return {"points": len(v), "first": v[0].tolist() if len(v) else None,
                "colors": bool(m.has_vertex_colors()), "triangles": len(np.asarray(m.triangles)),
                "first_color": np.asarray(m.vertex_colors)[0].tolist() if m.has_vertex_colors() else None}
    if reader in ("loadtxt", "loadtxt-csv"):
        import numpy as np
        a = np.loadtxt(path, delimiter="," if reader == "loadtxt-csv" else None, ndmin=2)
        return {"points": a.shape[0], "columns": a.shape[1], "first": a[0, :3].tolist()}
    if reader == "npy":
        import numpy as np
        a = np.load(path)
        return {"points": a.shape[0], "first": a[0, :3].tolist()}
    if reader == "h5py":
        import h5py
        with h5py.File(path, "r") as f:
            d = f["data"][...]
            return {"points": d.shape[1], "first": d[0, 0, :3].tolist(),
                    "label": int(f["label"][...].reshape(-1)[0])}
    raise ValueError("unknown reader " + reader)


def main():
    out = {}
    for arg in sys.argv[1:]:
        reader, path = arg.split(":", 1)
        try:
            out[path] = read(reader, path)
        except Exception as e:  # reported to the Java test, which names the file
            out[path] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
