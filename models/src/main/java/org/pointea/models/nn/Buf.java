package org.pointea.models.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reusable off-heap array: allocated on first use and whenever the requested shape changes,
 * otherwise handed back as is, so a training loop allocates nothing per step. Its contents are
 * undefined on allocation; owners always overwrite before reading.
 */
public final class Buf implements AutoCloseable {
    private INDArray array;

    /** The array with exactly this type and shape (reallocated, old one closed, if it differs). */
    public INDArray get(DataType dt, long... shape) {
        if (array == null || array.dataType() != dt || !Arrays.equals(array.shape(), shape)) {
            close();
            array = Nd4j.createUninitialized(dt, shape);
        }
        return array;
    }

    /** Like {@link #get} but zero-filled on allocation only. */
    public INDArray zeros(DataType dt, long... shape) {
        if (array == null || array.dataType() != dt || !Arrays.equals(array.shape(), shape)) {
            close();
            array = Nd4j.zeros(dt, shape);
        }
        return array;
    }

    /** The current array, or null if never allocated. */
    public INDArray current() {
        return array;
    }

    @Override
    public void close() {
        if (array != null) {
            if (array.closeable()) {
                array.close();
            }
            array = null;
        }
    }
}
