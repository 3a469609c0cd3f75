package org.pointea.models.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall-clock accounting of backend operations (by op name; every {@link Backend} implementation
 * reports its ops here) and of layer sections (forward / backward of each layer), for the op-level
 * profile in {@code docs/engine.md}. Off
 * unless enabled ({@code -Dpointea.profile=true} or {@link #enable}); when off each hook is one
 * branch on a static field. Single-threaded use only.
 */
public final class Profiler {
    private static volatile boolean enabled = Boolean.getBoolean("pointea.profile");
    private static final Map<String, long[]> OPS = new TreeMap<>();
    private static final Map<String, long[]> SECTIONS = new TreeMap<>();

    private Profiler() {
    }

    /** Turns accounting on or off. */
    public static void enable(boolean on) {
        enabled = on;
    }

    /** Whether accounting is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Clears all counters. */
    public static synchronized void reset() {
        OPS.clear();
        SECTIONS.clear();
    }

    /** A start timestamp, or 0 when disabled. */
    public static long start() {
        return enabled ? System.nanoTime() : 0L;
    }

    /** Records an op that started at {@code t0}. */
    public static void op(String name, long t0) {
        if (enabled && t0 != 0) {
            add(OPS, name, System.nanoTime() - t0);
        }
    }

    /** Records a section that started at {@code t0}. */
    public static void section(String name, long t0) {
        if (enabled && t0 != 0) {
            add(SECTIONS, name, System.nanoTime() - t0);
        }
    }

    private static synchronized void add(Map<String, long[]> m, String name, long nanos) {
        long[] v = m.computeIfAbsent(name, k -> new long[2]);
        v[0]++;
        v[1] += nanos;
    }

    /** One accounting row: name, calls, total seconds. */
    public record Row(String name, long calls, double seconds) {
    }

    /** Op totals, largest first. */
    public static synchronized List<Row> ops() {
        return rows(OPS);
    }

    /** Section totals, largest first. */
    public static synchronized List<Row> sections() {
        return rows(SECTIONS);
    }

    private static List<Row> rows(Map<String, long[]> m) {
        List<Row> r = new ArrayList<>();
        m.forEach((k, v) -> r.add(new Row(k, v[0], v[1] / 1e9)));
        r.sort((a, b) -> Double.compare(b.seconds(), a.seconds()));
        return r;
    }

    /** A printable table of both, scaled per step. */
    public static String report(int steps) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-44s %8s %10s%n", "section", "calls", "s/step"));
        for (Row r : sections()) {
            sb.append(String.format(Locale.ROOT, "%-44s %8d %10.4f%n", r.name(), r.calls() / steps, r.seconds() / steps));
        }
        sb.append(String.format(Locale.ROOT, "%n%-44s %8s %10s%n", "op", "calls", "s/step"));
        for (Row r : ops()) {
            sb.append(String.format(Locale.ROOT, "%-44s %8d %10.4f%n", r.name(), r.calls() / steps, r.seconds() / steps));
        }
        return sb.toString();
    }
}
