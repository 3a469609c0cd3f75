package org.pointea.models.cuda;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.pointea.models.backend.DType;

/**
 * The argument block of a kernel launch ({@code cuLaunchKernel}'s {@code kernelParams}: an array of
 * pointers, one per parameter, to its value), packed into native memory this object owns and
 * reuses. Values are checked against the kernel's declared parameters ({@link Kernel#params()}):
 * a wrong count or Java type is an {@link IllegalArgumentException} naming the kernel and the
 * parameter, instead of a kernel reading garbage. Needs JavaCPP's own native library only (no CUDA).
 *
 * <p>Java types: {@link ParamType#PTR} and {@link ParamType#I64} take a {@code Long} (a device
 * address, a count), {@link ParamType#I32} an {@code Integer}, {@link ParamType#F64} a
 * {@code Double}, {@link ParamType#ELEM} any {@code Number} (rounded to float in an {@code _f32}
 * entry), {@link ParamType#DIMS} a {@link Dims}. Not thread-safe.
 */
public final class KernelArgs implements AutoCloseable {
    /** The most parameters a kernel may have. */
    public static final int MAX_PARAMS = 16;
    private static final int CAPACITY = MAX_PARAMS * 8 + 2 * Dims.BYTES;

    private final BytePointer block = new BytePointer(CAPACITY);
    private final PointerPointer<Pointer> pointers = new PointerPointer<>(MAX_PARAMS);
    private final BytePointer[] slotViews = new BytePointer[MAX_PARAMS];
    private int count;

    /**
     * Packs {@code values} for {@code kernel}'s entry of element type {@code type}.
     *
     * @return the pointer array to pass as {@code kernelParams} (valid until the next pack)
     * @throws IllegalArgumentException when the values do not match the kernel's parameters
     */
    public PointerPointer<Pointer> pack(Kernel kernel, DType type, Object... values) {
        List<ParamType> params = kernel.params();
        if (values.length != params.size()) {
            throw new IllegalArgumentException(kernel + " takes " + params.size() + " arguments, got " + values.length);
        }
        int elementBytes = type == DType.DOUBLE ? 8 : 4;
        long offset = 0;
        for (int i = 0; i < values.length; i++) {
            ParamType p = params.get(i);
            Object v = values[i];
            offset = (offset + 7) & ~7L;
            switch (p) {
                case PTR, I64 -> block.putLong(offset, asLong(kernel, i, p, v));
                case I32 -> block.putInt(offset, asInt(kernel, i, v));
                case F64 -> block.putDouble(offset, asNumber(kernel, i, p, v).doubleValue());
                case ELEM -> {
                    Number x = asNumber(kernel, i, p, v);
                    if (elementBytes == 4) {
                        block.putFloat(offset, x.floatValue());
                    } else {
                        block.putDouble(offset, x.doubleValue());
                    }
                }
                case DIMS -> {
                    if (!(v instanceof Dims d)) {
                        throw mismatch(kernel, i, p, v);
                    }
                    long o = offset;
                    for (long[] a : new long[][] {d.n(), d.s0(), d.s1(), d.s2()}) {
                        for (long x : a) {
                            block.putLong(o, x);
                            o += 8;
                        }
                    }
                }
                default -> throw new IllegalStateException(p.toString());
            }
            pointers.put(i, slot(i, offset));
            offset += p.bytes(elementBytes);
        }
        count = values.length;
        return pointers;
    }

    /** The number of parameters of the last pack. */
    public int count() {
        return count;
    }

    /** The raw bytes of parameter {@code i} of the last pack (for tests): {@code length} bytes. */
    public byte[] bytes(int i, int length) {
        byte[] out = new byte[length];
        long at = pointers.get(i).address() - block.address();
        block.position(at).get(out);
        block.position(0);
        return out;
    }

    private BytePointer slot(int i, long offset) {
        BytePointer v = slotViews[i];
        if (v == null) {
            v = new BytePointer(block);
            slotViews[i] = v;
        }
        v.position(offset);
        return v;
    }

    private static long asLong(Kernel k, int i, ParamType p, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer n && p == ParamType.I64) {
            return n;
        }
        throw mismatch(k, i, p, v);
    }

    private static int asInt(Kernel k, int i, Object v) {
        if (v instanceof Integer n) {
            return n;
        }
        throw mismatch(k, i, ParamType.I32, v);
    }

    private static Number asNumber(Kernel k, int i, ParamType p, Object v) {
        if (v instanceof Double || v instanceof Float || (p == ParamType.ELEM && v instanceof Number)) {
            return (Number) v;
        }
        throw mismatch(k, i, p, v);
    }

    private static IllegalArgumentException mismatch(Kernel k, int i, ParamType p, Object v) {
        return new IllegalArgumentException(k + " argument " + i + " is " + p + ", got "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }

    @Override
    public void close() {
        pointers.close();
        block.close();
    }
}
