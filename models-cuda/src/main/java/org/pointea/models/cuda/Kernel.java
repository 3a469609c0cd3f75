package org.pointea.models.cuda;

import static org.pointea.models.cuda.ParamType.DIMS;
import static org.pointea.models.cuda.ParamType.ELEM;
import static org.pointea.models.cuda.ParamType.F64;
import static org.pointea.models.cuda.ParamType.I32;
import static org.pointea.models.cuda.ParamType.I64;
import static org.pointea.models.cuda.ParamType.PTR;

import java.util.List;
import org.pointea.models.backend.DType;

/**
 * Every kernel of {@code src/main/cuda}: its module (source file), its name and its parameters.
 * A typed kernel exists twice, as {@code name_f32} and {@code name_f64}; an untyped one (the
 * scatter index's integer kernels) once. {@code KernelSignatureTest} checks every entry against
 * the PTX nvcc wrote at build time, so a C signature that changes without this list fails the
 * build.
 */
public enum Kernel {
    FILL_2D("elementwise", "fill2d", true, PTR, I64, I64, I64, ELEM),
    AXPY("elementwise", "axpy", true, ELEM, PTR, PTR, I64),
    BINARY("elementwise", "binary", true, I32, PTR, PTR, PTR, I64),
    BINARY_BCAST("elementwise", "binary_bcast", true, I32, PTR, PTR, PTR, DIMS, I64),
    SCALAR_2D("elementwise", "scalar2d", true, I32, PTR, I64, ELEM, PTR, I64, I64, I64),
    UNARY("elementwise", "unary", true, I32, PTR, PTR, I64),
    PERMUTE("elementwise", "permute", true, PTR, PTR, DIMS, I64),
    BERNOULLI("elementwise", "bernoulli", true, PTR, F64, I64, I64, I64),

    SOFTMAX_ROWS("rows", "softmax_rows", true, PTR, PTR, I64, I64),
    LOG_SOFTMAX_ROWS("rows", "log_softmax_rows", true, PTR, PTR, I64, I64),
    ROW_SUMS("rows", "row_sums", true, PTR, I64, PTR, I64, I64),

    COLUMN_PARTIAL("reduce", "column_partial", true, PTR, I64, I64, I64, I64, PTR),
    COLUMN_FINISH("reduce", "column_finish", true, PTR, I64, I64, PTR),
    SUM_AXES("reduce", "sum_axes", true, PTR, PTR, DIMS, I64),
    BLOCK_SUMS("reduce", "block_sums", true, PTR, I64, I64, PTR),

    BATCHNORM("groups", "batchnorm", true, PTR, PTR, PTR, PTR, PTR, ELEM, PTR, I64, I64),
    GROUP_MAX("groups", "group_max", true, PTR, I64, I64, I64, PTR),
    GROUP_MAX_BACKWARD("groups", "group_max_backward", true, PTR, PTR, I64, I64, I64, PTR),
    GROUP_MEAN("groups", "group_mean", true, PTR, I64, I64, I64, PTR),
    ADD_TO_GROUPS("groups", "add_to_groups", true, PTR, PTR, I64, I64, I64),
    GATHER_ROWS("groups", "gather_rows", true, PTR, PTR, PTR, I64, I64),
    SCATTER_COUNT("groups", "scatter_count", false, PTR, I64, PTR),
    EXCLUSIVE_SCAN("groups", "exclusive_scan", false, PTR, I64, PTR, PTR),
    SCATTER_PLACE("groups", "scatter_place", false, PTR, I64, PTR, PTR),
    SEGMENT_SORT("groups", "segment_sort", false, PTR, PTR, I64),
    SCATTER_ADD_CSR("groups", "scatter_add_csr", true, PTR, PTR, PTR, PTR, I64, I64);

    /** The kernel source modules ({@code <module>.cu}), in load order. */
    public static final List<String> MODULES = List.of("elementwise", "rows", "reduce", "groups");

    private final String module;
    private final String name;
    private final boolean typed;
    private final List<ParamType> params;

    Kernel(String module, String name, boolean typed, ParamType... params) {
        this.module = module;
        this.name = name;
        this.typed = typed;
        this.params = List.of(params);
    }

    /** The source module. */
    public String module() {
        return module;
    }

    /** True when the kernel exists for FLOAT and DOUBLE ({@code _f32}, {@code _f64}). */
    public boolean typed() {
        return typed;
    }

    /**
     * The PTX entry for elements of {@code type} ({@code FLOAT} or {@code DOUBLE}; ignored for an
     * untyped kernel).
     */
    public String entry(DType type) {
        if (!typed) {
            return name;
        }
        return switch (type) {
            case FLOAT -> name + "_f32";
            case DOUBLE -> name + "_f64";
            case INT -> throw new IllegalArgumentException(name + " has no INT form");
        };
    }

    /** The parameter types, in order. */
    public List<ParamType> params() {
        return params;
    }
}
