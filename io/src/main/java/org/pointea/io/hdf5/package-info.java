/**
 * HDF5 files in PointNet's layout ({@code data [B,N,3]}, {@code label [B,1]} or {@code [B]},
 * optional {@code normal}, {@code pid}, {@code faceId}), read and written through jhdf as batches
 * of labelled clouds.
 */
package org.pointea.io.hdf5;
