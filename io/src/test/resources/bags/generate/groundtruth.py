"""Writes ../groundtruth.json: what Debian's python3-rosbag and sensor_msgs.point_cloud2 read from
lidar_bz2.bag, message by message (topic, time, type; for clouds the header, layout and, per field,
the sum / min / max over the finite values and the first point's values). The Java tests check
every reader (MCAP, rosbag2 SQLite, ROS 1) against it, since all bags hold the same messages.

    /usr/bin/python3 groundtruth.py ..
"""
import json
import math
import os
import sys

import rosbag
from sensor_msgs import point_cloud2


def cloud_summary(msg):
    names = [f.name for f in msg.fields]
    rows = list(point_cloud2.read_points(msg, field_names=names, skip_nans=False))
    fields = {}
    for i, name in enumerate(names):
        values = [float(r[i]) for r in rows]
        finite = [v for v in values if math.isfinite(v)]
        fields[name] = {
            "sum": math.fsum(finite),
            "min": min(finite) if finite else None,
            "max": max(finite) if finite else None,
            "finite": len(finite),
            "first": values[0] if math.isfinite(values[0]) else None,
        }
    return {
        "stamp_ns": msg.header.stamp.to_nsec(),
        "frame_id": msg.header.frame_id,
        "height": msg.height,
        "width": msg.width,
        "point_step": msg.point_step,
        "is_dense": bool(msg.is_dense),
        "fields": fields,
    }


def main():
    root = sys.argv[1]
    out = []
    with rosbag.Bag(os.path.join(root, "lidar_bz2.bag")) as bag:
        for topic, msg, t in bag.read_messages():
            entry = {"topic": topic, "time_ns": t.to_nsec(), "type": msg._type}
            if msg._type == "sensor_msgs/PointCloud2":
                entry["cloud"] = cloud_summary(msg)
            out.append(entry)
    with open(os.path.join(root, "groundtruth.json"), "w") as f:
        json.dump({"reader": "python3-rosbag 1.15.15 + sensor_msgs.point_cloud2 (Debian 12)",
                   "messages": out}, f, indent=1)
    print(len(out), "messages")


if __name__ == "__main__":
    main()
