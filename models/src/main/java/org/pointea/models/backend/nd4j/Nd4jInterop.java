package org.pointea.models.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DeviceArray;

/**
 * Crossing between ND4J and the CPU backend for code that holds ND4J arrays (the op benchmarks,
 * users with INDArray pipelines): the CPU backend's arrays are ND4J arrays underneath.
 *
 * <pre>{@code
 * INDArray x = Nd4jInterop.unwrap(deviceArray);          // the same memory
 * DeviceArray y = Nd4jInterop.wrap(Nd4j.rand(4, 4));     // a view: the caller keeps owning the INDArray
 * }</pre>
 */
public final class Nd4jInterop {
    private Nd4jInterop() {
    }

    /**
     * The ND4J array behind an array of the CPU backend (the same memory).
     *
     * @throws IllegalArgumentException for an array of another backend
     */
    public static INDArray unwrap(DeviceArray a) {
        if (!(a instanceof Nd4jArray n)) {
            throw new IllegalArgumentException("not an array of the ND4J backend: " + a);
        }
        return n.nd();
    }

    /**
     * A CPU-backend view of a c-order ND4J array of type float, double or int (not owned: closing
     * the view does nothing).
     *
     * @throws IllegalArgumentException for an f-order array or another type
     */
    public static DeviceArray wrap(INDArray a) {
        if (a.ordering() != 'c') {
            throw new IllegalArgumentException("only c-order arrays can be wrapped");
        }
        Backends.cpu();
        return new Nd4jArray(Nd4jBackend.instance(), a, true, !a.isView() || a.rank() != 2
                || a.stride(0) == a.columns());
    }
}
