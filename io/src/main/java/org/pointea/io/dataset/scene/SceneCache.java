package org.pointea.io.dataset.scene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * One scene in a binary cache file, so that a dataset's text is parsed once.
 *
 * <p>Little-endian: the magic {@code PTEASCN1}, an int32 header length and the header (UTF-8 JSON,
 * {@link Header}); then {@code float32 xyz[3N]}, {@code uint8 rgb[3N]} (colours quantised to
 * 1/255, exact for the 8-bit colours of S3DIS, PLY and PCD), {@code float32 intensity[N]},
 * {@code float32 normals[3N]}, {@code int32 labels[N]} and {@code int32 instance[N]}, each only
 * when the header says the scene has it; then the CRC-32C of header and body as an int64 and the
 * magic {@code PTEA-END}. The length is checked against the header before anything is allocated;
 * a file that does not match its key, is short, or fails its checksum is rebuilt, never trusted.
 * Files are written to a temporary sibling and renamed into place.
 */
final class SceneCache {
    private static final byte[] MAGIC = "PTEASCN1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "PTEA-END".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SceneCache() {
    }

    /**
     * The header of a cache file.
     *
     * @param params the parameter text's SHA-256
     * @param sources the source files' fingerprint
     * @param id the scene id
     * @param points the number of points
     * @param colors whether the body has colours
     * @param intensity whether it has intensities
     * @param normals whether it has normals
     * @param instance whether it has instance numbers
     * @param classPoints points per class (index = class), for statistics without reading the body
     * @param unlabelled points with label -1
     */
    record Header(String params, String sources, String id, int points, boolean colors, boolean intensity,
            boolean normals, boolean instance, long[] classPoints, long unlabelled) {

        long bodyBytes() {
            long n = points;
            return 12 * n + (colors ? 3 * n : 0) + (intensity ? 4 * n : 0) + (normals ? 12 * n : 0) + 4 * n
                    + (instance ? 4 * n : 0);
        }
    }

    /** The largest body a cache file holds (larger scenes are read from their source each time). */
    static final long MAX_BODY = Integer.MAX_VALUE - 64;

    /** Returns the header a cloud would be written with. */
    static Header header(String params, String sources, String id, PointCloud c, int classes) {
        long[] hist = new long[classes];
        long unlabelled = 0;
        for (int l : c.labels()) {
            if (l < 0) {
                unlabelled++;
            } else {
                hist[l]++;
            }
        }
        return new Header(params, sources, id, c.size(), c.hasColors(), c.hasChannel(Channel.INTENSITY),
                c.hasNormals(), c.hasChannel(SceneClasses.INSTANCE), hist, unlabelled);
    }

    /**
     * Writes a scene.
     *
     * @param file the cache file
     * @param h its header
     * @param c the scene
     * @throws IOException on a write error
     */
    static void write(Path file, Header h, PointCloud c) throws IOException {
        byte[] header = JSON.writeValueAsBytes(h);
        int n = c.size();
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(h.bodyBytes())).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(c.positionsBuffer());
        body.position(12 * n);
        if (h.colors()) {
            float[] rgb = c.colors();
            for (float v : rgb) {
                body.put((byte) Math.round(Math.max(0, Math.min(1, v)) * 255));
            }
        }
        if (h.intensity()) {
            putFloats(body, c.floatChannel(Channel.INTENSITY).toArray());
        }
        if (h.normals()) {
            putFloats(body, c.normals());
        }
        putInts(body, c.labels());
        if (h.instance()) {
            putInts(body, ((IntChannel) c.channel(SceneClasses.INSTANCE).orElseThrow()).toArray());
        }
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(header);
        crc.update(body.duplicate());
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(header.length).flip();
        ByteBuffer tail = ByteBuffer.allocate(8 + END.length).order(ByteOrder.LITTLE_ENDIAN);
        tail.putLong(crc.getValue()).put(END).flip();
        try (AtomicOutput out = AtomicOutput.create(file)) {
            for (ByteBuffer b : new ByteBuffer[] {head, ByteBuffer.wrap(header), body, tail}) {
                while (b.hasRemaining()) {
                    out.channel().write(b);
                }
            }
            out.commit();
        }
    }

    /**
     * Reads the header of a cache file, or returns null when there is none or it is unreadable.
     *
     * @param file the cache file
     * @return the header, or null
     * @throws IOException on a read error other than a missing file
     */
    static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, ch.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Header header(FileChannel ch, long size) throws IOException {
        if (size < MAGIC.length + 4 + 8 + END.length) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, 0);
        byte[] magic = new byte[MAGIC.length];
        head.flip().get(magic);
        int len = head.getInt();
        if (!Arrays.equals(magic, MAGIC) || len <= 0 || len > MAX_HEADER || MAGIC.length + 4L + len > size) {
            return null;
        }
        ByteBuffer hb = ByteBuffer.allocate(len);
        readFully(ch, hb, MAGIC.length + 4);
        Header h;
        try {
            h = JSON.readValue(hb.array(), Header.class);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (h.points() < 0 || h.classPoints() == null
                || MAGIC.length + 4L + len + h.bodyBytes() + 8 + END.length != size) {
            return null;
        }
        return h;
    }

    /**
     * Reads a scene whose header matches the key, or returns null when the file is missing, does
     * not match, or is damaged.
     *
     * @param file the cache file
     * @param params the expected parameter hash
     * @param sources the expected source fingerprint
     * @return the scene, or null
     * @throws IOException on a read error other than a missing file
     */
    static PointCloud read(Path file, String params, String sources) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = header(ch, size);
            if (h == null || !h.params().equals(params) || !h.sources().equals(sources)) {
                return null;
            }
            long bodyAt = size - h.bodyBytes() - 8 - END.length;
            ByteBuffer hb = ByteBuffer.allocate(Math.toIntExact(bodyAt - MAGIC.length - 4));
            readFully(ch, hb, MAGIC.length + 4);
            ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(h.bodyBytes())).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, body, bodyAt);
            ByteBuffer tail = ByteBuffer.allocate(8 + END.length).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, bodyAt + h.bodyBytes());
            tail.flip();
            long expected = tail.getLong();
            byte[] end = new byte[END.length];
            tail.get(end);
            CRC32C crc = new CRC32C();
            crc.update(hb.array());
            body.flip();
            crc.update(body.duplicate());
            if (crc.getValue() != expected || !Arrays.equals(end, END)) {
                return null;
            }
            return decode(h, body);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static PointCloud decode(Header h, ByteBuffer body) {
        int n = h.points();
        float[] xyz = new float[3 * n];
        body.asFloatBuffer().get(xyz);
        body.position(12 * n);
        PointCloud.Builder b;
        float[] rgb = null;
        if (h.colors()) {
            rgb = new float[3 * n];
            for (int i = 0; i < 3 * n; i++) {
                rgb[i] = (body.get() & 0xff) / 255f;
            }
        }
        float[] intensity = h.intensity() ? getFloats(body, n) : null;
        float[] normals = h.normals() ? getFloats(body, 3 * n) : null;
        int[] labels = getInts(body, n);
        int[] instance = h.instance() ? getInts(body, n) : null;
        b = PointCloud.builder(xyz);
        if (rgb != null) {
            b.colors(rgb, 3);
        }
        if (intensity != null) {
            b.intensity(intensity);
        }
        if (normals != null) {
            b.normals(normals);
        }
        b.labels(labels);
        if (instance != null) {
            b.intChannel(SceneClasses.INSTANCE, 1, instance);
        }
        return b.build();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw new IOException("unexpected end of the cache file");
            }
            pos += r;
        }
    }

    private static void putFloats(ByteBuffer b, float[] v) {
        int at = b.position();
        b.asFloatBuffer().put(v);
        b.position(at + 4 * v.length);
    }

    private static void putInts(ByteBuffer b, int[] v) {
        int at = b.position();
        b.asIntBuffer().put(v);
        b.position(at + 4 * v.length);
    }

    private static float[] getFloats(ByteBuffer b, int count) {
        float[] out = new float[count];
        int at = b.position();
        b.asFloatBuffer().get(out);
        b.position(at + 4 * count);
        return out;
    }

    private static int[] getInts(ByteBuffer b, int count) {
        int[] out = new int[count];
        int at = b.position();
        b.asIntBuffer().get(out);
        b.position(at + 4 * count);
        return out;
    }

    /** Removes a damaged cache file so that it is rebuilt; missing is fine. */
    static void discard(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
