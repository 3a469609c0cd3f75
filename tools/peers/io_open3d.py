#!/usr/bin/python3
"""Open3D side of IoBench: a persistent process timing read_point_cloud / write_point_cloud.

Protocol (one command per line on stdin, one answer per line on stdout):
  read <path>    -> "ok <seconds>"   times o3d.io.read_point_cloud(path)
  load <path>    -> "ok 0"           keeps the cloud in memory (untimed) for the writes
  write <path>   -> "ok <seconds>"   times o3d.io.write_point_cloud(path, cloud) (binary,
                                      uncompressed: write_ascii=False, compressed=False)
  quit
Run by org.pointea.tools.bench.IoBench with /usr/bin/python3 (Open3D 0.16).
"""
import sys
import time

import numpy as np
import open3d as o3d


def main():
    cloud = None
    print("ready open3d " + o3d.__version__, flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        try:
            if cmd == "read":
                t = time.perf_counter()
                c = o3d.io.read_point_cloud(arg)
                n = np.asarray(c.points).shape[0]
                dt = time.perf_counter() - t
                if n == 0:
                    raise RuntimeError("read 0 points")
                print("ok %.6f" % dt, flush=True)
            elif cmd == "load":
                cloud = o3d.io.read_point_cloud(arg)
                print("ok 0", flush=True)
            elif cmd == "write":
                t = time.perf_counter()
                okw = o3d.io.write_point_cloud(arg, cloud, write_ascii=False, compressed=False)
                dt = time.perf_counter() - t
                if not okw:
                    raise RuntimeError("write failed")
                print("ok %.6f" % dt, flush=True)
            elif cmd == "quit":
                return
            else:
                raise RuntimeError("unknown command " + cmd)
        except Exception as e:  # noqa: BLE001 - report to the Java side
            print("error %s" % e, flush=True)


if __name__ == "__main__":
    main()
