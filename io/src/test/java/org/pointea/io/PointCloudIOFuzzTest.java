package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.internal.Input;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyDtype;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.npy.NpyWriter;
import org.pointea.io.off.OffReader;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.off.OffWriter;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.pcd.PcdWriter;
import org.pointea.io.ply.PlyReader;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ply.PlyWriter;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.io.text.TextWriter;
import org.pointea.pointcloud.PointCloud;

/**
 * Fuzzes every reader with a seeded mutation loop over the real corpus and generated files (see
 * {@link Fuzz}): every input must read or fail with a {@link PointCloudFormatException}, within
 * bounded allocation and time.
 *
 * <p>The default run does {@value #DEFAULT_ITERATIONS} inputs per format; run the large campaign
 * with {@code mvn -pl io -am verify -Dtest=PointCloudIOFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpointea.fuzz.iterations=100000} (seed: {@code -Dpointea.fuzz.seed}). The report goes to stdout
 * and {@code target/fuzz-report.txt}.
 */
class PointCloudIOFuzzTest {
  static final int DEFAULT_ITERATIONS = 1500;
  private static final int SEED_LIMIT = 256 * 1024;
  private static final List<String> REPORT = new ArrayList<>();

  @TempDir
  static Path tmp;

  private static int iterations() {
    return Integer.getInteger("pointea.fuzz.iterations", DEFAULT_ITERATIONS);
  }

  private static long seed() {
    return Long.getLong("pointea.fuzz.seed", 20240601L);
  }

