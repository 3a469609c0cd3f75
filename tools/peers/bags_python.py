#!/usr/bin/python3
"""The Python side of RoboticsBench: a persistent process timing the Python readers pointea's bag
and LAS readers replace, each ending with one NumPy array per field (x, y, z as float32 [N, 3]),
as a Python user would write it.

  rosbag <path> <topic>     python3-rosbag 1.15 read_messages (genpy deserialization), then a
                            structured NumPy view of each PointCloud2's data, fields copied out
                            (the ros_numpy idiom; sensor_msgs.point_cloud2.read_points is a Python
                            loop, ~100x slower)
  db3 <path> <topic>        Python sqlite3 over rosbag2's messages table ordered by timestamp, the
                            CDR header parsed with struct (no rclpy in Debian 12), fields as above
  las_read <path>           laspy 2.5.4 read, then x, y, z scaled (float64) and every dimension
                            as its own array (laspy from source: POINTEA_LASPY=/path/to/laspy)
  las_load <path>           laspy read, untimed, for las_write
  las_write <path>          laspy write of the loaded data (LAS, uncompressed)
  quit
Answers: "ok <seconds> <frames> <points>" or "error <message>".
"""
import os
import sqlite3
import struct
import sys
import time

import numpy as np

TYPES = {1: "i1", 2: "u1", 3: "<i2", 4: "<u2", 5: "<i4", 6: "<u4", 7: "<f4", 8: "<f8"}


def columns(data, fields, point_step, n):
    """fields: [(name, offset, datatype)] -> xyz [n, 3] float32 and one array per other field."""
    dtype = np.dtype({"names": [f[0] for f in fields], "formats": [TYPES[f[2]] for f in fields],
                      "offsets": [f[1] for f in fields], "itemsize": point_step})
    view = np.frombuffer(data, dtype=dtype, count=n)
    out = {"xyz": np.stack([view["x"], view["y"], view["z"]], axis=1).astype(np.float32)}
    for f in fields:
        if f[0] not in ("x", "y", "z"):
            out[f[0]] = view[f[0]].copy()
    return out


def rosbag_read(path, topic):
    import rosbag
    frames = points = 0
    with rosbag.Bag(path) as bag:
        for _, msg, _ in bag.read_messages(topics=[topic]):
            n = msg.width * msg.height
            columns(msg.data, [(f.name, f.offset, f.datatype) for f in msg.fields], msg.point_step, n)
            frames += 1
            points += n
    return frames, points


def cdr_string(b, at):
    n = struct.unpack_from("<I", b, at)[0]
    s = b[at + 4:at + 4 + n - 1].decode()
    at += 4 + n
    return s, at


def align(at, k):
    # CDR alignment is relative to the end of the 4-byte encapsulation header
    return at + (-(at - 4)) % k


def db3_read(path, topic):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    (tid,) = db.execute("SELECT id FROM topics WHERE name = ?", (topic,)).fetchone()
    frames = points = 0
    for (data,) in db.execute("SELECT data FROM messages WHERE topic_id = ? ORDER BY timestamp, id", (tid,)):
        at = 4 + 8  # encapsulation, stamp
        _, at = cdr_string(data, at)
        at = align(at, 4)
        height, width, nf = struct.unpack_from("<III", data, at)
        at += 12
        fields = []
        for _ in range(nf):
            name, at = cdr_string(data, at)
            at = align(at, 4)
            offset = struct.unpack_from("<I", data, at)[0]
            datatype = data[at + 4]
            at = align(at + 5, 4)
            at += 4  # count
            fields.append((name, offset, datatype))
        at += 1  # is_bigendian
        at = align(at, 4)
        point_step, _, length = struct.unpack_from("<III", data, at)
        at += 12
        n = width * height
        columns(memoryview(data)[at:at + length], fields, point_step, n)
        frames += 1
        points += n
    db.close()
    return frames, points


def laspy_module():
    src = os.environ.get("POINTEA_LASPY")
    if src and src not in sys.path:
        sys.path.insert(0, src)
    import laspy
    return laspy


def las_read(path):
    laspy = laspy_module()
    las = laspy.read(path)
    arrays = [np.asarray(las.x), np.asarray(las.y), np.asarray(las.z)]
    for name in las.point_format.dimension_names:
        arrays.append(np.asarray(las[name]))
    return 1, len(las.points)


def main():
    loaded = None
    print("ready numpy " + np.__version__, flush=True)
    for line in sys.stdin:
        cmd, *args = line.split()
        try:
            t = time.perf_counter()
            if cmd == "quit":
                return
            elif cmd == "rosbag":
                frames, points = rosbag_read(*args)
            elif cmd == "db3":
                frames, points = db3_read(*args)
            elif cmd == "las_read":
                frames, points = las_read(*args)
            elif cmd == "las_load":
                loaded = laspy_module().read(args[0])
                frames, points = 1, len(loaded.points)
            elif cmd == "las_write":
                t = time.perf_counter()
                loaded.write(args[0])
                frames, points = 1, len(loaded.points)
            else:
                raise RuntimeError("unknown command " + cmd)
            print("ok %.6f %d %d" % (time.perf_counter() - t, frames, points), flush=True)
        except Exception as e:  # noqa: BLE001 - reported to the Java side
            print("error %s: %s" % (type(e).__name__, str(e).replace("\n", " ")), flush=True)


if __name__ == "__main__":
    main()
