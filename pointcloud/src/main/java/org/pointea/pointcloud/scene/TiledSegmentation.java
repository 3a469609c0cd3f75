package org.pointea.pointcloud.scene;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Labels every point of a scan of any size with a {@link TileModel} trained on blocks: the scan is
 * cut into overlapping columns ({@link TilingOptions}), each column is run through the model in
 * passes of {@link TileModel#pointsPerTile()} points, and each point takes the class with the
 * highest sum of softmax probabilities over the blocks it lies in (PointNet++'s whole-scene
 * voting).
 *
 * <p><b>Streaming, memory bounded by the tiles.</b> Blocks are visited stripe by stripe along x
 * ({@link ColumnGrid} keeps each x stripe contiguous). A point's votes are complete once the
 * stripe of blocks that can contain it is done, so votes are held only for the
 * {@code blockSize / stride} stripes under the current row of blocks, are turned into labels and
 * freed as the sweep moves on. Besides the model's own memory (one batch of tiles), what grows with
 * the scan is the scan itself, the grid's {@code int} per point and the {@code int} label per
 * point; what grows with the tile band is {@code C} floats per point of the band
 * ({@link Stats#peakVoteBytes()}).
 *
 * <p>Points with a NaN or infinite coordinate get label -1. Results do not depend on the thread
 * count; every shuffle and padding draw is seeded by (seed, block).
 *
 * <pre>{@code
 * TiledSegmentation.Result r = TiledSegmentation.run(scan, model, TilingOptions.DEFAULT);
 * int[] labels = r.labels();            // one per point of scan
 * System.out.println(r.stats());        // blocks, passes, peak vote memory
 * }</pre>
 */
public final class TiledSegmentation {
    private TiledSegmentation() {
    }

    /** Receives the sweep's progress: rows of blocks done out of all rows. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores progress. */
        Progress NONE = (done, total) -> { };

        /**
         * Reports progress.
         *
         * @param done rows of blocks done
         * @param total rows of blocks
         */
        void update(int done, int total);
    }

    /**
     * What a run did.
     *
     * @param points points in the scan
     * @param unlabelled points given -1 (non-finite coordinates)
     * @param blocks blocks with at least one point
     * @param passes tiles run through the model
     * @param paddedPoints tile slots filled with repeats (last passes of blocks)
     * @param propagatedPoints point votes taken from the nearest drawn point (when passes are capped)
     * @param peakVoteBytes the most bytes of votes held at once
     * @param peakBandPoints the most points whose votes were held at once
     */
    public record Stats(int points, int unlabelled, int blocks, long passes, long paddedPoints,
            long propagatedPoints, long peakVoteBytes, int peakBandPoints) {
    }

    /**
     * The labels of a scan.
     *
     * @param labels one class per point of the scan, -1 where it has non-finite coordinates
     * @param stats what the run did
     */
    public record Result(int[] labels, Stats stats) {
    }

    /**
     * Labels a scan.
     *
     * @param scene the scan, with the channels the model takes
     * @param model the per-tile classifier
     * @param options the tiling
     * @return a label per point
     */
    public static Result run(PointCloud scene, TileModel model, TilingOptions options) {
        return run(scene, model, options, Progress.NONE);
    }

    /**
     * Labels a scan, reporting progress.
     *
     * @param scene the scan, with the channels the model takes
     * @param model the per-tile classifier
     * @param options the tiling
     * @param progress receives rows of blocks done
     * @return a label per point
     */
    public static Result run(PointCloud scene, TileModel model, TilingOptions options, Progress progress) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        if (model.numClasses() < 1 || model.pointsPerTile() < 1 || model.tilesPerCall() < 1) {
            throw new IllegalArgumentException("the model must have at least 1 class, 1 point per tile and 1 tile"
                    + " per call");
        }
        return new Sweep(scene, model, options, progress).run();
    }

    /** One block's passes and the scores of its drawn points. */
    private static final class BlockJob {
        final int[] slots;
        final int drawn;
        final float[] drawnProbs;
        int pending;

        BlockJob(int[] slots, int drawn, int passes, int classes) {
            this.slots = slots;
            this.drawn = drawn;
            this.pending = passes;
            this.drawnProbs = drawn < slots.length ? new float[drawn * classes] : null;
        }
    }

    private record Pass(BlockJob block, int first) {
    }

    /** The state of one run. */
    private static final class Sweep {
        private final PointCloud scene;
        private final TileModel model;
        private final TilingOptions options;
        private final Progress progress;
        private final FloatBuffer xyz;
        private final int classes;
        private final int tilePoints;
        private final ColumnGrid grid;
        private final SceneStats stats;
        private final int[] stripeStart;
        private final float[][] votes;
        private final int[] labels;
        private final List<Tile> queue = new ArrayList<>();
        private final List<Pass> queued = new ArrayList<>();
        private final float[][] logits;
        private final float[] probs;
        private long voteBytes;
        private long peakVoteBytes;
        private int bandPoints;
        private int peakBandPoints;
        private int blocks;
        private long passes;
        private long padded;
        private long propagated;

        Sweep(PointCloud scene, TileModel model, TilingOptions options, Progress progress) {
            this.scene = scene;
            this.model = model;
            this.options = options;
            this.progress = progress;
            this.xyz = scene.positionsBuffer();
            this.classes = model.numClasses();
            this.tilePoints = model.pointsPerTile();
            this.grid = ColumnGrid.build(xyz, scene.size(), options.stride());
            this.stats = SceneStats.of(scene);
            this.stripeStart = new int[grid.cellsX() + 1];
            for (int s = 0; s <= grid.cellsX(); s++) {
                stripeStart[s] = s == grid.cellsX() ? grid.size() : grid.start(s, 0);
            }
            this.votes = new float[grid.cellsX()][];
            this.labels = new int[scene.size()];
            java.util.Arrays.fill(labels, -1);
            this.logits = new float[model.tilesPerCall()][tilePoints * classes];
            this.probs = new float[classes];
        }

        Result run() {
            int k = options.cellsPerBlock();
            int rowsX = Math.max(1, grid.cellsX() - k + 1);
            int rowsY = Math.max(1, grid.cellsY() - k + 1);
            int[] order = grid.order();
            float half = options.blockSize() / 2;
            for (int i = 0; i < rowsX && grid.size() > 0; i++) {
                for (int s = i; s < Math.min(i + k, grid.cellsX()); s++) {
                    activate(s);
                }
                float cx = grid.originX() + i * options.stride() + half;
                for (int j = 0; j < rowsY; j++) {
                    int count = grid.count(i, j, i + k, j + k);
                    if (count == 0) {
                        continue;
                    }
                    blocks++;
                    int[] slots = new int[count];
                    grid.gatherSlots(i, j, i + k, j + k, slots, 0);
                    UniformRandomProvider rng = RandomStreams.of(options.seed(), i, j);
                    shuffle(slots, rng);
                    int blockPasses = (count + tilePoints - 1) / tilePoints;
                    if (options.passesPerBlock() > 0) {
                        blockPasses = Math.min(blockPasses, options.passesPerBlock());
                    }
                    int drawn = Math.min(count, blockPasses * tilePoints);
                    BlockJob job = new BlockJob(slots, drawn, blockPasses, classes);
                    float cy = grid.originY() + j * options.stride() + half;
                    for (int p = 0; p < blockPasses; p++) {
                        int[] idx = new int[tilePoints];
                        for (int q = 0; q < tilePoints; q++) {
                            int pos = p * tilePoints + q;
                            if (pos >= drawn) {
                                pos = rng.nextInt(drawn);
                                padded++;
                            }
                            idx[q] = order[slots[pos]];
                        }
                        enqueue(new Tile(scene, stats, idx, cx, cy), new Pass(job, p * tilePoints));
                    }
                }
                flush();
                if (i < rowsX - 1) {
                    finish(i);
                } else {
                    for (int s = i; s < grid.cellsX(); s++) {
                        finish(s);
                    }
                }
                progress.update(i + 1, rowsX);
            }
            int unlabelled = 0;
            for (int l : labels) {
                if (l < 0) {
                    unlabelled++;
                }
            }
            return new Result(labels, new Stats(scene.size(), unlabelled, blocks, passes, padded, propagated,
                    peakVoteBytes, peakBandPoints));
        }

        private void activate(int stripe) {
            if (votes[stripe] != null) {
                return;
            }
            int size = stripeStart[stripe + 1] - stripeStart[stripe];
            votes[stripe] = new float[size * classes];
            voteBytes += 4L * size * classes;
            bandPoints += size;
            peakVoteBytes = Math.max(peakVoteBytes, voteBytes);
            peakBandPoints = Math.max(peakBandPoints, bandPoints);
        }

        private void finish(int stripe) {
            float[] v = votes[stripe];
            if (v == null) {
                return;
            }
            int[] order = grid.order();
            int base = stripeStart[stripe];
            int size = stripeStart[stripe + 1] - base;
            for (int s = 0; s < size; s++) {
                int best = -1;
                float bestVote = 0f;
                for (int c = 0; c < classes; c++) {
                    float x = v[s * classes + c];
                    if (x > bestVote) {
                        bestVote = x;
                        best = c;
                    }
                }
                labels[order[base + s]] = best;
            }
            votes[stripe] = null;
            voteBytes -= 4L * size * classes;
            bandPoints -= size;
        }

        private void enqueue(Tile tile, Pass pass) {
            queue.add(tile);
            queued.add(pass);
            if (queue.size() == model.tilesPerCall()) {
                flush();
            }
        }

        private void flush() {
            if (queue.isEmpty()) {
                return;
            }
            model.predict(List.copyOf(queue), logits);
            passes += queue.size();
            for (int t = 0; t < queue.size(); t++) {
                Pass pass = queued.get(t);
                BlockJob job = pass.block();
                float[] l = logits[t];
                for (int q = 0; q < tilePoints; q++) {
                    int pos = pass.first() + q;
                    if (pos >= job.drawn) {
                        break; // padding: the point's own slot has its vote
                    }
                    softmax(l, q * classes, probs);
                    addVote(job.slots[pos], probs, 0);
                    if (job.drawnProbs != null) {
                        System.arraycopy(probs, 0, job.drawnProbs, pos * classes, classes);
                    }
                }
                if (--job.pending == 0 && job.drawnProbs != null) {
                    propagate(job);
                }
            }
            queue.clear();
            queued.clear();
        }

        /** Gives each point not drawn into a pass the scores of its nearest drawn point. */
        private void propagate(BlockJob job) {
            int[] order = grid.order();
            float[] drawnXyz = new float[3 * job.drawn];
            for (int d = 0; d < job.drawn; d++) {
                int p = order[job.slots[d]];
                drawnXyz[3 * d] = xyz.get(3 * p);
                drawnXyz[3 * d + 1] = xyz.get(3 * p + 1);
                drawnXyz[3 * d + 2] = xyz.get(3 * p + 2);
            }
            KdTree tree = KdTree.build(drawnXyz, job.drawn);
            int[] nn = new int[1];
            float[] d2 = new float[1];
            for (int pos = job.drawn; pos < job.slots.length; pos++) {
                int p = order[job.slots[pos]];
                tree.knn(xyz.get(3 * p), xyz.get(3 * p + 1), xyz.get(3 * p + 2), 1, nn, d2, 0);
                addVote(job.slots[pos], job.drawnProbs, nn[0] * classes);
                propagated++;
            }
        }

        private void addVote(int slot, float[] p, int offset) {
            int s = stripeOf(slot);
            float[] v = votes[s];
            int base = (slot - stripeStart[s]) * classes;
            for (int c = 0; c < classes; c++) {
                v[base + c] += p[offset + c];
            }
        }

        /** Returns the stripe whose range of slots holds {@code slot}. */
        private int stripeOf(int slot) {
            int lo = 0;
            int hi = stripeStart.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (stripeStart[mid] <= slot) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            // skip empty stripes that share the start
            while (stripeStart[lo + 1] <= slot) {
                lo++;
            }
            return lo;
        }

        private static void shuffle(int[] a, UniformRandomProvider rng) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }

        private void softmax(float[] l, int offset, float[] out) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, l[offset + c]);
            }
            if (!Float.isFinite(max)) {
                throw new IllegalStateException("the model gave a non-finite score (" + max + ")");
            }
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(l[offset + c] - max);
                out[c] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                out[c] /= sum;
            }
        }
    }
}
