package org.pointea.models.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.network.Architectures;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.ModelTasks;

/**
 * Everything needed to rebuild a trained network and feed it, as stored in a model directory's
 * {@code model.json}: the task, a variant name ({@code pct}, {@code light}...), the network's
 * complete configuration (a {@link NetworkConfig} record, mixer included, stored under its
 * architecture's name), the label names (classes, or the 16 ShapeNet-part categories) and the
 * {@link Preprocessing}.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.of("light", PctClassifierConfig.light(10), classNames,
 *     Preprocessing.fpsUnitSphere());
 * ObjectNode json = spec.toJson();
 * List<String> diff = saved.differences(spec);   // ["config.mixer.kind: external vs ufo", ...]
 * }</pre>
 *
 * @param task          what the network solves (its head's task)
 * @param variant       the preset the configuration came from ({@code pct}, {@code light}) or {@code custom}
 * @param config        the network's configuration
 * @param labels        class names (index = class) or category names (index = category id)
 * @param preprocessing what to do to a cloud before the network
 */
public record ModelSpec(ModelTask task, String variant, NetworkConfig config, List<String> labels,
                        Preprocessing preprocessing) {

    /** Validates. */
    public ModelSpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(preprocessing, "preprocessing");
        labels = List.copyOf(labels);
        if (!config.task().equals(task.id())) {
            throw new IllegalArgumentException("the network " + config.architecture() + " is for the task "
                    + config.task() + ", not " + task.id());
        }
        if (!(config instanceof Record)) {
            throw new IllegalArgumentException("a network configuration must be a record, got "
                    + config.getClass().getName());
        }
        task.checkLabels(config, labels);
    }

    /**
     * A spec for a network, its task taken from the network.
     *
     * @throws IllegalArgumentException when the network's task is not registered or the labels do not fit
     */
    public static ModelSpec of(String variant, NetworkConfig config, List<String> labels,
                               Preprocessing preprocessing) {
        ModelTask task = ModelTasks.byId(config.task());
        if (task == null) {
            throw new IllegalArgumentException("no task '" + config.task() + "' is registered; known: "
                    + ModelTasks.describeAll());
        }
        return new ModelSpec(task, variant, config, labels, preprocessing);
    }

    /** Points per cloud the network takes. */
    public int points() {
        return config.points();
    }

    /** Output width per row: classes, or parts per point. */
    public int outputs() {
        return config.outputs();
    }

    /** The network's architecture name in {@code model.json} ({@code pct_classifier}, {@code pct_segmenter}). */
    public String architecture() {
        return config.architecture();
    }

    /** A copy with another variant name. */
    public ModelSpec withVariant(String v) {
        return new ModelSpec(task, v, config, labels, preprocessing);
    }

    /** The {@code model} object of {@code model.json}. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("task", task.id());
        o.put("architecture", architecture());
        o.put("variant", variant);
        o.set("config", recordToJson((Record) config));
        ArrayNode l = o.putArray("labels");
        labels.forEach(l::add);
        o.set("preprocessing", preprocessing.toJson(config.points()));
        return o;
    }

    /**
     * Reads the {@code model} object of a {@code model.json}.
     *
     * @param node the object
     * @param file the file it came from (for messages)
     * @return the spec
     * @throws ModelFormatException when a field is missing or invalid
     */
    public static ModelSpec fromJson(JsonNode node, Path file) throws ModelFormatException {
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(file, "no \"model\" object");
        }
        String taskName = text(node, "task", file);
        ModelTask task = ModelTasks.byId(taskName);
        if (task == null) {
            throw new ModelFormatException(file, "model.task '" + taskName + "' is not a task this pointea knows ("
                    + ModelTasks.describeAll() + ")");
        }
        String arch = text(node, "architecture", file);
        Class<? extends NetworkConfig> type = Architectures.configType(arch);
        if (type == null) {
            throw new ModelFormatException(file, "model.architecture '" + arch + "' is not a network this pointea "
                    + "knows (" + String.join(", ", Architectures.all().keySet()) + ")");
        }
        String variant = text(node, "variant", file);
        JsonNode labelsNode = node.get("labels");
        if (labelsNode == null || !labelsNode.isArray()) {
            throw new ModelFormatException(file, "model.labels missing or not a list");
        }
        List<String> labels = new ArrayList<>();
        labelsNode.forEach(n -> labels.add(n.asText()));
        Preprocessing pre = preprocessing(node.get("preprocessing"), file);
        JsonNode config0 = node.get("config");
        @SuppressWarnings({"unchecked", "rawtypes"})
        NetworkConfig config = (NetworkConfig) recordFromJson((Class) type, config0, "model.config", file);
        checkTransform(node.get("preprocessing"), pre, config.points(), file);
        if (!config.task().equals(task.id())) {
            throw new ModelFormatException(file, "model.architecture '" + arch + "' is for " + config.task()
                    + ", not for " + taskName);
        }
        try {
            return new ModelSpec(task, variant, config, labels, pre);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid model: " + e.getMessage());
        }
    }

    /**
     * A recorded transform (written since the redesign; older directories have none) must be the
     * one the sampling and normalisation fields describe.
     */
    private static void checkTransform(JsonNode pre, Preprocessing p, int points, Path file)
            throws ModelFormatException {
        JsonNode t = pre.get("transform");
        if (t == null || t.isNull()) {
            return;
        }
        Preprocessing described;
        try {
            described = Preprocessing.of(org.pointea.pointcloud.transform.Transforms.parse(t.asText()), points);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "model.preprocessing.transform: " + e.getMessage());
        }
        if (!described.equals(p)) {
            throw new ModelFormatException(file, "model.preprocessing.transform '" + t.asText() + "' disagrees with "
                    + "its sampling '" + p.sampling().name().toLowerCase(Locale.ROOT) + "' and normalization '"
                    + p.normalization().id() + "'");
        }
    }

    private static Preprocessing preprocessing(JsonNode pre, Path file) throws ModelFormatException {
        if (pre == null || !pre.isObject()) {
            throw new ModelFormatException(file, "model.preprocessing missing");
        }
        String inputs = text(pre, "inputs", file);
        if (!inputs.equals("xyz")) {
            throw new ModelFormatException(file, "model.preprocessing.inputs '" + inputs + "' is not supported (xyz)");
        }
        Subsampling sampling = parseEnum(Subsampling.class, text(pre, "sampling", file), "model.preprocessing.sampling",
                file);
        Preprocessing.Normalization norm = parseEnum(Preprocessing.Normalization.class,
                text(pre, "normalization", file), "model.preprocessing.normalization", file);
        return new Preprocessing(sampling, norm);
    }

    /**
     * The differences between this (saved) spec and another (requested) one, one
     * {@code field: saved vs requested} entry per differing field; empty when they agree.
     */
    public List<String> differences(ModelSpec requested) {
        return JsonDiff.of(toJson(), requested.toJson());
    }

    private static String text(JsonNode n, String field, Path file) throws ModelFormatException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ModelFormatException(file, "field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field, Path file)
            throws ModelFormatException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ModelFormatException(file, field + " '" + value + "' is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }

    /** A record of numbers, booleans, enums and nested records as a JSON object with snake_case keys. */
    static ObjectNode recordToJson(Record r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            String key = snake(c.getName());
            if (v instanceof Integer i) {
                o.put(key, i);
            } else if (v instanceof Long l) {
                o.put(key, l);
            } else if (v instanceof Double d) {
                o.put(key, d);
            } else if (v instanceof Boolean b) {
                o.put(key, b);
            } else if (v instanceof Enum<?> e) {
                o.put(key, e.name().toLowerCase(Locale.ROOT));
            } else if (v instanceof Record nested) {
                o.set(key, recordToJson(nested));
            } else {
                throw new IllegalStateException("unsupported field type " + c.getType() + " of " + c.getName());
            }
        }
        return o;
    }

    /** Inverse of {@link #recordToJson}: every component must be present. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <R extends Record> R recordFromJson(Class<R> type, JsonNode node, String path, Path file)
            throws ModelFormatException {
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(file, path + " missing or not an object");
        }
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String key = snake(c.getName());
            JsonNode v = node.get(key);
            String where = path + "." + key;
            if (v == null || v.isNull()) {
                throw new ModelFormatException(file, where + " missing");
            }
            Class<?> t = c.getType();
            if (t == int.class) {
                if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                    throw new ModelFormatException(file, where + " is not an integer: " + v);
                }
                args[i] = v.intValue();
            } else if (t == long.class) {
                if (!v.isIntegralNumber()) {
                    throw new ModelFormatException(file, where + " is not an integer: " + v);
                }
                args[i] = v.longValue();
            } else if (t == double.class) {
                if (!v.isNumber()) {
                    throw new ModelFormatException(file, where + " is not a number: " + v);
                }
                args[i] = v.doubleValue();
            } else if (t == boolean.class) {
                if (!v.isBoolean()) {
                    throw new ModelFormatException(file, where + " is not true or false: " + v);
                }
                args[i] = v.booleanValue();
            } else if (t.isEnum()) {
                args[i] = parseEnum((Class) t, v.asText(), where, file);
            } else if (t.isRecord()) {
                args[i] = recordFromJson((Class) t, v, where, file);
            } else {
                throw new IllegalStateException("unsupported field type " + t + " of " + c.getName());
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new ModelFormatException(file, path + " is invalid: " + iae.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }
}
