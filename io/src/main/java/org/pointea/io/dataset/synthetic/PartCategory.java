package org.pointea.io.dataset.synthetic;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * The ShapeNet-part categories {@link SyntheticShapeNetPart} assembles, each from simple parts
 * that carry the category's real global part ids. Parts touch but do not overlap, so every part
 * is a separate region of the surface; part sizes vary per shape.
 *
 * <p>The benchmark files give part ids only, not part names; the names below follow the
 * commonly used list (e.g. PointNet++ visualisations) and are informational.
 */
public enum PartCategory {
  /** Airplane: body 0, wings 1, tail 2, engines 3. */
  AIRPLANE("Airplane") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double len = u(rng, 0.45, 0.55);
      double rb = u(rng, 0.05, 0.08);
      int t = p.start();
      int v = p.mb.vertexCount();
      p.mb.frustum(rb, -len + rb, rb, len - rb, 24, true);
      int cap = p.mb.vertexCount();
      p.mb.sphereBand(0, Math.PI / 2, 24, 6);
      p.mb.transform(cap, new double[] {rb, rb * 1.6, rb}, MeshBuilder.IDENTITY,
          new double[] {0, len - rb, 0});
      cap = p.mb.vertexCount();
      p.mb.sphereBand(Math.PI / 2, Math.PI, 24, 6);
      p.mb.transform(cap, new double[] {rb, rb, rb}, MeshBuilder.IDENTITY,
          new double[] {0, -len + rb, 0});
      p.mb.transform(v, MeshBuilder.ONE, MeshBuilder.rotation(0, 0, 1, -Math.PI / 2),
          new double[3]);
      p.mark(t, 0);
      double chord = u(rng, 0.12, 0.2);
      double span = u(rng, 0.4, 0.6);
      double tw = u(rng, 0.012, 0.02);
      double xw = u(rng, -0.06, 0.08);
      t = p.start();
      p.mb.box(xw - chord / 2, -tw / 2, rb * 0.9, xw + chord / 2, tw / 2, span, 1 << 4);
      p.mb.box(xw - chord / 2, -tw / 2, -span, xw + chord / 2, tw / 2, -rb * 0.9, 1 << 5);
      p.mark(t, 1);
      double ct = u(rng, 0.1, 0.15);
      double x0 = -len + 0.02;
      t = p.start();
      p.mb.box(x0, rb * 0.8, -0.008, x0 + ct, rb + u(rng, 0.12, 0.22), 0.008, 1 << 2);
      double st = u(rng, 0.12, 0.2);
      p.mb.box(x0, -0.006, rb * 0.9, x0 + ct, 0.006, rb + st, 1 << 4);
      p.mb.box(x0, -0.006, -rb - st, x0 + ct, 0.006, -rb * 0.9, 1 << 5);
      p.mark(t, 2);
      double re = u(rng, 0.025, 0.04);
      double le = u(rng, 0.1, 0.16);
      double ze = u(rng, 0.17, 0.27);
      boolean four = span > 0.5;
      t = p.start();
      for (double z : four ? new double[] {ze, -ze, ze + 0.13, -ze - 0.13} : new double[] {ze, -ze}) {
        int e = p.mb.vertexCount();
        p.mb.frustum(re, -le / 2, re, le / 2, 16, true);
        p.mb.disk(le / 2, re, 16, true);
        p.mb.disk(-le / 2, re, 16, false);
        p.mb.transform(e, MeshBuilder.ONE, MeshBuilder.rotation(0, 0, 1, -Math.PI / 2),
            new double[] {xw + chord * 0.15, -tw / 2 - re, z});
      }
      p.mark(t, 3);
    }
  },
  /** Chair: back 12, seat 13, legs 14, arms 15. */
  CHAIR("Chair") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double w = u(rng, 0.45, 0.6), d = u(rng, 0.42, 0.55), hs = u(rng, 0.4, 0.5);
      double ts = u(rng, 0.04, 0.07), tl = u(rng, 0.035, 0.055);
      int t = p.start();
      p.mb.box(-w / 2, hs, -d / 2, w / 2, hs + ts, d / 2, 0);
      p.mark(t, 13);
      t = p.start();
      for (double x : new double[] {-w / 2, w / 2 - tl}) {
        for (double z : new double[] {-d / 2, d / 2 - tl}) {
          p.mb.box(x, 0, z, x + tl, hs, z + tl, 1 << 3);
        }
      }
      p.mark(t, 14);
      double hb = u(rng, 0.35, 0.55), tb = u(rng, 0.03, 0.05);
      double top = hs + ts;
      t = p.start();
      p.mb.box(-w / 2, top, -d / 2, w / 2, top + hb, -d / 2 + tb, 1 << 2);
      p.mark(t, 12);
      double ha = u(rng, 0.18, 0.25), ta = u(rng, 0.035, 0.05);
      t = p.start();
      for (double x : new double[] {-w / 2, w / 2 - ta}) {
        p.mb.box(x, top + ha, -d / 2 + tb, x + ta, top + ha + ta, d / 2, 1 << 4);
        p.mb.box(x, top, d / 2 - ta, x + ta, top + ha, d / 2, (1 << 2) | (1 << 3));
      }
      p.mark(t, 15);
    }
  },
  /** Lamp: base 24, lampshade 25, fixing bracket 26, pole 27. */
  LAMP("Lamp") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double rb = u(rng, 0.15, 0.24), hb = u(rng, 0.03, 0.06);
      int t = p.start();
      p.mb.frustum(rb, 0, rb, hb, 32, true);
      p.mb.disk(hb, rb, 32, true);
      p.mb.disk(0, rb, 32, false);
      p.mark(t, 24);
      double rp = u(rng, 0.015, 0.028), top = u(rng, 0.6, 0.9);
      t = p.start();
      p.mb.frustum(rp, hb, rp, top, 12, true);
      p.mark(t, 27);
      double rk = u(rng, 0.04, 0.06), hk = u(rng, 0.05, 0.08);
      t = p.start();
      p.mb.frustum(rk, top, rk, top + hk, 16, true);
      p.mb.disk(top + hk, rk, 16, true);
      p.mb.annulus(top, rp, rk, 16, false);
      p.mark(t, 26);
      double r0 = u(rng, 0.16, 0.26), r1 = u(rng, 0.07, 0.13), hsd = u(rng, 0.16, 0.26);
      double y0 = top + hk + u(rng, 0.0, 0.04) - 0.3 * hsd;
      t = p.start();
      p.mb.frustum(r0, y0, r1, y0 + hsd, 32, true);
      p.mark(t, 25);
    }
  },
  /** Laptop: keyboard 28, screen 29. */
  LAPTOP("Laptop") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double w = u(rng, 0.6, 0.8), d = u(rng, 0.4, 0.55), tb = u(rng, 0.02, 0.04);
      int t = p.start();
      p.mb.box(-w / 2, 0, -d / 2, w / 2, tb, d / 2, 0);
      p.mark(t, 28);
      double ts = u(rng, 0.012, 0.02), hscr = d * u(rng, 0.85, 1.05);
      double open = Math.toRadians(u(rng, 95, 125));
      t = p.start();
      int v = p.mb.vertexCount();
      p.mb.box(-w / 2, 0, -ts, w / 2, hscr, 0, 0);
      p.mb.transform(v, MeshBuilder.ONE, MeshBuilder.rotation(1, 0, 0, -(open - Math.PI / 2)),
          new double[] {0, tb, -d / 2 + ts});
      p.mark(t, 29);
    }
  },
  /** Mug: handle 36, body 37. */
  MUG("Mug") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double r = u(rng, 0.28, 0.38), h = u(rng, 0.55, 0.85), wall = u(rng, 0.02, 0.035);
      int t = p.start();
      p.mb.frustum(r, 0, r, h, 40, true);
      p.mb.frustum(r - wall, wall, r - wall, h, 40, false);
      p.mb.annulus(h, r - wall, r, 40, true);
      p.mb.disk(0, r, 40, false);
      p.mb.disk(wall, r - wall, 40, true);
      p.mark(t, 37);
      double major = u(rng, 0.14, 0.22) * h / 0.7, minor = u(rng, 0.03, 0.05);
      t = p.start();
      int v = p.mb.vertexCount();
      p.mb.torus(major, minor, -Math.PI / 2, Math.PI / 2, 24, 12);
      p.mb.transform(v, MeshBuilder.ONE, MeshBuilder.rotation(1, 0, 0, Math.PI / 2),
          new double[] {r - minor * 0.5, h / 2, 0});
      p.mark(t, 36);
    }
  },
  /** Table: top 47, legs 48, apron / drawer box under the top 49. */
  TABLE("Table") {
    @Override
    void build(Parts p, UniformRandomProvider rng) {
      double w = u(rng, 0.8, 1.2), d = u(rng, 0.5, 0.8), ht = u(rng, 0.55, 0.75);
      double tt = u(rng, 0.03, 0.06), tl = u(rng, 0.04, 0.07), e = u(rng, 0.02, 0.06);
      int t = p.start();
      p.mb.box(-w / 2, ht, -d / 2, w / 2, ht + tt, d / 2, 0);
      p.mark(t, 47);
      t = p.start();
      for (double x : new double[] {-w / 2 + e, w / 2 - e - tl}) {
        for (double z : new double[] {-d / 2 + e, d / 2 - e - tl}) {
          p.mb.box(x, 0, z, x + tl, ht, z + tl, 1 << 3);
        }
      }
      p.mark(t, 48);
      double ha = u(rng, 0.06, 0.12);
      t = p.start();
      p.mb.box(-w / 2 + e + tl, ht - ha, -d / 2 + e, w / 2 - e - tl, ht, d / 2 - e, 1 << 3);
      p.mark(t, 49);
    }
  };

  private final String name;

  PartCategory(String name) {
    this.name = name;
  }

  /** Returns the ShapeNet-part category index (0..15). */
  public int category() {
    return ShapeNetPart.categoryIndex(name);
  }

  /** Returns the ShapeNet-part category name, e.g. {@code Airplane}. */
  public String categoryName() {
    return name;
  }

  /** Returns the category's WordNet synset, e.g. {@code 02691156}. */
  public String synset() {
    return ShapeNetPart.synsets().get(category());
  }

  /**
   * Adds this category's parts, standing on y = 0 around the y axis.
   *
   * @param p the assembly
   * @param rng the shape's generator
   */
  abstract void build(Parts p, UniformRandomProvider rng);

  static double u(UniformRandomProvider rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  /** A mesh under construction with the part id of every triangle. */
  static final class Parts {
    final MeshBuilder mb = new MeshBuilder();
    private int[] part = new int[512];

    /** Returns the index of the next triangle (the start of a part). */
    int start() {
      return mb.triangleCount();
    }

    /** Gives every triangle from {@code fromTriangle} on the part id {@code id}. */
    void mark(int fromTriangle, int id) {
      int n = mb.triangleCount();
      if (part.length < n) {
        part = Arrays.copyOf(part, Math.max(n, 2 * part.length));
      }
      Arrays.fill(part, fromTriangle, n, id);
    }

    /** Returns the part id of every triangle. */
    int[] triangleParts() {
      return Arrays.copyOf(part, mb.triangleCount());
    }
  }
}
