package org.pointea.models.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tensor shapes a weights file holds, read from its entries' headers before any network is
 * built, and the mismatches a {@link NetworkConfig} finds against them.
 *
 * <pre>{@code
 * WeightShapes w = new WeightShapes(Npz.shapes(file));
 * config.checkWeights(w);
 * if (!w.mismatches().isEmpty()) { ... }
 * }</pre>
 */
public final class WeightShapes {
    private final Map<String, long[]> shapes;
    private final List<String> mismatches = new ArrayList<>();

    /**
     * Wraps the shapes of a weights file.
     *
     * @param shapes entry name to shape
     */
    public WeightShapes(Map<String, long[]> shapes) {
        this.shapes = Map.copyOf(shapes);
    }

    /**
     * Records a mismatch unless {@code tensor} exists with exactly the shape {@code want}.
     *
     * @param field  the configuration field that sizes the tensor (named in the message)
     * @param tensor the entry name
     * @param want   the shape the configuration implies
     * @return this
     */
    public WeightShapes expect(String field, String tensor, long... want) {
        long[] have = shapes.get(tensor);
        if (have == null) {
            mismatches.add("model.config." + field + " sizes " + tensor + ", which the weights lack");
        } else if (!Arrays.equals(have, want)) {
            mismatches.add("model.config." + field + " makes " + tensor + " " + Arrays.toString(want)
                    + ", the weights hold " + Arrays.toString(have));
        }
        return this;
    }

    /**
     * Like {@link #expect}, for the first entry (in name order) whose name starts with
     * {@code prefix} and ends with {@code suffix}.
     *
     * @param field  the configuration field that sizes the tensor
     * @param prefix the start of the entry name
     * @param suffix the end of the entry name
     * @param want   the shape the configuration implies
     * @return this
     */
    public WeightShapes expectFirst(String field, String prefix, String suffix, long... want) {
        String key = shapes.keySet().stream().filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
                .sorted().findFirst().orElse(null);
        if (key == null) {
            mismatches.add("model.config." + field + " sizes " + prefix + "*" + suffix + ", which the weights lack");
            return this;
        }
        return expect(field, key, want);
    }

    /** The mismatches recorded so far, one printable phrase each. */
    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }
}
