package org.pointea.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.ArgMax;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Sample;
import org.pointea.io.dataset.Split;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.models.trainer.TrainingData;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.backend.Backends;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.task.classification.ClassScore;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.models.testing.Nets;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.testing.Tiny;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.RandomSampler;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;

class PredictorTest {
    @TempDir
    static Path tmp;

    static Path cls;
    static Path seg;

    @BeforeAll
    static void models() throws Exception {
        cls = TinyModels.classifier(tmp.resolve("cls"));
        seg = TinyModels.segmenter(tmp.resolve("seg"));
    }

    /** The training pipeline by hand: FPS to the network's points, unit sphere, PCT grouping. */
    private static float[] expectedLogits(PointCloud cloud) throws Exception {
        int n = Tiny.classifier().points();
        int[] idx = FarthestPointSampler.sample(cloud.positions(), cloud.size(), n);
        PointCloud sampled = new NormalizeToUnitSphere().apply(cloud.select(idx), null);
        try (Network net = ModelDirectory.open(cls).createNetwork(Backends.cpu())) {
            return Nets.predict(net, net.prepare(CloudBatch.of(1, n, sampled.positions())));
        }
    }

    @Test
    void classifiesAnyCloudSizeAsTheTrainingPipelineWould() throws Exception {
        try (Predictor p = Predictor.load(cls)) {
            assertThat(p.task().id()).isEqualTo("classification");
            assertThat(p.labels()).containsExactly("cone", "cube", "torus");
            assertThat(p.sampling()).isEqualTo(Subsampling.FPS);
            for (int size : new int[] {1000, 64, 10}) {
                PointCloud cloud = TinyModels.cloud(size, size);
                Classification c = p.classify(cloud);
                assertThat(c.logits()).as("%d points", size).containsExactly(expectedLogits(cloud));
                float[] prob = c.probabilities();
                assertThat(prob[0] + prob[1] + prob[2]).isCloseTo(1f, within(1e-6f));
                assertThat(c.name()).isEqualTo(p.labels().get(c.index()));
                assertThat(c.probability()).isEqualTo(prob[c.index()], within(1e-7));
            }
        }
    }

    @Test
    void givesTheNetworkWhatTheTrainingPipelineGaveItForADatasetShape(@TempDir Path data) throws Exception {
        Path dir = Tiny.modelNet(data, 1, 2);
        CachedDataset test = TrainingData.open(dir, Split.TEST, Tiny.classifierSpec(), DatasetProgress.NONE);
        ReadOptions raw = ReadOptions.builder().optAutoOrigin(false).build();
        try (Predictor p = Predictor.load(cls); Network net = ModelDirectory.open(cls).createNetwork(Backends.cpu())) {
            for (int i = 0; i < test.size(); i++) {
                Sample s = test.get(i);
                String folder = s.id().substring(0, s.id().lastIndexOf('_'));
                PointCloud file = TextReader.read(dir.resolve(folder).resolve(s.id() + ".txt"), TextLayout.MODELNET, raw);
                float[] trained = Nets.predict(net, net.prepare(CloudBatch.of(1, 64, s.cloud().positions())));
                assertThat(p.classify(file).logits()).as(s.id()).containsExactly(trained);
            }
        }
    }

