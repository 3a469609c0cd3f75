package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.cache.Fingerprint;
import org.pointea.io.dataset.cache.FingerprintMode;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.sampling.VoxelGrid;

/**
 * The labelled scenes of one split of a scene dataset: S3DIS or a folder of one's own labelled
 * scans ({@link SceneLayout}), each scene read whole with a label per point.
 *
 * <p>{@link #prepare} finds the layout, lists the split (a missing area, list or scan fails with a
 * {@link DatasetNotFoundException} saying what and where; nothing is ever downloaded) and makes
 * sure every scene has a valid cache file: a binary copy of the scene ({@link SceneCache}) keyed by
 * the fingerprint of its source files and the settings, built in parallel the first time, checked
 * and reused afterwards. {@link #load} then reads a scene from its cache file (a 1 M-point room in
 * tens of milliseconds, where parsing S3DIS text takes seconds), so scenes are held in memory only
 * while a caller uses them.
 *
 * <p>A loaded scene has positions, the channels its source has (colours, intensity, normals),
 * {@code labels} as class indices into {@link #classNames()} (-1 for unscored points) and, where
 * the source numbers objects, an {@value SceneClasses#INSTANCE} channel.
 *
 * <pre>{@code
 * SceneDataset test = SceneDataset.builder()
 *     .setRoot(Path.of("data/Stanford3dDataset_v1.2_Aligned_Version")).optSplit(Split.TEST).build();
 * test.prepare(progress);                       // Area 5: 68 rooms
 * for (int i = 0; i < test.size(); i++) {
 *     PointCloud room = test.load(i);           // positions, colours, labels, instance
 *     int[] truth = room.labels();
 * }
 * }</pre>
 */
public final class SceneDataset {
    /** The cache folder created inside a dataset folder unless another is given. */
    public static final String CACHE_FOLDER = ".pointea-cache/scenes";

    private final Path root;
    private final Split split;
    private final int testArea;
    private final double validationFraction;
    private final String labelField;
    private final String columns;
    private final float voxelSize;
    private final Path cacheDir;
    private final boolean cache;
    private final int threads;

    private volatile Prepared prepared;

    private record Prepared(SceneSource source, Path root, List<SceneEntry> entries, List<Path> files,
            List<String> sources, String params, SceneCache.Header[] headers, ScenePrepareReport report) {
    }

