package org.pointea.io.dataset.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.scene.SceneClasses;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.io.dataset.scene.SceneSplits;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

/**
 * Seeded synthetic indoor scans in the S3DIS layout or the labelled-scan layout, so that scene
 * segmentation runs and is tested on a fresh machine.
 *
 * <p>A dataset is {@code areas} areas of {@code roomsPerArea} rooms (offices, conference rooms,
 * hallways and storage rooms, named as S3DIS names them: {@code office_1}, {@code hallway_2}, ...).
 * A room has a floor, a ceiling and four walls with doors (some open), windows (a frame and a
 * sparsely scanned pane) and whiteboards; tables with things on them and chairs around them,
 * bookcases with books, and clutter (boxes, bins, radiators). Surfaces are sampled at
 * {@code density} points per square metre, then seen from two or three scanner stations: a point
 * hidden from every station behind furniture is dropped (shadows under tables, behind chairs and
 * boxes), the rest is thinned with distance and moved by Gaussian sensor noise. Labels are
 * S3DIS's classes ({@link SceneClasses#S3DIS}; beam, column and sofa are never generated) with
 * an instance number per object.
 *
 * <p>Room {@code r} of area {@code a} comes from {@code RandomStreams.of(seed, a, r)}, so the
 * output is identical whatever the thread count. The standard split is S3DIS's: Area 5 is the test
 * split (with fewer than five areas, the last area is the labelled-scan layout's {@code test.txt};
 * an S3DIS-layout reader then needs its test area named, e.g. {@code --test-area 3}).
 *
 * <pre>{@code
 * SyntheticIndoorScenes gen = SyntheticIndoorScenes.builder().optAreas(3).optRoomsPerArea(4).build();
 * gen.write(Path.of("/tmp/s3dis/Stanford3dDataset_v1.2_Aligned_Version"), SceneLayout.S3DIS, progress);
 * gen.write(Path.of("/tmp/scans"), SceneLayout.LABELLED_SCANS, progress);
 * PointCloud office = gen.room(1, 0);                     // in memory: colours, labels, instances
 * PointCloud floor = SyntheticIndoorScenes.building(7, 1_000_000, 2500);  // ~1 M points of rooms
 * }</pre>
 */
public final class SyntheticIndoorScenes {
    /** The label of the stray points written into labelled scans as "unlabelled". */
    public static final int UNLABELLED_ID = 255;

    /** The classes a synthetic room can hold, by S3DIS id. */
    static final int[] USED = {IndoorRoom.CEILING, IndoorRoom.FLOOR, IndoorRoom.WALL, IndoorRoom.WINDOW, IndoorRoom.DOOR,
        IndoorRoom.TABLE, IndoorRoom.CHAIR, IndoorRoom.BOOKCASE, IndoorRoom.BOARD, IndoorRoom.CLUTTER};

    private final int areas;
    private final int roomsPerArea;
    private final double density;
    private final double noise;
    private final long seed;
    private final int threads;
    private final double validationFraction;

    private SyntheticIndoorScenes(Builder b) {
        this.areas = b.areas;
        this.roomsPerArea = b.roomsPerArea;
        this.density = b.density;
        this.noise = b.noise;
        this.seed = b.seed;
        this.threads = b.threads;
        this.validationFraction = b.validationFraction;
    }

    /** Returns a builder with the defaults: 6 areas of 4 rooms, 2,000 points per m², 4 mm noise, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the demo set: 6 areas of 4 rooms (S3DIS's six areas, Area 5 the test split) at 800 points
     * per m², seed 2024.
     */
    public static SyntheticIndoorScenes demo() {
        return builder().optAreas(6).optRoomsPerArea(4).optDensity(800).optSeed(2024).build();
    }

    /** Returns the names of the classes a synthetic room can hold, in S3DIS order. */
    public static List<String> classNames() {
        List<String> out = new ArrayList<>();
        for (int id : USED) {
            out.add(SceneClasses.S3DIS.get(id));
        }
        return out;
    }

    /** Returns the number of areas. */
    public int areas() {
        return areas;
    }

    /** Returns the rooms per area. */
    public int roomsPerArea() {
        return roomsPerArea;
    }

    /** Returns the test area: 5 when there are five or more areas, else the last (numbered from 1). */
    public int testArea() {
        return areas >= 5 ? 5 : areas;
    }

    /** One room's plan: its kind, name, size and place in its area. */
    private record RoomPlan(int area, int index, IndoorRoom.Kind kind, String name, double[] size, double ox) {
    }

