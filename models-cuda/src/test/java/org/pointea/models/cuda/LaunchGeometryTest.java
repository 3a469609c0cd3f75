package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LaunchGeometryTest {

    @Test
    void elementwiseCapsTheGridAtSixteenBlocksPerMultiprocessor() {
        assertThat(LaunchGeometry.elementwise(1000, 132)).isEqualTo(new LaunchGeometry(4, 1, 256, 1, 0));
        assertThat(LaunchGeometry.elementwise(1L << 30, 132).gridX()).isEqualTo(132 * 16);
        assertThat(LaunchGeometry.elementwise(0, 132).isEmpty()).isTrue();
    }

    @Test
    void warpPerRowUsesEightWarpsPerBlock() {
        LaunchGeometry g = LaunchGeometry.warpPerRow(17, 80);
        assertThat(g.blockX()).isEqualTo(32);
        assertThat(g.blockY()).isEqualTo(8);
        assertThat(g.gridX()).isEqualTo(3);
    }

    @Test
    void columnChunksOfPctFirstStage() {
        // [524288, 128] on an H100 (132 SMs): 4 tiles of 32 columns, chunks so that ~528 blocks run
        LaunchGeometry g = LaunchGeometry.columnChunks(524_288, 128, 132);
        assertThat(g.gridX()).isEqualTo(4);
        assertThat(g.gridY()).isEqualTo(132);
        assertThat((long) g.gridY() * g.rowsPerChunk()).isGreaterThanOrEqualTo(524_288);
    }

    @Test
    void smallColumnReductionIsOneChunkWrittenStraightToTheOutput() {
        LaunchGeometry g = LaunchGeometry.columnChunks(100, 40, 132);
        assertThat(g.gridY()).isEqualTo(1);
        assertThat(g.rowsPerChunk()).isEqualTo(100);
    }

    @Property(tries = 300)
    void columnChunksCoverEveryRowOnce(@ForAll @LongRange(min = 1, max = 50_000_000) long rows,
                                       @ForAll @IntRange(min = 1, max = 4096) int cols,
                                       @ForAll @IntRange(min = 1, max = 200) int sms) {
        LaunchGeometry g = LaunchGeometry.columnChunks(rows, cols, sms);
        assertThat((long) g.gridX() * 32).isGreaterThanOrEqualTo(cols);
        assertThat((long) g.gridY() * g.rowsPerChunk()).isGreaterThanOrEqualTo(rows);
        assertThat((long) (g.gridY() - 1) * g.rowsPerChunk()).isLessThan(rows);
        assertThat(g.gridY()).isBetween(1, LaunchGeometry.MAX_GRID_Y);
    }

    @Test
    void invalidGeometryIsRefused() {
        assertThatThrownBy(() -> new LaunchGeometry(1, 1, 64, 32, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaunchGeometry.elementwise(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaunchGeometry.elementwise(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
