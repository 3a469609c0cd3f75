package org.pointea.pointcloud.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.pointcloud.GeometryFixtures;

class IcpTest {

  /**
   * Open3D's registration_icp of cloud_bin_0 onto cloud_bin_1 (two scans of one room from its
   * test data) from a perturbed start: the same transformation to 1e-4, the same fitness, inlier
   * RMSE and correspondence count.
   */
  @ParameterizedTest
  @ValueSource(strings = {"icp_point_to_point_0.02", "icp_point_to_point_0.05",
      "icp_point_to_plane_0.02", "icp_point_to_plane_0.05"})
  void registersTheRealPairAsOpen3dDoes(String name) {
    JsonNode c = GeometryFixtures.golden(name);
    JsonNode p = c.get("params");
    float[] src = GeometryFixtures.xyz("cloud_bin_0");
    float[] tgt = GeometryFixtures.xyz("cloud_bin_1");
    Icp icp = Icp.builder().setMaxCorrespondenceDistance(p.get("max_correspondence_distance")
            .asDouble())
        .optMethod(p.get("method").asText().equals("point_to_plane") ? IcpMethod.POINT_TO_PLANE
            : IcpMethod.POINT_TO_POINT)
        .build();
    RegistrationResult r = icp.register(src, src.length / 3, tgt, tgt.length / 3,
        GeometryFixtures.floats("cloud_bin_1", "normals"), matrix(p.get("init")), 0);
    JsonNode want = c.get("result");
    assertThat(Transforms.maxAbsDifference(r.transformation(), matrix(want.get("transformation"))))
        .isLessThan(1e-4);
    assertThat(r.fitness()).isCloseTo(want.get("fitness").asDouble(), within(1e-9));
    assertThat(r.inlierRmse()).isCloseTo(want.get("inlier_rmse").asDouble(), within(1e-6));
    assertThat(r.correspondenceCount()).isEqualTo(want.get("correspondences").asInt());
  }

  /** A known motion of cloud_bin_0 is recovered to 1e-4 by both methods, as Open3D recovers it. */
  @ParameterizedTest
  @ValueSource(strings = {"icp_known_point_to_point", "icp_known_point_to_plane"})
  void recoversAKnownMotion(String name) {
    JsonNode p = GeometryFixtures.golden(name).get("params");
    float[] src = GeometryFixtures.xyz("cloud_bin_0");
    float[] moved = GeometryFixtures.floats("cloud_bin_0", "moved");
    double[] truth = matrix(p.get("truth"));
    int n = src.length / 3;
    float[] movedNormals = Transforms.rotate(truth, GeometryFixtures.floats("cloud_bin_0",
        "normals"), n);
    Icp icp = Icp.builder().setMaxCorrespondenceDistance(0.2)
        .optMethod(name.endsWith("plane") ? IcpMethod.POINT_TO_PLANE : IcpMethod.POINT_TO_POINT)
        .optMaxIterations(200).optRelativeFitness(1e-12).optRelativeRmse(1e-12).build();
    RegistrationResult r = icp.register(src, n, moved, n, movedNormals, Transforms.identity(), 0);
    assertThat(Transforms.maxAbsDifference(r.transformation(), truth)).isLessThan(1e-4);
    assertThat(r.fitness()).isEqualTo(1.0);
    double open3dError = GeometryFixtures.golden(name).get("result").get("error_vs_truth")
        .asDouble();
    assertThat(open3dError).isLessThan(1e-4);
  }

  @Test
  void evaluateIsOpen3dsEvaluateRegistration() {
    JsonNode c = GeometryFixtures.golden("evaluate_0.05");
    float[] src = GeometryFixtures.xyz("cloud_bin_0");
    float[] tgt = GeometryFixtures.xyz("cloud_bin_1");
    RegistrationResult r = Icp.builder().setMaxCorrespondenceDistance(0.05).build()
        .evaluate(src, src.length / 3, tgt, tgt.length / 3,
            matrix(c.get("params").get("transformation")), 1);
    assertThat(r.fitness()).isEqualTo(c.get("result").get("fitness").asDouble());
    assertThat(r.inlierRmse()).isCloseTo(c.get("result").get("inlier_rmse").asDouble(),
        within(1e-12));
    assertThat(r.correspondenceCount()).isEqualTo(c.get("result").get("correspondences").asInt());
    assertThat(r.iterations()).isZero();
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    float[] src = GeometryFixtures.xyz("cloud_bin_0");
    float[] tgt = GeometryFixtures.xyz("cloud_bin_1");
    Icp icp = Icp.builder().setMaxCorrespondenceDistance(0.05).build();
    double[] init = Transforms.fromEulerXyz(0, 0, 0.03, 0.02, 0, 0);
    RegistrationResult one = icp.register(src, src.length / 3, tgt, tgt.length / 3, null, init, 1);
    RegistrationResult two = icp.register(src, src.length / 3, tgt, tgt.length / 3, null, init, 2);
    assertThat(two).isEqualTo(one);
  }

  @Test
  void noCorrespondencesLeaveTheInitialTransformation() {
    float[] src = {0, 0, 0, 1, 0, 0};
    float[] tgt = {10, 10, 10, 11, 10, 10};
    double[] init = Transforms.fromEulerXyz(0.1, 0, 0, 0, 0, 0);
    RegistrationResult r = Icp.builder().setMaxCorrespondenceDistance(1).build()
        .register(src, 2, tgt, 2, null, init, 1);
    assertThat(Transforms.maxAbsDifference(r.transformation(), init)).isZero();
    assertThat(r.fitness()).isZero();
    assertThat(r.inlierRmse()).isZero();
    assertThat(r.iterations()).isEqualTo(1);
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> Icp.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCorrespondence");
    Icp p2l = Icp.builder().setMaxCorrespondenceDistance(1).optMethod(IcpMethod.POINT_TO_PLANE)
        .build();
    assertThatThrownBy(() -> p2l.register(new float[3], 1, new float[3], 1, null,
        Transforms.identity(), 1)).hasMessageContaining("normals");
    double[] notRigid = Transforms.identity();
    notRigid[0] = 2;
    assertThatThrownBy(() -> Icp.builder().setMaxCorrespondenceDistance(1).build()
        .register(new float[3], 1, new float[3], 1, null, notRigid, 1))
        .hasMessageContaining("orthonormal");
    assertThat(p2l.toString()).isEqualTo("Icp(point_to_plane, max_distance=1.0, max_iteration=30,"
        + " relative_fitness=1.0E-6, relative_rmse=1.0E-6)");
  }

  static double[] matrix(JsonNode rows) {
    double[] m = new double[16];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        m[4 * r + c] = rows.get(r).get(c).asDouble();
      }
    }
    return m;
  }
}
