package org.pointea.models.inference;

import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.Classification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.pointcloud.PointCloud;

/**
 * Concurrent predictions from 8 threads (through a pool, and with one predictor per thread) give
 * exactly the answers of sequential calls on one predictor.
 */
class PredictorPoolTest {
    private static final int THREADS = 8;
    private static final int CLOUDS = 24;

    @TempDir
    static Path tmp;

    static Path cls;
    static Path seg;
    static List<PointCloud> clouds = new ArrayList<>();

    @BeforeAll
    static void models() throws Exception {
        cls = TinyModels.classifier(tmp.resolve("cls"));
        seg = TinyModels.segmenter(tmp.resolve("seg"));
        for (int i = 0; i < CLOUDS; i++) {
            clouds.add(TinyModels.cloud(100 + 37 * i, 100 + i));
        }
    }

    private static String category(int i) {
        return i % 2 == 0 ? "Mug" : "Laptop";
    }

    /** Runs {@code work(t, i)} for every cloud i, the clouds split over 8 threads released at once. */
    private static <T> List<T> concurrently(Work<T> work) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<T>> job = () -> {
                    start.await();
                    List<T> out = new ArrayList<>();
                    for (int i = thread; i < CLOUDS; i += THREADS) {
                        out.add(work.run(thread, i));
                    }
                    return out;
                };
                futures.add(ex.submit(job));
            }
            start.countDown();
            List<T> results = new ArrayList<>(java.util.Collections.nCopies(CLOUDS, null));
            for (int t = 0; t < THREADS; t++) {
                List<T> part = futures.get(t).get(2, TimeUnit.MINUTES);
                for (int k = 0; k < part.size(); k++) {
                    results.set(t + k * THREADS, part.get(k));
                }
            }
            return results;
        } finally {
            ex.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(int thread, int cloud) throws Exception;
    }

    @Test
    void eightThreadsThroughAPoolGiveTheSequentialAnswers() throws Exception {
        List<Prediction> sequentialCls = new ArrayList<>();
        List<Prediction> sequentialSeg = new ArrayList<>();
        try (Predictor c = Predictor.load(cls); Predictor s = Predictor.load(seg)) {
            for (int i = 0; i < CLOUDS; i++) {
                sequentialCls.add(c.classify(clouds.get(i)));
                sequentialSeg.add(s.segment(clouds.get(i), category(i)));
            }
        }
        try (PredictorPool c = PredictorPool.create(cls, 3); PredictorPool s = PredictorPool.create(seg, 3)) {
            assertThat(c.size()).isEqualTo(3);
            List<Prediction> both = concurrently((t, i) -> i % 2 == 0 ? c.predict(clouds.get(i), null)
                    : s.predict(clouds.get(i), category(i)));
            for (int i = 0; i < CLOUDS; i++) {
                assertThat(both.get(i)).as("cloud %d", i)
                        .isEqualTo(i % 2 == 0 ? sequentialCls.get(i) : sequentialSeg.get(i));
            }
            List<Classification> again = concurrently((t, i) -> c.classify(clouds.get(i)));
            assertThat(again).isEqualTo(sequentialCls);
        }
    }

    @Test
    void onePredictorPerThreadGivesTheSequentialAnswers() throws Exception {
        List<Classification> sequential = new ArrayList<>();
        try (Predictor c = Predictor.load(cls)) {
            for (PointCloud cloud : clouds) {
                sequential.add(c.classify(cloud));
            }
        }
        List<Predictor> own = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                own.add(Predictor.load(cls));
            }
            assertThat(concurrently((t, i) -> own.get(t).classify(clouds.get(i)))).isEqualTo(sequential);
        } finally {
            own.forEach(Predictor::close);
        }
    }

    @Test
    void oneSharedPredictorRefusesConcurrentCallsInsteadOfMixingThem() throws Exception {
        PointCloud big = TinyModels.cloud(20_000, 1);
        Classification expected;
        try (Predictor p = Predictor.load(cls)) {
            expected = p.classify(big);
        }
        try (Predictor shared = Predictor.load(cls)) {
            List<Classification> outcomes = concurrently((t, i) -> {
                try {
                    return shared.classify(big);
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessageContaining("not thread-safe");
                    return null;
                }
            });
            // every call that ran gave the right answer; the others were refused, none was mixed
            assertThat(outcomes).filteredOn(java.util.Objects::nonNull).isNotEmpty().containsOnly(expected);
            assertThat(shared.classify(big)).isEqualTo(expected);
        }
    }

    @Test
    void aClosedPoolRefusesCalls() throws Exception {
        PredictorPool pool = PredictorPool.create(cls, 2, b -> b.optTopK(3));
        assertThat(pool.apply(Predictor::topK)).isEqualTo(3);
        pool.close();
        pool.close();
        assertThatThrownBy(() -> pool.classify(clouds.get(0))).hasMessageContaining("closed");
        assertThatThrownBy(() -> PredictorPool.create(cls, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
