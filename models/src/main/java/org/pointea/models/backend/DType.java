package org.pointea.models.backend;

import java.util.Locale;

/** The element types of a {@link DeviceArray}: two floating-point types and 32-bit indices. */
public enum DType {
    /** IEEE 754 binary32: every network's default. */
    FLOAT(4),
    /** IEEE 754 binary64: gradient checks and precision-independent parity tests. */
    DOUBLE(8),
    /** Signed 32-bit integers: gather and scatter indices only. */
    INT(4);

    private final int width;

    DType(int width) {
        this.width = width;
    }

    /** Bytes per element. */
    public int width() {
        return width;
    }

    /** True for {@link #FLOAT} and {@link #DOUBLE}. */
    public boolean isFloatingPoint() {
        return this != INT;
    }

    /** The lower-case name ({@code float}, {@code double}, {@code int}), as model directories record it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
