package org.pointea.tools.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pointea.eval.render.Palette;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.RandomSampler;

/**
 * What {@code pointea view} shows: one or more files, each encoded once as a binary payload
 * (little-endian {@code float32} positions, then each channel as {@code float32} or {@code int32},
 * then the triangles) and described by {@link #json()}, which gives every section's byte offset.
 *
 * <p>Clouds with more than {@code maxPoints} finite points are decimated for display by seeded
 * random sampling (the drawn points keep their index in the file, shown when picked); the full
 * count is kept and shown. Non-finite points are left out and counted. Label colours come from
 * the same {@link Palette} as {@code pointea render} and the report figures.
 *
 * <pre>{@code
 * ViewScene scene = ViewScene.builder().optMaxPoints(1_000_000).add("scan.pcd", cloud).build();
 * }</pre>
 */
public final class ViewScene {
  /** The default most points drawn per file. */
  public static final int DEFAULT_MAX_POINTS = 2_000_000;

  private final List<ViewItem> items;
  private final List<byte[]> payloads = new ArrayList<>();
  private final String json;

  private ViewScene(Builder b) {
    this.items = List.copyOf(b.items);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("title", b.title != null ? b.title : String.join(", ",
        items.stream().map(ViewItem::name).toList()));
    root.put("up_axis", b.upAxis);
    root.put("point_size", b.pointSize);
    if (b.colorBy != null) {
      root.put("color_by", b.colorBy);
    }
    float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
    float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (ViewItem it : items) {
      float[] xyz = it.cloud().positions();
      for (int i = 0; i < xyz.length; i++) {
        lo[i % 3] = Math.min(lo[i % 3], xyz[i]);
        hi[i % 3] = Math.max(hi[i % 3], xyz[i]);
      }
    }
    for (int a = 0; a < 3; a++) {
      if (lo[a] > hi[a]) {
        lo[a] = 0;
        hi[a] = 0;
      }
    }
    ObjectNode bounds = root.putObject("bounds");
    bounds.putArray("min").add(lo[0]).add(lo[1]).add(lo[2]);
    bounds.putArray("max").add(hi[0]).add(hi[1]).add(hi[2]);
    root.putArray("height_range").add(lo[b.upAxis]).add(hi[b.upAxis]);
    ArrayNode lut = root.putArray("height_colors");
    for (int i = 0; i < 256; i++) {
      lut.add(rgb(mapper, Palette.viridis(i / 255.0)));
    }
    root.set("unlabelled", rgb(mapper, Palette.UNLABELLED));
    ArrayNode list = root.putArray("items");
    for (int k = 0; k < items.size(); k++) {
      list.add(describeAndEncode(mapper, k, items.get(k), b.labelNames));
    }
    this.json = root.toString();
  }

  private ObjectNode describeAndEncode(ObjectMapper mapper, int k, ViewItem it,
      List<String> labelNames) {
    PointCloud c = it.cloud();
    int n = c.size();
    ObjectNode node = mapper.createObjectNode();
    node.put("name", it.name());
    node.put("kind", it.isMesh() ? "mesh" : "cloud");
    node.put("points", it.points());
    node.put("shown", n);
    if (it.note() != null) {
      node.put("note", it.note());
    }
    node.put("url", "item/" + k + ".bin");
    ArrayNode names = node.putArray("channels");
    ObjectNode layout = node.putObject("layout");
    List<Object> sections = new ArrayList<>();
    long offset = 0;
    offset = section(layout.putObject("positions"), offset, 3L * n, "f32");
    sections.add(c.positions());
    ArrayNode channels = layout.putArray("channels");
    for (Map.Entry<String, Channel> e : c.channels().entrySet()) {
      Channel ch = e.getValue();
      ObjectNode s = channels.addObject();
      s.put("name", e.getKey());
      names.add(e.getKey());
      if (ch instanceof FloatChannel f) {
        s.put("width", f.width());
        offset = section(s, offset, (long) f.width() * n, "f32");
        sections.add(f.toArray());
      } else if (ch instanceof IntChannel i) {
        s.put("width", i.width());
        offset = section(s, offset, (long) i.width() * n, "i32");
        sections.add(i.toArray());
      }
    }
    if (it.isMesh()) {
      offset = section(layout.putObject("faces"), offset, it.triangles().length, "i32");
      sections.add(it.triangles());
    }
    if (it.sourceIndex() != null) {
      offset = section(layout.putObject("source_index"), offset, it.sourceIndex().length, "i32");
      sections.add(it.sourceIndex());
    }
    if (offset > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(it.name() + ": " + offset + " bytes to draw; lower"
          + " --max-points");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
    for (Object s : sections) {
      if (s instanceof float[] f) {
        buf.asFloatBuffer().put(f);
        buf.position(buf.position() + 4 * f.length);
      } else {
        int[] i = (int[]) s;
        buf.asIntBuffer().put(i);
        buf.position(buf.position() + 4 * i.length);
      }
    }
    payloads.add(buf.array());
    ArrayNode labels = node.putArray("labels");
    if (c.hasLabels()) {
      Map<Integer, Integer> counts = new TreeMap<>();
      for (int l : c.labels()) {
        counts.merge(l, 1, Integer::sum);
      }
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        ObjectNode l = labels.addObject();
        int label = e.getKey();
        l.put("label", label);
        if (labelNames != null && label >= 0 && label < labelNames.size()) {
          l.put("name", labelNames.get(label));
        }
        l.put("count", e.getValue());
        l.set("rgb", rgb(mapper, Palette.label(label)));
      }
    }
    return node;
  }

