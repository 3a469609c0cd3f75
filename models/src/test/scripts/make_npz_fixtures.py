#!/usr/bin/python3
"""Writes the .npz fixtures of NpzTest with NumPy (run with /usr/bin/python3 from the repository root).

numpy.npz            savez: float32 [2, 3], float64 [4], float32 scalar, under PyTorch-style names
numpy_compressed.npz savez_compressed: the same arrays, deflated
ints.npz             savez: an int64 array (pointea reads float32/float64 only)
fortran.npz          savez: a Fortran-ordered float32 [2, 3]
"""
import numpy as np

OUT = "models/src/test/resources/store/"
arrays = {
    "conv1.weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 7,
    "bn1.running_var": np.array([1.5, -2.25, 1e-30, 3.0e38], dtype=np.float64),
    "scale": np.float32(0.125),
}
np.savez(OUT + "numpy.npz", **arrays)
np.savez_compressed(OUT + "numpy_compressed.npz", **arrays)
np.savez(OUT + "ints.npz", labels=np.arange(5, dtype=np.int64))
np.savez(OUT + "fortran.npz", w=np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
