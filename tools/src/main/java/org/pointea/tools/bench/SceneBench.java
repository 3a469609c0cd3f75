package org.pointea.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.scene.Block;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.scene.BlockSampler;
import org.pointea.pointcloud.scene.ColumnBlockSampler;
import org.pointea.pointcloud.scene.KnnCropSampler;
import org.pointea.pointcloud.scene.SceneStats;
import org.pointea.pointcloud.scene.Tile;
import org.pointea.pointcloud.scene.TileModel;
import org.pointea.pointcloud.scene.TiledSegmentation;
import org.pointea.pointcloud.scene.TilingOptions;

/**
 * The model-free half of scene segmentation, measured: training crops (PointNet's 1 m columns
 * against kNN crops, ours against the numpy / SciPy way of the reference loaders, interleaved) with
 * what each crop holds, and the tiling-and-voting sweep of whole-scan inference without a network.
 *
 * <pre>
 * java -cp tools/target/pointea.jar org.pointea.tools.bench.SceneBench [--rooms 6] [--density 2000]
 *     [--blocks 2000] [--points 4096] [--rounds 3] [--scan-points 1000000] [--python /usr/bin/python3 | --no-peer] [--json]
 * </pre>
 */
public final class SceneBench {
    private int rooms = 6;
    private double density = 2000;
    private int blocks = 2000;
    private int points = 4096;
    private int rounds = 3;
    private int scanPoints = 1_000_000;
    private boolean json;
    private boolean noPeer;
    private String python = Peers.DEFAULT_PYTHON;
    private final PrintStream out;
    private final PrintStream log;

