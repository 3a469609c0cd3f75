package org.pointea.models.cuda;

import java.util.Arrays;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/**
 * A {@link DeviceArray} in GPU memory: a device address, a shape and (for a column block) a row
 * stride. Owned arrays hold a block of their backend's {@link DevicePool}; views share it.
 */
final class CudaArray implements DeviceArray {
    private final CudaBackend backend;
    private final DType type;
    private final long[] shape;
    private final long address;
    private final long rowStride;
    private final boolean contiguous;
    private final CudaArray owner;
    private boolean closed;

    private CudaArray(CudaBackend backend, DType type, long[] shape, long address, long rowStride, boolean contiguous,
                      CudaArray owner) {
        this.backend = backend;
        this.type = type;
        this.shape = shape;
        this.address = address;
        this.rowStride = rowStride;
        this.contiguous = contiguous;
        this.owner = owner;
    }

    /** A new owned contiguous array at {@code address} (a pool block). */
    static CudaArray owned(CudaBackend backend, DType type, long[] shape, long address) {
        long[] s = shape.clone();
        return new CudaArray(backend, type, s, address, s.length >= 1 ? s[s.length - 1] : 1, true, null);
    }

    /** Checks a shape: every dimension non-negative. */
    static long[] checkShape(long... shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    /** The product of the dimensions. */
    static long lengthOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The device address of element 0. */
    long address() {
        ensureOpen();
        return address;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return type;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    long[] shapeRef() {
        return shape;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long size(int dim) {
        return shape[dim];
    }

    @Override
    public long length() {
        return lengthOf(shape);
    }

    @Override
    public long rowStride() {
        return rowStride;
    }

    @Override
    public boolean isContiguous() {
        return contiguous;
    }

    @Override
    public DeviceArray reshape(long... newShape) {
        long[] s = checkShape(newShape);
        if (!contiguous) {
            throw new IllegalArgumentException("cannot reshape a column block " + Arrays.toString(shape));
        }
        if (lengthOf(s) != length()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(s));
        }
        return new CudaArray(backend, type, s, address, s.length >= 1 ? s[s.length - 1] : 1, true, root());
    }

    @Override
    public DeviceArray rows(long from, long to) {
        requireMatrix();
        if (!contiguous) {
            throw new IllegalArgumentException("rows of a column block are not a contiguous view");
        }
        if (from < 0 || to < from || to > shape[0]) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside " + Arrays.toString(shape));
        }
        return new CudaArray(backend, type, new long[] {to - from, shape[1]}, address + from * shape[1] * type.width(),
                shape[1], true, root());
    }

    @Override
    public DeviceArray columns(long from, long to) {
        requireMatrix();
        if (!contiguous) {
            throw new IllegalArgumentException("columns of a column block are not supported");
        }
        if (from < 0 || to < from || to > shape[1]) {
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside " + Arrays.toString(shape));
        }
        if (from == 0 && to == shape[1]) {
            return new CudaArray(backend, type, shape.clone(), address, shape[1], true, root());
        }
        return new CudaArray(backend, type, new long[] {shape[0], to - from}, address + from * type.width(), shape[1],
                shape[0] <= 1, root());
    }

    @Override
    public boolean isView() {
        return owner != null;
    }

    @Override
    public void close() {
        if (owner != null || closed) {
            return;
        }
        closed = true;
        backend.release(address);
    }

    private CudaArray root() {
        return owner == null ? this : owner;
    }

    private void ensureOpen() {
        if (root().closed) {
            throw new IllegalStateException("the array " + Arrays.toString(shape) + " was closed");
        }
    }

    private void requireMatrix() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("not a matrix: " + Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "CudaArray" + Arrays.toString(shape) + " " + type + (contiguous ? "" : " stride " + rowStride);
    }
}
