#!/usr/bin/python3
"""Writes the bags RoboticsBench reads: FRAMES frames of an Ouster OS1-64-like lidar (organized
64 x 1024, point_step 48: x y z intensity t reflectivity ring ambient range, 10 Hz) with an IMU
topic at 100 Hz, in every storage the readers support, each written by its real writer:

  ros1_none.bag / ros1_lz4.bag / ros1_bz2.bag   python3-rosbag 1.15 (Debian), 768 KB chunks
  mcap_none.mcap / mcap_zstd.mcap / mcap_lz4.mcap   @mcap/core (tools/peers/mcap, npm ci), 1 MB
                                                    chunks, CDR by @foxglove/rosmsg2-serialization
  rosbag2.db3                                   Python sqlite3, rosbag2's schema 4, the same CDR

    /usr/bin/python3 tools/peers/bags_make.py OUT_DIR [FRAMES]
"""
import json
import os
import sqlite3
import subprocess
import sys

import numpy as np

RINGS, COLS, STEP = 64, 1024, 48
DTYPE = np.dtype({"names": ["x", "y", "z", "intensity", "t", "reflectivity", "ring", "ambient", "range"],
                  "formats": ["<f4", "<f4", "<f4", "<f4", "<u4", "<u2", "<u2", "<u2", "<u4"],
                  "offsets": [0, 4, 8, 16, 20, 24, 26, 28, 32], "itemsize": STEP})
FIELDS = [("x", 0, 7), ("y", 4, 7), ("z", 8, 7), ("intensity", 16, 7), ("t", 20, 6),
          ("reflectivity", 24, 4), ("ring", 26, 4), ("ambient", 28, 4), ("range", 32, 6)]
T0 = 1700000000 * 10**9


def frame(k, rng):
    """A sweep in a street: walls at +-6 m, ground at -1.8 m, a few boxes; noise and dropouts."""
    el = np.deg2rad(np.linspace(-22.5, 22.5, RINGS))[:, None]
    az = np.linspace(0, 2 * np.pi, COLS, endpoint=False)[None, :] + 0.001 * k
    d = np.stack([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el) * np.ones_like(az)])
    with np.errstate(divide="ignore", invalid="ignore"):
        t_wall = np.where(np.abs(d[1]) > 1e-6, 6.0 / np.abs(d[1]), np.inf)
        t_ground = np.where(d[2] < -1e-6, -1.8 / d[2], np.inf)
        t_far = np.where(np.abs(d[0]) > 1e-6, 60.0 / np.abs(d[0]), np.inf)
    r = np.minimum(np.minimum(t_wall, t_ground), t_far)
    r = np.round(r + rng.normal(0, 0.01, r.shape), 3)
    drop = rng.random(r.shape) < 0.05
    r[drop] = 0
    a = np.zeros((RINGS, COLS), DTYPE)
    a["x"], a["y"], a["z"] = (d * r).astype(np.float32)
    a["intensity"] = np.where(drop, 0, np.round(3000 / (1 + r) + rng.normal(0, 20, r.shape))).clip(0)
    a["t"] = (np.arange(COLS) * 97656)[None, :]
    a["reflectivity"] = np.where(drop, 0, rng.integers(0, 256, r.shape))
    a["ring"] = np.arange(RINGS)[:, None]
    a["ambient"] = rng.integers(200, 400, r.shape)
    a["range"] = (r * 1000).astype(np.uint32)
    return a


