package org.pointea.models.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.nn.ParamStore;

/**
 * A parity fixture written by {@code src/test/scripts/gen_parity_fixtures.py}: metadata, arrays,
 * and the deterministic parameter fill both sides share.
 */
public final class ParityFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long M32 = 0xFFFFFFFFL;

    private final JsonNode meta;
    private final Map<String, float[]> floats = new HashMap<>();
    private final Map<String, int[]> ints = new HashMap<>();
    private final Map<String, double[]> doubles = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();

    private ParityFixture(String name) {
        this.meta = readJson(name + ".json");
        read(meta, readBytes(name + ".bin"));
        if (meta.has("inputs")) {
            String inputs = meta.get("inputs").asText();
            read(readJson(inputs + ".json"), readBytes(inputs + ".bin"));
        }
    }

    /** Loads {@code parity/<name>.json/.bin} from the test class path. */
    public static ParityFixture load(String name) {
        return new ParityFixture(name);
    }

    private static JsonNode readJson(String file) {
        try (InputStream in = stream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(String file) {
        try (InputStream in = stream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String file) {
        InputStream in = ParityFixture.class.getResourceAsStream("/parity/" + file);
        if (in == null) {
            throw new IllegalStateException("missing fixture parity/" + file);
        }
        return in;
    }

    private void read(JsonNode doc, byte[] blob) {
        ByteBuffer bb = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode a : doc.get("arrays")) {
            String name = a.get("name").asText();
            long[] shape = new long[a.get("shape").size()];
            int n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = a.get("shape").get(i).asLong();
                n *= (int) shape[i];
            }
            shapes.put(name, shape);
            int off = a.get("offset").asInt();
            if (a.get("dtype").asText().equals("float64")) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getDouble(off + 8 * i);
                }
                doubles.put(name, v);
            } else if (a.get("dtype").asText().equals("int32")) {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getInt(off + 4 * i);
                }
                ints.put(name, v);
            } else {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = bb.getFloat(off + 4 * i);
                }
                floats.put(name, v);
            }
        }
    }

    /** The metadata document. */
    public JsonNode meta() {
        return meta;
    }

    /** A float array. */
    public float[] floats(String name) {
        float[] v = floats.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no float array " + name);
        }
        return v;
    }

    /** A float64 array. */
    public double[] doubles(String name) {
        double[] v = doubles.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no float64 array " + name);
        }
        return v;
    }

    /** A float64 array, or a float32 one widened. */
    public double[] doublesOrFloats(String name) {
        if (doubles.containsKey(name)) {
            return doubles.get(name);
        }
        float[] f = floats(name);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** An int array. */
    public int[] ints(String name) {
        int[] v = ints.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no int array " + name);
        }
        return v;
    }

    /** The shape of an array. */
    public long[] shape(String name) {
        return shapes.get(name);
    }

    /** A float array as a new device array of its shape and type {@code dt} (the caller closes it). */
    public DeviceArray array(Backend be, String name, DType dt) {
        DeviceArray a = be.allocate(dt, shape(name));
        be.upload(floats(name), a);
        return a;
    }

    /** The mixer configuration in {@code meta.config}. */
    public MixerConfig mixer() {
        JsonNode c = meta.get("config");
        MixerKind kind = MixerKind.valueOf(c.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
        int heads = c.has("heads") ? c.get("heads").asInt() : 1;
        return switch (kind) {
            case EXTERNAL -> MixerConfig.external(c.get("slots").asInt(), heads, c.get("tied").asBoolean());
            case UFO -> MixerConfig.ufo(heads);
            case OFFSET -> MixerConfig.offset();
            case SELF -> MixerConfig.selfAttention(heads);
        };
    }

    /** u in [0, 1) for element i of tensor {@code name}: identical to the generator's {@code hash_uniform}. */
    public static double[] hashUniform(String name, int n) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        long seed = crc.getValue();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            long x = (i * 0x9E3779B1L + seed) & M32;
            for (int r = 0; r < 2; r++) {
                x ^= x >>> 16;
                x = (x * 0x45D9F3BL) & M32;
            }
            x ^= x >>> 16;
            u[i] = x / 4294967296.0;
        }
        return u;
    }

    /** The generator's fill of one tensor, as floats. */
    public static float[] fill(String name, String role, long[] shape) {
        int n = 1;
        long fanIn = 1;
        for (int i = 0; i < shape.length; i++) {
            n *= (int) shape[i];
            if (i > 0) {
                fanIn *= shape[i];
            }
        }
        double[] u = hashUniform(name, n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * u[i] - 1;
            double val = switch (role) {
                case "weight" -> w * Math.sqrt(3.0 / fanIn);
                case "bias" -> w * 0.1;
                case "norm_scale", "gain" -> 1 + 0.25 * w;
                case "norm_shift", "running_mean" -> 0.1 * w;
                case "running_var" -> 1 + 0.5 * u[i];
                default -> throw new IllegalArgumentException(role);
            };
            v[i] = (float) val;
        }
        return v;
    }

    /**
     * Fills the store as the generator filled the PyTorch model. Java names are
     * {@code prefix + fixture name}; every fixture parameter must exist with the same number of
     * elements, and the store must have no other parameter.
     */
    public void fillStore(ParamStore ps, String prefix) {
        int seen = 0;
        for (JsonNode p : meta.get("params")) {
            String name = p.get("name").asText();
            long[] shape = new long[p.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = p.get("shape").get(i).asLong();
            }
            float[] v = fill(name, p.get("role").asText(), shape);
            DeviceArray target = ps.param(prefix + name).value();
            if (target.length() != v.length) {
                throw new IllegalStateException(name + ": " + target.length() + " vs " + v.length + " elements");
            }
            ps.backend().upload(v, target);
            seen++;
        }
        if (seen != ps.params().size()) {
            throw new IllegalStateException("store has " + ps.params().size() + " parameters, fixture " + seen);
        }
        for (Map.Entry<String, DeviceArray> s : ps.states().entrySet()) {
            String name = s.getKey().substring(prefix.length());
            String role = name.endsWith("running_mean") ? "running_mean" : "running_var";
            float[] v = fill(name, role, new long[] {s.getValue().length()});
            ps.backend().upload(v, s.getValue());
        }
    }

    /** Largest |a − b| over two equally long arrays, in double. */
    public static double maxAbsDiff(double[] a, DeviceArray b) {
        double[] bb = b.backend().toDoubleArray(b);
        if (a.length != bb.length) {
            throw new IllegalArgumentException(a.length + " vs " + bb.length + " elements");
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - bb[i]));
        }
        return m;
    }

    /** Largest |a − b| over two equally long arrays. */
    public static double maxAbsDiff(float[] a, DeviceArray b) {
        float[] bb = b.backend().toFloatArray(b);
        if (a.length != bb.length) {
            throw new IllegalArgumentException(a.length + " vs " + bb.length + " elements");
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - bb[i]));
        }
        return m;
    }
}
