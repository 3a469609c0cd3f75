package org.pointea.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.Jitter;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.RandomDropout;
import org.pointea.pointcloud.transform.RandomRotate;
import org.pointea.pointcloud.transform.RandomRotateSO3;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.RandomTranslate;
import org.pointea.pointcloud.transform.Shuffle;

/**
 * Augmentation pipelines written as short specs, so that a run can store its augmentation as text
 * and rebuild it on resume: a comma-separated list of steps, or a preset name.
 *
 * <table>
 *   <caption>steps</caption>
 *   <tr><td>{@code dropout(r)}</td><td>{@link RandomDropout}: ratio U(0, r), dropped points copy point 0</td></tr>
 *   <tr><td>{@code scale(a,b)}</td><td>{@link RandomScale}: per-axis factor U(a, b)</td></tr>
 *   <tr><td>{@code translate(t)}</td><td>{@link RandomTranslate}: per-axis shift U(−t, t)</td></tr>
 *   <tr><td>{@code jitter(s,c)}</td><td>{@link Jitter}: Gaussian noise σ = s clipped to ±c</td></tr>
 *   <tr><td>{@code rotate-x(d)}, {@code rotate-y(d)}, {@code rotate-z(d)}</td><td>{@link RandomRotate}: angle U(−d, d) degrees</td></tr>
 *   <tr><td>{@code rotate-so3}</td><td>{@link RandomRotateSO3}</td></tr>
 *   <tr><td>{@code shuffle}</td><td>{@link Shuffle}: random point order</td></tr>
 * </table>
 * Presets: {@code pct} = {@code dropout(0.875),scale(0.6667,1.5),translate(0.2),shuffle} (PCT's
 * classification training); {@code partseg} = {@code scale(0.8,1.25),translate(0.1)} (keeps every
 * point, as segmentation labels need); {@code none}.
 *
 * <pre>{@code
 * PointTransform t = Augmentations.parse("pct");        // Compose([RandomDropout(0.875), ...])
 * String canonical = Augmentations.canonical("scale(0.8, 1.25) , shuffle");   // "scale(0.8,1.25),shuffle"
 * }</pre>
 */
public final class Augmentations {
    /** PCT's classification augmentation. */
    public static final String PCT = "dropout(0.875),scale(0.6667,1.5),translate(0.2),shuffle";
    /** The default part-segmentation augmentation (keeps every point and its order). */
    public static final String PARTSEG = "scale(0.8,1.25),translate(0.1)";
    /** No augmentation. */
    public static final String NONE = "none";

    private static final Pattern STEP = Pattern.compile("([a-z0-9-]+)(?:\\(([^)]*)\\))?");

    private Augmentations() {
    }

    /** Expands a preset name; other specs are returned as given. */
    static String expand(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "pct" -> PCT;
            case "partseg", "seg" -> PARTSEG;
            case "", "none" -> NONE;
            default -> s;
        };
    }

    /**
     * The canonical text of a spec (presets expanded, blanks removed, numbers as parsed).
     *
     * @throws IllegalArgumentException for an unknown step or bad arguments
     */
    public static String canonical(String spec) {
        String s = expand(spec);
        if (s.equals(NONE)) {
            return NONE;
        }
        List<String> out = new ArrayList<>();
        for (Step st : steps(s)) {
            out.add(st.text());
        }
        return String.join(",", out);
    }

    /**
     * The transform of a spec, or null for {@code none}.
     *
     * @throws IllegalArgumentException for an unknown step or bad arguments
     */
    public static PointTransform parse(String spec) {
        String s = expand(spec);
        if (s.equals(NONE)) {
            return null;
        }
        List<PointTransform> ts = new ArrayList<>();
        for (Step st : steps(s)) {
            ts.add(st.transform());
        }
        return ts.size() == 1 ? ts.get(0) : new Compose(ts);
    }

    /**
     * True when the spec keeps every point in its place (no dropout, no shuffle), as per-point
     * votes and segmentation labels need.
     */
    public static boolean keepsPointOrder(String spec) {
        String s = expand(spec);
        if (s.equals(NONE)) {
            return true;
        }
        for (Step st : steps(s)) {
            if (st.name.equals("dropout") || st.name.equals("shuffle")) {
                return false;
            }
        }
        return true;
    }

    private record Step(String name, float[] args) {
        String text() {
            if (args.length == 0) {
                return name;
            }
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < args.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                float a = args[i];
                sb.append(a == Math.rint(a) && Math.abs(a) < 1e7 ? Integer.toString((int) a) : Float.toString(a));
            }
            return sb.append(')').toString();
        }

        PointTransform transform() {
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
    }

    private static int arity(String name) {
        return switch (name) {
            case "dropout", "translate", "rotate-x", "rotate-y", "rotate-z" -> 1;
            case "scale", "jitter" -> 2;
            case "rotate-so3", "shuffle" -> 0;
            default -> -1;
        };
    }

    private static List<Step> steps(String s) {
        List<Step> out = new ArrayList<>();
        for (String part : splitTopLevel(s)) {
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
                        + "partseg, none)");
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
            Step st = new Step(name, args);
            st.transform(); // validates the arguments
            out.add(st);
        }
        return out;
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
