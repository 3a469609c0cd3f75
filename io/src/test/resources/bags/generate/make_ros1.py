"""Writes the ROS 1 test bags with Debian's python3-rosbag (1.15), from the messages make_mcap.mjs
dumped, so that every format holds the same clouds.

    /usr/bin/python3 make_ros1.py /tmp/pointea-bag-messages.json ..

Writes lidar_bz2.bag and lidar_lz4.bag (chunks of ~16 KB, compressed as `rosbag record -j` /
`--lz4` do) and lidar_active.bag: the bytes of an uncompressed bag while it is still being written,
as `rosbag record` leaves them when killed (no index: index_pos 0, chunks without chunk-info
records), which only a linear scan reads.
"""
import base64
import json
import os
import sys

import genpy
import rosbag
from sensor_msgs.msg import Imu, PointCloud2, PointField
from std_msgs.msg import Header


def to_time(ns):
    ns = int(ns)
    return genpy.Time(ns // 1000000000, ns % 1000000000)


def message(m):
    body = m["msg"]
    header = Header(seq=0, stamp=to_time(m["stamp_ns"]), frame_id=body["frame_id"])
    if m["type"].endswith("PointCloud2"):
        return PointCloud2(
            header=header,
            height=body["height"],
            width=body["width"],
            fields=[PointField(f["name"], f["offset"], f["datatype"], f["count"]) for f in body["fields"]],
            is_bigendian=body["is_bigendian"],
            point_step=body["point_step"],
            row_step=body["row_step"],
            data=base64.b64decode(body["data"]),
            is_dense=body["is_dense"],
        )
    msg = Imu(header=header)
    for key in ("orientation", "angular_velocity", "linear_acceleration"):
        for axis, value in body[key].items():
            setattr(getattr(msg, key), axis, value)
        setattr(msg, key + "_covariance", body[key + "_covariance"])
    return msg


def write(path, messages, compression):
    with rosbag.Bag(path, "w", compression=compression, chunk_threshold=16 * 1024) as bag:
        for m in messages:
            bag.write(m["topic"], message(m), to_time(m["log_time_ns"]))
    print(path, os.path.getsize(path), "bytes")


def write_active(path, messages):
    """Copies the file while the writer still has it open: what a killed recorder leaves."""
    tmp = path + ".writing"
    bag = rosbag.Bag(tmp, "w", compression=rosbag.Compression.NONE, chunk_threshold=16 * 1024)
    for m in messages:
        bag.write(m["topic"], message(m), to_time(m["log_time_ns"]))
    bag._file.flush()
    with open(tmp, "rb") as f:
        data = f.read()
    bag.close()
    os.remove(tmp)
    with open(path, "wb") as f:
        f.write(data)
    print(path, len(data), "bytes (unindexed)")


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src) as f:
        messages = json.load(f)["messages"]
    write(os.path.join(out, "lidar_bz2.bag"), messages, rosbag.Compression.BZ2)
    write(os.path.join(out, "lidar_lz4.bag"), messages, rosbag.Compression.LZ4)
    write_active(os.path.join(out, "lidar_active.bag"), messages)


if __name__ == "__main__":
    main()