    private SceneBench(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception when a measurement fails
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out, System.err);
    }

    /**
     * Runs the benchmark ({@code pointea bench scene}).
     *
     * @param args see the class comment
     * @param out where the table or JSON goes
     * @param log where progress and notes go
     * @throws Exception when a measurement fails
     */
    public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
        SceneBench b = new SceneBench(out, log);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rooms" -> b.rooms = Integer.parseInt(args[++i]);
                case "--density" -> b.density = Double.parseDouble(args[++i]);
                case "--blocks" -> b.blocks = Integer.parseInt(args[++i]);
                case "--points" -> b.points = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--scan-points" -> b.scanPoints = Integer.parseInt(args[++i]);
                case "--python" -> b.python = args[++i];
                case "--no-peer" -> b.noPeer = true;
                case "--json" -> b.json = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        b.measure();
    }

    private void measure() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        double[] load0 = loadAverage();
        SyntheticIndoorScenes gen = SyntheticIndoorScenes.builder().optAreas(1).optRoomsPerArea(rooms)
                .optDensity(density).optSeed(15).build();
        List<PointCloud> scenes = new ArrayList<>();
        long total = 0;
        for (int r = 0; r < rooms; r++) {
            scenes.add(gen.room(1, r));
            total += scenes.get(r).size();
        }
        log.printf(Locale.ROOT, "%d synthetic rooms, %,d points (%.0f points per m2 before occlusion)%n", rooms, total,
                density);
        result.put("rooms", rooms);
        result.put("room_points", total);
        Path dir = Files.createTempDirectory("pointea-scenebench");
        List<String> files = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            Path f = dir.resolve("room" + r + ".npy");
            NpyWriter.writeArray(f, NpyArray.ofFloats(scenes.get(r).positions(), scenes.get(r).size(), 3));
            files.add(f.toString());
        }
        Map<String, Object> sampling = new LinkedHashMap<>();
        for (String mode : List.of("column", "knn")) {
            List<Double> ours = new ArrayList<>();
            List<Double> peer = new ArrayList<>();
            double build = 0;
            double peerBuild = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                List<BlockSampler> samplers = new ArrayList<>();
                for (PointCloud s : scenes) {
                    float[] xyz = s.positions();
                    samplers.add(mode.equals("column") ? ColumnBlockSampler.of(xyz, s.size(), 1f, points)
                            : KnnCropSampler.of(xyz, s.size(), points));
                }
                build = (System.nanoTime() - t0) / 1e9;
                ours.add(sample(scenes, samplers, round) / 1e9);
                if (!noPeer) {
                    Map<String, Double> p = peer(mode, files, round);
                    if (p != null) {
                        peer.add(p.get("seconds"));
                        peerBuild = p.get("build_seconds");
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            double med = median(ours);
            m.put("pointea_blocks_per_s", blocks / med);
            m.put("pointea_build_s", build);
            if (!peer.isEmpty()) {
                double pm = median(peer);
                m.put("peer_blocks_per_s", blocks / pm);
                m.put("peer_build_s", peerBuild);
                m.put("ratio", pm / med);
            }
            m.putAll(content(scenes, mode));
            sampling.put(mode, m);
        }
        result.put("sampling", sampling);
        result.put("tiling", tiling());
        double[] load1 = loadAverage();
        result.put("load_before", load0[0]);
        result.put("load_after", load1[0]);
        if (json) {
            out.println(org.pointea.eval.MetricsJson.toJson(result));
        } else {
            out.println(table(result));
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Draws {@code blocks} crops over the rooms (rooms picked by their points) and gathers their xyz. */
    private long sample(List<PointCloud> scenes, List<BlockSampler> samplers, int round) {
        double[] cum = new double[scenes.size()];
        double acc = 0;
        for (int r = 0; r < scenes.size(); r++) {
            acc += scenes.get(r).size();
            cum[r] = acc;
        }
        float[] in = new float[3 * points];
        SceneStats[] stats = new SceneStats[scenes.size()];
        for (int r = 0; r < scenes.size(); r++) {
            stats[r] = SceneStats.of(scenes.get(r));
        }
        long t0 = System.nanoTime();
        for (int b = 0; b < blocks; b++) {
            UniformRandomProvider rng = RandomStreams.of(round, b);
            double u = rng.nextDouble() * acc;
            int r = 0;
            while (cum[r] < u) {
                r++;
            }
            Block block = samplers.get(r).sample(rng);
            BlockFeatures.XYZ.write(scenes.get(r), stats[r], block.indices(), block.size(), block.centerX(),
                    block.centerY(), in, 0);
        }
        return System.nanoTime() - t0;
    }

    /** What the crops hold: distinct points, xy extent, and how far their class mix is from the rooms'. */
    private Map<String, Object> content(List<PointCloud> scenes, String mode) {
        int classes = 13;
        long[] sceneClass = new long[classes];
        long[] cropClass = new long[classes];
        List<Double> distinct = new ArrayList<>();
        List<Double> extent = new ArrayList<>();
        List<BlockSampler> samplers = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<float[]> xyzs = new ArrayList<>();
        for (PointCloud s : scenes) {
            float[] xyz = s.positions();
            xyzs.add(xyz);
            labels.add(s.labels());
            samplers.add(mode.equals("column") ? ColumnBlockSampler.of(xyz, s.size(), 1f, points)
                    : KnnCropSampler.of(xyz, s.size(), points));
            for (int l : s.labels()) {
                sceneClass[l]++;
            }
        }
        int draws = Math.min(blocks, 500);
        for (int b = 0; b < draws; b++) {
            UniformRandomProvider rng = RandomStreams.of(99, b);
            int r = rng.nextInt(scenes.size());
            Block block = samplers.get(r).sample(rng);
            distinct.add((double) block.distinct() / block.size());
            float[] xyz = xyzs.get(r);
            float x0 = Float.POSITIVE_INFINITY;
            float x1 = Float.NEGATIVE_INFINITY;
            float y0 = Float.POSITIVE_INFINITY;
            float y1 = Float.NEGATIVE_INFINITY;
            for (int p : block.indices()) {
                x0 = Math.min(x0, xyz[3 * p]);
                x1 = Math.max(x1, xyz[3 * p]);
                y0 = Math.min(y0, xyz[3 * p + 1]);
                y1 = Math.max(y1, xyz[3 * p + 1]);
                cropClass[labels.get(r)[p]]++;
            }
            extent.add((double) Math.max(x1 - x0, y1 - y0));
        }
        double tv = 0;
        long st = Arrays.stream(sceneClass).sum();
        long ct = Arrays.stream(cropClass).sum();
        for (int c = 0; c < classes; c++) {
            tv += Math.abs((double) sceneClass[c] / st - (double) cropClass[c] / ct);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distinct_share_mean", distinct.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        m.put("distinct_share_p10", percentile(distinct, 0.1));
        m.put("xy_extent_p10_m", percentile(extent, 0.1));
        m.put("xy_extent_median_m", percentile(extent, 0.5));
        m.put("xy_extent_p90_m", percentile(extent, 0.9));
        m.put("class_mix_total_variation", tv / 2);
        return m;
    }

    /** The tiling sweep with a network-free model: the cost of cutting, gathering input and voting. */
    private Map<String, Object> tiling() {
        PointCloud scan = SyntheticIndoorScenes.building(21, scanPoints, density);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scan_points", scan.size());
        for (float stride : new float[] {0.5f, 1f}) {
            TileModel zero = new TileModel() {
                private final float[] in = new float[points * 6];

                @Override
                public int numClasses() {
                    return 13;
                }

                @Override
                public int pointsPerTile() {
                    return points;
                }

                @Override
                public int tilesPerCall() {
                    return 8;
                }

                @Override
                public void predict(List<Tile> tiles, float[][] logits) {
                    for (int t = 0; t < tiles.size(); t++) {
                        Tile tile = tiles.get(t);
                        BlockFeatures.of(true, false, false).write(tile.scene(), tile.stats(), tile.indices(),
                                tile.size(), tile.centerX(), tile.centerY(), in, 0);
                        Arrays.fill(logits[t], 0f);
                        for (int q = 0; q < points; q++) {
                            logits[t][q * 13 + (in[6 * q + 2] < 0.1f ? 1 : 2)] = 1f;
                        }
                    }
                }
            };
            List<Double> times = new ArrayList<>();
            TiledSegmentation.Result r = null;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                r = TiledSegmentation.run(scan, zero, TilingOptions.DEFAULT.withStride(stride));
                times.add((System.nanoTime() - t0) / 1e9);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seconds", median(times));
            s.put("points_per_s", scan.size() / median(times));
            s.put("passes", r.stats().passes());
            s.put("padded_share", (double) r.stats().paddedPoints() / (r.stats().passes() * points));
            s.put("peak_vote_mb", r.stats().peakVoteBytes() / 1e6);
            s.put("peak_band_share", (double) r.stats().peakBandPoints() / scan.size());
            m.put("stride_" + stride, s);
        }
        return m;
    }

    private Map<String, Double> peer(String mode, List<String> files, int round) throws IOException,
            InterruptedException {
        Path script = Peers.script("scene_blocks.py").orElse(null);
        if (script == null || Peers.missing(python, "numpy", "scipy").isPresent()) {
            log.println("peer skipped: scene_blocks.py or numpy/scipy missing");
            noPeer = true;
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--mode", mode, "--points",
                Integer.toString(points), "--blocks", Integer.toString(blocks), "--seed", Integer.toString(round)));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line;
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                last = line;
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IOException("the peer failed: " + last);
        }
        var node = org.pointea.eval.MetricsJson.mapper().readTree(last);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("seconds", node.get("seconds").asDouble());
        m.put("build_seconds", node.get("build_seconds").asDouble());
        return m;
    }

    @SuppressWarnings("unchecked")
    private String table(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "training crops of %d points from %d rooms (%,d points), %d crops x %d rounds"
                + ", median%n", points, rooms, (Long) r.get("room_points"), blocks, rounds));
        sb.append(String.format(Locale.ROOT, "%-7s %12s %12s %7s %9s %9s %9s %11s %8s%n", "crop", "pointea/s", "peer/s",
                "ratio", "build s", "distinct", "p10 dist", "extent m", "mix TV"));
        for (var e : ((Map<String, Object>) r.get("sampling")).entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            sb.append(String.format(Locale.ROOT, "%-7s %12.0f %12s %7s %9.3f %9.3f %9.3f %4.2f-%4.2f %8.3f%n", e.getKey(),
                    (Double) m.get("pointea_blocks_per_s"),
                    m.containsKey("peer_blocks_per_s") ? String.format(Locale.ROOT, "%.0f", m.get("peer_blocks_per_s"))
                            : "-",
                    m.containsKey("ratio") ? String.format(Locale.ROOT, "%.1f", m.get("ratio")) : "-",
                    (Double) m.get("pointea_build_s"), (Double) m.get("distinct_share_mean"),
                    (Double) m.get("distinct_share_p10"), (Double) m.get("xy_extent_p10_m"),
                    (Double) m.get("xy_extent_p90_m"), (Double) m.get("class_mix_total_variation")));
        }
        Map<String, Object> t = (Map<String, Object>) r.get("tiling");
        sb.append(String.format(Locale.ROOT, "%ntiling and voting without a network, %,d-point scan%n",
                (Integer) t.get("scan_points")));
        for (var e : t.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                sb.append(String.format(Locale.ROOT, "%-11s %8.2f s %,12.0f points/s %7d passes, %4.1f %% padding,"
                        + " votes %.1f MB (%.1f %% of the scan)%n", e.getKey(), m.get("seconds"), m.get("points_per_s"),
                        m.get("passes"), 100 * (Double) m.get("padded_share"), m.get("peak_vote_mb"),
                        100 * (Double) m.get("peak_band_share")));
            }
        }
        sb.append(String.format(Locale.ROOT, "load average %.1f -> %.1f", r.get("load_before"), r.get("load_after")));
        return sb.toString();
    }

    private static double median(List<Double> v) {
        return percentile(v, 0.5);
    }

    private static double percentile(List<Double> v, double q) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a[(int) Math.min(a.length - 1, Math.floor(q * (a.length - 1) + 0.5))];
    }

    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }
}
