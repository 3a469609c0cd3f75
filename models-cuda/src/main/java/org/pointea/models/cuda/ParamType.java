package org.pointea.models.cuda;

/**
 * The type of one kernel parameter, as the kernel's C signature declares it and as its PTX entry
 * lists it.
 */
public enum ParamType {
    /** A device pointer ({@code T*}, {@code const int*}): {@code .u64}. */
    PTR(8, ".u64"),
    /** {@code int}: {@code .u32}. */
    I32(4, ".u32"),
    /** {@code long long} or {@code unsigned long long}: {@code .u64}. */
    I64(8, ".u64"),
    /** {@code double}: {@code .f64}. */
    F64(8, ".f64"),
    /** The kernel's element type T: {@code .f32} in the {@code _f32} entry, {@code .f64} in the {@code _f64} one. */
    ELEM(0, null),
    /** The {@code Dims} struct of {@code common.cuh}, by value: {@code .align 8 .b8 [192]}. */
    DIMS(Dims.BYTES, ".align 8 .b8");

    private final int bytes;
    private final String ptx;

    ParamType(int bytes, String ptx) {
        this.bytes = bytes;
        this.ptx = ptx;
    }

    /** Size in bytes in an entry of element width {@code elementBytes} (4 or 8). */
    public int bytes(int elementBytes) {
        return this == ELEM ? elementBytes : bytes;
    }

    /**
     * How the PTX entry declares it ({@code .u64}, {@code .f32}, {@code .align 8 .b8 ...[192]}), for
     * an entry of element width {@code elementBytes}.
     */
    public String ptxDeclaration(int elementBytes) {
        if (this == ELEM) {
            return elementBytes == 4 ? ".f32" : ".f64";
        }
        return ptx;
    }
}
