/**
 * NumPy {@code .npy} files: general arrays of integers and floats ({@link
 * org.pointea.io.npy.NpyArray}) and point clouds stored as {@code [N, 3+]} arrays.
 */
package org.pointea.io.npy;