  private static long section(ObjectNode s, long offset, long count, String type) {
    s.put("type", type);
    s.put("offset", offset);
    s.put("length", count);
    return offset + 4 * count;
  }

  private static ArrayNode rgb(ObjectMapper mapper, int rgb) {
    return mapper.createArrayNode().add((rgb >> 16) & 255).add((rgb >> 8) & 255).add(rgb & 255);
  }

  /** Returns the files shown, in order. */
  public List<ViewItem> items() {
    return items;
  }

  /** Returns the scene description the page reads ({@code scene.json}, snake_case keys). */
  public String json() {
    return json;
  }

  /**
   * Returns the binary payload of one file ({@code item/K.bin}).
   *
   * @param k the file's index
   * @return the bytes (the caller must not change them)
   */
  public byte[] payload(int k) {
    return payloads.get(k);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ViewScene}. */
  public static final class Builder {
    private final List<ViewItem> items = new ArrayList<>();
    private int maxPoints = DEFAULT_MAX_POINTS;
    private long seed;
    private int upAxis = 1;
    private int pointSize = 2;
    private String colorBy;
    private String title;
    private List<String> labelNames;

    private Builder() {}

    /**
     * Sets the most points drawn per file (default {@value #DEFAULT_MAX_POINTS}); files with more
     * are decimated for display. Applies to the files added after this call.
     *
     * @param maxPoints at least 1
     * @return this
     */
    public Builder optMaxPoints(int maxPoints) {
      if (maxPoints < 1) {
        throw new IllegalArgumentException("--max-points must be at least 1, got " + maxPoints);
      }
      this.maxPoints = maxPoints;
      return this;
    }

    /**
     * Sets the seed of the decimation (default 0).
     *
     * @param seed the seed
     * @return this
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the up axis: 0 = x, 1 = y (default: ModelNet, ShapeNet), 2 = z (ROS, PCL, lidar).
     *
     * @param axis 0, 1 or 2
     * @return this
     */
    public Builder optUpAxis(int axis) {
      if (axis < 0 || axis > 2) {
        throw new IllegalArgumentException("the up axis is 0, 1 or 2, got " + axis);
      }
      this.upAxis = axis;
      return this;
    }

    /**
     * Sets the point size in pixels at start (default 2).
     *
     * @param px 1 to 12
     * @return this
     */
    public Builder optPointSize(int px) {
      if (px < 1 || px > 12) {
        throw new IllegalArgumentException("--point-size must be 1 to 12 pixels, got " + px);
      }
      this.pointSize = px;
      return this;
    }

    /**
     * Sets the colouring at start: rgb, height, normal or label (default: label, else rgb,
     * else height, whichever the files have).
     *
     * @param mode the mode
     * @return this
     */
    public Builder optColorBy(String mode) {
      String m = mode.toLowerCase(Locale.ROOT);
      if (!List.of("rgb", "height", "normal", "label").contains(m)) {
        throw new IllegalArgumentException("--color-by is rgb, height, normal or label, got '"
            + mode + "'");
      }
      this.colorBy = m;
      return this;
    }

    /**
     * Sets the page title (default: the file names).
     *
     * @param title the title
     * @return this
     */
    public Builder optTitle(String title) {
      this.title = title;
      return this;
    }

    /**
     * Sets names for the labels, by label value (the legend and picking show them).
     *
     * @param names name of label 0, 1, ...
     * @return this
     */
    public Builder optLabelNames(List<String> names) {
      this.labelNames = List.copyOf(names);
      return this;
    }

    /**
     * Adds a cloud, decimated when it has more than the maximum points.
     *
     * @param name the name shown
     * @param cloud the cloud
     * @return this
     */
    public Builder add(String name, PointCloud cloud) {
      int all = cloud.size();
      int nonFinite = cloud.countNonFinite();
      int[] keep = nonFinite > 0 ? cloud.finiteIndices() : null;
      int finite = all - nonFinite;
      int[] source = null;
      if (finite > maxPoints) {
        int[] pick = RandomSampler.withoutReplacement(finite, maxPoints, RandomStreams.of(seed));
        Arrays.sort(pick);
        source = new int[pick.length];
        for (int i = 0; i < pick.length; i++) {
          source[i] = keep != null ? keep[pick[i]] : pick[i];
        }
      } else if (keep != null) {
        source = keep;
      }
      PointCloud shown = source != null ? cloud.select(source) : cloud;
      String note = nonFinite > 0 ? String.format(Locale.ROOT, "%,d non-finite points left out",
          nonFinite) : null;
      items.add(new ViewItem(name, shown, null, source, all, note));
      return this;
    }

    /**
     * Adds a triangle mesh; one with more vertices than the maximum points is drawn as decimated
     * vertices instead.
     *
     * @param name the name shown
     * @param mesh the mesh
     * @param vertices its vertices with the file's channels (colours, labels), or null
     * @return this
     */
    public Builder addMesh(String name, TriangleMesh mesh, PointCloud vertices) {
      if (mesh.vertexCount() > maxPoints || (vertices != null && vertices.countNonFinite() > 0)) {
        return add(name, vertices != null ? vertices : PointCloud.of(mesh.vertices()));
      }
      items.add(ViewItem.mesh(name, mesh, vertices));
      return this;
    }

    /**
     * Encodes the scene.
     *
     * @return the scene
     * @throws IllegalArgumentException when no file was added
     */
    public ViewScene build() {
      if (items.isEmpty()) {
        throw new IllegalArgumentException("nothing to show: add at least one file");
      }
      return new ViewScene(this);
    }
  }
}