  @TestFactory
  Stream<DynamicTest> everyReaderFailsCleanlyOnMutatedInput() throws IOException {
    List<Fuzz> campaigns = List.of(
        new Fuzz("ply", seeds(".ply", plySeeds()), in -> {
          PointCloudIO.read(in, PointCloudFormat.PLY, ReadOptions.DEFAULT, "fuzz.ply");
          if (in.length % 3 == 0) {
            PlyReader.readMesh(Input.of(in, "fuzz.ply"));
          }
        }, seed(), 200),
        new Fuzz("pcd", seeds(".pcd", pcdSeeds()),
            in -> PointCloudIO.read(in, PointCloudFormat.PCD, ReadOptions.DEFAULT, "fuzz.pcd"),
            seed(), 200),
        new Fuzz("off", seeds(".off", offSeeds()), in -> {
          PointCloudIO.read(in, PointCloudFormat.OFF, ReadOptions.DEFAULT, "fuzz.off");
          OffReader.readMesh(Input.of(in, "fuzz.off"));
        }, seed(), 200),
        new Fuzz("text", textSeeds(), in -> {
          PointCloudFormat f = switch (Math.floorMod(in.length, 4)) {
            case 0 -> PointCloudFormat.TXT;
            case 1 -> PointCloudFormat.PTS;
            case 2 -> PointCloudFormat.XYZ;
            default -> PointCloudFormat.CSV;
          };
          PointCloudIO.read(in, f, ReadOptions.DEFAULT, "fuzz.txt");
        }, seed(), 200),
        new Fuzz("npy", seeds(".npy", npySeeds()), in -> {
          NpyReader.readArray(Input.of(in, "fuzz.npy"));
          PointCloudIO.read(in, PointCloudFormat.NPY, ReadOptions.DEFAULT, "fuzz.npy");
        }, seed(), 200),
        new Fuzz("hdf5", h5Seeds(),
            in -> PointNetH5Reader.read(in, "fuzz.h5", ReadOptions.DEFAULT), seed(), 400),
        new Fuzz("ros", rosSeeds(), in -> {
          PointCloud2 m;
          if (in.length > 1 && in[0] == 0 && in[1] <= 1) {
            m = PointCloud2Serializer.fromCdr(in);
          } else {
            m = PointCloud2Serializer.fromRos1(in);
          }
          PointCloud2Codec.decode(m);
        }, seed(), 200));
    int n = iterations();
    return campaigns.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      Fuzz.Report r = f.run(n);
      synchronized (REPORT) {
        REPORT.add(r.toString());
      }
      System.out.println("fuzz " + r);
      assertThat(r.findings()).as(r.name() + " findings (inputs in target/fuzz-findings)")
          .isEmpty();
      assertThat(r.accepted() + r.rejected()).isEqualTo(n);
    }));
  }

  @AfterAll
  static void writeReport() throws IOException {
    Path out = Path.of("target", "fuzz-report.txt");
    Files.createDirectories(out.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("seed " + seed() + ", " + iterations() + " inputs per format");
    lines.addAll(REPORT);
    Files.write(out, lines);
  }

  // ---------------------------------------------------------------- seeds

  private static List<byte[]> seeds(String ext, List<byte[]> generated) throws IOException {
    List<byte[]> out = new ArrayList<>(generated);
    for (Path p : RealCorpus.dataFiles()) {
      if (p.toString().endsWith(ext)) {
        byte[] b = Files.readAllBytes(p);
        out.add(b.length > SEED_LIMIT ? java.util.Arrays.copyOf(b, SEED_LIMIT) : b);
      }
    }
    return out;
  }

  private static PointCloud richCloud(int n, long seed, boolean organized) {
    return TestClouds.rich(organized && n % 2 == 1 ? n + 1 : n, seed, organized);
  }

  private static List<byte[]> plySeeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    PointCloud c = richCloud(6, 1, false);
    for (PlyWriteOptions o : List.of(PlyWriteOptions.ascii(), PlyWriteOptions.binaryLittleEndian(),
        PlyWriteOptions.binaryBigEndian(), PlyWriteOptions.ascii().withFloatColors(true))) {
      out.add(Fuzz.bytesOf(ch -> PlyWriter.write(ch, c, null, o)));
      out.add(Fuzz.bytesOf(ch -> PlyWriter.write(ch, PointCloud.of(new float[] {0, 0, 0, 1, 0, 0,
          0, 1, 0, 1, 1, 0}), new int[] {0, 1, 2, 2, 1, 3}, o)));
    }
    return out;
  }

  private static List<byte[]> pcdSeeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (PcdWriteOptions o : List.of(PcdWriteOptions.ascii(), PcdWriteOptions.binary(),
        PcdWriteOptions.binaryCompressed())) {
      out.add(Fuzz.bytesOf(ch -> PcdWriter.write(ch, richCloud(6, 2, true), o)));
      out.add(Fuzz.bytesOf(ch -> PcdWriter.write(ch, richCloud(40, 3, false), o)));
    }
    return out;
  }

  private static List<byte[]> offSeeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0};
    int[] t = {0, 1, 2, 2, 1, 3};
    out.add(Fuzz.bytesOf(ch -> OffWriter.write(ch, v, t, OffWriteOptions.DEFAULT)));
    out.add(Fuzz.bytesOf(ch -> OffWriter.write(ch, v, t, new OffWriteOptions(true, 6))));
    out.add("COFF\n3 1 0\n0 0 0 255 0 0 255\n1 0 0 0 255 0 255\n0 1 0 0 0 255 255\n3 0 1 2\n"
        .getBytes());
    out.add("NOFF 2 0 0\n0 0 0 0 0 1\n1 1 1 0 1 0\n".getBytes());
    out.add("OFF\n# c\n\n5 1 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n0.5 2 0\n5 0 1 2 4 3 0.1 0.2 0.3\n"
        .getBytes());
    return out;
  }

  private static List<byte[]> textSeeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    PointCloud c = richCloud(5, 4, false);
    PointCloud plain = PointCloud.builder(c.positions()).normals(c.normals()).labels(c.labels())
        .build();
    out.add(Fuzz.bytesOf(ch -> TextWriter.write(ch, plain, TextWriteOptions.modelNet())));
    out.add(Fuzz.bytesOf(ch -> TextWriter.write(ch, plain, TextWriteOptions.shapeNetPart())));
    for (PointCloudFormat f : List.of(PointCloudFormat.XYZ, PointCloudFormat.PTS,
        PointCloudFormat.CSV, PointCloudFormat.TXT)) {
      out.add(Fuzz.bytesOf(ch -> TextWriter.write(ch, c, TextWriteOptions.forFormat(f))));
    }
    for (String ext : List.of(".xyz", ".xyzn", ".xyzrgb", ".pts", ".csv")) {
      for (Path p : RealCorpus.dataFiles()) {
        if (p.toString().endsWith(ext)) {
          byte[] b = Files.readAllBytes(p);
          out.add(b.length > 16384 ? java.util.Arrays.copyOf(b, 16384) : b);
        }
      }
    }
    return out;
  }

  private static List<byte[]> npySeeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    out.add(Fuzz.bytesOf(ch -> NpyWriter.writeArray(ch, NpyArray.ofFloats(new float[] {1, 2, 3, 4,
        5, 6}, 2, 3), ByteOrder.LITTLE_ENDIAN)));
    out.add(Fuzz.bytesOf(ch -> NpyWriter.writeArray(ch, NpyArray.ofDoubles(new double[] {1, 2, 3,
        4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 6), ByteOrder.BIG_ENDIAN)));
    out.add(Fuzz.bytesOf(ch -> NpyWriter.writeArray(ch, new NpyArray(new int[] {4},
        NpyDtype.UINT8, new int[] {1, 2, 3, 255}), ByteOrder.LITTLE_ENDIAN)));
    out.add(Fuzz.bytesOf(ch -> NpyWriter.writeArray(ch, NpyArray.ofLongs(new long[] {-1, 5}, 2),
        ByteOrder.BIG_ENDIAN)));
    byte[] f = Fuzz.bytesOf(ch -> NpyWriter.writeArray(ch, NpyArray.ofFloats(new float[] {1, 2, 3,
        4, 5, 6}, 2, 3), ByteOrder.LITTLE_ENDIAN));
    out.add(new String(f, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("'fortran_order': False", "'fortran_order': True ")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    return out;
  }

  private static List<byte[]> h5Seeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    Path p = tmp.resolve("seed.h5");
    List<PointCloud> clouds = List.of(richCloud(8, 5, false), richCloud(8, 6, false));
    List<PointCloud> plain = new ArrayList<>();
    for (PointCloud c : clouds) {
      plain.add(PointCloud.builder(c.positions()).normals(c.normals()).labels(c.labels()).build());
    }
    PointNetH5Writer.write(p, new PointNetBatch(plain, new int[] {3, 7}),
        PointNetH5WriteOptions.DEFAULT);
    out.add(Files.readAllBytes(p));
    PointNetH5Writer.write(p, new PointNetBatch(plain, new int[] {3, 700}),
        PointNetH5WriteOptions.DEFAULT.withDeflate(4));
    out.add(Files.readAllBytes(p));
    for (Path f : RealCorpus.dataFiles()) {
      if (f.toString().endsWith(".h5") && Files.size(f) < 300_000) {
        out.add(Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static List<byte[]> rosSeeds() {
    List<byte[]> out = new ArrayList<>();
    for (PointCloud c : List.of(richCloud(6, 7, true), richCloud(3, 8, false))) {
      for (boolean big : new boolean[] {false, true}) {
        PointCloud2 m = PointCloud2Codec.encode(c, "base_link", big);
        out.add(PointCloud2Serializer.toRos1(m));
        out.add(PointCloud2Serializer.toCdr(m));
      }
    }
    return out;
  }

}
