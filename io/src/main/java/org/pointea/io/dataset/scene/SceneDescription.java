package org.pointea.io.dataset.scene;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scene dataset folder holds, as {@link SceneDescriber} finds it without building a cache.
 *
 * @param root the dataset folder
 * @param layout the layout's enum name
 * @param layoutTitle its readable name
 * @param classes the class names (with their label ids for labelled scans, e.g. {@code 10=floor})
 * @param ignored label ids of unscored points
 * @param splits the splits, with their scenes
 * @param instances object instances per class, from S3DIS's annotation file names (empty for labelled scans)
 * @param scanned scenes read for the point statistics
 * @param points points in the scanned scenes
 * @param pointsPerClass points per class in the scanned scenes
 * @param channels the channels of the scanned scenes
 */
public record SceneDescription(
        @JsonProperty("root") String root,
        @JsonProperty("layout") String layout,
        @JsonProperty("layout_title") String layoutTitle,
        @JsonProperty("classes") List<String> classes,
        @JsonProperty("ignored") List<Integer> ignored,
        @JsonProperty("splits") List<SplitInfo> splits,
        @JsonProperty("instances") Map<String, Integer> instances,
        @JsonProperty("scanned") int scanned,
        @JsonProperty("points") long points,
        @JsonProperty("points_per_class") Map<String, Long> pointsPerClass,
        @JsonProperty("channels") List<String> channels) {

    /**
     * One split.
     *
     * @param split its name
     * @param scenes number of scenes
     * @param detail how the split is made (e.g. {@code areas 1, 2, 3, 4, 6} or {@code test.txt})
     */
    public record SplitInfo(@JsonProperty("split") String split, @JsonProperty("scenes") int scenes,
            @JsonProperty("detail") String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Returns the description as pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + this, e);
        }
    }

    /** Returns the description as readable text, one fact per line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset   ").append(root).append('\n');
        sb.append("layout    ").append(layoutTitle).append(" [").append(layout).append("]\n");
        sb.append("task      semantic segmentation\n");
        sb.append("classes   ").append(classes.size()).append(": ").append(String.join(", ", classes));
        if (!ignored.isEmpty()) {
            sb.append(" (unscored ids ").append(ignored).append(')');
        }
        sb.append('\n');
        for (SplitInfo s : splits) {
            sb.append(String.format(Locale.ROOT, "%-9s %d scenes (%s)%n", s.split(), s.scenes(), s.detail()));
        }
        if (!instances.isEmpty()) {
            sb.append("instances ").append(instances).append('\n');
        }
        if (scanned > 0) {
            sb.append(String.format(Locale.ROOT, "points    %,d in %d scanned scene(s), %,d per scene; channels %s%n",
                    points, scanned, points / scanned, channels));
            sb.append("per class ").append(pointsPerClass).append('\n');
        }
        return sb.toString();
    }
}
