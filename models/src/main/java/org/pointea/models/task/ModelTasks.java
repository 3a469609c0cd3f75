package org.pointea.models.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.pointea.io.dataset.Task;

/** The tasks on the class path ({@link ModelTask} services), found by id, alias or dataset kind. */
public final class ModelTasks {
    private static volatile List<ModelTask> all;

    private ModelTasks() {
    }

    /** Every registered task, in discovery order. */
    public static List<ModelTask> all() {
        List<ModelTask> a = all;
        if (a == null) {
            List<ModelTask> found = new ArrayList<>();
            ServiceLoader.load(ModelTask.class, ModelTasks.class.getClassLoader()).forEach(found::add);
            a = Collections.unmodifiableList(found);
            all = a;
        }
        return a;
    }

    /**
     * The task with this id or alias (case-insensitive).
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static ModelTask byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ModelTask t : all()) {
            if (t.id().equals(n) || t.aliases().contains(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected " + describeAll());
    }

    /** The task with exactly this id, or null. */
    public static ModelTask byId(String id) {
        for (ModelTask t : all()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The task that trains on datasets of this kind.
     *
     * @throws IllegalArgumentException when no registered task does
     */
    public static ModelTask forDataset(Task kind) {
        for (ModelTask t : all()) {
            if (t.datasetTask() == kind) {
                return t;
            }
        }
        throw new IllegalArgumentException("no task trains on " + kind.name().toLowerCase(Locale.ROOT)
                + " datasets; known tasks: " + describeAll());
    }

    /** {@code classification (cls), part_segmentation (partseg, seg)}. */
    public static String describeAll() {
        List<String> parts = new ArrayList<>();
        for (ModelTask t : all()) {
            parts.add(t.aliases().isEmpty() ? t.id() : t.id() + " (" + String.join(", ", t.aliases()) + ")");
        }
        return String.join(", ", parts);
    }
}
