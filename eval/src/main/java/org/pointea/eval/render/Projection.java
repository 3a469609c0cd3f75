package org.pointea.eval.render;

/** How 3-D points map to the image plane. */
public enum Projection {
  /** Parallel projection: sizes do not shrink with distance (engineering views). */
  ORTHOGRAPHIC,
  /** Pinhole camera with a 40 degree field of view, placed so the whole cloud is in view. */
  PERSPECTIVE
}
