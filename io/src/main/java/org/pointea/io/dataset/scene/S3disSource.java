package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.Split;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.pointcloud.PointCloud;

/**
 * S3DIS: {@code Area_N/<room>/Annotations/<class>_<i>.txt}, read as PointNet's
 * {@code collect_indoor3d_data.py} reads it: a room is the union of its annotation files, each
 * point labelled with its file's class (a class outside the 13, such as {@code stairs}, counts as
 * clutter) and numbered with its instance. The room's own {@code <room>.txt} holds no labels and
 * is not read.
 *
 * <p>Splits: the test area's rooms are {@code TEST}, every other area's {@code TRAINVAL};
 * {@code VAL} is a hashed share of those ({@link SceneSplits}), {@code TRAIN} the rest.
 */
final class S3disSource implements SceneSource {
    private static final Pattern AREA = Pattern.compile("Area_(\\d+)");
    private static final Pattern ANNOTATION = Pattern.compile("(.+)_(\\d+)\\.txt");
    private static final TextLayout LINES = TextLayout.parse("x y z r g b")
            .withDelimiter(TextLayout.Delimiter.WHITESPACE).withColorRange(TextLayout.ColorRange.BYTE);

    private final Path root;
    private final int testArea;
    private final double validationFraction;

    S3disSource(Path root, int testArea, double validationFraction) {
        this.root = root;
        this.testArea = testArea;
        this.validationFraction = validationFraction;
    }

    @Override
    public SceneLayout layout() {
        return SceneLayout.S3DIS;
    }

    @Override
    public List<String> classNames() {
        return SceneClasses.S3DIS;
    }

    @Override
    public String parameters() {
        return "s3dis annotations, x y z r g b, unknown classes as clutter";
    }

    /** Returns the areas present, by number. */
    Map<Integer, Path> areas() throws IOException {
        Map<Integer, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path p : s) {
                Matcher m = AREA.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).length() < 6) {
                    out.put(Integer.parseInt(m.group(1)), p);
                }
            }
        }
        return out;
    }

    /** Returns the rooms of an area: its folders holding an {@code Annotations} folder, by name. */
    static List<Path> rooms(Path area) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(area, Files::isDirectory)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p.resolve("Annotations"))) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Returns a room's annotation files, by name, skipping hidden files (such as macOS's {@code ._x}). */
    static List<Path> annotations(Path room) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(room.resolve("Annotations"), "*.txt")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<SceneEntry> entries(Split split) throws IOException {
        Map<Integer, Path> areas = areas();
        if (split == Split.TEST && !areas.containsKey(testArea)) {
            throw new DatasetNotFoundException("S3DIS at " + root + " has no Area_" + testArea + " (the test area; found "
                    + areas.keySet() + "). Unpack the whole archive, or choose another test area (--test-area).",
                    root, List.of(root.resolve("Area_" + testArea)));
        }
        List<SceneEntry> trainval = new ArrayList<>();
        List<SceneEntry> test = new ArrayList<>();
        for (Map.Entry<Integer, Path> a : areas.entrySet()) {
            for (Path room : rooms(a.getValue())) {
                String id = a.getValue().getFileName() + "/" + room.getFileName();
                SceneEntry e = new SceneEntry(id, annotations(room));
                (a.getKey() == testArea ? test : trainval).add(e);
            }
        }
        if (split == Split.TEST) {
            return test;
        }
        if (split == Split.TRAINVAL) {
            return trainval;
        }
        Set<String> val = SceneSplits.validation(trainval.stream().map(SceneEntry::id).toList(), validationFraction);
        return trainval.stream().filter(e -> val.contains(e.id()) == (split == Split.VAL)).toList();
    }

    @Override
    public PointCloud read(SceneEntry entry) throws IOException {
        List<PointCloud> parts = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        int total = 0;
        for (Path f : entry.files()) {
            Matcher m = ANNOTATION.matcher(f.getFileName().toString());
            String cls = m.matches() ? m.group(1) : f.getFileName().toString().replaceFirst("\\.txt$", "");
            int instance = m.matches() && m.group(2).length() < 9 ? Integer.parseInt(m.group(2)) : 0;
            int label = SceneClasses.S3DIS.indexOf(cls);
            if (label < 0) {
                label = SceneClasses.S3DIS.indexOf(SceneClasses.S3DIS_OTHER);
            }
            PointCloud c = TextReader.read(f, LINES, ReadOptions.DEFAULT);
            parts.add(c);
            meta.add(new int[] {label, instance});
            total = Math.addExact(total, c.size());
        }
        float[] xyz = new float[3 * total];
        float[] rgb = new float[3 * total];
        int[] labels = new int[total];
        int[] instances = new int[total];
        int at = 0;
        for (int k = 0; k < parts.size(); k++) {
            PointCloud c = parts.get(k);
            int n = c.size();
            c.copyPositions(xyz, 3 * at);
            if (c.hasColors()) {
                System.arraycopy(c.colors(), 0, rgb, 3 * at, 3 * n);
            }
            java.util.Arrays.fill(labels, at, at + n, meta.get(k)[0]);
            java.util.Arrays.fill(instances, at, at + n, meta.get(k)[1]);
            at += n;
        }
        return PointCloud.builder(xyz).colors(rgb, 3).labels(labels)
                .intChannel(SceneClasses.INSTANCE, 1, instances).build();
    }
}
