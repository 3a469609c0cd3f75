package org.pointea.models.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activation, gradient and temporary memory of one network, owned in one place and released
 * once ({@link #close()}), as a {@link org.pointea.models.nn.ParamStore} owns its parameters.
 * Layers register named {@link Buffer}s when they are built and take shared temporaries
 * ({@link #scratch}) while they run; nothing is allocated per step once the shapes are known.
 *
 * <pre>{@code
 * BufferRegistry buffers = new BufferRegistry(backend);
 * Buffer y = buffers.buffer("conv1.out");                    // in a layer's constructor
 * DeviceArray out = y.get(DType.FLOAT, rows, channels);      // in forward: reused between steps
 * DeviceArray tmp = buffers.scratch(0, DType.FLOAT, rows, channels);   // valid inside one call
 * buffers.close();                                           // with the network
 * }</pre>
 * Not thread-safe (one network, one thread).
 */
public final class BufferRegistry implements AutoCloseable {
    private final Backend backend;
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, DeviceArray> scratch = new HashMap<>();
    private final List<DeviceRandom> randoms = new ArrayList<>();
    private boolean closed;

    /** An empty registry allocating from {@code backend}. */
    public BufferRegistry(Backend backend) {
        this.backend = backend;
    }

    /** The backend the buffers live on. */
    public Backend backend() {
        return backend;
    }

    /**
     * Registers a reusable slot under a unique name.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public Buffer buffer(String name) {
        if (closed) {
            throw new IllegalStateException("the buffer registry is closed");
        }
        if (buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate buffer name: " + name);
        }
        Buffer b = new Buffer(name, backend);
        buffers.put(name, b);
        return b;
    }

    /**
     * A temporary of this shape in {@code slot} (contents undefined), shared by every layer of the
     * network: temporaries of the same slot, type and length are the same memory. Valid until the
     * next request for the same slot; layers use it strictly inside one forward or backward call.
     */
    public DeviceArray scratch(int slot, DType type, long... shape) {
        long len = 1;
        for (long s : shape) {
            len *= s;
        }
        String key = slot + ":" + type + ":" + len;
        DeviceArray a = scratch.get(key);
        if (a == null) {
            a = backend.allocate(type, len);
            scratch.put(key, a);
        }
        return a.reshape(shape);
    }

    /** A random generator seeded with {@code seed}, released with the registry (dropout masks). */
    public DeviceRandom random(long seed) {
        if (closed) {
            throw new IllegalStateException("the buffer registry is closed");
        }
        DeviceRandom r = backend.random(seed);
        randoms.add(r);
        return r;
    }

    /** Bytes held by buffers and temporaries. */
    public long bytes() {
        long b = 0;
        for (Buffer buf : buffers.values()) {
            b += buf.bytes();
        }
        for (DeviceArray a : scratch.values()) {
            b += a.length() * a.dtype().width();
        }
        return b;
    }

    /** Bytes held by the shared temporaries only. */
    public long scratchBytes() {
        long b = 0;
        for (DeviceArray a : scratch.values()) {
            b += a.length() * a.dtype().width();
        }
        return b;
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(buffers.keySet()));
    }

    /** Names of the buffers never asked for an array (a layer that declares memory it does not use). */
    public List<String> unused() {
        List<String> out = new ArrayList<>();
        buffers.forEach((n, b) -> {
            if (!b.used()) {
                out.add(n);
            }
        });
        return out;
    }

    /** Releases every buffer and temporary; idempotent. */
    @Override
    public void close() {
        buffers.values().forEach(Buffer::release);
        scratch.values().forEach(DeviceArray::close);
        scratch.clear();
        randoms.forEach(DeviceRandom::close);
        randoms.clear();
        closed = true;
    }
}
