package org.pointea.models.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/** A {@link DeviceArray} of the ND4J backend: an {@link INDArray} in c order, or a view of one. */
final class Nd4jArray implements DeviceArray {
    private final Nd4jBackend backend;
    private final INDArray array;
    private final DType dtype;
    private final boolean view;
    private final boolean contiguous;
    private boolean closed;

    Nd4jArray(Nd4jBackend backend, INDArray array, boolean view, boolean contiguous) {
        this.backend = backend;
        this.array = array;
        this.dtype = Nd4jBackend.dtype(array.dataType());
        this.view = view;
        this.contiguous = contiguous;
    }

    /** The ND4J array (a view for views). */
    INDArray nd() {
        if (closed) {
            throw new IllegalStateException("the array was closed");
        }
        return array;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long[] shape() {
        return array.shape();
    }

    @Override
    public int rank() {
        return array.rank();
    }

    @Override
    public long size(int dim) {
        return array.size(dim);
    }

    @Override
    public long length() {
        return array.length();
    }

    @Override
    public long rowStride() {
        if (array.rank() != 2) {
            throw new IllegalStateException("not a matrix: rank " + array.rank());
        }
        return array.stride(0);
    }

    @Override
    public boolean isContiguous() {
        return contiguous;
    }

    @Override
    public DeviceArray reshape(long... shape) {
        if (!contiguous) {
            throw new IllegalArgumentException("cannot reshape a column block " + Arrays.toString(shape()));
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != array.length()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape()) + " to "
                    + Arrays.toString(shape));
        }
        INDArray r = nd().reshape('c', shape);
        if (r.data().address() != array.data().address()) {
            throw new IllegalStateException("ND4J copied instead of viewing " + this + " as " + Arrays.toString(shape));
        }
        return new Nd4jArray(backend, r, true, true);
    }

    @Override
    public DeviceArray rows(long from, long to) {
        if (array.rank() != 2 || !contiguous) {
            throw new IllegalArgumentException("rows of a contiguous matrix only, not " + Arrays.toString(shape()));
        }
        if (from < 0 || to > array.rows() || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside " + Arrays.toString(shape()));
        }
        if (from == 0 && to == array.rows()) {
            return new Nd4jArray(backend, nd(), true, true);
        }
        return new Nd4jArray(backend, nd().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), true, true);
    }

    @Override
    public DeviceArray columns(long from, long to) {
        if (array.rank() != 2 || !contiguous) {
            throw new IllegalArgumentException("columns of a contiguous matrix only, not "
                    + Arrays.toString(shape()));
        }
        if (from < 0 || to > array.columns() || from > to) {
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside "
                    + Arrays.toString(shape()));
        }
        if (from == 0 && to == array.columns()) {
            return new Nd4jArray(backend, nd(), true, true);
        }
        return new Nd4jArray(backend, nd().get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)), true, false);
    }

    @Override
    public boolean isView() {
        return view;
    }

    @Override
    public void close() {
        if (!view && !closed) {
            if (array.closeable()) {
                array.close();
            }
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "Nd4jArray(" + dtype.id() + Arrays.toString(shape()) + (view ? ", view" : "")
                + (contiguous ? "" : ", column block") + ")";
    }
}
