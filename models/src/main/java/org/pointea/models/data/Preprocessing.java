package org.pointea.models.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import org.pointea.io.dataset.Subsampling;

/**
 * What a model expects done to a cloud before it sees it, recorded in the model directory so that a
 * predictor repeats the training pipeline: reduce the cloud to the network's number of points with
 * {@code sampling}, then apply {@code normalization}. Only positions (x, y, z) are input.
 *
 * @param sampling      how clouds were reduced to the network's points in training
 * @param normalization how positions were normalised
 */
public record Preprocessing(Subsampling sampling, Normalization normalization) {

    /** Position normalisation. */
    public enum Normalization {
        /** Centre on the centroid and scale into the unit sphere (PointNet++'s {@code pc_normalize}). */
        UNIT_SPHERE,
        /** Positions used as given. */
        NONE;

        /** The lower-case name used in {@code model.json}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates. */
    public Preprocessing {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(normalization, "normalization");
    }

    /** Farthest-point sampling, unit-sphere normalisation. */
    public static Preprocessing fpsUnitSphere() {
        return new Preprocessing(Subsampling.FPS, Normalization.UNIT_SPHERE);
    }

    /** The {@code preprocessing} object of {@code model.json}. */
    public ObjectNode toJson() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("inputs", "xyz");
        p.put("sampling", sampling.name().toLowerCase(Locale.ROOT));
        p.put("normalization", normalization.id());
        return p;
    }
}
