package org.pointea.models.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The boundary holds in the bytecode: no class of the models module outside
 * {@code backend.nd4j} (and ND4J's own package, where the DL4J shim lives) refers to an ND4J or
 * DL4J type, in a signature or anywhere in its code, so layers, mixers, networks, heads, losses,
 * optimizers, the trainer, the store and the predictor load and run on a class path without ND4J
 * (a GPU bundle's). Each class file's constant pool is read: type names and descriptors count,
 * string literals (a resource path naming an ND4J file) do not.
 */
class NoNd4jOutsideBackendTest {
    private static final String[] FORBIDDEN = {"org/nd4j/", "org/deeplearning4j/", "org/bytedeco/"};
    private static final String[] ALLOWED = {"org/pointea/models/backend/nd4j/", "org/nd4j/"};

    @Test
    void onlyTheNd4jBackendRefersToNd4j() throws Exception {
        Path location = Path.of(Backend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = location.relativize(f).toString().replace('\\', '/');
                    if (allowed(name)) {
                        continue;
                    }
                    scanned++;
                    try (InputStream in = Files.newInputStream(f)) {
                        check(name, in, offenders);
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().endsWith(".class") && !allowed(e.getName())) {
                        scanned++;
                        try (InputStream in = jar.getInputStream(e)) {
                            check(e.getName(), in, offenders);
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(80);
        assertThat(offenders).as("classes outside backend.nd4j that refer to ND4J / DL4J / JavaCPP").isEmpty();
    }

    @Test
    void theCheckSeesAReference() throws Exception {
        List<String> offenders = new ArrayList<>();
        try (InputStream in = org.pointea.models.backend.nd4j.Nd4jInterop.class
                .getResourceAsStream("Nd4jInterop.class")) {
            check("Nd4jInterop.class", in, offenders);
        }
        assertThat(offenders).singleElement().asString().contains("org/nd4j/linalg/api/ndarray/INDArray");
    }

    private static boolean allowed(String name) {
        for (String a : ALLOWED) {
            if (name.startsWith(a)) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code name} to {@code offenders} when a non-string constant names a forbidden package. */
    static void check(String name, InputStream in, List<String> offenders) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != 0xCAFEBABE) {
            throw new IOException(name + " is not a class file");
        }
        d.readUnsignedShort();
        d.readUnsignedShort();
        int count = d.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> strings = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = d.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = d.readUTF();
                case 3, 4 -> d.readInt();
                case 5, 6 -> {
                    d.readLong();
                    i++;
                }
                case 7, 16, 19, 20 -> d.readUnsignedShort();
                case 8 -> strings.add(d.readUnsignedShort());
                case 9, 10, 11, 12, 17, 18 -> d.readInt();
                case 15 -> {
                    d.readUnsignedByte();
                    d.readUnsignedShort();
                }
                default -> throw new IOException(name + ": constant tag " + tag);
            }
        }
        Set<String> found = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !strings.contains(i)) {
                for (String f : FORBIDDEN) {
                    if (utf8[i].contains(f)) {
                        found.add(utf8[i]);
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            offenders.add(name + " " + found);
        }
    }
}
