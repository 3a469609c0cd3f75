"""Writes linked-block LZ4 frames with the reference `lz4` command line (Debian lz4 1.9/1.10), as
the LZ4F library writes them by default and MCAP's C++ writer does: the input is an 8 KB
pseudo-random pattern repeated 30 times (240 KB), so that each 64 KB block starts with matches
reaching back into the block before it.

    /usr/bin/python3 make_vectors.py     # writes records.bin.lz4 and records_bx.lz4

Lz4FrameTest regenerates the input with the same formula and compares.
"""
import subprocess


def records():
    pattern = bytearray()
    seed = 12345
    for _ in range(8192):
        seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFF  # the LCG of Lz4FrameTest
        pattern.append(seed >> 24)
    return bytes(pattern) * 30


with open("records.bin", "wb") as f:
    f.write(records())
# linked 64 KB blocks, content size in the header
subprocess.run(["lz4", "-q", "-f", "-BD", "-B4", "--content-size", "records.bin", "records.bin.lz4"], check=True)
# linked blocks with block checksums and no content checksum
subprocess.run(["lz4", "-q", "-f", "-BD", "-B4", "-BX", "--no-frame-crc", "records.bin", "records_bx.lz4"], check=True)
subprocess.run(["rm", "records.bin"], check=True)
