package org.pointea.models.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A run's {@code metrics.jsonl}: one JSON line per finished epoch, appended and flushed to disk
 * before the epoch's checkpoint records the file's length; a resumed run first cuts off whatever a
 * killed process wrote after its last checkpoint, so the file never holds a duplicate or a half
 * line.
 */
final class MetricsLog {
    private static final ObjectMapper LINE = new ObjectMapper();
    private final Path file;

    MetricsLog(Path file) {
        this.file = file;
    }

    /** Cuts the file back to {@code bytes} (what the checkpoint had seen). */
    void truncate(long bytes) throws IOException {
        if (Files.exists(file) && Files.size(file) > bytes) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(bytes);
                ch.force(true);
            }
        }
    }

    /** Appends one epoch's line (NaN and infinities as null) and returns the file's new length. */
    long append(int epoch, Map<String, Double> metrics) throws IOException {
        ObjectNode line = LINE.createObjectNode();
        line.put("epoch", epoch);
        metrics.forEach((k, v) -> {
            if (v == null || v.isNaN() || v.isInfinite()) {
                line.putNull(k);
            } else {
                line.put(k, v);
            }
        });
        byte[] bytes = (LINE.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
            return ch.size();
        }
    }
}
