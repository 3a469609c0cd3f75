package org.pointea.models.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The kernels as this jar carries them: the CUDA sources (always) and the PTX nvcc wrote at build
 * time with its {@code kernels.properties} (when the build had nvcc), under
 * {@value #RESOURCE_DIR} on the class path.
 */
public final class KernelBuild {
    /** Class-path folder of the kernel files. */
    public static final String RESOURCE_DIR = "org/pointea/models/cuda/kernels/";
    /** The header every source includes. */
    public static final String HEADER = "common.cuh";

    private KernelBuild() {
    }

    /** The build-time PTX's description, or null when this build has none. */
    public static KernelLoadPlan.ShippedPtx shippedPtx() {
        Properties p = properties();
        if (p == null) {
            return null;
        }
        return new KernelLoadPlan.ShippedPtx(cudaVersion(p.getProperty("nvcc.version", "0.0")),
                Integer.parseInt(p.getProperty("ptx.arch", "compute_75").replace("compute_", "")));
    }

    /** {@code kernels.properties}, or null when the build had no nvcc. */
    public static Properties properties() {
        byte[] b = resource("kernels.properties");
        if (b == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new java.io.ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable kernels.properties", e);
        }
        return p;
    }

    /** The PTX text of a module, or null. */
    public static String ptx(String module) {
        byte[] b = resource(module + ".ptx");
        return b == null ? null : new String(b, StandardCharsets.US_ASCII);
    }

    /** The CUDA source of a module (or {@value #HEADER}). */
    public static String source(String file) {
        byte[] b = resource(file);
        if (b == null) {
            throw new IllegalStateException("kernel source " + file + " missing from the class path (" + RESOURCE_DIR
                    + ")");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** {@code 13000} from {@code 13.0}. */
    static int cudaVersion(String dotted) {
        String[] p = dotted.strip().split("\\.");
        int major = Integer.parseInt(p[0]);
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        return major * 1000 + minor * 10;
    }

    private static byte[] resource(String name) {
        try (InputStream in = KernelBuild.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE_DIR + name, e);
        }
    }
}
