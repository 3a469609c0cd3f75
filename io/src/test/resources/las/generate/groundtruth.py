"""Writes ../groundtruth.json: what laspy 2.5.4 reads from every .las file under ../laspy, ../pdal
and ../generated (header fields, and per dimension the sum / min / max and the first values, with
x, y, z scaled). Files laspy refuses are listed with its error. LasReaderTest checks pointea
against it.

    PYTHONPATH=/tmp/laspy /usr/bin/python3 groundtruth.py ..
"""
import glob
import json
import math
import os
import sys

import laspy
import numpy as np


def number(v):
    v = float(v)
    return v if math.isfinite(v) else None


def stats(values):
    a = np.asarray(values, dtype=np.float64)
    if a.ndim == 1:
        a = a[:, None]
    out = []
    for c in range(a.shape[1]):
        col = a[:, c]
        fin = col[np.isfinite(col)]
        out.append({
            "sum": math.fsum(fin.tolist()) if len(fin) else 0.0,
            "min": number(fin.min()) if len(fin) else None,
            "max": number(fin.max()) if len(fin) else None,
            "finite": int(len(fin)),
            "first": [number(x) for x in col[:3]],
        })
    return out


def describe(path):
    las = laspy.read(path)
    h = las.header
    dims = {}
    for name in las.point_format.dimension_names:
        dims[name] = stats(las[name])
    for axis in "xyz":
        dims[axis] = stats(getattr(las, axis))
    extra = []
    for d in las.point_format.extra_dimensions:
        extra.append({"name": d.name, "type": str(d.dtype), "scales": None if d.scales is None else [float(s) for s in d.scales],
                      "offsets": None if d.offsets is None else [float(o) for o in d.offsets]})
    return {
        "version": str(h.version),
        "point_format": h.point_format.id,
        "point_count": int(h.point_count),
        "record_length": h.point_format.size,
        "scales": [float(s) for s in h.scales],
        "offsets": [float(o) for o in h.offsets],
        "mins": [float(m) for m in h.mins],
        "maxs": [float(m) for m in h.maxs],
        "system_identifier": h.system_identifier,
        "generating_software": h.generating_software,
        "creation_date": None if h.creation_date is None else h.creation_date.isoformat(),
        "global_encoding": int(h.global_encoding.value),
        "vlrs": [[v.user_id, v.record_id] for v in h.vlrs],
        "evlrs": [[v.user_id, v.record_id] for v in (las.evlrs or [])],
        "points_by_return": [int(c) for c in h.number_of_points_by_return],
        "extra_dimensions": extra,
        "dimensions": dims,
    }


def describe_bounded(path):
    """Runs describe() in a child limited to 1 GiB: laspy allocates without bound on some damaged
    headers (garbage_nVariableLength.las took 4.5 GB before it was stopped)."""
    import multiprocessing
    import resource

    def child(conn):
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        try:
            conn.send(describe(path))
        except BaseException as e:  # recorded: pointea must refuse these too
            conn.send({"error": type(e).__name__ + ": " + (str(e).splitlines() or [""])[0]})

    parent, kid = multiprocessing.Pipe()
    p = multiprocessing.Process(target=child, args=(kid,))
    p.start()
    result = parent.recv() if parent.poll(120) else {"error": "laspy took more than 120 s"}
    p.join(5)
    if p.is_alive():
        p.kill()
    return result


def main():
    root = sys.argv[1]
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "*", "*.las"))):
        rel = os.path.relpath(path, root)
        out[rel] = describe_bounded(path)
    with open(os.path.join(root, "groundtruth.json"), "w") as f:
        json.dump({"reader": "laspy 2.5.4 (numpy %s)" % np.__version__, "files": out}, f, indent=1)
    for k, v in out.items():
        print(k, v["error"] if "error" in v else v["point_count"])


if __name__ == "__main__":
    main()
