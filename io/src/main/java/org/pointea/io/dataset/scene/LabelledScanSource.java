package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.source.ListFiles;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * A folder of one's own labelled scans: {@code classes.txt} ({@link ClassList}), split lists
 * {@code train.txt}, {@code val.txt} (optional), {@code test.txt} naming scan files relative to the
 * folder, and the scans in any format pointea reads with a per-point label.
 *
 * <p>The label is the cloud's {@code label} field (PLY / PCD {@code label}, a text header column
 * {@code label}, {@code class} or {@code seg}), or the field named by {@code labelField} (e.g. a
 * PLY {@code semantic} property or {@code scalar_Classification} from CloudCompare), an integer or
 * whole-valued float field. For text and NPY files {@code columns} names the columns (e.g.
 * {@code x y z r g b label}); without it text files need a header and NPY arrays are read as
 * {@code x y z label} (4 columns) or {@code x y z r g b label} (7, as S3DIS's preprocessed
 * {@code .npy} rooms); other widths need {@code columns}.
 *
 * <p>A path in a list must stay inside the folder: absolute paths and {@code ..} that leave it are
 * refused with the list's file and line. Without {@code val.txt}, {@code VAL} is a hashed share of
 * {@code train.txt} ({@link SceneSplits}).
 */
final class LabelledScanSource implements SceneSource {
    private final Path root;
    private final ClassList classes;
    private final String labelField;
    private final String columns;
    private final double validationFraction;

    LabelledScanSource(Path root, String labelField, String columns, double validationFraction) throws IOException {
        this.root = root;
        this.classes = ClassList.read(root.resolve("classes.txt"));
        this.labelField = labelField;
        this.columns = columns;
        this.validationFraction = validationFraction;
    }

    @Override
    public SceneLayout layout() {
        return SceneLayout.LABELLED_SCANS;
    }

    @Override
    public List<String> classNames() {
        return classes.names();
    }

    /** Returns the class list. */
    ClassList classList() {
        return classes;
    }

    @Override
    public String parameters() {
        return "labelled scans; classes " + classes.describe() + "; label field "
                + (labelField == null ? "label" : labelField) + "; columns " + (columns == null ? "auto" : columns);
    }

    @Override
    public List<SceneEntry> entries(Split split) throws IOException {
        boolean hasVal = Files.isRegularFile(root.resolve("val.txt"));
        return switch (split) {
            case TEST -> list("test.txt");
            case TRAINVAL -> {
                List<SceneEntry> all = new ArrayList<>(list("train.txt"));
                if (hasVal) {
                    all.addAll(list("val.txt"));
                }
                yield all;
            }
            case VAL, TRAIN -> {
                if (hasVal) {
                    yield list(split == Split.VAL ? "val.txt" : "train.txt");
                }
                List<SceneEntry> train = list("train.txt");
                Set<String> val = SceneSplits.validation(train.stream().map(SceneEntry::id).toList(),
                        validationFraction);
                yield train.stream().filter(e -> val.contains(e.id()) == (split == Split.VAL)).toList();
            }
        };
    }

