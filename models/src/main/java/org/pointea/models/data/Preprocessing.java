package org.pointea.models.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import org.pointea.io.dataset.Subsampling;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.Subsample;
import org.pointea.pointcloud.transform.Transforms;

/**
 * What a model expects done to a cloud before it sees it, recorded in the model directory so that a
 * predictor repeats the training pipeline: reduce the cloud to the network's number of points with
 * {@code sampling}, then apply {@code normalization}. Only positions (x, y, z) are input. As a
 * transform ({@link #transform(int)}) it prints as, e.g., {@code Compose([Subsample(512, fps),
 * NormalizeToUnitSphere()])}: the text a model directory records, in the transforms' own grammar
 * ({@link Transforms#parse}).
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

    /** The transform of a network taking {@code points} points: {@link Subsample}, then the normalisation. */
    public PointTransform transform(int points) {
        Subsample sample = new Subsample(points, sampling.method());
        return switch (normalization) {
            case UNIT_SPHERE -> Compose.of(sample, new NormalizeToUnitSphere());
            case NONE -> sample;
        };
    }

    /**
     * The preprocessing a transform describes ({@link #transform(int)}'s inverse).
     *
     * @param t       a {@link Subsample}, alone or followed by {@link NormalizeToUnitSphere}
     * @param points  the network's points (the subsample's count must equal it)
     * @throws IllegalArgumentException for another pipeline
     */
    public static Preprocessing of(PointTransform t, int points) {
        java.util.List<PointTransform> steps = t instanceof Compose c ? c.transforms() : java.util.List.of(t);
        if (steps.isEmpty() || steps.size() > 2 || !(steps.get(0) instanceof Subsample sample)
                || (steps.size() == 2 && !(steps.get(1) instanceof NormalizeToUnitSphere))) {
            throw new IllegalArgumentException("'" + t + "' is not a Subsample followed by an optional "
                    + "NormalizeToUnitSphere()");
        }
        if (sample.count() != points) {
            throw new IllegalArgumentException("'" + t + "' samples " + sample.count() + " points, the network takes "
                    + points);
        }
        return new Preprocessing(Subsampling.valueOf(sample.method().name()),
                steps.size() == 2 ? Normalization.UNIT_SPHERE : Normalization.NONE);
    }

    /** The {@code preprocessing} object of {@code model.json}, for a network taking {@code points} points. */
    public ObjectNode toJson(int points) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("inputs", "xyz");
        p.put("sampling", sampling.name().toLowerCase(Locale.ROOT));
        p.put("normalization", normalization.id());
        p.put("transform", transform(points).toString());
        return p;
    }
}
