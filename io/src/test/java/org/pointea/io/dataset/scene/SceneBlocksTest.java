package org.pointea.io.dataset.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.ColumnCrop;

class SceneBlocksTest {

    @Test
    void blocksFollowTheScenesPointsAndCropsAreSeeded() {
        SyntheticIndoorScenes g = SyntheticIndoorScenes.builder().optAreas(1).optRoomsPerArea(3).optDensity(80)
                .optSeed(2).build();
        List<PointCloud> rooms = List.of(g.room(1, 0), g.room(1, 1), g.room(1, 2));
        SceneBlocks b = SceneBlocks.of(rooms, List.of("a", "b", "c"), SceneClasses.S3DIS, Split.TRAIN, 300,
                new ColumnCrop(1f, 256), 5);
        assertThat(b.task()).isEqualTo(Task.SEMANTIC_SEGMENTATION);
        assertThat(b.size()).isEqualTo(300);
        assertThat(b.pointsPerShape()).isEqualTo(256);
        long total = rooms.stream().mapToLong(PointCloud::size).sum();
        int[] perScene = new int[3];
        for (int i = 0; i < 300; i++) {
            perScene[b.label(i)]++;
        }
        for (int s = 0; s < 3; s++) {
            assertThat(perScene[s]).isCloseTo((int) Math.round(300.0 * rooms.get(s).size() / total),
                    org.assertj.core.data.Offset.offset(1));
        }
        assertThat(b.get(7).cloud()).isSameAs(rooms.get(b.label(7)));
        PointCloud block = b.get(7, RandomStreams.of(1, 2, 7)).cloud();
        assertThat(block.size()).isEqualTo(256);
        assertThat(block.hasLabels()).isTrue();
        assertThat(b.get(7, RandomStreams.of(1, 2, 7)).cloud()).isEqualTo(block);
        assertThat(b.block(7).cloud()).isEqualTo(b.block(7).cloud()).isNotEqualTo(block);
        assertThatThrownBy(() -> SceneBlocks.of(List.of(), List.of(), SceneClasses.S3DIS, Split.TRAIN, 10,
                ColumnCrop.pointNet(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
