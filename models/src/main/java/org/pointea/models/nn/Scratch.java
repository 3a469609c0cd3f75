package org.pointea.models.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Temporaries shared by the layers of one network: arrays are keyed by (slot, type, length) and
 * reshaped on request, so two layers whose temporaries have the same size share the memory. A
 * scratch array is only valid until the next request for the same slot; layers use it strictly
 * inside one forward or backward call.
 */
public final class Scratch implements AutoCloseable {
    private final Map<String, INDArray> arrays = new HashMap<>();

    /** A scratch array of this shape in {@code slot} (contents undefined). */
    public INDArray get(int slot, DataType dt, long... shape) {
        long len = 1;
        for (long s : shape) {
            len *= s;
        }
        String key = slot + ":" + dt + ":" + len;
        INDArray a = arrays.get(key);
        if (a == null) {
            a = Nd4j.createUninitialized(dt, len);
            arrays.put(key, a);
        }
        return a.reshape(shape);
    }

    /** Bytes currently held. */
    public long bytes() {
        long b = 0;
        for (INDArray a : arrays.values()) {
            b += a.length() * a.dataType().width();
        }
        return b;
    }

    @Override
    public void close() {
        for (INDArray a : arrays.values()) {
            a.close();
        }
        arrays.clear();
    }
}
