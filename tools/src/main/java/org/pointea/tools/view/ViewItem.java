package org.pointea.tools.view;

import java.util.Objects;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * One file of a {@link ViewScene}, as drawn: its points (decimated when there are more than the
 * scene allows) or its mesh, with the full count kept for display.
 *
 * @param name the name shown (the file name as given)
 * @param cloud the points drawn, with every channel; for a mesh, its vertices
 * @param triangles the mesh's triangles as vertex-index triples, or null for a cloud
 * @param sourceIndex for a decimated cloud, the index in the file of each drawn point; else null
 * @param points how many points (or vertices) the file holds, finite or not
 * @param note a short remark shown next to the file (non-finite points left out, ...), or null
 */
public record ViewItem(String name, PointCloud cloud, int[] triangles, int[] sourceIndex,
    long points, String note) {

  /** Checks the parts agree. */
  public ViewItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cloud, "cloud");
    if (triangles != null && triangles.length % 3 != 0) {
      throw new IllegalArgumentException("triangles must be index triples, got " + triangles.length);
    }
    if (sourceIndex != null && sourceIndex.length != cloud.size()) {
      throw new IllegalArgumentException("one source index per drawn point: " + sourceIndex.length
          + " vs " + cloud.size());
    }
  }

  /** Returns true when the item is drawn as a triangle mesh. */
  public boolean isMesh() {
    return triangles != null;
  }

  /** Returns how many points are drawn. */
  public int shown() {
    return cloud.size();
  }

  /**
   * Returns a mesh item: its vertices with their normals (when the file has them) and triangles.
   *
   * @param name the name shown
   * @param mesh the mesh
   * @param vertices the mesh's vertices as a cloud with the file's vertex channels (colours,
   *     labels), or null to use the mesh's positions and normals only
   * @return the item
   */
  public static ViewItem mesh(String name, TriangleMesh mesh, PointCloud vertices) {
    PointCloud v = vertices;
    if (v == null || v.size() != mesh.vertexCount()) {
      PointCloud.Builder b = PointCloud.builder(mesh.vertices());
      if (mesh.hasVertexNormals()) {
        b.normals(mesh.vertexNormals());
      }
      v = b.build();
    }
    return new ViewItem(name, v, mesh.triangles(), null, mesh.vertexCount(), null);
  }
}