    private SceneDataset(Builder b) {
        this.root = Objects.requireNonNull(b.root, "setRoot(dir) is required");
        this.split = b.split;
        this.testArea = b.testArea;
        this.validationFraction = b.validationFraction;
        this.labelField = b.labelField;
        this.columns = b.columns;
        this.voxelSize = b.voxelSize;
        this.cacheDir = b.cacheDir;
        this.cache = b.cache;
        this.threads = b.threads;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the class names of the scene dataset in a folder without preparing it: S3DIS's 13, or
     * the classes of a labelled-scan folder's {@code classes.txt}.
     *
     * @param dir the dataset folder (or a folder holding it)
     * @return the class names
     * @throws IOException when the folder holds no scene dataset or its class list is malformed
     */
    public static List<String> classNames(Path dir) throws IOException {
        SceneLayout.Location loc = SceneLayout.detect(dir).orElseThrow(() -> notFound(dir));
        return loc.layout() == SceneLayout.S3DIS ? SceneClasses.S3DIS
                : ClassList.read(loc.root().resolve("classes.txt")).names();
    }

    /**
     * As {@link #prepare(DatasetProgress)} without progress.
     *
     * @return what was done
     * @throws IOException when files are missing or malformed
     */
    public ScenePrepareReport prepare() throws IOException {
        return prepare(DatasetProgress.NONE);
    }

    /**
     * Lists the split and builds or checks every scene's cache file.
     *
     * @param progress receives the stages
     * @return what was done
     * @throws IOException when files are missing ({@link DatasetNotFoundException}) or malformed
     *     ({@link org.pointea.io.PointCloudFormatException} naming the file and line)
     */
    public synchronized ScenePrepareReport prepare(DatasetProgress progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        long t0 = System.nanoTime();
        SceneLayout.Location loc = SceneLayout.detect(root).orElseThrow(() -> notFound(root));
        SceneSource src = switch (loc.layout()) {
            case S3DIS -> new S3disSource(loc.root(), testArea, validationFraction);
            case LABELLED_SCANS -> new LabelledScanSource(loc.root(), labelField, columns, validationFraction);
        };
        List<SceneEntry> entries = src.entries(split);
        String params = Fingerprint.ofText("pointea scene cache v1\n" + src.parameters() + "\nvoxel=" + voxelSize);
        Path dir = cacheDir != null ? cacheDir : loc.root().resolve(CACHE_FOLDER);
        List<Path> files = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (SceneEntry e : entries) {
            files.add(dir.resolve(fileName(loc.layout(), e.id(), params)));
            sources.add(Fingerprint.ofFiles(loc.root(), e.files(), FingerprintMode.STAT));
        }
        SceneCache.Header[] headers = new SceneCache.Header[entries.size()];
        AtomicInteger built = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Object lock = new Object();
        String stage = cache ? "caching " + split.id() + " scenes" : "reading " + split.id() + " scenes";
        progress.update(stage, 0, entries.size());
        try {
            Parallel.forRange(entries.size(), threads, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    try {
                        SceneCache.Header h = cache ? SceneCache.readHeader(files.get(i)) : null;
                        if (h == null || !h.params().equals(params) || !h.sources().equals(sources.get(i))) {
                            PointCloud c = readSource(src, entries.get(i));
                            h = SceneCache.header(params, sources.get(i), entries.get(i).id(), c,
                                    src.classNames().size());
                            if (cache && h.bodyBytes() <= SceneCache.MAX_BODY) {
                                SceneCache.write(files.get(i), h, c);
                                built.incrementAndGet();
                            }
                        }
                        headers[i] = h;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (lock) {
                        progress.update(stage, done.incrementAndGet(), entries.size());
                    }
                }
            });
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
            }
            throw e;
        }
        int classes = src.classNames().size();
        long[] classPoints = new long[classes];
        long points = 0;
        long unlabelled = 0;
        for (SceneCache.Header h : headers) {
            points += h.points();
            unlabelled += h.unlabelled();
            for (int c = 0; c < classes; c++) {
                classPoints[c] += h.classPoints()[c];
            }
        }
        ScenePrepareReport report = new ScenePrepareReport(loc.layout(), loc.root(), split, entries.size(),
                cache ? entries.size() - built.get() : 0, cache ? built.get() : entries.size(), points, classPoints,
                unlabelled, cache ? dir : null, Duration.ofNanos(System.nanoTime() - t0));
        prepared = new Prepared(src, loc.root(), entries, files, sources, params, headers, report);
        return report;
    }

    private PointCloud readSource(SceneSource src, SceneEntry e) throws IOException {
        PointCloud c = src.read(e);
        if (voxelSize > 0) {
            c = c.select(VoxelGrid.nearestToCentroid(c.positions(), c.size(), voxelSize));
        }
        return c;
    }

    private static String fileName(SceneLayout layout, String id, String params) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > 80) {
            safe = safe.substring(safe.length() - 80);
        }
        return layout.name().toLowerCase(Locale.ROOT) + "_" + safe + "_"
                + Fingerprint.ofText(id + "\n" + params).substring(0, 12) + ".scene";
    }

    private static DatasetNotFoundException notFound(Path dir) {
        StringBuilder sb = new StringBuilder("No scene dataset at ").append(dir);
        if (!java.nio.file.Files.exists(dir)) {
            sb.append(": the folder does not exist.");
        } else if (!java.nio.file.Files.isDirectory(dir)) {
            sb.append(": it is a file, not a folder.");
        } else {
            sb.append(": it holds neither S3DIS's Area_N folders nor a labelled-scan folder's classes.txt with"
                    + " train.txt / test.txt.");
        }
        sb.append("\npointea never downloads datasets.");
        for (SceneLayout l : SceneLayout.values()) {
            sb.append("\n  * ").append(l.title());
            l.archive().ifPresent(a -> sb.append(": ").append(a));
            sb.append(" (").append(l.note()).append(")");
            l.url().ifPresent(u -> sb.append("\n      ").append(u));
            l.folder().ifPresent(f -> sb.append("\n      unpacks to ").append(f).append("/ holding:"));
            for (String e : l.expectedFiles()) {
                sb.append("\n        ").append(e);
            }
        }
        return new DatasetNotFoundException(sb.toString(), dir, List.of(dir));
    }

    private Prepared requirePrepared() {
        Prepared p = prepared;
        if (p == null) {
            throw new IllegalStateException("call prepare() before reading " + this);
        }
        return p;
    }

    /** Returns the number of scenes. */
    public int size() {
        return requirePrepared().entries().size();
    }

    /**
     * Returns a scene's id ({@code Area_5/office_1}, or the scan's path in its list).
     *
     * @param index scene index
     * @return the id
     */
    public String id(int index) {
        return requirePrepared().entries().get(index).id();
    }

    /**
     * Returns a scene's number of points, without loading it.
     *
     * @param index scene index
     * @return the points
     */
    public int points(int index) {
        return requirePrepared().headers()[index].points();
    }

    /**
     * Returns how many points of each class a scene has, without loading it.
     *
     * @param index scene index
     * @return points per class
     */
    public long[] classPoints(int index) {
        return requirePrepared().headers()[index].classPoints().clone();
    }

    /**
     * Reads a scene: from its cache file, or from its source when caching is off or the cache file
     * has become invalid since {@link #prepare} (it is then rebuilt). Thread-safe.
     *
     * @param index scene index
     * @return the scene, a new cloud
     * @throws IOException when the scene cannot be read
     */
    public PointCloud load(int index) throws IOException {
        Prepared p = requirePrepared();
        SceneEntry e = p.entries().get(index);
        if (cache && p.headers()[index].bodyBytes() <= SceneCache.MAX_BODY) {
            PointCloud c = SceneCache.read(p.files().get(index), p.params(), p.sources().get(index));
            if (c != null) {
                return c;
            }
            PointCloud fresh = readSource(p.source(), e);
            SceneCache.write(p.files().get(index), SceneCache.header(p.params(), p.sources().get(index), e.id(), fresh,
                    p.source().classNames().size()), fresh);
            return fresh;
        }
        return readSource(p.source(), e);
    }

    /** Returns the class names; labels index into them. */
    public List<String> classNames() {
        return requirePrepared().source().classNames();
    }

    /** Returns the layout found by {@link #prepare}. */
    public SceneLayout layout() {
        return requirePrepared().source().layout();
    }

    /** Returns what the last {@link #prepare} did. */
    public ScenePrepareReport report() {
        return requirePrepared().report();
    }

    /** Returns the split. */
    public Split split() {
        return split;
    }

    /** Returns the folder given to the builder. */
    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        Prepared p = prepared;
        return "SceneDataset[" + root + ", " + split.id() + (p == null ? ", not prepared"
                : ", " + p.entries().size() + " scenes, " + p.source().layout().name()) + "]";
    }

    /** Options of a scene dataset. */
    public static final class Builder {
        private Path root;
        private Split split = Split.TRAIN;
        private int testArea = 5;
        private double validationFraction = 0.1;
        private String labelField;
        private String columns;
        private float voxelSize;
        private Path cacheDir;
        private boolean cache = true;
        private int threads;

        private Builder() {
        }

        /**
         * Sets the dataset folder (S3DIS's {@code Stanford3dDataset_v1.2_Aligned_Version}, a folder
         * holding it, or a labelled-scan folder).
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder setRoot(Path dir) {
            this.root = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Sets the split (default TRAIN).
         *
         * @param s the split
         * @return this builder
         */
        public Builder optSplit(Split s) {
            this.split = Objects.requireNonNull(s, "split");
            return this;
        }

        /**
         * Sets S3DIS's test area (default 5, the standard split; 1 to 6 for six-fold cross-validation).
         *
         * @param area the area number
         * @return this builder
         */
        public Builder optTestArea(int area) {
            if (area < 1) {
                throw new IllegalArgumentException("the test area is a number from 1, got " + area);
            }
            this.testArea = area;
            return this;
        }

        /**
         * Sets the share of training scenes held out as {@code VAL} where the layout has no
         * validation list (default 0.1).
         *
         * @param fraction in [0, 1)
         * @return this builder
         */
        public Builder optValidationFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /**
         * Names the per-point field holding the label in labelled scans (default {@code label}).
         *
         * @param name the field, e.g. {@code semantic} or {@code scalar_Classification}
         * @return this builder
         */
        public Builder optLabelField(String name) {
            this.labelField = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Names the columns of text and NPY scans, e.g. {@code x y z r g b label}.
         *
         * @param names the column names, separated by spaces or commas
         * @return this builder
         */
        public Builder optColumns(String names) {
            this.columns = Objects.requireNonNull(names, "names");
            return this;
        }

        /**
         * Thins each scene to one point per voxel (the point nearest the voxel's centroid, so labels
         * stay exact) when it is cached: for training on full-resolution S3DIS. Default 0, off;
         * evaluate on full-resolution scenes.
         *
         * @param size the voxel side, 0 for none
         * @return this builder
         */
        public Builder optVoxelSize(float size) {
            if (!(size >= 0) || !Float.isFinite(size)) {
                throw new IllegalArgumentException("voxel size must be 0 (off) or positive, got " + size);
            }
            this.voxelSize = size;
            return this;
        }

        /**
         * Sets the folder of the cache files (default {@code .pointea-cache/scenes} in the dataset folder).
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder optCacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Enables or disables the cache files (disabled: every {@code load} reads the source).
         *
         * @param enabled whether to cache
         * @return this builder
         */
        public Builder optCache(boolean enabled) {
            this.cache = enabled;
            return this;
        }

        /**
         * Sets the threads that read scenes in {@code prepare} (0, the default: all processors).
         *
         * @param n threads
         * @return this builder
         */
        public Builder optThreads(int n) {
            this.threads = n;
            return this;
        }

        /** Returns the dataset; call {@link SceneDataset#prepare} on it. */
        public SceneDataset build() {
            return new SceneDataset(this);
        }
    }
}