    /** Returns the rooms of an area (1-based), with S3DIS names numbered per kind. */
    private List<RoomPlan> plan(int area) {
        List<RoomPlan> out = new ArrayList<>();
        Map<IndoorRoom.Kind, Integer> numbers = new LinkedHashMap<>();
        double x = 0;
        for (int r = 0; r < roomsPerArea; r++) {
            UniformRandomProvider rng = RandomStreams.of(seed, area, r, 0);
            int pick = rng.nextInt(20);
            IndoorRoom.Kind kind = pick < 10 ? IndoorRoom.Kind.OFFICE : pick < 13 ? IndoorRoom.Kind.CONFERENCE_ROOM
                    : pick < 17 ? IndoorRoom.Kind.HALLWAY : IndoorRoom.Kind.STORAGE;
            int number = numbers.merge(kind, 1, Integer::sum);
            double[] size = IndoorRoom.size(kind, rng);
            out.add(new RoomPlan(area, r, kind, kind.s3disName + "_" + number, size, x));
            x += size[0] + 0.3;
        }
        return out;
    }

    /**
     * Generates one room in memory: positions in its area's frame (metres, z up, the floor at 0),
     * colours, S3DIS labels and the {@value SceneClasses#INSTANCE} channel.
     *
     * @param area the area, from 1
     * @param room the room within the area, from 0
     * @return the room's points
     */
    public PointCloud room(int area, int room) {
        checkRoom(area, room);
        return scan(plan(area).get(room)).toCloud();
    }

    /**
     * Returns a room's S3DIS name, e.g. {@code office_2}.
     *
     * @param area the area, from 1
     * @param room the room within the area, from 0
     * @return the name
     */
    public String roomName(int area, int room) {
        checkRoom(area, room);
        return plan(area).get(room).name();
    }

    private void checkRoom(int area, int room) {
        if (area < 1 || area > areas || room < 0 || room >= roomsPerArea) {
            throw new IllegalArgumentException("no room " + room + " in area " + area + " (" + areas + " areas of "
                    + roomsPerArea + " rooms)");
        }
    }

    private IndoorRoom.Scan scan(RoomPlan p) {
        return IndoorRoom.generate(p.kind(), p.size(), density, noise, p.ox(), 0,
                RandomStreams.of(seed, p.area(), p.index(), 1));
    }

    /**
     * A large scan for benchmarks: the rooms of one synthetic storey side by side, as many as it
     * takes to reach {@code points} points, cut to exactly that many.
     *
     * @param seed the seed
     * @param points the points wanted
     * @param density surface points per square metre
     * @return positions, colours and labels ({@link SceneClasses#S3DIS} ids)
     */
    public static PointCloud building(long seed, int points, double density) {
        SyntheticIndoorScenes gen = builder().optSeed(seed).optDensity(density).optAreas(1).optRoomsPerArea(1).build();
        float[] xyz = new float[3 * points];
        float[] rgb = new float[3 * points];
        int[] labels = new int[points];
        int n = 0;
        double ox = 0;
        double oy = 0;
        for (int r = 0; n < points; r++) {
            UniformRandomProvider rng = RandomStreams.of(seed, 1, r, 0);
            IndoorRoom.Kind kind = IndoorRoom.Kind.values()[rng.nextInt(3)];
            double[] size = IndoorRoom.size(kind, rng);
            IndoorRoom.Scan s = IndoorRoom.generate(kind, size, density, gen.noise, ox, oy,
                    RandomStreams.of(seed, 1, r, 1));
            int take = Math.min(s.n(), points - n);
            System.arraycopy(s.xyz(), 0, xyz, 3 * n, 3 * take);
            System.arraycopy(s.rgb(), 0, rgb, 3 * n, 3 * take);
            System.arraycopy(s.labels(), 0, labels, n, take);
            n += take;
            ox += size[0] + 0.3;
            if (ox > 60) { // a new row of rooms: keep the storey roughly square
                ox = 0;
                oy += 9.5;
            }
        }
        return PointCloud.builder(xyz).colors(rgb, 3).labels(labels).build();
    }

