package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.DType;

/** Packing of launch arguments (JavaCPP native memory; no CUDA needed). */
class KernelArgsTest {

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void packsEachParameterAsItsCType() {
        try (KernelArgs args = new KernelArgs()) {
            // scalar2d(int op, const T* x, long long ldx, T s, T* out, long long ldo, long long rows, long long cols)
            args.pack(Kernel.SCALAR_2D, DType.FLOAT, 2, 0x7000L, 128L, 0.5, 0x9000L, 64L, 10L, 32L);
            assertThat(args.count()).isEqualTo(8);
            assertThat(le(args.bytes(0, 4)).getInt()).isEqualTo(2);
            assertThat(le(args.bytes(1, 8)).getLong()).isEqualTo(0x7000L);
            assertThat(le(args.bytes(3, 4)).getFloat()).isEqualTo(0.5f);
            assertThat(le(args.bytes(7, 8)).getLong()).isEqualTo(32L);
            args.pack(Kernel.SCALAR_2D, DType.DOUBLE, 2, 0x7000L, 128L, 0.1, 0x9000L, 64L, 10L, 32L);
            assertThat(le(args.bytes(3, 8)).getDouble()).isEqualTo(0.1);
        }
    }

    @Test
    void packsTheDimsStructByValue() {
        try (KernelArgs args = new KernelArgs()) {
            Dims d = Dims.broadcast(new long[] {4, 3}, new long[] {3, 1}, new long[] {0, 1}, new long[] {3, 1});
            args.pack(Kernel.BINARY_BCAST, DType.FLOAT, 0, 1L, 2L, 3L, d, 12L);
            ByteBuffer b = le(args.bytes(4, Dims.BYTES));
            long[] n = new long[6];
            for (int i = 0; i < 6; i++) {
                n[i] = b.getLong();
            }
            assertThat(n).containsExactly(1, 1, 1, 1, 4, 3);
            b.position(8 * 6 * 2 + 8 * 4);
            assertThat(b.getLong()).isZero();      // y's stride along the broadcast dimension
            assertThat(le(args.bytes(5, 8)).getLong()).isEqualTo(12L);
        }
    }

    @Test
    void wrongCountOrTypeIsRefusedNamingTheKernel() {
        try (KernelArgs args = new KernelArgs()) {
            assertThatThrownBy(() -> args.pack(Kernel.UNARY, DType.FLOAT, 0, 1L, 2L))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNARY takes 4 arguments, got 3");
            assertThatThrownBy(() -> args.pack(Kernel.UNARY, DType.FLOAT, 0L, 1L, 2L, 3L))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 0 is I32, got Long");
            assertThatThrownBy(() -> args.pack(Kernel.PERMUTE, DType.FLOAT, 1L, 2L, "dims", 3L))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 2 is DIMS");
        }
    }

    @Test
    void dimsPadShortShapesInFront() {
        Dims d = Dims.permute(new long[] {2, 3, 4}, new long[] {12, 1, 3}, Dims.contiguousStrides(new long[] {2, 3, 4}));
        assertThat(d.n()).containsExactly(1, 1, 1, 2, 3, 4);
        assertThat(d.s2()).containsExactly(0, 0, 0, 12, 4, 1);
        assertThat(d.count()).isEqualTo(24);
        assertThatThrownBy(() -> Dims.pad(new long[7], 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
