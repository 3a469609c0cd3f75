package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.source.ListFiles;

/**
 * The {@code classes.txt} of a labelled-scan folder (and of a segmentation model's output): which label value in the scans is which
 * class.
 *
 * <p>One class per line, either {@code <id> <name>} (the value the scans hold; ids need not be
 * contiguous, e.g. a robot's {@code 0 unlabelled, 10 floor, 20 wall}) or {@code <name>} alone (the
 * id is the line's place among the class lines, from 0); one form per file. Blank lines and lines
 * starting with {@code #} are skipped. A class named {@code ignore}, {@code ignored},
 * {@code unlabelled} or {@code unlabeled} is no class: its points are neither trained on nor
 * scored. Classes are numbered 0.. in line order, ignore lines left out.
 *
 * @param names the class names, by class index
 * @param ids the label value of each class
 * @param ignored the label values of unscored points
 */
public record ClassList(List<String> names, int[] ids, Set<Integer> ignored) {
    private static final Set<String> IGNORE = Set.of("ignore", "ignored", "unlabelled", "unlabeled");

    /** Copies and checks the collections. */
    public ClassList {
        names = List.copyOf(names);
        ids = ids.clone();
        ignored = Set.copyOf(ignored);
        if (names.size() != ids.length) {
            throw new IllegalArgumentException(names.size() + " names for " + ids.length + " ids");
        }
    }

    /**
     * Returns classes numbered by their place in a list (ids 0, 1, ...), nothing ignored.
     *
     * @param names the class names
     * @return the classes
     */
    public static ClassList of(List<String> names) {
        int[] ids = new int[names.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new ClassList(names, ids, Set.of());
    }

    /** Returns the number of classes. */
    public int size() {
        return names.size();
    }

    /** Returns the label value of each class (a copy). */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /**
     * Returns the class index of a label value: its class, -1 for an ignored value.
     *
     * @param value a label value as the scans hold it
     * @return the class index, or -1 when ignored
     * @throws IllegalArgumentException when the value is not listed
     */
    public int indexOf(int value) {
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] == value) {
                return c;
            }
        }
        if (ignored.contains(value)) {
            return SceneClasses.UNLABELLED;
        }
        throw new IllegalArgumentException("label " + value + " is not listed (" + describe() + ")");
    }

    /**
     * Returns the label value of a class index, or the first ignored value (or -1) for a negative
     * index.
     *
     * @param index a class index, or negative for unlabelled
     * @return the label value
     */
    public int idOf(int index) {
        if (index < 0) {
            return ignored.isEmpty() ? SceneClasses.UNLABELLED : new java.util.TreeSet<>(ignored).first();
        }
        return ids[index];
    }

    /** Returns true when every class's id is its index (the values are class indices). */
    public boolean isIdentity() {
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] != c) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a class file.
     *
     * @param file the file
     * @return the classes
     * @throws IOException when it cannot be read, or a {@link PointCloudFormatException} naming the
     *     line of a duplicate, a bad id or mixed forms
     */
    public static ClassList read(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        Set<Integer> ignored = new HashSet<>();
        Set<String> seenNames = new HashSet<>();
        Set<Integer> seenIds = new HashSet<>();
        Boolean withIds = null;
        int position = 0;
        for (ListFiles.Line line : ListFiles.lines(file)) {
            String t = line.text();
            if (t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 2);
            boolean hasId = parts.length == 2 && parts[0].matches("-?\\d{1,9}");
            if (withIds == null) {
                withIds = hasId;
            } else if (withIds != hasId) {
                throw new PointCloudFormatException(file.toString(), line.number(), -1, "'" + t + "': every line must be"
                        + " '<id> <name>' or every line '<name>', not both");
            }
            int id = hasId ? Integer.parseInt(parts[0]) : position;
            String name = hasId ? parts[1].strip() : t;
            position++;
            if (!seenIds.add(id)) {
                throw new PointCloudFormatException(file.toString(), line.number(), -1, "label id " + id
                        + " is listed twice");
            }
            if (IGNORE.contains(name.toLowerCase(Locale.ROOT))) {
                ignored.add(id);
                continue;
            }
            if (!seenNames.add(name)) {
                throw new PointCloudFormatException(file.toString(), line.number(), -1, "class '" + name
                        + "' is listed twice");
            }
            names.add(name);
            ids.add(id);
        }
        if (names.isEmpty()) {
            throw new PointCloudFormatException(file.toString(), -1, -1, "lists no class");
        }
        return new ClassList(names, ids.stream().mapToInt(Integer::intValue).toArray(), ignored);
    }

    /** Returns a map from label value to class index, -1 for ignored values. */
    public Map<Integer, Integer> lookup() {
        Map<Integer, Integer> m = new HashMap<>();
        for (int c = 0; c < ids.length; c++) {
            m.put(ids[c], c);
        }
        for (int id : ignored) {
            m.put(id, SceneClasses.UNLABELLED);
        }
        return m;
    }

    /** Returns a one-line description of the mapping, for the cache key and messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < ids.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(ids[c]).append('=').append(names.get(c));
        }
        if (!ignored.isEmpty()) {
            sb.append("; ignored ").append(new java.util.TreeSet<>(ignored));
        }
        return sb.toString();
    }
}