    @Test
    void topKListsTheMostProbableClassesFirst() throws Exception {
        try (Predictor p = Predictor.load(cls)) {
            Classification c = p.classify(TinyModels.cloud(300, 5));
            List<ClassScore> top = c.top(5);
            assertThat(top).hasSize(3);
            assertThat(top.get(0).index()).isEqualTo(c.index());
            assertThat(top).extracting(ClassScore::probability).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(top).extracting(ClassScore::name).containsExactlyInAnyOrder("cone", "cube", "torus");
            assertThat(c.top(1)).hasSize(1);
            assertThatThrownBy(() -> c.top(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void packedInputNonFinitePointsAndBatchesGiveTheSameAnswers() throws Exception {
        PointCloud a = TinyModels.cloud(500, 11);
        PointCloud b = TinyModels.cloud(90, 12);
        float[] withNan = new float[a.size() * 3 + 6];
        System.arraycopy(a.positions(), 0, withNan, 0, a.size() * 3);
        withNan[a.size() * 3] = Float.NaN;
        withNan[a.size() * 3 + 4] = Float.POSITIVE_INFINITY;
        try (Predictor p = Predictor.builder(cls).optBatchSize(2).build()) {
            Classification single = p.classify(a);
            assertThat(p.classify(a.positions())).isEqualTo(single);
            assertThat(p.classify(withNan)).isEqualTo(single);
            List<Classification> batch = p.classifyBatch(List.of(a, b, a));
            assertThat(batch).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Classification expected = p.classify(i == 1 ? b : a);
                assertThat(batch.get(i).index()).isEqualTo(expected.index());
                assertThat(batch.get(i).probabilities()).containsExactly(expected.probabilities(), within(1e-5f));
            }
            assertThat(p.predictBatch(List.of(b), null).get(0)).isInstanceOf(Classification.class);
        }
    }

    @Test
    void refusesWhatItCannotAnswer() throws Exception {
        try (Predictor p = Predictor.load(cls)) {
            assertThatThrownBy(() -> p.classify(PointCloud.empty())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> p.classify(new float[] {Float.NaN, 0, 0}))
                    .hasMessageContaining("finite coordinates");
            assertThatThrownBy(() -> p.classify(new float[] {1, 2})).hasMessageContaining("multiple of 3");
            assertThatThrownBy(() -> p.segment(TinyModels.cloud(10, 1), 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("classification model");
            assertThatThrownBy(() -> p.predict(TinyModels.cloud(10, 1), "Mug"))
                    .hasMessageContaining("takes no object category");
        }
        Predictor closed = Predictor.load(cls);
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.classify(TinyModels.cloud(10, 1))).hasMessageContaining("closed");
        assertThatThrownBy(() -> Predictor.load(tmp.resolve("nothing"))).isInstanceOf(ModelFormatException.class);
    }

    /** As {@code pointea predict --run}: a training run's folder names its best model. */
    @Test
    void loadsATrainingRunsBestModel() throws Exception {
        Path run = tmp.resolve("run");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Files.writeString(run.resolve("run.json"), "{}");
        assertThatThrownBy(() -> Predictor.load(run)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("without a best model yet");
        TinyModels.classifier(run.resolve("best"));
        PointCloud cloud = TinyModels.cloud(100, 9);
        try (Predictor fromRun = Predictor.load(run); Predictor fromModel = Predictor.load(cls)) {
            assertThat(fromRun.classify(cloud)).isEqualTo(fromModel.classify(cloud));
        }
        try (PredictorPool pool = PredictorPool.create(run, 1)) {
            assertThat(pool.classify(cloud).index()).isIn(0, 1, 2);
        }
    }

    @Test
    void labelsEveryPointOfAnySizeByItsNearestSampledPoint() throws Exception {
        PointCloud cloud = TinyModels.cloud(700, 21);
        int mug = ShapeNetPart.categoryIndex("Mug");
        int n = Tiny.segmenter().points();
        try (Predictor p = Predictor.load(seg)) {
            assertThat(p.sampling()).isEqualTo(Subsampling.RANDOM);
            PartSegmentation s = p.segment(cloud, "mug");
            assertThat(s.category()).isEqualTo(mug);
            assertThat(s.categoryName()).isEqualTo("Mug");
            assertThat(s.size()).isEqualTo(700);
            // the network saw a seeded uniform sample without repeats, normalised
            int[] sampled = RandomSampler.fixedSize(700, n, RandomStreams.of(0));
            assertThat(s.sampledIndices()).containsExactly(sampled);
            PointCloud net = new NormalizeToUnitSphere().apply(cloud.select(sampled), null);
            float[] logits;
            try (Network direct = ModelDirectory.open(seg).createNetwork(Backends.cpu())) {
                logits = Nets.predict(direct, direct.prepare(CloudBatch.of(1, n, net.positions(), new int[] {mug})));
            }
            int[] sampledLabels = new int[n];
            ArgMax.restricted(logits, 0, n, Tiny.segmenter().parts(), ShapeNetPart.firstPart(mug),
                    ShapeNetPart.partCount(mug), sampledLabels, 0);
            float[] xyz = cloud.positions();
            int[] labels = s.labels();
            for (int i = 0; i < 700; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int j = 0; j < n; j++) {
                    int q = sampled[j];
                    double dx = xyz[3 * i] - xyz[3 * q];
                    double dy = xyz[3 * i + 1] - xyz[3 * q + 1];
                    double dz = xyz[3 * i + 2] - xyz[3 * q + 2];
                    double d = dx * dx + dy * dy + dz * dz;
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                assertThat(labels[i]).as("point %d", i).isEqualTo(sampledLabels[best]);
            }
            assertThat(java.util.Arrays.stream(labels).map(ShapeNetPart::categoryOfPart)).containsOnly(mug);
            assertThat(s.partCounts()).hasSize(ShapeNetPart.partCount(mug));
            assertThat(s.partCounts()[0] + s.partCounts()[1]).isEqualTo(700);
        }
    }

    @Test
    void segmentsSmallCloudsAndMarksNonFinitePoints() throws Exception {
        float[] xyz = TinyModels.cloud(20, 3).positions();
        xyz[3 * 7 + 1] = Float.NaN;
        try (Predictor p = Predictor.load(seg)) {
            PartSegmentation s = p.segment(xyz, ShapeNetPart.categoryIndex("Airplane"));
            assertThat(s.size()).isEqualTo(20);
            assertThat(s.label(7)).isEqualTo(PartSegmentation.NO_LABEL);
            assertThat(s.sampledIndices()).doesNotContain(7).hasSize(64);
            for (int i = 0; i < 20; i++) {
                if (i != 7) {
                    assertThat(s.label(i)).isBetween(0, 3);
                }
            }
            List<PartSegmentation> batch = p.segmentBatch(List.of(PointCloud.of(xyz), TinyModels.cloud(50, 4)),
                    new int[] {0, 4});
            assertThat(batch.get(0).labels()).containsExactly(s.labels());
            assertThat(batch.get(1).categoryName()).isEqualTo("Chair");
            assertThat(p.predict(PointCloud.of(xyz), "02691156")).isEqualTo(s);
            assertThatThrownBy(() -> p.predict(PointCloud.of(xyz), null)).hasMessageContaining("Airplane, Bag");
            assertThatThrownBy(() -> p.segment(PointCloud.of(xyz), "Spaceship"))
                    .hasMessageContaining("unknown category 'Spaceship'");
            assertThatThrownBy(() -> p.classify(PointCloud.of(xyz))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void fpsSamplingCanBeChosenForASegmenter() throws Exception {
        PointCloud cloud = TinyModels.cloud(400, 8);
        try (Predictor p = Predictor.builder(seg).optSampling(Subsampling.FPS).optThreads(0).build()) {
            PartSegmentation s = p.segment(cloud, 4);
            assertThat(s.sampledIndices()).containsExactly(FarthestPointSampler.sample(cloud.positions(), 400, 64));
            assertThat(p.toString()).contains("fps to 64");
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> Predictor.builder(cls).optTopK(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Predictor.builder(cls).optBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Predictor.builder(cls).optThreads(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
