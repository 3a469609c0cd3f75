#!/usr/bin/env python3
"""Copies / subsamples the real clouds the renderer tests draw (src/test/resources/real/).

    /usr/bin/python3 eval/src/test/scripts/make_render_fixtures.py /work/shared/data/real eval/src/test/resources/real

* bun0.pcd: PCL's test/bun0.pcd (Stanford bunny, 397 points with normals), copied byte for byte.
* milk_color_every4.pcd: every 4th point of PCL's test/milk_color.pcd (13,704 points, rgba), taken
  from the corpus' ascii conversion (generated/pcl/milk_color_ascii_prec3.pcd: 3 decimals), written
  as ascii PCD with the same header fields.
"""
import os
import shutil
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(os.path.join(src, "pcd/pcl/bun0.pcd"), os.path.join(out, "bun0.pcd"))
    with open(os.path.join(src, "generated/pcl/milk_color_ascii_prec3.pcd")) as f:
        lines = f.read().splitlines()
    data_at = next(i for i, l in enumerate(lines) if l.startswith("DATA"))
    header, rows = lines[:data_at + 1], lines[data_at + 1:]
    kept = rows[::4]
    fixed = []
    for h in header:
        if h.startswith("WIDTH"):
            h = "WIDTH %d" % len(kept)
        elif h.startswith("POINTS"):
            h = "POINTS %d" % len(kept)
        fixed.append(h)
    with open(os.path.join(out, "milk_color_every4.pcd"), "w") as f:
        f.write("\n".join(fixed + kept) + "\n")


if __name__ == "__main__":
    main()
