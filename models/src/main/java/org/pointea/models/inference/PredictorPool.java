package org.pointea.models.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.pointcloud.PointCloud;

/**
 * A fixed set of {@link Predictor}s of one model shared by any number of threads: each call borrows
 * a predictor, waiting while all are busy, and gives it back when done. The model directory is read
 * and verified once; each predictor holds its own copy of the network (its memory is
 * {@code size} times one predictor's).
 *
 * <pre>{@code
 * try (PredictorPool pool = PredictorPool.create(Path.of("runs/cls1/best"), 4)) {
 *     clouds.parallelStream().map(c -> pool.classify(c)).forEach(...);   // from any thread
 *     PartSegmentation s = pool.apply(p -> p.segment(scan, "Chair"));      // any Predictor call
 * }
 * }</pre>
 *
 * Thread-safe. The answers are those of a single predictor called sequentially. On the CPU the
 * network's operations already use every core (ND4J's OpenMP threads), so more predictors than
 * cores mainly help to overlap the Java-side preprocessing with the network.
 */
public final class PredictorPool implements AutoCloseable {
    private final BlockingQueue<Predictor> idle;
    private final List<Predictor> all;
    private volatile boolean closed;

    private PredictorPool(List<Predictor> predictors) {
        this.all = List.copyOf(predictors);
        this.idle = new ArrayBlockingQueue<>(predictors.size(), false, predictors);
    }

    /**
     * A pool of {@code size} predictors of the model in {@code dir}, default settings.
     *
     * @param dir  a model directory
     * @param size number of predictors, at least 1
     * @return the pool; the caller closes it
     * @throws IOException when the model cannot be read
     */
    public static PredictorPool create(Path dir, int size) throws IOException {
        return create(dir, size, UnaryOperator.identity());
    }

    /**
     * A pool of {@code size} predictors configured alike.
     *
     * @param dir       a model directory
     * @param size      number of predictors, at least 1
     * @param configure sets options on each predictor's builder (e.g. {@code b -> b.optBatchSize(16)})
     * @return the pool; the caller closes it
     * @throws IOException when the model cannot be read
     */
    public static PredictorPool create(Path dir, int size, UnaryOperator<Predictor.Builder> configure)
            throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1, got " + size);
        }
        Objects.requireNonNull(configure, "configure");
        ModelDirectory model = ModelDirectory.open(ModelDirectory.resolve(dir));
        List<Predictor> ps = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                ps.add(configure.apply(Predictor.builder(model)).build());
            }
        } catch (IOException | RuntimeException e) {
            ps.forEach(Predictor::close);
            throw e;
        }
        return new PredictorPool(ps);
    }

    /** Number of predictors. */
    public int size() {
        return all.size();
    }

    /**
     * Runs {@code task} with a borrowed predictor (waiting for one to be free) and gives it back.
     * The predictor must not escape {@code task}.
     *
     * @param task what to do with the predictor
     * @param <T>  the result type
     * @return the task's result
     * @throws IllegalStateException when the pool is closed, or the waiting thread is interrupted
     *                               (its interrupt flag is then set again)
     */
    public <T> T apply(Function<Predictor, T> task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("the predictor pool is closed");
        }
        Predictor p;
        try {
            // poll, so that threads still waiting when the pool closes are released
            while ((p = idle.poll(50, TimeUnit.MILLISECONDS)) == null) {
                if (closed) {
                    throw new IllegalStateException("the predictor pool is closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free predictor", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("the predictor pool is closed");
            }
            return task.apply(p);
        } finally {
            idle.add(p);
        }
    }

    /** {@link Predictor#classify(PointCloud)} on a borrowed predictor. */
    public Classification classify(PointCloud cloud) {
        return apply(p -> p.classify(cloud));
    }

    /** {@link Predictor#segment(PointCloud, String)} on a borrowed predictor. */
    public PartSegmentation segment(PointCloud cloud, String category) {
        return apply(p -> p.segment(cloud, category));
    }

    /** {@link Predictor#predict(PointCloud, String)} on a borrowed predictor. */
    public Prediction predict(PointCloud cloud, String category) {
        return apply(p -> p.predict(cloud, category));
    }

    /** {@link Predictor#predictBatch(List, List)} on a borrowed predictor. */
    public List<Prediction> predictBatch(List<PointCloud> clouds, List<String> categories) {
        return apply(p -> p.predictBatch(clouds, categories));
    }

    /**
     * Waits for every predictor to be given back, then releases them; idempotent. Calls made after
     * (or waiting during) the close fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        for (int returned = 0; returned < all.size(); ) {
            try {
                idle.take().close();
                returned++;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PredictorPool(" + all.size() + " x " + (all.isEmpty() ? "?" : all.get(0)) + ")";
    }
}
