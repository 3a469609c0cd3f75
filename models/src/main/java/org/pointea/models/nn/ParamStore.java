package org.pointea.models.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/**
 * The parameters and non-trainable state (batch-norm running statistics) of one network, by name,
 * in registration order, on one {@link Backend}. Layers register into it when constructed;
 * optimizers, persistence, gradient synchronisation and the parity tests read it.
 *
 * <pre>{@code
 * ParamStore ps = new ParamStore(Backends.cpu(), DType.FLOAT);
 * Param w = ps.add("conv1.weight", Param.fanIn(3), 64, 3);
 * ps.initialise(42);                        // PyTorch's default init, from a seed
 * float[] g = new float[(int) ps.count()];
 * ps.gradientsToHost(g);                    // every gradient, concatenated in registration order
 * }</pre>
 */
public final class ParamStore implements AutoCloseable {
    private final Backend backend;
    private final DType dtype;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, DeviceArray> states = new LinkedHashMap<>();
    private final Map<String, Double> stateInit = new LinkedHashMap<>();
    private volatile BatchNormSync batchNormSync;

    /** An empty store whose tensors will live on {@code backend} with type {@code dtype} (FLOAT, or DOUBLE for checks). */
    public ParamStore(Backend backend, DType dtype) {
        if (dtype != DType.FLOAT && dtype != DType.DOUBLE) {
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
        }
        this.backend = backend;
        this.dtype = dtype;
    }

    /** The backend the tensors live on. */
    public Backend backend() {
        return backend;
    }

    /** The floating-point type of every tensor. */
    public DType dtype() {
        return dtype;
    }

    /**
     * Makes every batch-norm layer of this network share its training statistics through
     * {@code sync} (data-parallel training with synchronised batch norm); null, the default, keeps
     * each process's statistics to itself.
     *
     * @param sync the transport between the workers, or null
     */
    public void setBatchNormSync(BatchNormSync sync) {
        this.batchNormSync = sync;
    }

    /** The batch-norm statistics transport, or null when statistics are local (the default). */
    public BatchNormSync batchNormSync() {
        return batchNormSync;
    }

    /** Registers a parameter (and its gradient), zero-filled until {@link #initialise}; names must be unique. */
    public Param add(String name, Param.Init init, long... shape) {
        if (params.containsKey(name) || states.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name: " + name);
        }
        Param p = new Param(name, backend.zeros(dtype, shape), backend.zeros(dtype, shape), init);
        params.put(name, p);
        return p;
    }

    /** Registers a state tensor (not trained, but saved), filled with {@code fill}. */
    public DeviceArray state(String name, double fill, long... shape) {
        if (states.containsKey(name) || params.containsKey(name)) {
            throw new IllegalArgumentException("duplicate state name: " + name);
        }
        DeviceArray s = backend.allocate(dtype, shape);
        backend.fill(s, fill);
        states.put(name, s);
        stateInit.put(name, fill);
        return s;
    }

    /**
     * Fills every parameter from its {@link Param.Init} with a generator seeded by {@code seed}
     * (drawn in double precision in registration order, then rounded to the store's type), and
     * resets the state tensors.
     */
    public void initialise(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Param p : params.values()) {
            if (p.init() instanceof Param.Constant c) {
                backend.fill(p.value(), c.value());
            } else if (p.init() instanceof Param.Uniform u) {
                double[] v = new double[(int) p.length()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (rnd.nextDouble() * 2 - 1) * u.bound();
                }
                backend.upload(v, p.value());
            }
        }
        for (Map.Entry<String, DeviceArray> s : states.entrySet()) {
            backend.fill(s.getValue(), stateInit.get(s.getKey()));
        }
    }

    /** Parameters in registration order. */
    public List<Param> params() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** A parameter by name. */
    public Param param(String name) {
        Param p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return p;
    }

    /** State tensors (running statistics) by name, in registration order. */
    public Map<String, DeviceArray> states() {
        return Collections.unmodifiableMap(states);
    }

    /** Total number of trainable scalars (what PyTorch's {@code sum(p.numel())} reports). */
    public long count() {
        long n = 0;
        for (Param p : params.values()) {
            n += p.length();
        }
        return n;
    }

    /** Total number of state scalars. */
    public long stateCount() {
        long n = 0;
        for (DeviceArray s : states.values()) {
            n += s.length();
        }
        return n;
    }

    /** Copies every gradient into {@code out} (length {@link #count()}), concatenated in registration order. */
    public void gradientsToHost(float[] out) {
        toHost(gradients(), out, count());
    }

    /** Replaces every gradient from {@code in} (the layout of {@link #gradientsToHost}). */
    public void gradientsFromHost(float[] in) {
        fromHost(gradients(), in, count());
    }

    /** Copies every parameter value into {@code out} (length {@link #count()}), in registration order. */
    public void valuesToHost(float[] out) {
        toHost(values(), out, count());
    }

    /** Replaces every parameter value from {@code in}. */
    public void valuesFromHost(float[] in) {
        fromHost(values(), in, count());
    }

    /** Copies every state tensor into {@code out} (length {@link #stateCount()}), in registration order. */
    public void statesToHost(float[] out) {
        toHost(new ArrayList<>(states.values()), out, stateCount());
    }

    /** Replaces every state tensor from {@code in}. */
    public void statesFromHost(float[] in) {
        fromHost(new ArrayList<>(states.values()), in, stateCount());
    }

    private List<DeviceArray> gradients() {
        List<DeviceArray> out = new ArrayList<>();
        params.values().forEach(p -> out.add(p.grad()));
        return out;
    }

    private List<DeviceArray> values() {
        List<DeviceArray> out = new ArrayList<>();
        params.values().forEach(p -> out.add(p.value()));
        return out;
    }

    private void toHost(List<DeviceArray> arrays, float[] out, long total) {
        if (out.length != total) {
            throw new IllegalArgumentException("need " + total + " floats, got " + out.length);
        }
        int at = 0;
        for (DeviceArray a : arrays) {
            float[] v = backend.toFloatArray(a);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
    }

    private void fromHost(List<DeviceArray> arrays, float[] in, long total) {
        if (in.length != total) {
            throw new IllegalArgumentException("need " + total + " floats, got " + in.length);
        }
        int at = 0;
        for (DeviceArray a : arrays) {
            int n = (int) a.length();
            float[] v = new float[n];
            System.arraycopy(in, at, v, 0, n);
            backend.upload(v, a);
            at += n;
        }
    }

    @Override
    public void close() {
        for (Param p : params.values()) {
            p.value().close();
            p.grad().close();
        }
        for (DeviceArray s : states.values()) {
            s.close();
        }
        params.clear();
        states.clear();
    }
}
