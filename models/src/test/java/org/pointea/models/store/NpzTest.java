package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

class NpzTest {

    @TempDir
    Path tmp;

    private Path resource(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/store/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        for (String f : new String[] {"numpy.npz", "numpy_compressed.npz"}) {
            Map<String, Npz.Tensor> t = Npz.read(resource(f));
            assertThat(t.keySet()).containsExactly("conv1.weight", "bn1.running_var", "scale");
            Npz.Tensor w = t.get("conv1.weight");
            assertThat(w.shape()).containsExactly(2, 3);
            assertThat(w.floats()).containsExactly(0f / 7, 1f / 7, 2f / 7, 3f / 7, 4f / 7, 5f / 7);
            Npz.Tensor v = t.get("bn1.running_var");
            assertThat(v.dtype()).isEqualTo("float64");
            assertThat(v.doubles()).containsExactly(1.5, -2.25, 1e-30, 3.0e38);
            Npz.Tensor s = t.get("scale");
            assertThat(s.shape()).isEmpty();
            assertThat(s.floats()).containsExactly(0.125f);
        }
    }

    private static DeviceArray random(Backend be, DType t, long seed, long... shape) {
        DeviceArray a = be.allocate(t, shape);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() - 0.5;
        }
        be.upload(v, a);
        return a;
    }

    @Test
    void roundTripsBitForBit() throws Exception {
        Backend be = Backends.cpu();
        Map<String, Npz.Tensor> in = new LinkedHashMap<>();
        in.put("a.weight", Npz.Tensor.of(random(be, DType.FLOAT, 1, 5, 7)));
        DeviceArray special = be.allocate(DType.FLOAT, 4);
        be.upload(new float[] {Float.MIN_VALUE, -0f, Float.NaN, 1e38f}, special);
        in.put("m/a.weight", Npz.Tensor.of(special));
        in.put("b", Npz.Tensor.of(random(be, DType.DOUBLE, 2, 2, 3, 4)));
        in.put("view", Npz.Tensor.of(random(be, DType.FLOAT, 3, 4, 6).columns(1, 4)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Npz.write(buf, in);
        Path f = tmp.resolve("w.npz");
        Files.write(f, buf.toByteArray());
        Map<String, Npz.Tensor> out = Npz.read(f);
        assertThat(out.keySet()).containsExactlyElementsOf(in.keySet());
        assertThat(out.get("view").shape()).containsExactly(4, 3);
        for (String k : in.keySet()) {
            Npz.Tensor expected = in.get(k);
            Npz.Tensor actual = out.get(k);
            assertThat(actual.shape()).isEqualTo(expected.shape());
            if (expected.floats() != null) {
                float[] e = expected.floats();
                float[] a = actual.floats();
                for (int i = 0; i < e.length; i++) {
                    assertThat(Float.floatToRawIntBits(a[i])).isEqualTo(Float.floatToRawIntBits(e[i]));
                }
            } else {
                assertThat(actual.doubles()).containsExactly(expected.doubles());
            }
            DeviceArray back = be.allocate(expected.floats() != null ? DType.FLOAT : DType.DOUBLE, expected.shape());
            actual.copyTo(back);
            assertThat(Npz.Tensor.of(back).toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void sameTensorsGiveSameBytes() throws Exception {
        DeviceArray w = random(Backends.cpu(), DType.FLOAT, 4, 3, 3);
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Npz.write(a, Map.of("w", Npz.Tensor.of(w)));
        Thread.sleep(1100); // a zip time stamp would differ after a second
        Npz.write(b, Map.of("w", Npz.Tensor.of(w)));
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void refusesWhatItCannotRead() throws Exception {
        assertThatThrownBy(() -> Npz.read(resource("ints.npz")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("labels.npy holds <i8");
        assertThatThrownBy(() -> Npz.read(resource("fortran.npz")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("Fortran order");
        Path junk = tmp.resolve("junk.npz");
        Files.writeString(junk, "not a zip at all");
        assertThatThrownBy(() -> Npz.read(junk)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("junk.npz").hasMessageContaining("not an .npz");
        byte[] good = Files.readAllBytes(resource("numpy.npz"));
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> Npz.read(cut)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void refusesAShapeLargerThanItsBytes() throws Exception {
        byte[] npy = Npz.npy(new Npz.Tensor(new long[] {2, 2}, new float[4], null));
        String header = new String(npy, 10, npy.length - 10 - 16, java.nio.charset.StandardCharsets.ISO_8859_1);
        String lying = header.replace("(2, 2)", "(9, 9)");
        byte[] bad = Arrays.copyOf(npy, npy.length);
        System.arraycopy(lying.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bad, 10, lying.length());
        Path f = tmp.resolve("lie.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("w.npy"));
            zip.write(bad);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("w.npy has shape [9, 9] (324 bytes) but 16 bytes of data");
    }
}