    /**
     * Writes the dataset in a layout.
     *
     * @param dir the dataset folder to write (created)
     * @param layout {@link SceneLayout#S3DIS} or {@link SceneLayout#LABELLED_SCANS}
     * @param progress receives progress
     * @return what was written
     * @throws IOException on a write error
     */
    public SceneSynthesisReport write(Path dir, SceneLayout layout, DatasetProgress progress) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(progress, "progress");
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        List<RoomPlan> rooms = new ArrayList<>();
        for (int a = 1; a <= areas; a++) {
            rooms.addAll(plan(a));
        }
        AtomicLong bytes = new AtomicLong();
        AtomicLong points = new AtomicLong();
        if (layout == SceneLayout.S3DIS) {
            Output.forEach(rooms.size(), threads, "writing S3DIS rooms", progress, i -> {
                RoomPlan p = rooms.get(i);
                IndoorRoom.Scan s = scan(p);
                points.addAndGet(s.n());
                bytes.addAndGet(writeS3disRoom(dir.resolve("Area_" + p.area()).resolve(p.name()), p.name(), s));
            });
        } else {
            List<String> classLines = new ArrayList<>();
            classLines.add("# synthetic indoor scenes: '<label id> <class>'; ids are S3DIS's");
            for (int id : USED) {
                classLines.add(id + " " + SceneClasses.S3DIS.get(id));
            }
            classLines.add(UNLABELLED_ID + " unlabelled");
            bytes.addAndGet(Output.lines(dir.resolve("classes.txt"), classLines));
            List<String> ids = new ArrayList<>();
            for (RoomPlan p : rooms) {
                ids.add("scans/Area_" + p.area() + "/" + p.name() + ".ply");
            }
            Map<Split, List<String>> split = new LinkedHashMap<>();
            for (Split s : List.of(Split.TRAIN, Split.VAL, Split.TEST)) {
                split.put(s, new ArrayList<>());
            }
            List<String> trainval = new ArrayList<>();
            for (RoomPlan p : rooms) {
                if (p.area() != testArea()) {
                    trainval.add(roomId(p));
                }
            }
            java.util.Set<String> val = SceneSplits.validation(trainval, validationFraction);
            for (int i = 0; i < rooms.size(); i++) {
                RoomPlan p = rooms.get(i);
                Split s = p.area() == testArea() ? Split.TEST : val.contains(roomId(p)) ? Split.VAL : Split.TRAIN;
                split.get(s).add(ids.get(i));
            }
            for (Map.Entry<Split, List<String>> e : split.entrySet()) {
                bytes.addAndGet(Output.lines(dir.resolve(e.getKey().id() + ".txt"), e.getValue()));
            }
            Output.forEach(rooms.size(), threads, "writing labelled scans", progress, i -> {
                RoomPlan p = rooms.get(i);
                PointCloud cloud = labelledScan(p);
                points.addAndGet(cloud.size());
                Path file = dir.resolve(ids.get(i));
                List<String> comments = new ArrayList<>(List.of("pointea synthetic indoor scene, seed " + seed,
                        "labels: see classes.txt"));
                PointCloudIO.write(file, cloud, new PlyWriteOptions(PlyWriteOptions.binaryLittleEndian().encoding(),
                        false, comments));
                bytes.addAndGet(Files.size(file));
            });
        }
        return new SceneSynthesisReport(dir, layout, rooms.size(), points.get(), bytes.get(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Returns a room's id as S3DIS ids rooms, {@code Area_1/office_2}. */
    private static String roomId(RoomPlan p) {
        return "Area_" + p.area() + "/" + p.name();
    }

    /** A room with S3DIS ids as labels plus a few stray points labelled {@link #UNLABELLED_ID}. */
    private PointCloud labelledScan(RoomPlan p) {
        IndoorRoom.Scan s = scan(p);
        UniformRandomProvider rng = RandomStreams.of(seed, p.area(), p.index(), 2);
        int stray = s.n() / 300;
        int n = s.n() + stray;
        float[] xyz = java.util.Arrays.copyOf(s.xyz(), 3 * n);
        float[] rgb = java.util.Arrays.copyOf(s.rgb(), 3 * n);
        int[] labels = java.util.Arrays.copyOf(s.labels(), n);
        int[] inst = java.util.Arrays.copyOf(s.instances(), n);
        for (int i = s.n(); i < n; i++) {
            // reflections and people walking by: points in the room's air, unlabelled
            xyz[3 * i] = (float) (p.ox() + rng.nextDouble() * p.size()[0]);
            xyz[3 * i + 1] = (float) (rng.nextDouble() * p.size()[1]);
            xyz[3 * i + 2] = (float) (0.2 + rng.nextDouble() * 2.2);
            rgb[3 * i] = rng.nextFloat();
            rgb[3 * i + 1] = rng.nextFloat();
            rgb[3 * i + 2] = rng.nextFloat();
            labels[i] = UNLABELLED_ID;
            inst[i] = 0;
        }
        return PointCloud.builder(xyz).colors(rgb, 3).labels(labels).intChannel(SceneClasses.INSTANCE, 1, inst).build();
    }

    /** Writes a room as S3DIS does: the room file and one annotation file per object instance. */
    private static long writeS3disRoom(Path roomDir, String name, IndoorRoom.Scan s) throws IOException {
        Files.createDirectories(roomDir.resolve("Annotations"));
        Map<Long, StringBuilder> objects = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder(s.n() * 32);
        for (int i = 0; i < s.n(); i++) {
            int start = all.length();
            line(all, s, i);
            long key = (long) s.labels()[i] << 32 | s.instances()[i];
            objects.computeIfAbsent(key, k -> new StringBuilder()).append(all, start, all.length());
        }
        long bytes = text(roomDir.resolve(name + ".txt"), all);
        for (Map.Entry<Long, StringBuilder> e : objects.entrySet()) {
            int label = (int) (e.getKey() >>> 32);
            int inst = (int) (long) e.getKey();
            String file = SceneClasses.S3DIS.get(label) + "_" + inst + ".txt";
            bytes += text(roomDir.resolve("Annotations").resolve(file), e.getValue());
        }
        return bytes;
    }

    /** Appends {@code x y z r g b} as S3DIS writes it: millimetres, colours 0..255. */
    private static void line(StringBuilder sb, IndoorRoom.Scan s, int i) {
        for (int a = 0; a < 3; a++) {
            fixed3(sb, s.xyz()[3 * i + a]);
            sb.append(' ');
        }
        for (int a = 0; a < 3; a++) {
            sb.append(Math.round(s.rgb()[3 * i + a] * 255));
            sb.append(a < 2 ? ' ' : '\n');
        }
    }

    /** Appends a value with exactly three decimals, without String.format. */
    static void fixed3(StringBuilder sb, float v) {
        long m = Math.round(v * 1000.0);
        if (m < 0) {
            sb.append('-');
            m = -m;
        }
        sb.append(m / 1000).append('.');
        long f = m % 1000;
        if (f < 100) {
            sb.append('0');
        }
        if (f < 10) {
            sb.append('0');
        }
        sb.append(f);
    }

    private static long text(Path file, CharSequence text) throws IOException {
        byte[] b = text.toString().getBytes(StandardCharsets.US_ASCII);
        try (AtomicOutput out = AtomicOutput.create(file)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                out.channel().write(buf);
            }
            out.commit();
        }
        return b.length;
    }

    @Override
    public String toString() {
        return "SyntheticIndoorScenes(" + areas + " areas x " + roomsPerArea + " rooms, " + density + " points/m2, seed "
                + seed + ")";
    }

    /** Options of the generator. */
    public static final class Builder {
        private int areas = 6;
        private int roomsPerArea = 4;
        private double density = 2000;
        private double noise = 0.004;
        private long seed;
        private int threads;
        private double validationFraction = 0.1;

        private Builder() {
        }

        /**
         * Sets the number of areas (default 6; area 5 is the test split when there are five or more).
         *
         * @param n areas, 1 to 99
         * @return this builder
         */
        public Builder optAreas(int n) {
            if (n < 1 || n > 99) {
                throw new IllegalArgumentException("areas must be in [1, 99], got " + n);
            }
            this.areas = n;
            return this;
        }

        /**
         * Sets the rooms per area (default 4).
         *
         * @param n rooms, 1 to 10,000
         * @return this builder
         */
        public Builder optRoomsPerArea(int n) {
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("rooms per area must be in [1, 10000], got " + n);
            }
            this.roomsPerArea = n;
            return this;
        }

        /**
         * Sets the surface density before occlusion and thinning (default 2,000 points per m²; S3DIS's
         * scans hold several thousand).
         *
         * @param pointsPerSquareMetre the density, 1 to 100,000
         * @return this builder
         */
        public Builder optDensity(double pointsPerSquareMetre) {
            if (!(pointsPerSquareMetre >= 1 && pointsPerSquareMetre <= 100_000)) {
                throw new IllegalArgumentException("density must be in [1, 100000] points per m², got "
                        + pointsPerSquareMetre);
            }
            this.density = pointsPerSquareMetre;
            return this;
        }

        /**
         * Sets the standard deviation of the sensor noise (default 0.004 m).
         *
         * @param metres the noise, 0 to 0.1
         * @return this builder
         */
        public Builder optNoise(double metres) {
            if (!(metres >= 0 && metres <= 0.1)) {
                throw new IllegalArgumentException("noise must be in [0, 0.1] m, got " + metres);
            }
            this.noise = metres;
            return this;
        }

        /**
         * Sets the seed (default 0).
         *
         * @param s the seed
         * @return this builder
         */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Sets the threads that generate rooms (0, the default: all processors).
         *
         * @param n threads
         * @return this builder
         */
        public Builder optThreads(int n) {
            this.threads = n;
            return this;
        }

        /**
         * Sets the share of the non-test rooms listed as validation in the labelled-scan layout
         * (default 0.1; chosen by a hash of the room's name, as {@link SceneSplits} does for S3DIS).
         *
         * @param fraction in [0, 0.5]
         * @return this builder
         */
        public Builder optValidationFraction(double fraction) {
            if (!(fraction >= 0 && fraction <= 0.5)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 0.5], got " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /** Returns the generator. */
        public SyntheticIndoorScenes build() {
            return new SyntheticIndoorScenes(this);
        }
    }
}
