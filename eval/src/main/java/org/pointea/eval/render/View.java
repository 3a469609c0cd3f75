package org.pointea.eval.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A direction to look at a cloud from, as azimuth around the up axis and elevation above the
 * horizontal plane. Azimuth 0 and elevation 0 is the front view: the camera sits on the side the
 * front faces ({@code +z} for y-up data, {@code -y} for z-up data) and looks back at the centre.
 *
 * @param name a short caption, e.g. {@code "front"}
 * @param azimuth degrees around the up axis, positive towards the right-hand side
 * @param elevation degrees above the horizontal plane, in {@code [-90, 90]}
 */
public record View(String name, double azimuth, double elevation) {
  /** Looking from the front. */
  public static final View FRONT = new View("front", 0, 0);

  /** Looking from the right-hand side. */
  public static final View SIDE = new View("side", 90, 0);

  /** Looking down from above. */
  public static final View TOP = new View("top", 0, 90);

  /** An isometric view from the front right, above. */
  public static final View ISOMETRIC = new View("iso", 45, Math.toDegrees(Math.atan(1 / Math.sqrt(2))));

  /** Validates the angles. */
  public View {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(azimuth) || !(elevation >= -90 && elevation <= 90)) {
      throw new IllegalArgumentException(
          "bad view angles: azimuth " + azimuth + ", elevation " + elevation);
    }
  }

  /**
   * Returns the customary set of {@code n} views: one isometric view; front and side; front, side
   * and top; or, for more, {@link #orbit(int, double) n views around the cloud} 30 degrees above it.
   *
   * @param n number of views, 1 to 36
   * @return the views
   */
  public static List<View> standard(int n) {
    return switch (n) {
      case 1 -> List.of(ISOMETRIC);
      case 2 -> List.of(FRONT, SIDE);
      case 3 -> List.of(FRONT, SIDE, TOP);
      default -> orbit(n, 30);
    };
  }

  /**
   * Returns {@code n} views evenly spaced around the up axis, starting at azimuth 45 degrees.
   *
   * @param n number of views, 1 to 36
   * @param elevation degrees above the horizontal plane
   * @return the views
   */
  public static List<View> orbit(int n, double elevation) {
    if (n < 1 || n > 36) {
      throw new IllegalArgumentException("number of views must be 1 to 36, got " + n);
    }
    List<View> views = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double az = (45 + 360.0 * i / n) % 360;
      views.add(new View(String.format(Locale.ROOT, "az %.0f", az), az, elevation));
    }
    return List.copyOf(views);
  }

  /**
   * Computes the camera axes of this view in world coordinates.
   *
   * @param up the world's up axis
   * @param right receives the unit vector pointing right on screen
   * @param screenUp receives the unit vector pointing up on screen
   * @param forward receives the unit viewing direction (from the camera into the scene)
   */
  void axes(UpAxis up, double[] right, double[] screenUp, double[] forward) {
    double az = Math.toRadians(azimuth);
    double el = Math.toRadians(elevation);
    double sa = Math.sin(az);
    double ca = Math.cos(az);
    double se = Math.sin(el);
    double ce = Math.cos(el);
    // in the view frame (l1, up, l3): camera direction d, right r, forward f = -d, screen up r x f
    double f1 = -sa * ce;
    double f2 = -se;
    double f3 = -ca * ce;
    double r1 = ca;
    double r2 = 0;
    double r3 = -sa;
    double u1 = r2 * f3 - r3 * f2;
    double u2 = r3 * f1 - r1 * f3;
    double u3 = r1 * f2 - r2 * f1;
    up.toWorld(r1, r2, r3, right);
    up.toWorld(u1, u2, u3, screenUp);
    up.toWorld(f1, f2, f3, forward);
  }
}
