package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Sample;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.transform.ColumnCrop;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * The training view of a scene split: {@code blocks} samples per epoch, sample {@code i} belonging
 * to a scene chosen in proportion to the scenes' points (as yanx27's S3DIS loader weights rooms).
 * The scenes are loaded once and held in memory, immutable and shared.
 *
 * <p>{@link #get(int)} returns sample {@code i}'s whole scene; a crop turns it into a block of
 * {@link #pointsPerShape()} points: {@link #get(int, UniformRandomProvider)} draws a fresh
 * {@link ColumnCrop} from the generator (a trainer derives it from (seed, epoch, index), so every
 * epoch sees new blocks and a resumed run the same ones), and {@link #block(int)} a fixed one for
 * validation. In a scene network's recipe the crop is the first step of the augmentation, so the
 * trainer's per-access stream draws it.
 *
 * <pre>{@code
 * SceneBlocks train = SceneBlocks.of(trainScenes, 2000, ColumnCrop.pointNet(), seed);
 * PointCloud block = train.get(i, RandomStreams.of(seed, epoch, i)).cloud();   // 4,096 points, network coordinates
 * }</pre>
 */
public final class SceneBlocks implements PointCloudDataset {
    private final List<PointCloud> scenes;
    private final List<String> ids;
    private final List<String> classNames;
    private final Split split;
    private final int[] sceneOfBlock;
    private final ColumnCrop crop;
    private final long seed;
    private final BlockFeatures inputs;

    private SceneBlocks(List<PointCloud> scenes, List<String> ids, List<String> classNames, Split split, int blocks,
            ColumnCrop crop, long seed, BlockFeatures inputs) {
        this.scenes = List.copyOf(scenes);
        this.ids = List.copyOf(ids);
        this.classNames = List.copyOf(classNames);
        this.split = split;
        this.crop = crop;
        this.seed = seed;
        this.inputs = inputs;
        for (PointCloud s : scenes) {
            inputs.check(s);
        }
        long total = 0;
        for (PointCloud s : scenes) {
            total += s.size();
        }
        this.sceneOfBlock = new int[blocks];
        long acc = 0;
        int s = 0;
        for (int i = 0; i < blocks; i++) {
            double at = (i + 0.5) / blocks * total;
            while (s < scenes.size() - 1 && acc + scenes.get(s).size() <= at) {
                acc += scenes.get(s).size();
                s++;
            }
            sceneOfBlock[i] = s;
        }
    }

    /**
     * Loads every scene of a prepared split and returns its block view.
     *
     * @param scenes a prepared scene split
     * @param blocks samples per epoch, at least 1
     * @param crop the block shape
     * @param seed the seed of the fixed validation blocks
     * @return the view
     * @throws IOException when a scene cannot be loaded
     */
    public static SceneBlocks of(SceneDataset scenes, int blocks, ColumnCrop crop, long seed) throws IOException {
        Objects.requireNonNull(crop, "crop");
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, got " + blocks);
        }
        if (scenes.size() == 0) {
            throw new IllegalArgumentException("the " + scenes.split().id() + " split of " + scenes.root()
                    + " has no scenes");
        }
        List<PointCloud> clouds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            PointCloud c = scenes.load(i);
            if (c.size() > 0) {
                clouds.add(c);
                ids.add(scenes.id(i));
            }
        }
        return new SceneBlocks(clouds, ids, scenes.classNames(), scenes.split(), blocks, crop, seed,
                defaultInputs(clouds));
    }

    /**
     * Returns the block view of scenes already in memory (each with a {@code labels} channel).
     *
     * @param scenes the scenes
     * @param ids their ids
     * @param classNames the class names
     * @param split the split they form
     * @param blocks samples per epoch
     * @param crop the block shape
     * @param seed the seed of the fixed validation blocks
     * @return the view
     */
    public static SceneBlocks of(List<PointCloud> scenes, List<String> ids, List<String> classNames, Split split,
            int blocks, ColumnCrop crop, long seed) {
        if (scenes.isEmpty() || scenes.size() != ids.size()) {
            throw new IllegalArgumentException(scenes.size() + " scenes, " + ids.size() + " ids");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, got " + blocks);
        }
        return new SceneBlocks(scenes, ids, classNames, split, blocks, Objects.requireNonNull(crop, "crop"), seed,
                defaultInputs(scenes));
    }

    /** Positions and colours when every scene has colours, else positions only. */
    private static BlockFeatures defaultInputs(List<PointCloud> scenes) {
        return BlockFeatures.of(scenes.stream().allMatch(PointCloud::hasColors), false, false);
    }

    /**
     * Returns this view reading other channels as the network's input.
     *
     * @param features the channels (every scene must have them)
     * @return the view
     * @throws IllegalArgumentException when a scene lacks a channel
     */
    public SceneBlocks withInputs(BlockFeatures features) {
        return new SceneBlocks(scenes, ids, classNames, split, sceneOfBlock.length, crop, seed,
                Objects.requireNonNull(features, "features"));
    }

    /** Returns the channels a network reads from the blocks besides the positions. */
    public BlockFeatures inputs() {
        return inputs;
    }

    @Override
    public Task task() {
        return Task.SEMANTIC_SEGMENTATION;
    }

    @Override
    public Split split() {
        return split;
    }

    @Override
    public int size() {
        return sceneOfBlock.length;
    }

    /** Returns the whole scene of sample {@code index} (to be cropped; see the class comment). */
    @Override
    public Sample get(int index) {
        int s = sceneOfBlock[index];
        return new Sample(scenes.get(s), s, ids.get(s) + "#" + index);
    }

    /** Returns a fresh block of sample {@code index}'s scene, drawn from {@code rng}. */
    @Override
    public Sample get(int index, UniformRandomProvider rng) {
        Sample whole = get(index);
        return whole.withCloud(crop.apply(whole.cloud(), rng));
    }

    /**
     * Returns sample {@code index}'s fixed block (the same on every call: validation).
     *
     * @param index the sample
     * @return the block
     */
    public Sample block(int index) {
        return get(index, RandomStreams.of(seed, 0x5ce9eL, index));
    }

    /** Returns the crop that turns a scene into a block. */
    public PointTransform crop() {
        return crop;
    }

    /** Returns the index of sample {@code index}'s scene (a block has no one class; its points have). */
    @Override
    public int label(int index) {
        return sceneOfBlock[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** Returns the points of every block. */
    @Override
    public int pointsPerShape() {
        return crop.points();
    }

    /** Returns how many points of each class the scenes hold (index = class; unlabelled points left out). */
    public long[] classPoints() {
        long[] counts = new long[classNames.size()];
        for (PointCloud s : scenes) {
            for (int l : s.labels()) {
                if (l >= 0 && l < counts.length) {
                    counts[l]++;
                }
            }
        }
        return counts;
    }

    /** Returns the class-balanced loss weights of the scenes' classes ({@link SceneClasses#balancedWeights}). */
    public double[] classWeights() {
        return SceneClasses.balancedWeights(classPoints());
    }

    /** Returns the number of scenes. */
    public int scenes() {
        return scenes.size();
    }

    @Override
    public String toString() {
        return "SceneBlocks(" + scenes.size() + " scenes, " + sceneOfBlock.length + " blocks of " + crop + ")";
    }
}
