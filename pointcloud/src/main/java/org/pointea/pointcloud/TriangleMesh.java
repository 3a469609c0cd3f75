package org.pointea.pointcloud;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable triangle mesh: vertices as a packed {@code float[3V]}, triangles as a packed
 * {@code int[3F]} of 0-based vertex indices, and optional per-vertex unit normals
 * {@code float[3V]}.
 *
 * <p>Ownership follows {@link PointCloud}: constructors take ownership of the arrays, accessors
 * return copies.
 *
 * <pre>{@code
 * TriangleMesh quad = new TriangleMesh(
 *     new float[] {0,0,0, 1,0,0, 1,1,0, 0,1,0}, new int[] {0,1,2, 0,2,3});
 * }</pre>
 */
public final class TriangleMesh {
  private final float[] vertices;
  private final int[] triangles;
  private final float[] vertexNormals;

  /**
   * Creates a mesh without normals.
   *
   * @param vertices packed {@code float[3V]}
   * @param triangles packed {@code int[3F]}, every index in {@code [0, V)}
   */
  public TriangleMesh(float[] vertices, int[] triangles) {
    this(vertices, triangles, null);
  }

  /**
   * Creates a mesh.
   *
   * @param vertices packed {@code float[3V]}
   * @param triangles packed {@code int[3F]}, every index in {@code [0, V)}
   * @param vertexNormals packed {@code float[3V]}, or null
   */
  public TriangleMesh(float[] vertices, int[] triangles, float[] vertexNormals) {
    Objects.requireNonNull(vertices, "vertices");
    Objects.requireNonNull(triangles, "triangles");
    if (vertices.length % 3 != 0) {
      throw new IllegalArgumentException(
          "packed vertices must have a multiple of 3 values, got " + vertices.length);
    }
    if (triangles.length % 3 != 0) {
      throw new IllegalArgumentException(
          "packed triangles must have a multiple of 3 indices, got " + triangles.length);
    }
    int v = vertices.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= v) {
        throw new IllegalArgumentException(
            "triangle " + (i / 3) + " refers to vertex " + triangles[i] + " of " + v);
      }
    }
    if (vertexNormals != null && vertexNormals.length != vertices.length) {
      throw new IllegalArgumentException(
          "expected " + vertices.length + " normal values, got " + vertexNormals.length);
    }
    this.vertices = vertices;
    this.triangles = triangles;
    this.vertexNormals = vertexNormals;
  }

  /** Returns the number of vertices. */
  public int vertexCount() {
    return vertices.length / 3;
  }

  /** Returns the number of triangles. */
  public int triangleCount() {
    return triangles.length / 3;
  }

  /** Returns a copy of the packed vertices. */
  public float[] vertices() {
    return vertices.clone();
  }

  /** Returns a copy of the packed triangle indices. */
  public int[] triangles() {
    return triangles.clone();
  }

  /** Returns true when the mesh has per-vertex normals. */
  public boolean hasVertexNormals() {
    return vertexNormals != null;
  }

  /** Returns a copy of the packed vertex normals; throws when there are none. */
  public float[] vertexNormals() {
    if (vertexNormals == null) {
      throw new IllegalStateException("mesh has no vertex normals");
    }
    return vertexNormals.clone();
  }

  /**
   * Returns the vertex index of one corner of one triangle.
   *
   * @param triangle triangle index
   * @param corner 0, 1 or 2
   * @return vertex index
   */
  public int corner(int triangle, int corner) {
    Objects.checkIndex(corner, 3);
    return triangles[3 * Objects.checkIndex(triangle, triangleCount()) + corner];
  }

  /**
   * Returns one vertex coordinate.
   *
   * @param vertex vertex index
   * @param axis 0, 1 or 2
   * @return the coordinate
   */
  public float vertex(int vertex, int axis) {
    Objects.checkIndex(axis, 3);
    return vertices[3 * Objects.checkIndex(vertex, vertexCount()) + axis];
  }

  /** Returns the vertices as a point cloud (with normals when the mesh has them). */
  public PointCloud toPointCloud() {
    PointCloud.Builder b = PointCloud.builder(vertices.clone());
    if (vertexNormals != null) {
      b.normals(vertexNormals.clone());
    }
    return b.build();
  }

  /** Returns the bounding box of the finite vertices. */
  public Bounds bounds() {
    return Bounds.of(vertices, vertexCount());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TriangleMesh m
        && Arrays.equals(m.vertices, vertices)
        && Arrays.equals(m.triangles, triangles)
        && Arrays.equals(m.vertexNormals, vertexNormals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(vertices), Arrays.hashCode(triangles), Arrays.hashCode(vertexNormals));
  }

  @Override
  public String toString() {
    return "TriangleMesh["
        + vertexCount()
        + " vertices, "
        + triangleCount()
        + " triangles"
        + (vertexNormals != null ? ", normals" : "")
        + "]";
  }
}
