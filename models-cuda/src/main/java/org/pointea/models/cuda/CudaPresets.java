package org.pointea.models.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which JavaCPP CUDA presets are on the class path (read from their jar's Maven metadata, loading nothing). */
public final class CudaPresets {
    private static final String POM = "META-INF/maven/org.bytedeco/cuda/pom.properties";

    private CudaPresets() {
    }

    /** The presets' version ({@code 12.9-9.10-1.5.12}), or null when they are not on the class path. */
    public static String version() {
        try (InputStream in = CudaPresets.class.getClassLoader().getResourceAsStream(POM)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** The CUDA major version of a presets version ({@code 12} for {@code 12.9-9.10-1.5.12}). */
    public static int cudaMajor(String presetsVersion) {
        int dot = presetsVersion.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not a CUDA presets version: " + presetsVersion);
        }
        return Integer.parseInt(presetsVersion.substring(0, dot));
    }
}