def main():
    out, frames = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 60
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    raw = os.path.join(out, "frames.bin")
    meta = []
    with open(raw, "wb") as f:
        for k in range(frames):
            a = frame(k, rng)
            f.write(a.tobytes())
            meta.append({"stamp_ns": T0 + k * 100_000_000, "log_ns": T0 + k * 100_000_000 + 4_000_000})
    imu = [{"stamp_ns": T0 + i * 10_000_000, "log_ns": T0 + i * 10_000_000 + 500_000}
           for i in range(frames * 10)]
    spec = {"rings": RINGS, "cols": COLS, "step": STEP, "fields": FIELDS, "frames": meta, "imu": imu}
    with open(os.path.join(out, "frames.json"), "w") as f:
        json.dump(spec, f)
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run(["node", os.path.join(here, "mcap", "make.mjs"), out], check=True)
    write_db3(out, spec)
    write_ros1(out, spec, raw)
    os.remove(raw)
    for name in sorted(os.listdir(out)):
        print("%-18s %8.1f MB" % (name, os.path.getsize(os.path.join(out, name)) / 1e6))


def write_db3(out, spec):
    path = os.path.join(out, "rosbag2.db3")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    for stmt in [
        "CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);",
        "CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);",
        "CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL,type_description_hash TEXT NOT NULL);",
        "CREATE TABLE message_definitions(id INTEGER PRIMARY KEY,topic_type TEXT NOT NULL,encoding TEXT NOT NULL,encoded_message_definition TEXT NOT NULL,type_description_hash TEXT NOT NULL);",
        "CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL);",
        "CREATE INDEX timestamp_idx ON messages (timestamp ASC);"]:
        db.execute(stmt)
    db.execute("INSERT INTO schema VALUES (4, 'jazzy')")
    db.execute("INSERT INTO topics VALUES (1, '/ouster/points', 'sensor_msgs/msg/PointCloud2', 'cdr', '', '')")
    db.execute("INSERT INTO topics VALUES (2, '/imu', 'sensor_msgs/msg/Imu', 'cdr', '', '')")
    rows = []
    with open(os.path.join(out, "cdr.bin"), "rb") as f:
        while True:
            head = f.read(16)
            if not head:
                break
            topic, ts, n = int.from_bytes(head[:4], "little"), int.from_bytes(head[4:12], "little"), int.from_bytes(head[12:16], "little")
            rows.append((topic, ts, f.read(n)))
    rows.sort(key=lambda r: r[1])
    db.executemany("INSERT INTO messages (topic_id, timestamp, data) VALUES (?, ?, ?)", rows)
    db.commit()
    db.close()
    os.remove(os.path.join(out, "cdr.bin"))


def write_ros1(out, spec, raw):
    import genpy
    import rosbag
    from sensor_msgs.msg import Imu, PointCloud2, PointField
    from std_msgs.msg import Header

    def t(ns):
        return genpy.Time(ns // 10**9, ns % 10**9)

    size = spec["rings"] * spec["cols"] * spec["step"]
    fields = [PointField(n, o, d, 1) for n, o, d in spec["fields"]]
    for comp, name in [(rosbag.Compression.NONE, "ros1_none.bag"), (rosbag.Compression.LZ4, "ros1_lz4.bag"),
                       (rosbag.Compression.BZ2, "ros1_bz2.bag")]:
        with open(raw, "rb") as f, rosbag.Bag(os.path.join(out, name), "w", compression=comp) as bag:
            events = [(m["log_ns"], "cloud", i, m) for i, m in enumerate(spec["frames"])]
            events += [(m["log_ns"], "imu", i, m) for i, m in enumerate(spec["imu"])]
            for log_ns, kind, i, m in sorted(events, key=lambda e: e[0]):
                h = Header(stamp=t(m["stamp_ns"]))
                if kind == "cloud":
                    h.frame_id = "os_sensor"
                    f.seek(i * size)
                    msg = PointCloud2(header=h, height=spec["rings"], width=spec["cols"], fields=fields,
                                      is_bigendian=False, point_step=spec["step"],
                                      row_step=spec["cols"] * spec["step"], data=f.read(size), is_dense=True)
                    bag.write("/ouster/points", msg, t(log_ns))
                else:
                    h.frame_id = "imu_link"
                    bag.write("/imu", Imu(header=h), t(log_ns))


if __name__ == "__main__":
    main()
