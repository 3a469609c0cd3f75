package org.pointea.models.network;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.nn.ParamStore;

/**
 * A {@link Network} made of a {@link Backbone} and a {@link Head} sharing one parameter store and
 * one buffer registry: what every {@link NetworkConfig#create} returns.
 *
 * <pre>{@code
 * Network net = ComposedNetwork.build(config, backend, DType.FLOAT, seed,
 *     parts -> new PctCloudBackbone(parts, config),
 *     (parts, backbone) -> new ClassificationHead(parts, backbone.channels(), ...));
 * }</pre>
 */
public final class ComposedNetwork implements Network {

    /**
     * What a backbone or head is built into.
     *
     * @param params  the network's parameter store (register parameters here, in order)
     * @param buffers the network's memory
     * @param seed    the network's seed (dropout generators derive theirs from it)
     */
    public record Parts(ParamStore params, BufferRegistry buffers, long seed) {
    }

    private final NetworkConfig config;
    private final Backend backend;
    private final DType dtype;
    private final ParamStore params;
    private final BufferRegistry buffers;
    private final Backbone backbone;
    private final Head head;
    private boolean lastTraining;
    private boolean closed;

    private ComposedNetwork(NetworkConfig config, Backend backend, DType dtype, ParamStore params,
                            BufferRegistry buffers, Backbone backbone, Head head) {
        this.config = config;
        this.backend = backend;
        this.dtype = dtype;
        this.params = params;
        this.buffers = buffers;
        this.backbone = backbone;
        this.head = head;
    }

    /**
     * Builds the backbone, then the head, into a fresh store and registry, and initialises every
     * parameter from {@code seed}.
     */
    public static Network build(NetworkConfig config, Backend backend, DType dtype, long seed,
                                Function<Parts, Backbone> backbone, BiFunction<Parts, Backbone, Head> head) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(backend, "backend");
        ParamStore params = new ParamStore(backend, dtype);
        BufferRegistry buffers = new BufferRegistry(backend);
        try {
            Parts parts = new Parts(params, buffers, seed);
            Backbone b = backbone.apply(parts);
            Head h = head.apply(parts, b);
            if (h.outputs() != config.outputs()) {
                throw new IllegalStateException("the head has " + h.outputs() + " outputs, the configuration "
                        + config.outputs());
            }
            params.initialise(seed);
            return new ComposedNetwork(config, backend, dtype, params, buffers, b, h);
        } catch (RuntimeException | Error e) {
            buffers.close();
            params.close();
            throw e;
        }
    }

    /** The backbone. */
    public Backbone backbone() {
        return backbone;
    }

    /** The head. */
    public Head head() {
        return head;
    }

    @Override
    public NetworkConfig config() {
        return config;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public ParamStore parameters() {
        return params;
    }

    @Override
    public BufferRegistry buffers() {
        return buffers;
    }

    @Override
    public PreparedBatch prepare(CloudBatch batch, int threads) {
        if (batch.points() != config.points()) {
            throw new IllegalArgumentException("the batch has " + batch.points() + " points per cloud, the network "
                    + "takes " + config.points());
        }
        int cats = config.categories();
        if (cats > 0) {
            if (batch.categories() == null) {
                throw new IllegalArgumentException("the network needs an object category per cloud");
            }
            for (int b = 0; b < batch.size(); b++) {
                int c = batch.categories()[b];
                if (c < 0 || c >= cats) {
                    throw new IllegalArgumentException("category " + c + " of cloud " + b + " outside [0, " + cats
                            + ")");
                }
            }
        }
        return backbone.prepare(batch, threads);
    }

    @Override
    public DeviceArray forward(PreparedBatch batch, boolean training) {
        requireOpen();
        lastTraining = training;
        DeviceArray features = backbone.forward(batch, training);
        long t = Profiler.start();
        DeviceArray out = head.forward(features, batch, training);
        Profiler.section((training ? "train." : "infer.") + "fwd.head", t);
        return out;
    }

    @Override
    public void backward(DeviceArray dOutputs) {
        requireOpen();
        if (!lastTraining) {
            throw new IllegalStateException("backward needs a training forward pass");
        }
        long t = Profiler.start();
        DeviceArray dFeatures = head.backward(dOutputs);
        Profiler.section("train.bwd.head", t);
        backbone.backward(dFeatures);
    }

    @Override
    public void reseedDropout(long seed) {
        backbone.reseedDropout(seed);
        head.reseedDropout(seed);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the network is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffers.close();
            params.close();
        }
    }

    @Override
    public String toString() {
        return config.architecture() + "(" + config.summary() + ", " + backend.name() + ", " + dtype.id() + ")";
    }
}
