package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The on-disk layouts of labelled scene scans that pointea reads, with where each comes from and
 * how to recognise it in a folder.
 *
 * <p>{@link #detect(Path)} looks at the folder and, if it holds none, at the known folders inside
 * it ({@code Stanford3dDataset_v1.2_Aligned_Version/}, {@code s3dis/}, {@code data/}, ...).
 */
public enum SceneLayout {
    /** Stanford S3DIS: {@code Area_N/<room>/Annotations/<class>_<i>.txt}, 13 classes. */
    S3DIS("S3DIS (Stanford 3D Indoor Scenes), aligned version",
            "Stanford3dDataset_v1.2_Aligned_Version.zip",
            "http://buildingparser.stanford.edu/dataset.html (a form gives the download link; the archive PointNet,"
                    + " PointNet++ and Pointcept read)",
            "about 4 GB; 6 areas, 272 rooms, 273 M points, x y z r g b text",
            "Stanford3dDataset_v1.2_Aligned_Version",
            List.of("Area_1/ ... Area_6/            one folder per area",
                    "Area_N/<room>/<room>.txt        the room's points, lines 'x y z r g b' (not read: unlabelled)",
                    "Area_N/<room>/Annotations/<class>_<i>.txt   instance i of class, same line format",
                    "classes: " + String.join(", ", SceneClasses.S3DIS) + " (others, e.g. stairs, count as clutter)")),
    /** Any labelled scans: files pointea reads with a per-point label, a class list and split lists. */
    LABELLED_SCANS("labelled scans (classes.txt + split lists)",
            null, null, "your own annotated scans",
            null,
            List.of("classes.txt        one class per line: '<id> <name>' or '<name>' (id = line order among classes);"
                            + " a class named ignore or unlabelled marks points that are not scored",
                    "train.txt, val.txt, test.txt   one scan per line, a path relative to this folder (val optional)",
                    "the scans: .ply, .pcd, .npy or text (.txt, .xyz, .csv, .pts) with a per-point label field"
                            + " (PLY/PCD 'label', a text header column 'label' or 'class', or --columns / --label-field)"));

    private static final Pattern AREA = Pattern.compile("Area_\\d+");

    /** Folder names the detector descends into. */
    private static final List<String> KNOWN_FOLDERS = List.of("Stanford3dDataset_v1.2_Aligned_Version",
            "Stanford3dDataset_v1.2", "s3dis", "S3DIS", "data");

    private final String title;
    private final String archive;
    private final String url;
    private final String note;
    private final String folder;
    private final List<String> expected;

    SceneLayout(String title, String archive, String url, String note, String folder, List<String> expected) {
        this.title = title;
        this.archive = archive;
        this.url = url;
        this.note = note;
        this.folder = folder;
        this.expected = expected;
    }

    /** Returns a human-readable name. */
    public String title() {
        return title;
    }

    /** Returns the archive's file name, or empty for a layout of one's own data. */
    public Optional<String> archive() {
        return Optional.ofNullable(archive);
    }

    /** Returns where the archive is obtained, or empty. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** Returns the archive's size and content, or what the data is. */
    public String note() {
        return note;
    }

    /** Returns the folder the archive unpacks to, or empty. */
    public Optional<String> folder() {
        return Optional.ofNullable(folder);
    }

    /** Returns the files this layout expects, one description per line. */
    public List<String> expectedFiles() {
        return expected;
    }

    /**
     * Finds the scene layout of a folder: the folder itself, or a known folder inside it (two
     * levels at most).
     *
     * @param dir the folder
     * @return where the dataset is and its layout, or empty
     * @throws IOException when a folder cannot be listed
     */
    public static Optional<Location> detect(Path dir) throws IOException {
        return detect(dir, 2);
    }

    private static Optional<Location> detect(Path dir, int depth) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(dir.resolve("classes.txt"))
                && (Files.isRegularFile(dir.resolve("train.txt")) || Files.isRegularFile(dir.resolve("test.txt")))) {
            return Optional.of(new Location(dir, LABELLED_SCANS));
        }
        if (hasArea(dir)) {
            return Optional.of(new Location(dir, S3DIS));
        }
        if (depth > 0) {
            for (String name : KNOWN_FOLDERS) {
                Optional<Location> found = detect(dir.resolve(name), depth - 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** True when the folder has an {@code Area_N} folder holding a room with an {@code Annotations} folder. */
    private static boolean hasArea(Path dir) throws IOException {
        try (DirectoryStream<Path> areas = Files.newDirectoryStream(dir,
                p -> AREA.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))) {
            for (Path area : areas) {
                try (DirectoryStream<Path> rooms = Files.newDirectoryStream(area, Files::isDirectory)) {
                    for (Path room : rooms) {
                        if (Files.isDirectory(room.resolve("Annotations"))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Where a scene dataset was found.
     *
     * @param root the folder holding the layout's files
     * @param layout the layout
     */
    public record Location(Path root, SceneLayout layout) {
    }
}
