package org.pointea.pointcloud.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class TiledSegmentationTest {

    /**
     * A model that knows the answer: it reads each point's label channel through the tile's
     * indices, so the tiling, the voting and the bookkeeping are what is tested. It also counts
     * how often each point was scored and checks every tile against its block.
     */
    static final class Oracle implements TileModel {
        final int classes;
        final int points;
        final int batch;
        final float blockSize;
        int[] scored;
        int calls;

        Oracle(int classes, int points, int batch, float blockSize, int n) {
            this.classes = classes;
            this.points = points;
            this.batch = batch;
            this.blockSize = blockSize;
            this.scored = new int[n];
        }

        @Override
        public int numClasses() {
            return classes;
        }

        @Override
        public int pointsPerTile() {
            return points;
        }

        @Override
        public int tilesPerCall() {
            return batch;
        }

        @Override
        public void predict(List<Tile> tiles, float[][] logits) {
            calls++;
            assertThat(tiles.size()).isBetween(1, batch);
            for (int t = 0; t < tiles.size(); t++) {
                Tile tile = tiles.get(t);
                if (tile.size() != points) {
                    throw new AssertionError("a tile of " + tile.size() + " points");
                }
                int[] labels = tile.scene().labels();
                FloatBuffer xyz = tile.scene().positionsBuffer();
                java.util.Arrays.fill(logits[t], -5f);
                for (int q = 0; q < points; q++) {
                    int p = tile.indices()[q];
                    if (Math.abs(xyz.get(3 * p) - tile.centerX()) > blockSize / 2 + 1e-4f
                            || Math.abs(xyz.get(3 * p + 1) - tile.centerY()) > blockSize / 2 + 1e-4f) {
                        throw new AssertionError("point " + p + " is outside the tile at " + tile.centerX() + ", "
                                + tile.centerY());
                    }
                    logits[t][q * classes + labels[p]] = 5f;
                    scored[p]++;
                }
            }
        }
    }

    @Test
    void everyPointGetsTheVotedLabelWhateverTheBatch() {
        PointCloud room = Rooms.room(6, 4, 12_000, 2);
        Oracle one = new Oracle(4, 512, 1, 1f, room.size());
        TiledSegmentation.Result r1 = TiledSegmentation.run(room, one, TilingOptions.DEFAULT);
        assertThat(r1.labels()).containsExactly(room.labels());
        assertThat(r1.stats().unlabelled()).isZero();
        Oracle three = new Oracle(4, 512, 3, 1f, room.size());
        TiledSegmentation.Result r3 = TiledSegmentation.run(room, three, TilingOptions.DEFAULT);
        assertThat(r3.labels()).containsExactly(r1.labels());
        assertThat(r3.stats()).isEqualTo(r1.stats());
        assertThat(three.calls).isLessThan(one.calls);
        assertThat(java.util.Arrays.stream(one.scored).min().getAsInt()).isPositive();
    }

    @Test
    void eachPointIsScoredOncePerBlockWithoutOverlap() {
        PointCloud room = Rooms.room(4, 3, 8_000, 3);
        Oracle m = new Oracle(4, 256, 2, 1f, room.size());
        TiledSegmentation.Result r = TiledSegmentation.run(room, m, new TilingOptions(1f, 1f, 0, 9));
        assertThat(r.labels()).containsExactly(room.labels());
        long padded = r.stats().paddedPoints();
        long total = 0;
        for (int s : m.scored) {
            total += s;
        }
        assertThat(java.util.Arrays.stream(m.scored).min().getAsInt()).isPositive();
        // the scores beyond one per point are exactly the padding repeats
        assertThat(total - room.size()).isEqualTo(padded);
        assertThat(r.stats().passes() * 256).isEqualTo(room.size() + padded);
    }

    @Test
    void cappedPassesLabelTheRestFromTheirNearestDrawnPoint() {
        PointCloud room = Rooms.room(5, 4, 12_000, 4);
        Oracle m = new Oracle(4, 256, 4, 1f, room.size());
        TiledSegmentation.Result r = TiledSegmentation.run(room, m, TilingOptions.DEFAULT.withPassesPerBlock(1));
        assertThat(r.stats().propagatedPoints()).isPositive();
        int agree = 0;
        int[] truth = room.labels();
        for (int p = 0; p < room.size(); p++) {
            if (r.labels()[p] == truth[p]) {
                agree++;
            }
        }
        // wrong only where a point's nearest drawn point is across a class border (wall / floor edges)
        assertThat(agree / (double) room.size()).isGreaterThan(0.97);
        int passesAll = (int) TiledSegmentation.run(room, new Oracle(4, 256, 4, 1f, room.size()), TilingOptions.DEFAULT)
                .stats().passes();
        assertThat(r.stats().passes()).isEqualTo(r.stats().blocks()).isLessThan(passesAll);
    }

    @Test
    void votesAreHeldForABandOfStripesNotTheScan() {
        // a 60 m corridor: the band of two 0.5 m stripes holds a small share of the points
        PointCloud corridor = Rooms.room(40, 2.5f, 20_000, 5);
        Oracle m = new Oracle(4, 1024, 4, 1f, corridor.size());
        TiledSegmentation.Result r = TiledSegmentation.run(corridor, m, TilingOptions.DEFAULT);
        assertThat(r.labels()).containsExactly(corridor.labels());
        ColumnGrid g = ColumnGrid.build(corridor.positions(), corridor.size(), 0.5f);
        int widest = 0;
        for (int s = 0; s + 2 <= g.cellsX(); s++) {
            int[] range = g.stripeRange(s, s + 2);
            widest = Math.max(widest, range[1] - range[0]);
        }
        assertThat(r.stats().peakBandPoints()).isEqualTo(widest).isLessThan(corridor.size() / 3);
        assertThat(r.stats().peakVoteBytes()).isEqualTo(4L * 4 * r.stats().peakBandPoints());
    }

    @Test
    void nonFinitePointsAreLabelledMinusOne() {
        PointCloud room = Rooms.room(3, 3, 3_000, 6);
        float[] xyz = room.positions();
        xyz[3 * 10 + 2] = Float.NaN;
        xyz[3 * 20] = Float.POSITIVE_INFINITY;
        PointCloud holed = room.withPositions(xyz);
        TiledSegmentation.Result r = TiledSegmentation.run(holed, new Oracle(4, 128, 1, 1f, holed.size()),
                TilingOptions.DEFAULT);
        assertThat(r.labels()[10]).isEqualTo(-1);
        assertThat(r.labels()[20]).isEqualTo(-1);
        assertThat(r.stats().unlabelled()).isEqualTo(2);
        assertThat(r.labels()[11]).isEqualTo(room.labels()[11]);
    }

    @Test
    void aSceneSmallerThanABlockIsOneBlock() {
        PointCloud tiny = PointCloud.builder(new float[] {0, 0, 0, 0.1f, 0.2f, 0.3f}).labels(new int[] {1, 0}).build();
        TiledSegmentation.Result r = TiledSegmentation.run(tiny, new Oracle(2, 8, 1, 1f, 2), TilingOptions.DEFAULT);
        assertThat(r.labels()).containsExactly(1, 0);
        assertThat(r.stats().blocks()).isEqualTo(1);
        assertThat(TiledSegmentation.run(PointCloud.empty(), new Oracle(2, 8, 1, 1f, 0), TilingOptions.DEFAULT)
                .labels()).isEmpty();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new TilingOptions(1f, 0.3f, 0, 0)).hasMessageContaining("whole multiple");
        assertThatThrownBy(() -> new TilingOptions(1f, 2f, 0, 0)).hasMessageContaining("stride");
        assertThatThrownBy(() -> new TilingOptions(1f, 0.5f, -1, 0)).hasMessageContaining("passesPerBlock");
        assertThat(new TilingOptions(1.5f, 0.5f, 0, 0).cellsPerBlock()).isEqualTo(3);
    }
}
