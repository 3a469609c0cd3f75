package org.pointea.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.FixedPoints;
import org.pointea.pointcloud.transform.Jitter;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.RandomDropout;
import org.pointea.pointcloud.transform.RandomRotate;
import org.pointea.pointcloud.transform.RandomRotateSO3;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.RandomTranslate;
import org.pointea.pointcloud.transform.Shuffle;
import org.pointea.pointcloud.transform.Subsample;
import org.pointea.pointcloud.transform.Transforms;

/**
 * Augmentation pipelines written as text, so that a run stores its augmentation and rebuilds it on
 * resume. The text is a transform in the grammar of the transforms' own {@code toString}
 * ({@link Transforms#parse}), which is also the canonical form stored in {@code run.json}:
 * {@code Compose([RandomScale(0.8, 1.25), RandomTranslate(0.1), Shuffle()])}. Also accepted, and
 * turned into that form: a preset name, or the short comma-separated steps of the command line
 * (and of runs written before this grammar):
 *
 * <table>
 *   <caption>short steps</caption>
 *   <tr><td>{@code dropout(r)}</td><td>{@link RandomDropout}: ratio U(0, r), dropped points copy point 0</td></tr>
 *   <tr><td>{@code scale(a,b)}</td><td>{@link RandomScale}: per-axis factor U(a, b)</td></tr>
 *   <tr><td>{@code translate(t)}</td><td>{@link RandomTranslate}: per-axis shift U(−t, t)</td></tr>
 *   <tr><td>{@code jitter(s,c)}</td><td>{@link Jitter}: Gaussian noise σ = s clipped to ±c</td></tr>
 *   <tr><td>{@code rotate-x(d)}, {@code rotate-y(d)}, {@code rotate-z(d)}</td><td>{@link RandomRotate}: angle U(−d, d) degrees</td></tr>
 *   <tr><td>{@code rotate-so3}</td><td>{@link RandomRotateSO3}</td></tr>
 *   <tr><td>{@code shuffle}</td><td>{@link Shuffle}: random point order</td></tr>
 * </table>
 * Presets: {@code pct} = PCT's classification training ({@link RandomDropout#pct()},
 * {@link RandomScale#pct()} with its exact 2/3, {@link RandomTranslate#pct()}, shuffle);
 * {@code partseg} = {@code scale(0.8,1.25),translate(0.1)} (keeps every point, as segmentation
 * labels need); {@code none}.
 *
 * <pre>{@code
 * PointTransform t = Augmentations.parse("pct");        // Compose([RandomDropout(0.875), ...])
 * String canonical = Augmentations.canonical("scale(0.8, 1.25), shuffle");
 *                                                       // "Compose([RandomScale(0.8, 1.25), Shuffle()])"
 * }</pre>
 */
public final class Augmentations {
    /** PCT's classification augmentation (canonical text). */
    public static final String PCT = Compose.of(RandomDropout.pct(), RandomScale.pct(), RandomTranslate.pct(),
            new Shuffle()).toString();
    /** The default part-segmentation augmentation (keeps every point and its order; canonical text). */
    public static final String PARTSEG = Compose.of(new RandomScale(0.8f, 1.25f), new RandomTranslate(0.1f))
            .toString();
    /** No augmentation. */
    public static final String NONE = "none";

    private static final Pattern STEP = Pattern.compile("([a-z0-9-]+)(?:\\(([^)]*)\\))?");

    private Augmentations() {
    }

    /**
     * The canonical text of a spec: {@code none}, or the printed form of its transform.
     *
     * @throws IllegalArgumentException for an unknown step or transform, or bad arguments
     */
    public static String canonical(String spec) {
        PointTransform t = parse(spec);
        return t == null ? NONE : t.toString();
    }

    /**
     * The transform of a spec, or null for {@code none}.
     *
     * @throws IllegalArgumentException for an unknown step or transform, or bad arguments
     */
    public static PointTransform parse(String spec) {
        String s = spec.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "pct" -> {
                return Transforms.parse(PCT);
            }
            case "partseg", "seg" -> {
                return Transforms.parse(PARTSEG);
            }
            case "", "none" -> {
                return null;
            }
            default -> {
                // the transforms' grammar starts with a class name; the short steps are lower case
                if (Character.isUpperCase(s.charAt(0))) {
                    return Transforms.parse(s);
                }
                List<PointTransform> ts = new ArrayList<>();
                for (String part : splitTopLevel(s.toLowerCase(Locale.ROOT))) {
                    ts.add(step(part));
                }
                return ts.size() == 1 ? ts.get(0) : new Compose(ts);
            }
        }
    }

    /**
     * True when the spec keeps every point in its place (no dropout, shuffle or resampling), as
     * per-point votes and segmentation labels need.
     */
    public static boolean keepsPointOrder(String spec) {
        PointTransform t = parse(spec);
        List<PointTransform> steps = t == null ? List.of() : t instanceof Compose c ? c.transforms() : List.of(t);
        for (PointTransform st : steps) {
            if (st instanceof RandomDropout || st instanceof Shuffle || st instanceof FixedPoints
                    || st instanceof Subsample) {
                return false;
            }
        }
        return true;
    }

    private static PointTransform step(String part) {
        String p = part.replace(" ", "");
        Matcher m = STEP.matcher(p);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read augmentation step '" + part.strip() + "'");
        }
        String name = m.group(1);
        int arity = arity(name);
        if (arity < 0) {
            throw new IllegalArgumentException("unknown augmentation step '" + name + "'; expected dropout, scale, "
                    + "translate, jitter, rotate-x, rotate-y, rotate-z, rotate-so3 or shuffle (or a preset: pct, "
                    + "partseg, none), or a transform such as RandomScale(0.8, 1.25)");
        }
        String argText = m.group(2);
        String[] raw = argText == null || argText.isEmpty() ? new String[0] : argText.split(",");
        if (raw.length != arity) {
            throw new IllegalArgumentException("augmentation step '" + name + "' takes " + arity
                    + " argument(s), got " + raw.length);
        }
        float[] args = new float[arity];
        for (int i = 0; i < arity; i++) {
            try {
                args[i] = Float.parseFloat(raw[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation step '" + name + "': '" + raw[i]
                        + "' is not a number");
            }
        }
        return switch (name) {
            case "dropout" -> new RandomDropout(args[0]);
            case "scale" -> new RandomScale(args[0], args[1]);
            case "translate" -> new RandomTranslate(args[0]);
            case "jitter" -> new Jitter(args[0], args[1]);
            case "rotate-x" -> RandomRotate.about(args[0], 0);
            case "rotate-y" -> RandomRotate.about(args[0], 1);
            case "rotate-z" -> RandomRotate.about(args[0], 2);
            case "rotate-so3" -> new RandomRotateSO3();
            case "shuffle" -> new Shuffle();
            default -> throw new IllegalStateException(name);
        };
    }

    private static int arity(String name) {
        return switch (name) {
            case "dropout", "translate", "rotate-x", "rotate-y", "rotate-z" -> 1;
            case "scale", "jitter" -> 2;
            case "rotate-so3", "shuffle" -> 0;
            default -> -1;
        };
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
