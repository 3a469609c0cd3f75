package org.pointea.io.dataset.synthetic;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The classes of {@link SyntheticModelNet}: primitive solids built as closed triangle meshes with
 * a random aspect. Each class's aspect range is chosen so that no two classes look alike after
 * normalisation to the unit sphere (e.g. a capsule is always at least twice as long as a
 * cylinder is tall, relative to its radius; a tube's wall is always visibly hollow).
 *
 * <p>Shapes are built upright (y up) around the origin with a size of about 1; size, rotation and
 * noise are applied by {@link SyntheticModelNet}.
 */
public enum ShapeClass {
  /** An ellipsoid with axes within 15 % of 1. */
  SPHERE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      int v0 = mb.vertexCount();
      mb.sphereBand(0, Math.PI, 32, 16);
      mb.transform(v0, new double[] {u(rng, 0.85, 1.15), u(rng, 0.85, 1.15), u(rng, 0.85, 1.15)},
          MeshBuilder.IDENTITY, new double[3]);
    }
  },
  /** A box with sides between 0.7 and 1.3 (up to a factor 1.86 apart). */
  CUBE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double a = u(rng, 0.7, 1.3), b = u(rng, 0.7, 1.3), c = u(rng, 0.7, 1.3);
      mb.box(-a, -b, -c, a, b, c, 0);
    }
  },
  /** A closed cylinder, height 1 to 3.2 radii. */
  CYLINDER {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double h = u(rng, 0.5, 1.6);
      mb.frustum(1, -h, 1, h, 32, true);
      mb.disk(h, 1, 32, true);
      mb.disk(-h, 1, 32, false);
    }
  },
  /** A cone on its base, height 1.2 to 3 base radii. */
  CONE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double h = u(rng, 1.2, 3.0);
      mb.frustum(1, -h / 2, 0, h / 2, 40, true);
      mb.disk(-h / 2, 1, 40, false);
    }
  },
  /** A torus, tube radius 0.2 to 0.45 of the ring radius. */
  TORUS {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      mb.torus(1, u(rng, 0.2, 0.45), 0, 2 * Math.PI, 40, 16);
    }
  },
  /** A cylinder with hemispherical ends, total length 3.6 to 6 radii. */
  CAPSULE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double half = u(rng, 0.8, 2.0);
      mb.frustum(1, -half, 1, half, 32, true);
      int v0 = mb.vertexCount();
      mb.sphereBand(0, Math.PI / 2, 32, 8);
      mb.translate(v0, 0, half, 0);
      v0 = mb.vertexCount();
      mb.sphereBand(Math.PI / 2, Math.PI, 32, 8);
      mb.translate(v0, 0, -half, 0);
    }
  },
  /** A square pyramid on its base, height 1 to 2.2 half-widths. */
  PYRAMID {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double a = u(rng, 0.8, 1.2), c = u(rng, 0.8, 1.2), h = u(rng, 1.0, 2.2);
      int b0 = mb.vertex(-a, -h / 2, -c);
      int b1 = mb.vertex(a, -h / 2, -c);
      int b2 = mb.vertex(a, -h / 2, c);
      int b3 = mb.vertex(-a, -h / 2, c);
      int apex = mb.vertex(0, h / 2, 0);
      int t0 = mb.triangleCount();
      mb.quad(b0, b1, b2, b3);
      mb.triangle(b0, b1, apex);
      mb.triangle(b1, b2, apex);
      mb.triangle(b2, b3, apex);
      mb.triangle(b3, b0, apex);
      double cy = -h / 4;
      mb.orient(t0, (x, y, z, o) -> {
        o[0] = x;
        o[1] = y - cy;
        o[2] = z;
      });
    }
  },
  /** An octahedron with axes within 20 % of each other. */
  OCTAHEDRON {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double a = u(rng, 0.8, 1.2), b = u(rng, 0.9, 1.3), c = u(rng, 0.8, 1.2);
      int px = mb.vertex(a, 0, 0), nx = mb.vertex(-a, 0, 0);
      int py = mb.vertex(0, b, 0), ny = mb.vertex(0, -b, 0);
      int pz = mb.vertex(0, 0, c), nz = mb.vertex(0, 0, -c);
      int t0 = mb.triangleCount();
      int[] ring = {px, pz, nx, nz};
      for (int i = 0; i < 4; i++) {
        mb.triangle(ring[i], ring[(i + 1) % 4], py);
        mb.triangle(ring[i], ring[(i + 1) % 4], ny);
      }
      mb.orient(t0, (x, y, z, o) -> {
        o[0] = x;
        o[1] = y;
        o[2] = z;
      });
    }
  },
  /** A dome on a flat disk. */
  HEMISPHERE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      int v0 = mb.vertexCount();
      mb.sphereBand(0, Math.PI / 2, 32, 10);
      mb.disk(0, 1, 32, false);
      mb.transform(v0, new double[] {1, u(rng, 0.8, 1.2), u(rng, 0.9, 1.1)},
          MeshBuilder.IDENTITY, new double[] {0, -0.4, 0});
    }
  },
  /** Three orthogonal square bars through a common centre (a jack), arms of unequal length. */
  CROSS {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double t = u(rng, 0.22, 0.36) / 2;
      for (int axis = 0; axis < 3; axis++) {
        for (int dir = -1; dir <= 1; dir += 2) {
          double len = u(rng, 0.8, 1.2);
          double[] lo = {-t, -t, -t};
          double[] hi = {t, t, t};
          if (dir > 0) {
            lo[axis] = t;
            hi[axis] = len;
          } else {
            lo[axis] = -len;
            hi[axis] = -t;
          }
          int skip = 1 << (2 * axis + (dir > 0 ? 0 : 1)); // the face touching the centre
          mb.box(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2], skip);
        }
      }
    }
  },
  /** A hollow cylinder (pipe), inner radius 0.55 to 0.75 of the outer one. */
  TUBE {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double inner = u(rng, 0.55, 0.75), h = u(rng, 0.5, 1.0);
      mb.frustum(1, -h, 1, h, 40, true);
      mb.frustum(inner, -h, inner, h, 40, false);
      mb.annulus(h, inner, 1, 40, true);
      mb.annulus(-h, inner, 1, 40, false);
    }
  },
  /** An upright triangular prism. */
  PRISM {
    @Override
    void build(MeshBuilder mb, UniformRandomProvider rng) {
      double h = u(rng, 0.6, 1.4);
      double sx = u(rng, 0.85, 1.15), sz = u(rng, 0.85, 1.15);
      int[] bottom = new int[3];
      int[] top = new int[3];
      for (int i = 0; i < 3; i++) {
        double a = 2 * Math.PI * i / 3 + Math.PI / 2;
        bottom[i] = mb.vertex(sx * Math.cos(a), -h, sz * Math.sin(a));
        top[i] = mb.vertex(sx * Math.cos(a), h, sz * Math.sin(a));
      }
      int t0 = mb.triangleCount();
      mb.triangle(bottom[0], bottom[1], bottom[2]);
      mb.triangle(top[0], top[1], top[2]);
      for (int i = 0; i < 3; i++) {
        int j = (i + 1) % 3;
        mb.quad(bottom[i], bottom[j], top[j], top[i]);
      }
      double cx = sx * (Math.cos(Math.PI / 2) + Math.cos(Math.PI / 2 + 2 * Math.PI / 3)
          + Math.cos(Math.PI / 2 + 4 * Math.PI / 3)) / 3;
      mb.orient(t0, (x, y, z, o) -> {
        o[0] = x - cx;
        o[1] = y;
        o[2] = z;
      });
    }
  };

  /**
   * Adds this class's shape, upright around the origin, to the builder.
   *
   * @param mb the builder
   * @param rng the shape's generator
   */
  abstract void build(MeshBuilder mb, UniformRandomProvider rng);

  /** Returns the class name used in the datasets (lower case, e.g. {@code sphere}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static double u(UniformRandomProvider rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }
}
