package org.pointea.models.testing;

import org.pointea.models.backend.DeviceArray;

/** Element access to device arrays for tests (through whole-array transfers: small arrays only). */
public final class Host {
    private Host() {
    }

    /** The matrix's rows. */
    public static double[][] matrix(DeviceArray a) {
        double[] v = a.backend().toDoubleArray(a);
        int rows = (int) a.size(0);
        int cols = (int) (a.length() / rows);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * cols, m[r], 0, cols);
        }
        return m;
    }

    /** Element {@code i} in row-major order. */
    public static double get(DeviceArray a, int i) {
        return a.backend().toDoubleArray(a)[i];
    }

    /** Sets element {@code i} in row-major order. */
    public static void set(DeviceArray a, int i, double value) {
        double[] v = a.backend().toDoubleArray(a);
        v[i] = value;
        a.backend().upload(v, a);
    }

    /** An INT array holding {@code values} (the caller closes it). */
    public static DeviceArray ints(org.pointea.models.backend.Backend be, int... values) {
        DeviceArray a = be.allocate(org.pointea.models.backend.DType.INT, values.length);
        be.upload(values, a);
        return a;
    }
}
