package org.pointea.models.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters and non-trainable state (batch-norm running statistics) of one network, by name,
 * in registration order. Layers register into it when constructed; optimizers, persistence and the
 * parity tests read it.
 */
public final class ParamStore implements AutoCloseable {
    private final DataType dtype;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, INDArray> states = new LinkedHashMap<>();
    private final Map<String, Double> stateInit = new LinkedHashMap<>();

    /** An empty store whose tensors will have the given type (FLOAT, or DOUBLE for gradient checks). */
    public ParamStore(DataType dtype) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
        }
        this.dtype = dtype;
        org.pointea.models.engine.Engine.configureBackend();
    }

    /** The floating-point type of every tensor. */
    public DataType dtype() {
        return dtype;
    }

    /** Registers a parameter; names must be unique. */
    public Param add(String name, Param.Init init, long... shape) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name: " + name);
        }
        Param p = new Param(name, Nd4j.zeros(dtype, shape), Nd4j.zeros(dtype, shape), init);
        params.put(name, p);
        return p;
    }

    /** Registers a state tensor (not trained, but saved), filled with {@code fill}. */
    public INDArray state(String name, double fill, long... shape) {
        if (states.containsKey(name)) {
            throw new IllegalArgumentException("duplicate state name: " + name);
        }
        INDArray s = Nd4j.valueArrayOf(shape, fill, dtype);
        states.put(name, s);
        stateInit.put(name, fill);
        return s;
    }

    /** Fills every parameter from its {@link Param.Init} with a generator seeded by {@code seed}, and resets state. */
    public void initialise(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Param p : params.values()) {
            if (p.init() instanceof Param.Constant c) {
                p.value().assign(c.value());
            } else if (p.init() instanceof Param.Uniform u) {
                double[] v = new double[(int) p.length()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (rnd.nextDouble() * 2 - 1) * u.bound();
                }
                p.value().assign(Nd4j.createFromArray(v).castTo(dtype).reshape(p.value().shape()));
            }
        }
        for (Map.Entry<String, INDArray> s : states.entrySet()) {
            s.getValue().assign(stateInit.get(s.getKey()));
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
    public Map<String, INDArray> states() {
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

    @Override
    public void close() {
        for (Param p : params.values()) {
            p.value().close();
            p.grad().close();
        }
        for (INDArray s : states.values()) {
            s.close();
        }
        params.clear();
        states.clear();
    }
}
