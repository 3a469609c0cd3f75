"""Writes one LAS file per point format 0-10 with laspy 2.5.4 (pure Python + NumPy; not in Debian 12,
so run from its source), every dimension of the format filled with varied values, UTM-like
coordinates, adjusted-standard GPS times and, in two files, typed extra bytes (scaled and plain,
scalars and arrays).

    git clone --depth 1 --branch 2.5.4 https://github.com/laspy/laspy /tmp/laspy
    PYTHONPATH=/tmp/laspy /usr/bin/python3 make_las.py ..
"""
import datetime
import os
import sys

import laspy
import numpy as np

VERSIONS = {0: "1.2", 1: "1.2", 2: "1.2", 3: "1.2", 4: "1.3", 5: "1.3",
            6: "1.4", 7: "1.4", 8: "1.4", 9: "1.4", 10: "1.4"}
N = 60


def fill(las, pf, rng):
    n = N
    t = np.arange(n)
    las.x = 512000.0 + 37.25 * np.cos(t * 0.3) + rng.normal(0, 0.2, n)
    las.y = 5403000.0 + 21.5 * np.sin(t * 0.2) + rng.normal(0, 0.2, n)
    las.z = 250.0 + 3.0 * np.sin(t * 0.7) + rng.normal(0, 0.05, n)
    las.intensity = rng.integers(0, 65535, n, dtype=np.uint16)
    max_returns = 15 if pf >= 6 else 7
    nr = rng.integers(1, max_returns + 1, n)
    las.number_of_returns = nr
    las.return_number = np.minimum(rng.integers(1, max_returns + 1, n), nr)
    las.scan_direction_flag = t % 2
    las.edge_of_flight_line = (t % 7 == 0).astype(np.uint8)
    las.classification = rng.integers(0, 32 if pf < 6 else 256, n)
    las.synthetic = (t % 3 == 0).astype(np.uint8)
    las.key_point = (t % 5 == 0).astype(np.uint8)
    las.withheld = (t % 11 == 0).astype(np.uint8)
    las.user_data = rng.integers(0, 256, n)
    las.point_source_id = rng.integers(0, 65535, n)
    if pf < 6:
        las.scan_angle_rank = rng.integers(-90, 91, n)
    else:
        las.scan_angle = rng.integers(-30000, 30001, n)  # 0.006 degree steps
        las.overlap = (t % 4 == 0).astype(np.uint8)
        las.scanner_channel = t % 4
    if "gps_time" in las.point_format.dimension_names:
        # adjusted standard GPS time (s since 1980-01-06 minus 1e9), microsecond resolution
        las.gps_time = 3.1536e8 + 1234.0 + t * 0.000137 + rng.uniform(0, 1e-3, n)
    if "red" in las.point_format.dimension_names:
        las.red = rng.integers(0, 65535, n)
        las.green = rng.integers(0, 65535, n)
        las.blue = rng.integers(0, 65535, n)
    if "nir" in las.point_format.dimension_names:
        las.nir = rng.integers(0, 65535, n)
    if "wavepacket_index" in las.point_format.dimension_names:
        las.wavepacket_index = t % 3 + 1
        las.wavepacket_offset = 60 + t * 256
        las.wavepacket_size = np.full(n, 256)
        las.return_point_wave_location = rng.uniform(0, 5000, n).astype(np.float32)
        las.x_t = rng.uniform(-1, 1, n).astype(np.float32)
        las.y_t = rng.uniform(-1, 1, n).astype(np.float32)
        las.z_t = rng.uniform(-1, 1, n).astype(np.float32)


def write(out, pf, extra=False, version=None):
    version = version or VERSIONS[pf]
    header = laspy.LasHeader(point_format=pf, version=version)
    header.offsets = np.array([512000.0, 5403000.0, 0.0])
    header.scales = np.array([0.001, 0.001, 0.001])
    header.system_identifier = "laspy 2.5.4 test data"
    header.generating_software = "make_las.py (pointea)"
    header.creation_date = datetime.date(2024, 6, 1)
    if pf in (1, 3, 4, 5) or pf >= 6:
        header.global_encoding.gps_time_type = laspy.header.GpsTimeType.STANDARD
    if extra:
        header.add_extra_dims([
            laspy.ExtraBytesParams("height_above_ground", "f4", "m above the DTM"),
            laspy.ExtraBytesParams("range", "f8", "sensor range, m"),
            laspy.ExtraBytesParams("amplitude", "u2", "scaled", scales=np.array([0.01]),
                                   offsets=np.array([-10.0])),
            laspy.ExtraBytesParams("segment", "i4", "segment id"),
            laspy.ExtraBytesParams("echo_width", "u1", "raw"),
            laspy.ExtraBytesParams("normal", "3f4", "unit normal"),
            laspy.ExtraBytesParams("big_id", "u8", "64-bit id"),
        ])
    las = laspy.LasData(header)
    rng = np.random.default_rng(pf + (100 if extra else 0))
    las.points = laspy.ScaleAwarePointRecord.zeros(N, header=header)
    fill(las, pf, rng)
    if extra:
        las.height_above_ground = rng.uniform(0, 30, N).astype(np.float32)
        las.range = rng.uniform(10, 400, N)
        las.amplitude = rng.integers(0, 65535, N) * 0.01 - 10.0
        las.segment = rng.integers(-100000, 100000, N)
        las.echo_width = rng.integers(0, 256, N)
        nrm = rng.normal(0, 1, (N, 3))
        las.normal = (nrm / np.linalg.norm(nrm, axis=1, keepdims=True)).astype(np.float32)
        las.big_id = rng.integers(0, 2**40, N, dtype=np.uint64)
    name = "pf%d_v%s%s.las" % (pf, version, "_extra" if extra else "")
    las.write(os.path.join(out, name))
    print(name, os.path.getsize(os.path.join(out, name)), "bytes")


def main():
    out = sys.argv[1]
    for pf in range(11):
        write(out, pf)
    write(out, 3, extra=True, version="1.4")
    write(out, 7, extra=True)


if __name__ == "__main__":
    main()
