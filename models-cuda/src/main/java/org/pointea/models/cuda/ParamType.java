package org.pointea.models.cuda;

/**
 * The type of one kernel parameter, as the kernel's C signature declares it and as its PTX entry
 * lists it ({@code .param .u64}, {@code .param .u32}, {@code .param .f32}).
 */
public enum ParamType {
    /** A device pointer ({@code float*}, {@code const int*}): 8 bytes. */
    PTR(8, "u64"),
    /** {@code int}: 4 bytes. */
    I32(4, "u32"),
    /** {@code long long}: 8 bytes. */
    I64(8, "u64"),
    /** {@code unsigned long long}: 8 bytes. */
    U64(8, "u64"),
    /** {@code float}: 4 bytes. */
    F32(4, "f32");

    private final int bytes;
    private final String ptx;

    ParamType(int bytes, String ptx) {
        this.bytes = bytes;
        this.ptx = ptx;
    }

    /** Size in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The PTX parameter type ({@code u64}, {@code u32}, {@code f32}). */
    public String ptxType() {
        return ptx;
    }
}
