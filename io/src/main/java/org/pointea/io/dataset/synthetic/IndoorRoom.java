package org.pointea.io.dataset.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.dataset.scene.SceneClasses;
import org.pointea.pointcloud.PointCloud;

/**
 * Builds one synthetic indoor room as a scanner would see it: the room's surfaces and furniture
 * as rectangles and cylinders, sampled at a density per square metre, kept where at least one of
 * two or three scanner positions sees them past the furniture (ray against the furniture's boxes),
 * thinned with distance to the nearest scanner that sees them, and moved by sensor noise.
 *
 * <p>Classes are S3DIS's ({@link SceneClasses#S3DIS}); a room uses ceiling, floor, wall, window,
 * door, table, chair, bookcase, board and clutter. Every random draw comes from the generator
 * passed in.
 */
final class IndoorRoom {
    static final int CEILING = 0;
    static final int FLOOR = 1;
    static final int WALL = 2;
    static final int WINDOW = 5;
    static final int DOOR = 6;
    static final int TABLE = 7;
    static final int CHAIR = 8;
    static final int BOOKCASE = 10;
    static final int BOARD = 11;
    static final int CLUTTER = 12;

    /** The kinds of room, with S3DIS's room names. */
    enum Kind {
        OFFICE("office"), CONFERENCE_ROOM("conferenceRoom"), HALLWAY("hallway"), STORAGE("storage");

        final String s3disName;

        Kind(String name) {
            this.s3disName = name;
        }
    }

    /** A sampled rectangle {@code o + a u + b v}, a in [0,1], b in [0,1]. */
    private record Patch(double[] o, double[] u, double[] v, int label, int instance, int object, float[] rgb,
            double density, double colorNoise) {
        double area() {
            return norm(cross(u, v));
        }
    }

    /** An axis-aligned box that hides what is behind it, owned by one object. */
    private record Occluder(double[] min, double[] max, int object) {
    }

    /** The generated points. */
    record Scan(float[] xyz, float[] rgb, int[] labels, int[] instances, int n) {
        PointCloud toCloud() {
            return PointCloud.builder(java.util.Arrays.copyOf(xyz, 3 * n))
                    .colors(java.util.Arrays.copyOf(rgb, 3 * n), 3)
                    .labels(java.util.Arrays.copyOf(labels, n))
                    .intChannel(SceneClasses.INSTANCE, 1, java.util.Arrays.copyOf(instances, n))
                    .build();
        }
    }

    private final UniformRandomProvider rng;
    private final double density;
    private final double noise;
    private final double ox;
    private final double oy;
    private final List<Patch> patches = new ArrayList<>();
    private final List<Occluder> occluders = new ArrayList<>();
    private final List<double[]> footprints = new ArrayList<>();
    private final int[] instanceCount = new int[SceneClasses.S3DIS.size()];
    private int objects;
    private double w;
    private double d;
    private double h;

    private IndoorRoom(UniformRandomProvider rng, double density, double noise, double ox, double oy) {
        this.rng = rng;
        this.density = density;
        this.noise = noise;
        this.ox = ox;
        this.oy = oy;
    }

    /**
     * Generates a room.
     *
     * @param kind the kind of room
     * @param size the room's width (x) and depth (y), from {@link #size}
     * @param density surface points per square metre before occlusion and thinning
     * @param noise the standard deviation of the sensor noise, metres
     * @param ox the x of the room's corner in the area's frame
     * @param oy the y of the room's corner
     * @param rng the generator
     * @return the points
     */
    static Scan generate(Kind kind, double[] size, double density, double noise, double ox, double oy,
            UniformRandomProvider rng) {
        IndoorRoom r = new IndoorRoom(rng, density, noise, ox, oy);
        r.w = size[0];
        r.d = size[1];
        r.build(kind);
        return r.sample();
    }

    /** Returns the room's footprint (width, depth) for a kind, drawn from the generator. */
    static double[] size(Kind kind, UniformRandomProvider rng) {
        return switch (kind) {
            case OFFICE -> new double[] {uniform(rng, 4, 7.5), uniform(rng, 3.5, 6)};
            case CONFERENCE_ROOM -> new double[] {uniform(rng, 6, 9), uniform(rng, 4.5, 7)};
            case HALLWAY -> new double[] {uniform(rng, 9, 16), uniform(rng, 1.8, 2.6)};
            case STORAGE -> new double[] {uniform(rng, 2.5, 4.5), uniform(rng, 2.5, 4)};
        };
    }