    private List<SceneEntry> list(String name) throws IOException {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException("labelled scans at " + root + " have no " + name + "; "
                    + String.join("; ", SceneLayout.LABELLED_SCANS.expectedFiles()), root, List.of(file));
        }
        List<SceneEntry> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (ListFiles.Line line : ListFiles.lines(file)) {
            if (line.text().startsWith("#")) {
                continue;
            }
            Path scan = ScenePaths.resolveInside(root, line.text(), file, line.number());
            if (!Files.isRegularFile(scan)) {
                missingCount++;
                if (missing.size() < 5) {
                    missing.add(line.text() + " (listed in " + name + ", line " + line.number() + ")");
                }
                continue;
            }
            out.add(new SceneEntry(line.text(), List.of(scan)));
        }
        if (missingCount > 0) {
            throw new DatasetNotFoundException("labelled scans at " + root + " are incomplete: " + missingCount
                    + (missingCount == 1 ? " scan is" : " scans are") + " missing, e.g.:\n  "
                    + String.join("\n  ", missing), root, List.of());
        }
        return out;
    }

    @Override
    public PointCloud read(SceneEntry entry) throws IOException {
        Path file = entry.files().get(0);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        PointCloud raw;
        if (name.endsWith(".npy")) {
            raw = npy(file);
        } else if (columns != null && !name.endsWith(".ply") && !name.endsWith(".pcd")) {
            raw = TextReader.read(file, TextLayout.parse(columns), ReadOptions.DEFAULT);
        } else {
            raw = PointCloudIO.read(file);
        }
        int[] values = labelValues(raw, file);
        Map<Integer, Integer> lookup = classes.lookup();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Integer c = lookup.get(values[i]);
            if (c == null) {
                throw new PointCloudFormatException(file.toString(), -1, -1, "point " + i + " has label " + values[i]
                        + ", which classes.txt does not list (" + classes.describe() + ")");
            }
            labels[i] = c;
        }
        PointCloud.Builder b = PointCloud.builder(raw.positions()).labels(labels);
        if (raw.hasColors()) {
            FloatChannel c = raw.floatChannel(Channel.COLORS);
            if (c.width() == 3) {
                b.colors(c.toArray(), 3);
            } else {
                float[] rgba = c.toArray();
                float[] rgb = new float[3 * raw.size()];
                for (int i = 0; i < raw.size(); i++) {
                    System.arraycopy(rgba, 4 * i, rgb, 3 * i, 3);
                }
                b.colors(rgb, 3);
            }
        }
        if (raw.hasChannel(Channel.INTENSITY)) {
            b.intensity(raw.floatChannel(Channel.INTENSITY).toArray());
        }
        if (raw.hasNormals()) {
            b.normals(raw.normals());
        }
        if (raw.hasChannel(SceneClasses.INSTANCE) && raw.channel(SceneClasses.INSTANCE).get() instanceof IntChannel ic
                && ic.width() == 1) {
            b.intChannel(SceneClasses.INSTANCE, 1, ic.toArray());
        }
        return b.build();
    }

    /** Returns the raw label value of every point, from the label field. */
    private int[] labelValues(PointCloud raw, Path file) throws PointCloudFormatException {
        String field = labelField == null || labelField.equals("label") ? Channel.LABELS : labelField;
        Channel ch = raw.channel(field).orElse(null);
        if (ch == null) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "has no '" + (labelField == null ? "label"
                    : labelField) + "' field (fields: " + String.join(", ", raw.channelNames())
                    + "); name the label field with --label-field, or the columns with --columns");
        }
        if (ch.width() != 1) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "the label field '" + field + "' has "
                    + ch.width() + " values per point, not 1");
        }
        int n = raw.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double v = ch.valueAsDouble(i, 0);
            if (v != Math.rint(v) || Math.abs(v) > 1e9) {
                throw new PointCloudFormatException(file.toString(), -1, -1, "point " + i + " has label " + v
                        + ", not a whole number");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Reads an {@code [N, C]} NPY array through the column names. */
    private PointCloud npy(Path file) throws IOException {
        NpyArray a = NpyReader.readArray(file);
        if (a.rank() != 2 || a.shape()[1] < 4) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "a labelled scan in NPY is an [N, C] array"
                    + " with C >= 4, this one is " + java.util.Arrays.toString(a.shape()));
        }
        int n = a.shape()[0];
        int cols = a.shape()[1];
        List<String> names;
        if (columns != null) {
            names = TextLayout.parse(columns).columns();
        } else if (cols == 4) {
            names = List.of("x", "y", "z", "label");
        } else if (cols == 7) {
            names = List.of("x", "y", "z", "r", "g", "b", "label");
        } else {
            throw new PointCloudFormatException(file.toString(), -1, -1, "has " + cols + " columns; say which is"
                    + " which with --columns, e.g. 'x y z r g b intensity label'");
        }
        if (names.size() != cols) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "has " + cols + " columns, but " + names.size()
                    + " column names were given: " + names);
        }
        float[] xyz = new float[3 * n];
        float[] rgb = null;
        float[] intensity = null;
        int[] label = null;
        double rgbScale = 1;
        for (int c = 0; c < cols; c++) {
            String col = names.get(c).toLowerCase(Locale.ROOT);
            if (col.equals("r") || col.equals("red")) {
                for (int i = 0; i < n; i++) {
                    if (a.valueAsDouble(i * cols + c) > 1) {
                        rgbScale = 1 / 255.0;
                        break;
                    }
                }
            }
        }
        for (int c = 0; c < cols; c++) {
            String col = names.get(c).toLowerCase(Locale.ROOT);
            int axis = switch (col) {
                case "x" -> 0;
                case "y" -> 1;
                case "z" -> 2;
                default -> -1;
            };
            int color = switch (col) {
                case "r", "red" -> 0;
                case "g", "green" -> 1;
                case "b", "blue" -> 2;
                default -> -1;
            };
            for (int i = 0; i < n; i++) {
                double v = a.valueAsDouble(i * cols + c);
                if (axis >= 0) {
                    xyz[3 * i + axis] = (float) v;
                } else if (color >= 0) {
                    if (rgb == null) {
                        rgb = new float[3 * n];
                    }
                    rgb[3 * i + color] = (float) (v * rgbScale);
                } else if (col.equals("intensity")) {
                    if (intensity == null) {
                        intensity = new float[n];
                    }
                    intensity[i] = (float) v;
                } else if (col.equals("label") || col.equals("class") || col.equals(labelField)) {
                    if (label == null) {
                        label = new int[n];
                    }
                    if (v != Math.rint(v) || Math.abs(v) > 1e9) {
                        throw new PointCloudFormatException(file.toString(), -1, -1, "row " + i + " has label " + v
                                + ", not a whole number");
                    }
                    label[i] = (int) v;
                }
            }
        }
        if (label == null) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "no column is the label (columns " + names + ")");
        }
        PointCloud.Builder b = PointCloud.builder(xyz).labels(label);
        if (rgb != null) {
            b.colors(rgb, 3);
        }
        if (intensity != null) {
            b.intensity(intensity);
        }
        return b.build();
    }
}
