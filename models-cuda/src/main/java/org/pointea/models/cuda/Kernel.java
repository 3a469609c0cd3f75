package org.pointea.models.cuda;

import static org.pointea.models.cuda.ParamType.F32;
import static org.pointea.models.cuda.ParamType.I32;
import static org.pointea.models.cuda.ParamType.I64;
import static org.pointea.models.cuda.ParamType.PTR;
import static org.pointea.models.cuda.ParamType.U64;

import java.util.List;

/**
 * Every kernel of {@code src/main/cuda}, with the module (source file) it lives in and its
 * parameter list. {@code KernelSignatureTest} checks each entry against the PTX that nvcc wrote
 * at build time, so a kernel whose C signature changes without this list fails the build.
 */
public enum Kernel {
    FILL("elementwise", "fill_f32", PTR, F32, I64),
    AXPBY("elementwise", "axpby_f32", PTR, PTR, F32, F32, I64),
    BINARY("elementwise", "binary_f32", I32, PTR, PTR, PTR, I64),
    SCALAR("elementwise", "scalar_f32", I32, PTR, F32, PTR, I64),
    BROADCAST_ROW("elementwise", "broadcast_row_f32", I32, PTR, I64, PTR, PTR, I64, I64, I64),
    BROADCAST_COL("elementwise", "broadcast_col_f32", I32, PTR, I64, PTR, PTR, I64, I64, I64),
    COPY_2D("elementwise", "copy2d_f32", PTR, I64, PTR, I64, I64, I64),
    ACTIVATION("elementwise", "activation_f32", I32, F32, PTR, PTR, I64),
    ACTIVATION_BACKWARD("elementwise", "activation_backward_f32", I32, F32, PTR, PTR, PTR, I64),
    STEP("elementwise", "step_f32", PTR, PTR, I64),
    RSQRT_EPS("elementwise", "rsqrt_eps_f32", PTR, F32, PTR, I64),
    SQRT_EPS("elementwise", "sqrt_eps_f32", PTR, F32, PTR, I64),
    DROPOUT_MASK("elementwise", "dropout_mask_f32", PTR, F32, U64, U64, I64),

    SOFTMAX_ROWS("rows", "softmax_rows_f32", PTR, PTR, I64, I64),
    LOG_SOFTMAX_ROWS("rows", "log_softmax_rows_f32", PTR, PTR, I64, I64),
    SOFTMAX_ROWS_BACKWARD("rows", "softmax_rows_backward_f32", PTR, PTR, PTR, F32, I64, I64),
    CROSS_ENTROPY("rows", "cross_entropy_f32", PTR, PTR, F32, PTR, PTR, I64, I64),
    L1_NORMALISE_COLUMNS("rows", "l1_normalise_columns_f32", PTR, PTR, PTR, F32, I64, I64),
    L1_NORMALISE_COLUMNS_BACKWARD("rows", "l1_normalise_columns_backward_f32", PTR, PTR, PTR, PTR, I64, I64),

    COLUMN_PARTIAL("reduce", "column_partial_f32", I32, PTR, I64, PTR, I64, PTR, I64, I64, I64, PTR),
    COLUMN_FINISH("reduce", "column_finish_f32", PTR, I64, I64, F32, F32, PTR),

    BN_COEFFICIENTS("batchnorm", "bn_coefficients_f32", PTR, PTR, F32, PTR, PTR, PTR, F32, F32, I32, I64),
    BN_APPLY("batchnorm", "bn_apply_f32", PTR, I64, PTR, PTR, PTR, PTR, I32, F32, PTR, I64, I64, I64),
    BN_PARAM_GRADS("batchnorm", "bn_param_grads_f32", PTR, PTR, PTR, PTR, PTR, PTR, I64),
    BN_BACKWARD("batchnorm", "bn_backward_f32", PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, I64, I64),

    GATHER_ROWS("groups", "gather_rows_f32", PTR, I64, PTR, PTR, I64, I64, I64),
    SCATTER_ADD_CSR("groups", "scatter_add_csr_f32", PTR, I64, PTR, PTR, F32, PTR, I64, I64, I64),
    ADD_TO_GROUPS("groups", "add_to_groups_f32", PTR, PTR, F32, I64, I64, I64),
    GROUP_MAX("groups", "group_max_f32", PTR, I64, I64, I64, PTR, PTR),
    GROUP_MAX_BACKWARD("groups", "group_max_backward_f32", PTR, PTR, I64, I64, I64, PTR),
    GROUP_SUM("groups", "group_sum_f32", PTR, F32, I64, I64, I64, PTR),
    GROUP_BROADCAST("groups", "group_broadcast_f32", PTR, F32, I64, I64, I64, PTR),

    ADAM("optim", "adam_f32", PTR, PTR, PTR, PTR, F32, F32, F32, F32, F32, F32, F32, I64),
    SGD("optim", "sgd_f32", PTR, PTR, PTR, F32, F32, F32, I32, I64);

    /** The kernel source modules, in load order. */
    public static final List<String> MODULES = List.of("elementwise", "rows", "reduce", "batchnorm", "groups",
            "optim");

    private final String module;
    private final String entry;
    private final List<ParamType> params;

    Kernel(String module, String entry, ParamType... params) {
        this.module = module;
        this.entry = entry;
        this.params = List.of(params);
    }

    /** The source module ({@code <module>.cu}). */
    public String module() {
        return module;
    }

    /** The {@code extern "C"} entry name. */
    public String entry() {
        return entry;
    }

    /** The parameter types, in order. */
    public List<ParamType> params() {
        return params;
    }
}