    private void build(Kind kind) {
        h = uniform(rng, 2.6, 3.2);
        float[] wallColor = gray(uniform(rng, 0.72, 0.9), 0.04);
        float[] floorColor = rng.nextBoolean() ? gray(uniform(rng, 0.3, 0.5), 0.05)
                : new float[] {(float) uniform(rng, 0.35, 0.5), (float) uniform(rng, 0.25, 0.35),
                    (float) uniform(rng, 0.15, 0.25)};
        rect(new double[] {0, 0, 0}, new double[] {w, 0, 0}, new double[] {0, d, 0}, FLOOR, floorColor, 1, 0.05);
        rect(new double[] {0, 0, h}, new double[] {0, d, 0}, new double[] {w, 0, 0}, CEILING,
                gray(uniform(rng, 0.85, 0.95), 0.02), 1, 0.03);
        List<List<double[]>> openings = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            openings.add(new ArrayList<>());
        }
        int doors = kind == Kind.HALLWAY ? 3 + rng.nextInt(4) : 1 + (rng.nextInt(3) == 0 ? 1 : 0);
        for (int i = 0; i < doors; i++) {
            door(openings);
        }
        if (kind != Kind.HALLWAY && kind != Kind.STORAGE) {
            int windows = rng.nextInt(3) + (kind == Kind.CONFERENCE_ROOM ? 1 : 0);
            for (int i = 0; i < windows; i++) {
                window(openings);
            }
        }
        if (kind == Kind.CONFERENCE_ROOM || (kind == Kind.OFFICE && rng.nextInt(3) == 0)) {
            board(openings);
        }
        for (int k = 0; k < 4; k++) {
            wall(k, openings.get(k), wallColor);
        }
        switch (kind) {
            case OFFICE -> {
                int tables = 1 + rng.nextInt(3);
                for (int i = 0; i < tables; i++) {
                    table(uniform(rng, 1.2, 1.8), uniform(rng, 0.7, 0.9), 1 + rng.nextInt(3));
                }
                for (int i = rng.nextInt(3); i > 0; i--) {
                    bookcase(openings);
                }
                clutterOnFloor(3 + rng.nextInt(6));
            }
            case CONFERENCE_ROOM -> {
                table(uniform(rng, 2.4, Math.min(4.5, w - 2.2)), uniform(rng, 1.0, 1.4), 6 + rng.nextInt(5));
                if (rng.nextBoolean()) {
                    bookcase(openings);
                }
                clutterOnFloor(2 + rng.nextInt(4));
            }
            case HALLWAY -> {
                if (rng.nextBoolean()) {
                    bookcase(openings);
                }
                clutterOnFloor(2 + rng.nextInt(5));
                for (int i = rng.nextInt(3); i > 0; i--) {
                    chair(uniform(rng, 0.4, w - 0.4), uniform(rng, 0.4, d - 0.4), rng.nextDouble() * 2 * Math.PI);
                }
            }
            case STORAGE -> {
                for (int i = 2 + rng.nextInt(3); i > 0; i--) {
                    bookcase(openings);
                }
                clutterOnFloor(6 + rng.nextInt(8));
            }
        }
    }

    // ------------------------------------------------------------------ walls, openings

    /** Wall k: 0 at y=0 (along +x), 1 at x=w (along +y), 2 at y=d (along -x), 3 at x=0 (along -y). */
    private double wallLength(int k) {
        return k % 2 == 0 ? w : d;
    }

    /** A point on wall k at distance s along it, height z, moved {@code out} outwards (into the wall). */
    private double[] onWall(int k, double s, double z, double out) {
        return switch (k) {
            case 0 -> new double[] {s, -out, z};
            case 1 -> new double[] {w + out, s, z};
            case 2 -> new double[] {w - s, d + out, z};
            default -> new double[] {-out, d - s, z};
        };
    }

    private static double[] along(int k) {
        return switch (k) {
            case 0 -> new double[] {1, 0, 0};
            case 1 -> new double[] {0, 1, 0};
            case 2 -> new double[] {-1, 0, 0};
            default -> new double[] {0, -1, 0};
        };
    }

    private static double[] inward(int k) {
        return switch (k) {
            case 0 -> new double[] {0, 1, 0};
            case 1 -> new double[] {-1, 0, 0};
            case 2 -> new double[] {0, -1, 0};
            default -> new double[] {1, 0, 0};
        };
    }

    /** Finds a free span of a wall, or returns null. Openings are {s0, s1, z0, z1}. */
    private double[] freeSpan(List<List<double[]>> openings, double width, int wall) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int k = wall >= 0 ? wall : rng.nextInt(4);
            double len = wallLength(k);
            if (len < width + 0.4) {
                continue;
            }
            double s0 = uniform(rng, 0.2, len - width - 0.2);
            boolean free = true;
            for (double[] o : openings.get(k)) {
                if (s0 < o[1] + 0.15 && s0 + width > o[0] - 0.15) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new double[] {k, s0};
            }
        }
        return null;
    }

    private void door(List<List<double[]>> openings) {
        double dw = uniform(rng, 0.85, 1.0);
        double dh = Math.min(h - 0.2, uniform(rng, 2.0, 2.2));
        double[] span = freeSpan(openings, dw, -1);
        if (span == null) {
            return;
        }
        int k = (int) span[0];
        double s0 = span[1];
        openings.get(k).add(new double[] {s0, s0 + dw, 0, dh});
        int inst = instance(DOOR);
        int obj = objects++;
        float[] color = rng.nextBoolean()
                ? new float[] {(float) uniform(rng, 0.45, 0.6), (float) uniform(rng, 0.3, 0.4), (float) uniform(rng, 0.15, 0.25)}
                : gray(uniform(rng, 0.45, 0.65), 0.03);
        double[] a = along(k);
        double[] in = inward(k);
        double reveal = 0.12;
        // frame reveals: the two sides and the top of the opening, through the wall's thickness
        patches.add(new Patch(onWall(k, s0, 0, reveal), scale(in, reveal), new double[] {0, 0, dh}, DOOR, inst, obj,
                color, density, 0.04));
        patches.add(new Patch(onWall(k, s0 + dw, 0, 0), scale(in, -reveal), new double[] {0, 0, dh}, DOOR, inst, obj,
                color, density, 0.04));
        patches.add(new Patch(onWall(k, s0, dh, reveal), scale(a, dw), scale(in, reveal), DOOR, inst, obj, color,
                density, 0.04));
        if (rng.nextInt(3) == 0) {
            // open: the leaf turned into the room on its hinge, the doorway left empty
            double[] hinge = onWall(k, s0, 0, 0);
            patches.add(new Patch(hinge, scale(in, dw), new double[] {0, 0, dh}, DOOR, inst, obj, color, density,
                    0.04));
            patches.add(new Patch(add(hinge, scale(a, 0.04)), new double[] {0, 0, dh}, scale(in, dw), DOOR, inst, obj,
                    color, density, 0.04));
        } else {
            patches.add(new Patch(onWall(k, s0, 0, 0.04), scale(a, dw), new double[] {0, 0, dh}, DOOR, inst, obj, color,
                    density, 0.04));
            // handle
            double[] hp = add(onWall(k, s0 + dw - 0.1, 1.0, 0.04), scale(in, 0.06));
            patches.add(new Patch(hp, scale(a, -0.12), new double[] {0, 0, 0.03}, DOOR, inst, obj,
                    gray(0.7, 0.02), density, 0.02));
        }
    }

    private void window(List<List<double[]>> openings) {
        double ww = uniform(rng, 1.0, 1.8);
        double sill = uniform(rng, 0.8, 1.0);
        double wh = Math.min(h - sill - 0.25, uniform(rng, 1.0, 1.5));
        double[] span = freeSpan(openings, ww, -1);
        if (span == null || wh < 0.5) {
            return;
        }
        int k = (int) span[0];
        double s0 = span[1];
        openings.get(k).add(new double[] {s0, s0 + ww, sill, sill + wh});
        int inst = instance(WINDOW);
        int obj = objects++;
        float[] frame = gray(uniform(rng, 0.75, 0.95), 0.02);
        float[] glass = new float[] {(float) uniform(rng, 0.45, 0.6), (float) uniform(rng, 0.55, 0.7),
            (float) uniform(rng, 0.65, 0.8)};
        double[] a = along(k);
        double[] in = inward(k);
        double depth = 0.15;
        patches.add(new Patch(onWall(k, s0, sill, 0), scale(a, ww), scale(in, -depth), WINDOW, inst, obj, frame,
                density, 0.03));
        patches.add(new Patch(onWall(k, s0, sill + wh, depth), scale(a, ww), scale(in, depth), WINDOW, inst, obj,
                frame, density, 0.03));
        patches.add(new Patch(onWall(k, s0, sill, depth), scale(in, depth), new double[] {0, 0, wh}, WINDOW, inst, obj,
                frame, density, 0.03));
        patches.add(new Patch(onWall(k, s0 + ww, sill, 0), scale(in, -depth), new double[] {0, 0, wh}, WINDOW, inst,
                obj, frame, density, 0.03));
        // the pane: glass is scanned poorly, so few points; a mullion across the middle
        patches.add(new Patch(onWall(k, s0, sill, depth), scale(a, ww), new double[] {0, 0, wh}, WINDOW, inst, obj,
                glass, density * 0.3, 0.06));
        patches.add(new Patch(onWall(k, s0 + ww / 2 - 0.03, sill, depth - 0.02), scale(a, 0.06),
                new double[] {0, 0, wh}, WINDOW, inst, obj, frame, density, 0.03));
    }

    private void board(List<List<double[]>> openings) {
        double bw = uniform(rng, 1.2, 2.4);
        double[] span = freeSpan(openings, bw, -1);
        if (span == null) {
            return;
        }
        int k = (int) span[0];
        double s0 = span[1];
        double z0 = uniform(rng, 0.85, 1.0);
        double bh = Math.min(h - z0 - 0.3, uniform(rng, 0.9, 1.2));
        // not an opening: the wall continues behind it, so the wall's points there are hidden
        openings.get(k).add(new double[] {s0, s0 + bw, z0, z0 + bh});
        int inst = instance(BOARD);
        int obj = objects++;
        double[] a = along(k);
        double[] in = inward(k);
        double t = 0.02;
        float[] white = gray(uniform(rng, 0.9, 0.98), 0.01);
        float[] rim = gray(0.6, 0.03);
        patches.add(new Patch(onWall(k, s0, z0, -t), scale(a, bw), new double[] {0, 0, bh}, BOARD, inst, obj, white,
                density, 0.02));
        patches.add(new Patch(onWall(k, s0, z0, 0), scale(a, bw), scale(in, t), BOARD, inst, obj, rim, density, 0.02));
        patches.add(new Patch(onWall(k, s0, z0 + bh, -t), scale(a, bw), scale(in, -t), BOARD, inst, obj, rim, density,
                0.02));
        // marker tray
        patches.add(new Patch(onWall(k, s0 + 0.1, z0, -t), scale(a, bw - 0.2), scale(in, 0.05), BOARD, inst, obj, rim,
                density, 0.02));
    }

    private void wall(int k, List<double[]> openings, float[] color) {
        double len = wallLength(k);
        double area = len * h;
        int n = count(area * density);
        int inst = instance(WALL);
        int obj = objects++;
        double[] a = along(k);
        for (int i = 0; i < n; i++) {
            double s = rng.nextDouble() * len;
            double z = rng.nextDouble() * h;
            boolean hole = false;
            for (double[] o : openings) {
                if (s >= o[0] && s <= o[1] && z >= o[2] && z <= o[3]) {
                    hole = true;
                    break;
                }
            }
            if (!hole) {
                candidates.add(onWall(k, s, z, 0), WALL, inst, obj, jitterColor(color, 0.03));
            }
        }
        // a skirting board along the bottom, same class
        float[] skirt = gray(uniform(rng, 0.3, 0.6), 0.02);
        patches.add(new Patch(onWall(k, 0, 0, -0.015), scale(a, len), new double[] {0, 0, 0.08}, WALL, inst, obj, skirt,
                density, 0.02));
    }

    // ------------------------------------------------------------------ furniture

    /** Reserves a free floor rectangle (x0, y0, x1, y1) of the size given, or returns null. */
    private double[] place(double sx, double sy, double margin, boolean againstWall) {
        for (int attempt = 0; attempt < 40; attempt++) {
            double x0;
            double y0;
            if (againstWall) {
                int k = rng.nextInt(4);
                x0 = switch (k) {
                    case 1 -> w - sx - 0.01;
                    case 3 -> 0.01;
                    default -> uniform(rng, 0.1, Math.max(0.1, w - sx - 0.1));
                };
                y0 = switch (k) {
                    case 0 -> 0.01;
                    case 2 -> d - sy - 0.01;
                    default -> uniform(rng, 0.1, Math.max(0.1, d - sy - 0.1));
                };
            } else {
                if (w - sx - 2 * margin < 0 || d - sy - 2 * margin < 0) {
                    return null;
                }
                x0 = uniform(rng, margin, w - sx - margin);
                y0 = uniform(rng, margin, d - sy - margin);
            }
            double[] r = {x0, y0, x0 + sx, y0 + sy};
            if (r[2] > w || r[3] > d || r[0] < 0 || r[1] < 0) {
                continue;
            }
            boolean free = true;
            for (double[] f : footprints) {
                if (r[0] < f[2] && r[2] > f[0] && r[1] < f[3] && r[3] > f[1]) {
                    free = false;
                    break;
                }
            }
            if (free) {
                footprints.add(r);
                return r;
            }
        }
        return null;
    }

    private void table(double len, double depth, int chairs) {
        boolean turned = rng.nextBoolean();
        double sx = turned ? depth : len;
        double sy = turned ? len : depth;
        double[] r = place(sx, sy, 0.65, false);
        if (r == null) {
            return;
        }
        int inst = instance(TABLE);
        int obj = objects++;
        double top = uniform(rng, 0.72, 0.76);
        double t = 0.03;
        float[] color = switch (rng.nextInt(3)) {
            case 0 -> new float[] {(float) uniform(rng, 0.55, 0.7), (float) uniform(rng, 0.4, 0.5), (float) uniform(rng, 0.25, 0.35)};
            case 1 -> gray(uniform(rng, 0.8, 0.92), 0.02);
            default -> gray(uniform(rng, 0.15, 0.3), 0.02);
        };
        box(new double[] {r[0], r[1], top - t}, new double[] {r[2], r[3], top}, TABLE, inst, obj, color, true, true);
        occluders.add(new Occluder(new double[] {r[0], r[1], top - t}, new double[] {r[2], r[3], top}, obj));
        double leg = 0.05;
        float[] legColor = gray(uniform(rng, 0.2, 0.6), 0.02);
        for (int c = 0; c < 4; c++) {
            double lx = c % 2 == 0 ? r[0] + 0.04 : r[2] - 0.04 - leg;
            double ly = c < 2 ? r[1] + 0.04 : r[3] - 0.04 - leg;
            box(new double[] {lx, ly, 0}, new double[] {lx + leg, ly + leg, top - t}, TABLE, inst, obj, legColor, false,
                    false);
        }
        // things on the table: monitors, boxes, cups
        int items = rng.nextInt(4);
        for (int i = 0; i < items; i++) {
            double iw = uniform(rng, 0.1, 0.5);
            double id = uniform(rng, 0.08, 0.35);
            double ih = uniform(rng, 0.05, 0.45);
            double ix = uniform(rng, r[0] + 0.05, Math.max(r[0] + 0.06, r[2] - iw - 0.05));
            double iy = uniform(rng, r[1] + 0.05, Math.max(r[1] + 0.06, r[3] - id - 0.05));
            int ci = instance(CLUTTER);
            int co = objects++;
            if (rng.nextInt(3) == 0) {
                cylinder(ix + iw / 4, iy + iw / 4, top, Math.min(iw, id) / 3, ih * 0.6, CLUTTER, ci, co, vivid());
            } else {
                box(new double[] {ix, iy, top}, new double[] {ix + iw, iy + id, top + ih}, CLUTTER, ci, co, vivid(),
                        true, false);
                occluders.add(new Occluder(new double[] {ix, iy, top}, new double[] {ix + iw, iy + id, top + ih}, co));
            }
        }
        // chairs around it, facing it
        for (int c = 0; c < chairs; c++) {
            int side = rng.nextInt(4);
            double cx;
            double cy;
            double yaw;
            switch (side) {
                case 0 -> { cx = uniform(rng, r[0] + 0.3, r[2] - 0.3); cy = r[1] - 0.35; yaw = Math.PI / 2; }
                case 1 -> { cx = uniform(rng, r[0] + 0.3, r[2] - 0.3); cy = r[3] + 0.35; yaw = -Math.PI / 2; }
                case 2 -> { cx = r[0] - 0.35; cy = uniform(rng, r[1] + 0.3, r[3] - 0.3); yaw = 0; }
                default -> { cx = r[2] + 0.35; cy = uniform(rng, r[1] + 0.3, r[3] - 0.3); yaw = Math.PI; }
            }
            yaw += uniform(rng, -0.4, 0.4);
            if (cx > 0.3 && cx < w - 0.3 && cy > 0.3 && cy < d - 0.3) {
                chair(cx, cy, yaw);
            }
        }
    }

    /** A chair centred at (cx, cy) facing direction yaw (the way a sitter looks). */
    private void chair(double cx, double cy, double yaw) {
        int inst = instance(CHAIR);
        int obj = objects++;
        float[] color = rng.nextBoolean() ? vivid() : gray(uniform(rng, 0.1, 0.3), 0.02);
        double s = uniform(rng, 0.42, 0.5);
        double seat = uniform(rng, 0.42, 0.48);
        double back = uniform(rng, 0.35, 0.5);
        double[] f = {Math.cos(yaw), Math.sin(yaw), 0};
        double[] side = {-Math.sin(yaw), Math.cos(yaw), 0};
        double[] corner = {cx - f[0] * s / 2 - side[0] * s / 2, cy - f[1] * s / 2 - side[1] * s / 2, seat};
        // seat top and bottom
        patches.add(new Patch(corner, scale(f, s), scale(side, s), CHAIR, inst, obj, color, density, 0.04));
        patches.add(new Patch(add(corner, new double[] {0, 0, -0.05}), scale(side, s), scale(f, s), CHAIR, inst, obj,
                color, density, 0.04));
        // back: front and rear faces at the seat's rear edge
        double[] b0 = add(corner, new double[] {0, 0, 0.02});
        patches.add(new Patch(b0, scale(side, s), new double[] {0, 0, back}, CHAIR, inst, obj, color, density, 0.04));
        patches.add(new Patch(add(b0, scale(f, -0.04)), new double[] {0, 0, back}, scale(side, s), CHAIR, inst, obj,
                color, density, 0.04));
        float[] legColor = gray(uniform(rng, 0.2, 0.5), 0.02);
        for (int c = 0; c < 4; c++) {
            double[] p = add(add(corner, scale(f, c % 2 == 0 ? 0.03 : s - 0.05)), scale(side, c < 2 ? 0.03 : s - 0.05));
            p[2] = 0;
            // two faces of a thin leg are enough for its points
            patches.add(new Patch(p, scale(f, 0.025), new double[] {0, 0, seat - 0.05}, CHAIR, inst, obj, legColor,
                    density, 0.03));
            patches.add(new Patch(p, new double[] {0, 0, seat - 0.05}, scale(side, 0.025), CHAIR, inst, obj, legColor,
                    density, 0.03));
        }
        double x0 = Math.min(corner[0], Math.min(corner[0] + f[0] * s, corner[0] + side[0] * s));
        double x1 = Math.max(corner[0] + f[0] * s + side[0] * s, Math.max(corner[0] + f[0] * s, corner[0] + side[0] * s));
        double y0 = Math.min(corner[1], Math.min(corner[1] + f[1] * s, corner[1] + side[1] * s));
        double y1 = Math.max(corner[1] + f[1] * s + side[1] * s, Math.max(corner[1] + f[1] * s, corner[1] + side[1] * s));
        x0 = Math.min(x0, corner[0] + f[0] * s + side[0] * s);
        y0 = Math.min(y0, corner[1] + f[1] * s + side[1] * s);
        occluders.add(new Occluder(new double[] {x0, y0, seat - 0.05}, new double[] {x1, y1, seat}, obj));
    }

    private void bookcase(List<List<double[]>> openings) {
        double bw = uniform(rng, 0.8, 2.0);
        double bd = uniform(rng, 0.3, 0.4);
        double bh = Math.min(h - 0.3, uniform(rng, 1.6, 2.2));
        // against a wall, in a span free of doors and windows
        int k = rng.nextInt(4);
        double[] span = freeSpan(openings, bw, k);
        if (span == null) {
            return;
        }
        double s0 = span[1];
        double[] base = onWall(k, s0, 0, 0);
        double[] a = along(k);
        double[] in = inward(k);
        double[] far = add(add(base, scale(a, bw)), scale(in, bd));
        double[] lo = {Math.min(base[0], far[0]), Math.min(base[1], far[1]), 0};
        double[] hi = {Math.max(base[0], far[0]), Math.max(base[1], far[1]), bh};
        for (double[] f : footprints) {
            if (lo[0] < f[2] && hi[0] > f[0] && lo[1] < f[3] && hi[1] > f[1]) {
                return;
            }
        }
        footprints.add(new double[] {lo[0], lo[1], hi[0], hi[1]});
        openings.get(k).add(new double[] {s0, s0 + bw, 0, bh});
        int inst = instance(BOOKCASE);
        int obj = objects++;
        float[] wood = new float[] {(float) uniform(rng, 0.4, 0.75), (float) uniform(rng, 0.3, 0.55),
            (float) uniform(rng, 0.2, 0.35)};
        double t = 0.02;
        // sides (both faces), top, the back panel's front
        double[] front = scale(in, bd);
        patches.add(new Patch(base, front, new double[] {0, 0, bh}, BOOKCASE, inst, obj, wood, density, 0.03));
        patches.add(new Patch(add(base, scale(a, t)), new double[] {0, 0, bh}, front, BOOKCASE, inst, obj, wood, density,
                0.03));
        double[] right = add(base, scale(a, bw));
        patches.add(new Patch(right, new double[] {0, 0, bh}, front, BOOKCASE, inst, obj, wood, density, 0.03));
        patches.add(new Patch(add(right, scale(a, -t)), front, new double[] {0, 0, bh}, BOOKCASE, inst, obj, wood,
                density, 0.03));
        patches.add(new Patch(add(base, new double[] {0, 0, bh}), front, scale(a, bw), BOOKCASE, inst, obj, wood, density,
                0.03));
        patches.add(new Patch(add(base, scale(in, 0.01)), scale(a, bw), new double[] {0, 0, bh}, BOOKCASE, inst, obj,
                wood, density, 0.03));
        int shelves = Math.max(3, (int) (bh / 0.38));
        double step = bh / shelves;
        for (int s = 0; s < shelves; s++) {
            double z = s * step + 0.05;
            patches.add(new Patch(add(base, new double[] {0, 0, z}), scale(a, bw), front, BOOKCASE, inst, obj, wood,
                    density, 0.03));
            patches.add(new Patch(add(add(base, new double[] {0, 0, z - t}), front), scale(a, bw),
                    new double[] {0, 0, t}, BOOKCASE, inst, obj, wood, density, 0.03));
            // books: their spines and tops, part of the bookcase as S3DIS labels them
            double used = t;
            while (used < bw - 0.1 && rng.nextInt(8) != 0) {
                double bk = uniform(rng, 0.02, 0.06);
                double bkh = Math.min(step - 0.06, uniform(rng, 0.18, 0.3));
                double bkd = uniform(rng, 0.15, bd - 0.04);
                float[] c = vivid();
                double[] b0 = add(add(base, scale(a, used)), new double[] {0, 0, z});
                patches.add(new Patch(add(b0, scale(in, bkd)), scale(a, bk), new double[] {0, 0, bkh}, BOOKCASE, inst,
                        obj, c, density, 0.08));
                patches.add(new Patch(add(b0, new double[] {0, 0, bkh}), scale(in, bkd), scale(a, bk), BOOKCASE, inst, obj,
                        c, density, 0.08));
                used += bk + (rng.nextInt(6) == 0 ? uniform(rng, 0.05, 0.2) : 0.002);
            }
        }
        occluders.add(new Occluder(lo, hi, obj));
    }

    private void clutterOnFloor(int count) {
        for (int i = 0; i < count; i++) {
            int kind = rng.nextInt(4);
            int inst = instance(CLUTTER);
            int obj = objects++;
            float[] color = vivid();
            switch (kind) {
                case 0, 1 -> { // a box, against a wall or free
                    double sx = uniform(rng, 0.2, 0.7);
                    double sy = uniform(rng, 0.2, 0.6);
                    double sz = uniform(rng, 0.15, 0.8);
                    double[] r = place(sx, sy, 0.1, kind == 0);
                    if (r == null) {
                        continue;
                    }
                    box(new double[] {r[0], r[1], 0}, new double[] {r[2], r[3], sz}, CLUTTER, inst, obj, color, true,
                            false);
                    occluders.add(new Occluder(new double[] {r[0], r[1], 0}, new double[] {r[2], r[3], sz}, obj));
                }
                case 2 -> { // a bin or a plant pot
                    double rad = uniform(rng, 0.12, 0.25);
                    double[] r = place(2 * rad, 2 * rad, 0.1, rng.nextBoolean());
                    if (r == null) {
                        continue;
                    }
                    double ch = uniform(rng, 0.3, 0.7);
                    cylinder(r[0] + rad, r[1] + rad, 0, rad, ch, CLUTTER, inst, obj, color);
                    occluders.add(new Occluder(new double[] {r[0], r[1], 0}, new double[] {r[2], r[3], ch}, obj));
                }
                default -> { // a radiator or a low cabinet against a wall
                    double sx = uniform(rng, 0.6, 1.2);
                    double[] r = place(sx, 0.12, 0, true);
                    if (r == null) {
                        continue;
                    }
                    double z0 = uniform(rng, 0.08, 0.2);
                    double sz = uniform(rng, 0.4, 0.6);
                    box(new double[] {r[0], r[1], z0}, new double[] {r[2], r[3], z0 + sz}, CLUTTER, inst, obj,
                            gray(uniform(rng, 0.75, 0.95), 0.02), true, true);
                }
            }
        }
    }

    // ------------------------------------------------------------------ primitives

    private void rect(double[] o, double[] u, double[] v, int label, float[] color, double densityFactor,
            double colorNoise) {
        patches.add(new Patch(o, u, v, label, instance(label), objects++, color, density * densityFactor, colorNoise));
    }

    /** The faces of an axis-aligned box: the four sides, the top, and the bottom when asked. */
    private void box(double[] lo, double[] hi, int label, int inst, int obj, float[] color, boolean top,
            boolean bottom) {
        double sx = hi[0] - lo[0];
        double sy = hi[1] - lo[1];
        double sz = hi[2] - lo[2];
        double[] ex = {sx, 0, 0};
        double[] ey = {0, sy, 0};
        double[] ez = {0, 0, sz};
        patches.add(new Patch(lo, ex, ez, label, inst, obj, color, density, 0.04));
        patches.add(new Patch(new double[] {lo[0], hi[1], lo[2]}, ez, ex, label, inst, obj, color, density, 0.04));
        patches.add(new Patch(lo, ez, ey, label, inst, obj, color, density, 0.04));
        patches.add(new Patch(new double[] {hi[0], lo[1], lo[2]}, ey, ez, label, inst, obj, color, density, 0.04));
        if (top) {
            patches.add(new Patch(new double[] {lo[0], lo[1], hi[2]}, ex, ey, label, inst, obj, color, density, 0.04));
        }
        if (bottom) {
            patches.add(new Patch(lo, ey, ex, label, inst, obj, color, density, 0.04));
        }
    }

    /** An upright cylinder's side and top, sampled directly. */
    private void cylinder(double cx, double cy, double z0, double r, double height, int label, int inst, int obj,
            float[] color) {
        int side = count(2 * Math.PI * r * height * density);
        for (int i = 0; i < side; i++) {
            double a = rng.nextDouble() * 2 * Math.PI;
            candidates.add(new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a), z0 + rng.nextDouble() * height},
                    label, inst, obj, jitterColor(color, 0.04));
        }
        int top = count(Math.PI * r * r * density);
        for (int i = 0; i < top; i++) {
            double a = rng.nextDouble() * 2 * Math.PI;
            double q = r * Math.sqrt(rng.nextDouble());
            candidates.add(new double[] {cx + q * Math.cos(a), cy + q * Math.sin(a), z0 + height}, label, inst, obj,
                    jitterColor(color, 0.04));
        }
    }

    private int instance(int label) {
        return ++instanceCount[label];
    }

    // ------------------------------------------------------------------ sampling and visibility

    /** Candidate points before visibility. */
    private static final class Candidates {
        double[] xyz = new double[3 * 4096];
        float[] rgb = new float[3 * 4096];
        int[] label = new int[4096];
        int[] instance = new int[4096];
        int[] object = new int[4096];
        int n;

        void add(double[] p, int l, int inst, int obj, float[] c) {
            if (n == label.length) {
                int cap = n * 2;
                xyz = java.util.Arrays.copyOf(xyz, 3 * cap);
                rgb = java.util.Arrays.copyOf(rgb, 3 * cap);
                label = java.util.Arrays.copyOf(label, cap);
                instance = java.util.Arrays.copyOf(instance, cap);
                object = java.util.Arrays.copyOf(object, cap);
            }
            System.arraycopy(p, 0, xyz, 3 * n, 3);
            System.arraycopy(c, 0, rgb, 3 * n, 3);
            label[n] = l;
            instance[n] = inst;
            object[n] = obj;
            n++;
        }
    }

    private final Candidates candidates = new Candidates();

    private Scan sample() {
        for (Patch p : patches) {
            int n = count(p.area() * p.density());
            for (int i = 0; i < n; i++) {
                double a = rng.nextDouble();
                double b = rng.nextDouble();
                double[] q = {p.o()[0] + a * p.u()[0] + b * p.v()[0], p.o()[1] + a * p.u()[1] + b * p.v()[1],
                    p.o()[2] + a * p.u()[2] + b * p.v()[2]};
                candidates.add(q, p.label(), p.instance(), p.object(), jitterColor(p.rgb(), p.colorNoise()));
            }
        }
        // two or three scanner stations standing in the free part of the room
        int stations = w * d > 25 ? 3 : 2;
        double[][] scanners = new double[stations][];
        for (int s = 0; s < stations; s++) {
            double[] best = null;
            for (int attempt = 0; attempt < 30 && best == null; attempt++) {
                double x = uniform(rng, 0.3, w - 0.3);
                double y = uniform(rng, 0.3, d - 0.3);
                boolean free = true;
                for (double[] f : footprints) {
                    if (x > f[0] - 0.2 && x < f[2] + 0.2 && y > f[1] - 0.2 && y < f[3] + 0.2) {
                        free = false;
                        break;
                    }
                }
                if (free || attempt == 29) {
                    best = new double[] {x, y, uniform(rng, 1.3, 1.7)};
                }
            }
            scanners[s] = best;
        }
        Candidates c = candidates;
        float[] xyz = new float[3 * c.n];
        float[] rgb = new float[3 * c.n];
        int[] labels = new int[c.n];
        int[] instances = new int[c.n];
        int m = 0;
        double near = 2.5;
        double[] p = new double[3];
        for (int i = 0; i < c.n; i++) {
            p[0] = c.xyz[3 * i];
            p[1] = c.xyz[3 * i + 1];
            p[2] = c.xyz[3 * i + 2];
            double keep = 0;
            for (double[] s : scanners) {
                if (visible(s, p, c.object[i])) {
                    double dist = Math.sqrt(sq(p[0] - s[0]) + sq(p[1] - s[1]) + sq(p[2] - s[2]));
                    keep = Math.max(keep, Math.min(1, near / Math.max(dist, 1e-3)));
                }
            }
            if (keep == 0 || rng.nextDouble() >= keep) {
                continue;
            }
            double[] e = gaussian3();
            xyz[3 * m] = (float) (ox + p[0] + noise * e[0]);
            xyz[3 * m + 1] = (float) (oy + p[1] + noise * e[1]);
            xyz[3 * m + 2] = (float) (p[2] + noise * e[2]);
            System.arraycopy(c.rgb, 3 * i, rgb, 3 * m, 3);
            labels[m] = c.label[i];
            instances[m] = c.instance[i];
            m++;
        }
        return new Scan(xyz, rgb, labels, instances, m);
    }

    /** True when no other object's box crosses the segment from the scanner to the point. */
    private boolean visible(double[] s, double[] p, int object) {
        double dx = p[0] - s[0];
        double dy = p[1] - s[1];
        double dz = p[2] - s[2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double tmax = 1 - 0.01 / Math.max(len, 0.01);
        for (Occluder o : occluders) {
            if (o.object() == object) {
                continue;
            }
            double t0 = 0;
            double t1 = tmax;
            boolean hit = true;
            for (int a = 0; a < 3 && hit; a++) {
                double dir = a == 0 ? dx : a == 1 ? dy : dz;
                double org = s[a];
                if (Math.abs(dir) < 1e-12) {
                    if (org < o.min()[a] || org > o.max()[a]) {
                        hit = false;
                    }
                } else {
                    double ta = (o.min()[a] - org) / dir;
                    double tb = (o.max()[a] - org) / dir;
                    t0 = Math.max(t0, Math.min(ta, tb));
                    t1 = Math.min(t1, Math.max(ta, tb));
                    if (t0 > t1) {
                        hit = false;
                    }
                }
            }
            if (hit) {
                return false;
            }
        }
        return true;
    }

    private double[] gaussian3() {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        double u3 = 1 - rng.nextDouble();
        double u4 = rng.nextDouble();
        double r1 = Math.sqrt(-2 * Math.log(u1));
        double r2 = Math.sqrt(-2 * Math.log(u3));
        return new double[] {r1 * Math.cos(2 * Math.PI * u2), r1 * Math.sin(2 * Math.PI * u2),
            r2 * Math.cos(2 * Math.PI * u4)};
    }

    private int count(double expected) {
        int base = (int) Math.floor(expected);
        return base + (rng.nextDouble() < expected - base ? 1 : 0);
    }

    private float[] jitterColor(float[] c, double amount) {
        return new float[] {clamp(c[0] + (rng.nextDouble() - 0.5) * 2 * amount),
            clamp(c[1] + (rng.nextDouble() - 0.5) * 2 * amount), clamp(c[2] + (rng.nextDouble() - 0.5) * 2 * amount)};
    }

    private float[] gray(double v, double tint) {
        return new float[] {clamp(v + uniform(rng, -tint, tint)), clamp(v + uniform(rng, -tint, tint)),
            clamp(v + uniform(rng, -tint, tint))};
    }

    private float[] vivid() {
        float hue = rng.nextFloat();
        int rgb = java.awt.Color.HSBtoRGB(hue, (float) uniform(rng, 0.4, 0.9), (float) uniform(rng, 0.35, 0.95));
        return new float[] {(rgb >> 16 & 255) / 255f, (rgb >> 8 & 255) / 255f, (rgb & 255) / 255f};
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    private static double uniform(UniformRandomProvider rng, double lo, double hi) {
        return hi <= lo ? lo : lo + rng.nextDouble() * (hi - lo);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }
}
