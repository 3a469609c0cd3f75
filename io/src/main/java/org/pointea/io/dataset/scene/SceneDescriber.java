package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.Split;
import org.pointea.pointcloud.PointCloud;

/**
 * Describes a scene dataset folder without building a cache: the layout, the classes, the scenes
 * of each split, S3DIS's object instances per class (from the annotation file names, no parsing)
 * and the points per class of a few scenes.
 *
 * <pre>{@code
 * System.out.print(SceneDescriber.describe(Path.of("data/Stanford3dDataset_v1.2_Aligned_Version"), 2, 5).toText());
 * }</pre>
 */
public final class SceneDescriber {
    /** Scenes read for the statistics by default. */
    public static final int DEFAULT_SCAN = 2;

    private static final Pattern ANNOTATION = Pattern.compile("(.+)_(\\d+)\\.txt");

    private SceneDescriber() {
    }

    /**
     * Describes a folder.
     *
     * @param dir the folder
     * @param scan how many test scenes to read for point statistics (0: none)
     * @param testArea S3DIS's test area
     * @return the description
     * @throws IOException when the folder holds no scene layout or cannot be read
     */
    public static SceneDescription describe(Path dir, int scan, int testArea) throws IOException {
        SceneLayout.Location loc = SceneLayout.detect(dir).orElseThrow(() -> new DatasetNotFoundException(
                "No scene dataset at " + dir + " (S3DIS Area_N folders, or classes.txt with train.txt / test.txt)",
                dir, List.of(dir)));
        SceneSource src;
        List<String> classes;
        List<Integer> ignored = List.of();
        Map<String, Integer> instances = new LinkedHashMap<>();
        List<SceneDescription.SplitInfo> splits = new ArrayList<>();
        if (loc.layout() == SceneLayout.S3DIS) {
            S3disSource s3 = new S3disSource(loc.root(), testArea, 0.1);
            src = s3;
            classes = SceneClasses.S3DIS;
            Map<String, Integer> counts = new TreeMap<>();
            List<Integer> trainAreas = new ArrayList<>();
            int testRooms = 0;
            int otherRooms = 0;
            for (Map.Entry<Integer, Path> a : s3.areas().entrySet()) {
                List<Path> rooms = S3disSource.rooms(a.getValue());
                if (a.getKey() == testArea) {
                    testRooms = rooms.size();
                } else {
                    trainAreas.add(a.getKey());
                    otherRooms += rooms.size();
                }
                for (Path room : rooms) {
                    for (Path f : S3disSource.annotations(room)) {
                        Matcher m = ANNOTATION.matcher(f.getFileName().toString());
                        String cls = m.matches() ? m.group(1) : f.getFileName().toString();
                        counts.merge(cls, 1, Integer::sum);
                    }
                }
            }
            for (String c : SceneClasses.S3DIS) {
                if (counts.containsKey(c)) {
                    instances.put(c, counts.remove(c));
                }
            }
            counts.forEach((c, n) -> instances.put(c + " (as clutter)", n));
            splits.add(new SceneDescription.SplitInfo("trainval", otherRooms, "areas " + trainAreas));
            splits.add(new SceneDescription.SplitInfo("test", testRooms, "area " + testArea
                    + (testRooms == 0 ? ", missing" : "")));
        } else {
            LabelledScanSource ls = new LabelledScanSource(loc.root(), null, null, 0.1);
            src = ls;
            ClassList cl = ls.classList();
            classes = new ArrayList<>();
            int[] ids = cl.ids();
            for (int c = 0; c < cl.size(); c++) {
                classes.add(ids[c] + "=" + cl.names().get(c));
            }
            ignored = new ArrayList<>(new TreeSet<>(cl.ignored()));
            for (Split s : List.of(Split.TRAIN, Split.VAL, Split.TEST)) {
                boolean listed = java.nio.file.Files.isRegularFile(loc.root().resolve(s.id() + ".txt"));
                if (listed || s == Split.VAL) {
                    splits.add(new SceneDescription.SplitInfo(s.id(), listed || java.nio.file.Files.isRegularFile(
                            loc.root().resolve("train.txt")) ? src.entries(s).size() : 0,
                            listed ? s.id() + ".txt" : "10 % of train.txt, by a hash of the names"));
                }
            }
        }
        long points = 0;
        Map<String, Long> perClass = new LinkedHashMap<>();
        List<String> channels = new ArrayList<>();
        int scanned = 0;
        if (scan > 0) {
            List<SceneEntry> entries = new ArrayList<>();
            for (Split s : List.of(Split.TEST, Split.TRAINVAL)) {
                try {
                    entries.addAll(src.entries(s));
                } catch (DatasetNotFoundException e) {
                    // a split that is not there: describe the others
                }
            }
            for (SceneEntry e : entries.subList(0, Math.min(scan, entries.size()))) {
                PointCloud c = src.read(e);
                scanned++;
                points += c.size();
                for (int l : c.labels()) {
                    String name = l < 0 ? "unlabelled" : src.classNames().get(l);
                    perClass.merge(name, 1L, Long::sum);
                }
                if (channels.isEmpty()) {
                    channels.addAll(c.channelNames());
                }
            }
        }
        return new SceneDescription(loc.root().toString(), loc.layout().name(), loc.layout().title(), classes, ignored,
                splits, instances, scanned, points, perClass, channels);
    }
}
