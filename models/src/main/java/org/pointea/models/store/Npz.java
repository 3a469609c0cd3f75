package org.pointea.models.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/**
 * Named float tensors in NumPy's {@code .npz} format (a zip of {@code .npy} files), the format of a
 * model directory's weights and updater state, so they load in Python with
 * {@code np.load("weights.npz")} under their PyTorch names.
 *
 * <p>Entries are written uncompressed with a fixed time stamp, so the same tensors always give the
 * same bytes. The reader accepts {@code <f4} and {@code <f8} arrays in C order (stored or
 * deflated) and checks every size against the bytes present before allocating.
 *
 * <pre>{@code
 * Npz.write(out, Map.of("conv1.weight", Npz.Tensor.of(w)));   // any OutputStream
 * Map<String, Npz.Tensor> t = Npz.read(Path.of("weights.npz"));
 * }</pre>
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** The largest ratio of uncompressed to compressed size deflate can reach. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** The largest entry read: its data must fit one Java array. */
    static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;
    private static final long MAX_HEADER_BYTES = 1 << 16;
    private static final LocalDateTime STAMP = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * One array read from an archive: its shape and its values, as float or double.
     *
     * @param shape  dimensions (empty for a scalar)
     * @param floats the values when the array is {@code <f4}, else null
     * @param doubles the values when the array is {@code <f8}, else null
     */
    public record Tensor(long[] shape, float[] floats, double[] doubles) {

        /** Number of values. */
        public long length() {
            return floats != null ? floats.length : doubles.length;
        }

        /** The NumPy type, {@code float32} or {@code float64}. */
        public String dtype() {
            return floats != null ? "float32" : "float64";
        }

        /** The values of a device array, as its type (float or double), in row-major order. */
        public static Tensor of(DeviceArray a) {
            if (a.dtype() == DType.DOUBLE) {
                return new Tensor(a.shape(), null, a.backend().toDoubleArray(a));
            }
            if (a.dtype() == DType.FLOAT) {
                return new Tensor(a.shape(), a.backend().toFloatArray(a), null);
            }
            throw new IllegalArgumentException("only float and double arrays are stored, got " + a.dtype().id());
        }

        /** Copies the values into {@code dst} (same length; rounded to a float array's type). */
        public void copyTo(DeviceArray dst) {
            if (floats != null) {
                dst.backend().upload(floats, dst);
            } else {
                dst.backend().upload(doubles, dst);
            }
        }

        @Override
        public String toString() {
            return dtype() + Arrays.toString(shape);
        }
    }

    /**
     * Writes the arrays (float or double; any order) as an uncompressed {@code .npz} stream; the
     * stream is finished but not closed.
     *
     * @param out     destination
     * @param arrays  entry name (without {@code .npy}) to array, written in iteration order
     * @throws IOException when writing fails
     */
    public static void write(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setMethod(ZipOutputStream.STORED);
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            byte[] bytes = npy(e.getValue());
            ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            entry.setTimeLocal(STAMP);
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** One array as the bytes of a {@code .npy} file (format 1.0, little endian, C order). */
    static byte[] npy(Tensor a) {
        boolean dbl = a.doubles() != null;
        long[] shape = a.shape();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        String dict = "{'descr': '" + (dbl ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': (" + s + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        long n = a.length();
        int item = dbl ? 8 : 4;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + header.length() + n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        if (dbl) {
            for (double v : a.doubles()) {
                buf.putDouble(v);
            }
        } else {
            for (float v : a.floats()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    /**
     * Reads every array of an {@code .npz} file.
     *
     * @param file the archive
     * @return entry name (without {@code .npy}) to tensor, in archive order
     * @throws ModelFormatException when the file is not a readable archive of float arrays
     * @throws IOException when it cannot be read
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        forEachEntry(file, (name, in, size) -> {
            Header h = header(file, name, in, size);
            out.put(name.substring(0, name.length() - 4), h.read(file, name, in));
        });
        return out;
    }

    /**
     * Reads only the shapes of an {@code .npz} file's arrays: each entry's header, not its data, so
     * that what a model's configuration asks for can be checked before anything large is allocated.
     *
     * @param file the archive
     * @return entry name (without {@code .npy}) to shape, in archive order
     * @throws ModelFormatException when the file is not a readable archive of float arrays
     * @throws IOException when it cannot be read
     */
    public static Map<String, long[]> shapes(Path file) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        forEachEntry(file, (name, in, size) ->
                out.put(name.substring(0, name.length() - 4), header(file, name, in, size).shape()));
        return out;
    }

    @FunctionalInterface
    private interface EntryReader {
        void read(String name, InputStream in, long size) throws IOException;
    }

    /**
     * Opens each entry after bounding its declared size: by the archive's size when stored, by
     * {@value #MAX_DEFLATE_RATIO} times its compressed size (itself at most the archive) when
     * deflated, and by the largest array a tensor can hold.
     */
    private static void forEachEntry(Path file, EntryReader reader) throws IOException {
        long fileSize = java.nio.file.Files.size(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new ModelFormatException(file, "not an .npz (zip) archive: " + e.getMessage());
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new ModelFormatException(file, "entry " + name + " is not an .npy array");
                }
                long size = e.getSize();
                long packed = e.getCompressedSize();
                boolean deflated = e.getMethod() == ZipEntry.DEFLATED;
                if (size < 0 || packed < 0 || packed > fileSize
                        || (deflated && size > packed * MAX_DEFLATE_RATIO)
                        || (!deflated && size != packed)) {
                    throw new ModelFormatException(file, "entry " + name + " claims " + size + " bytes from "
                            + packed + " stored bytes, more than the " + fileSize + "-byte archive can hold");
                }
                if (size > MAX_ENTRY_BYTES) {
                    throw new ModelFormatException(file, "entry " + name + " claims " + size
                            + " bytes; a tensor holds at most " + MAX_ENTRY_BYTES);
                }
                try (InputStream in = zip.getInputStream(e)) {
                    reader.read(name, in, size);
                } catch (java.util.zip.ZipException ex) {
                    throw new ModelFormatException(file, "entry " + name + " is damaged: " + ex.getMessage());
                }
            }
        }
    }

    /** The parsed header of one {@code .npy} entry. */
    private record Header(long[] shape, int item, long count, long dataBytes) {

        Tensor read(Path file, String entry, InputStream in) throws IOException {
            byte[] data = in.readNBytes((int) dataBytes);
            if (data.length != dataBytes) {
                throw new ModelFormatException(file, "entry " + entry + " ends after " + data.length + " of "
                        + dataBytes + " data bytes");
            }
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            if (item == 4) {
                float[] f = new float[(int) count];
                buf.asFloatBuffer().get(f);
                return new Tensor(shape, f, null);
            }
            double[] v = new double[(int) count];
            buf.asDoubleBuffer().get(v);
            return new Tensor(shape, null, v);
        }
    }

    private static Header header(Path file, String entry, InputStream in, long size) throws IOException {
        byte[] head = in.readNBytes(10);
        if (head.length < 10 || !Arrays.equals(Arrays.copyOf(head, 6), MAGIC)) {
            throw new ModelFormatException(file, "entry " + entry + " is not an .npy array (bad magic)");
        }
        int major = head[6] & 0xff;
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = (head[8] & 0xff) | (head[9] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) {
                throw new ModelFormatException(file, "entry " + entry + " ends inside its header");
            }
            headerLen = ((head[8] & 0xff) | (head[9] & 0xff) << 8 | (more[0] & 0xff) << 16
                    | (long) (more[1] & 0xff) << 24);
            prefix = 12;
        } else {
            throw new ModelFormatException(file, "entry " + entry + " has .npy version " + major + ", expected 1 to 3");
        }
        if (prefix + headerLen > size || headerLen > MAX_HEADER_BYTES) {
            throw new ModelFormatException(file, "entry " + entry + " has a header of " + headerLen
                    + " bytes, longer than the entry or " + MAX_HEADER_BYTES + " bytes");
        }
        String header = new String(in.readNBytes((int) headerLen), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new ModelFormatException(file, "entry " + entry + " has an unreadable header: " + header.strip());
        }
        String descr = d.group(1);
        int item;
        if (descr.equals("<f4") || descr.equals("=f4")) {
            item = 4;
        } else if (descr.equals("<f8") || descr.equals("=f8")) {
            item = 8;
        } else {
            throw new ModelFormatException(file, "entry " + entry + " holds " + descr + "; only little-endian float32 "
                    + "and float64 arrays are read");
        }
        if (o.group(1).equals("True")) {
            throw new ModelFormatException(file, "entry " + entry + " is in Fortran order; only C order is read");
        }
        long[] shape = parseShape(file, entry, s.group(1));
        long dataBytes = size - prefix - headerLen;
        long count = 1;
        try {
            for (long dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            if (Math.multiplyExact(count, item) != dataBytes) {
                throw new ModelFormatException(file, "entry " + entry + " has shape " + Arrays.toString(shape)
                        + " (" + count * item + " bytes) but " + dataBytes + " bytes of data");
            }
        } catch (ArithmeticException e) {
            throw new ModelFormatException(file, "entry " + entry + " has shape " + Arrays.toString(shape)
                    + ", more values than a tensor holds");
        }
        return new Header(shape, item, count, dataBytes);
    }

    private static long[] parseShape(Path file, String entry, String text) throws ModelFormatException {
        String t = text.strip();
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",");
        int n = parts.length;
        if (n == 0) {
            throw new ModelFormatException(file, "entry " + entry + " has a bad shape (" + text + ")");
        }
        if (parts[n - 1].isBlank()) {
            n--;
        }
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].strip().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new ModelFormatException(file, "entry " + entry + " has a bad shape (" + text + ")");
            }
            if (i >= 32) {
                throw new ModelFormatException(file, "entry " + entry + " has more than 32 dimensions");
            }
            if (shape[i] < 0) {
                throw new ModelFormatException(file, "entry " + entry + " has a negative dimension (" + text + ")");
            }
        }
        return shape;
    }
}
