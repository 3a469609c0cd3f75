package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.Printable;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.network.Network;
import org.pointea.models.testing.Tiny;

/** Issue 12, cause E: model.json and weights.npz are checked against each other before allocating. */
class WeightsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void save() throws Exception {
        dir = tmp.resolve("m");
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 1)) {
            ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null, null);
        }
    }

    private void edit(String field, long value) throws Exception {
        Path f = dir.resolve(ModelDirectory.MANIFEST);
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        ((ObjectNode) root.get("model").get("config")).put(field, value);
        Files.write(f, JSON.writeValueAsBytes(root));
    }

    @Test
    void widthsTheWeightsDoNotHoldAreRefusedBeforeANetworkIsBuilt() throws Exception {
        // fuse = 1e6 allocated 19.8 GB for 57 s; local0 = 1e8 ended in std::bad_alloc (exit 2)
        for (String[] e : new String[][] {{"fuse", "1000000", "conv_fuse.0.weight"},
                {"local0", "100000000", "gather_local_0.conv1.weight"}, {"head2", "5000000", "linear2.weight"}}) {
            save();
            edit(e[0], Long.parseLong(e[1]));
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ModelDirectory.open(dir)).as(e[0])
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("model.config." + e[0])
                    .hasMessageContaining(e[2]);
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - a0).isLessThan(32L << 20);
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
        }
    }

    @Test
    void sizesNoWeightCarriesHaveCeilings() throws Exception {
        edit("points", 1_000_000_000L);
        // the recorded preprocessing (64 points) disagrees first
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("the network takes 1000000000");
        Path f = dir.resolve(ModelDirectory.MANIFEST);
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        ObjectNode pre = (ObjectNode) root.get("model").get("preprocessing");
        pre.put("transform", pre.get("transform").asText().replace("Subsample(64,", "Subsample(1000000000,"));
        Files.write(f, JSON.writeValueAsBytes(root));
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.config.points = 1000000000 exceeds");
        save();
        edit("neighbours", 1_000_000L);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("neighbours 1000000 exceed points (64)"); // the record's own check
    }

    /** An npz whose one STORED entry is small but whose zip directory declares {@code declared} bytes. */
    private static byte[] npzDeclaring(long declared) throws Exception {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (600000000,), }";
        byte[] header = (dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer npy = ByteBuffer.allocate(10 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length)
                .put(header);
        byte[] body = npy.array();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry("conv1.weight.npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(body.length);
            e.setCompressedSize(body.length);
            CRC32 crc = new CRC32();
            crc.update(body);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(body);
            zip.closeEntry();
        }
        byte[] z = out.toByteArray();
        // patch the uncompressed size in the central directory (signature PK\1\2, size at +24)
        for (int i = 0; i + 4 <= z.length; i++) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) {
                ByteBuffer.wrap(z, i + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) declared);
            }
        }
        return z;
    }

    @Test
    void npzEntriesAreBoundedByTheirStoredSizeAndNamedInTheMessage() throws Exception {
        // an entry declaring 2.4 GB gave "pointea predict: len < 0", naming no file
        Path f = tmp.resolve("w.npz");
        Files.write(f, npzDeclaring(2_400_000_000L));
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(f + ": entry conv1.weight.npy claims");
        assertThatThrownBy(() -> Npz.shapes(f)).isInstanceOf(ModelFormatException.class);
        Files.write(f, npzDeclaring(0));
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void aDamagedManifestGivesOnePrintableLine() throws Exception {
        Files.writeString(dir.resolve(ModelDirectory.MANIFEST), "{\"format\": \"x\ny\u001b\"}");
        assertThatThrownBy(() -> ModelDirectory.open(dir))
                .satisfies(e -> assertThat(Printable.isPrintable(e.getMessage())).isTrue());
    }

    @Test
    void savedModelsPassTheCheck() throws Exception {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "weights-*.npz")) {
            Path w = s.iterator().next();
            WeightsCheck.check(Tiny.classifierSpec(), Npz.shapes(w), dir.resolve("model.json"), w);
        }
        assertThat(ModelDirectory.open(dir).spec()).isEqualTo(Tiny.classifierSpec());
    }
}
