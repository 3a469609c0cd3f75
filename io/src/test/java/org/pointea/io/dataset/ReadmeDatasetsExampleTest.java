package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.Shuffle;

/** The README's datasets snippet, run on the demo synthetic datasets. */
class ReadmeDatasetsExampleTest {
  @TempDir Path tmp;

  @Test
  void theReadmeSnippetWorks() throws Exception {
    Path data = tmp.resolve("data");
    SyntheticModelNet.builder().optTrainPerClass(4).optTestPerClass(1).optPoints(1100).build()
        .write(data.resolve("modelnet40_normal_resampled"),
            DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    Path dir = tmp.resolve("sn");
    SyntheticShapeNetPart.builder().optShapesPerCategory(2, 1, 1).build()
        .write(dir, DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
    long seed = 1;
    int epoch = 2;
    int i = 3;

    ModelNetDataset train = ModelNetDataset.builder()
        .setRoot(data)
        .optSplit(Split.TRAIN).optPoints(1024).optSampling(Subsampling.FPS)
        .optTransform(Compose.of(RandomScale.pct(), new Shuffle()))
        .build();
    StringBuilder log = new StringBuilder();
    train.prepare((stage, done, total) -> log.append(stage).append(' ').append(done).append('/')
        .append(total).append('\n'));
    Sample s = train.get(i, RandomStreams.of(seed, epoch, i));
    assertThat(s.cloud().size()).isEqualTo(1024);
    assertThat(train.classNames().get(s.label())).isEqualTo(s.id().replaceAll("_\\d+$", ""));
    assertThat(log).contains("reading and sampling train shapes 36/36");

    ShapeNetPartDataset seg = ShapeNetPartDataset.builder().setRoot(dir)
        .optSplit(Split.TRAINVAL).build();
    seg.prepare();
    assertThat(seg.size()).isEqualTo(18);
    assertThat(seg.get(0).cloud().labels()).containsOnly(0, 1, 2, 3);

    assertThat(DatasetDescriber.describe(dir).toText()).contains("val       6 shapes");
  }
}
