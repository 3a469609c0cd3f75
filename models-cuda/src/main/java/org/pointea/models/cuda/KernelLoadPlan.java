package org.pointea.models.cuda;

import java.util.List;
import java.util.Objects;

/**
 * How the kernels get onto a given GPU: the PTX nvcc wrote at build time, JIT-compiled by the
 * driver, or the kernel sources compiled at start by NVRTC (the CUDA toolkit's run-time compiler)
 * to machine code for this exact GPU, or to PTX for the newest architecture NVRTC knows.
 *
 * <p>The choice, in order:
 * <ol>
 *   <li>compute capability below 7.0 (before Volta): refused;</li>
 *   <li>shipped PTX, when the GPU is at least its architecture (7.5) and the driver at least the
 *       CUDA version of the nvcc that wrote it (a driver JIT-compiles only PTX of its own CUDA
 *       version or older);</li>
 *   <li>NVRTC to machine code ({@code sm_XY}) when NVRTC knows the GPU's architecture;</li>
 *   <li>NVRTC to PTX for the newest architecture it knows below the GPU's, when the driver is at
 *       least NVRTC's version (a GPU newer than the toolkit);</li>
 *   <li>otherwise refused, saying what would make it work.</li>
 * </ol>
 *
 * @param source how the kernels are loaded
 * @param target the architecture compiled for ({@code compute_75}, {@code sm_90})
 * @param reason one line saying why
 */
public record KernelLoadPlan(Source source, String target, String reason) {
    /** The oldest GPU this backend runs on: Volta. */
    public static final int MIN_CAPABILITY = 70;

    /** Where the loaded code comes from. */
    public enum Source {
        /** The PTX nvcc wrote at build time, JIT-compiled by the driver. */
        SHIPPED_PTX,
        /** Machine code for this GPU, compiled by NVRTC at start. */
        NVRTC_CUBIN,
        /** PTX compiled by NVRTC at start, JIT-compiled by the driver. */
        NVRTC_PTX
    }

    /**
     * The build-time PTX, from {@code kernels.properties}.
     *
     * @param cudaVersion the nvcc's CUDA version as the driver API encodes it (13.0 is 13000)
     * @param arch        the PTX's virtual architecture (75 for {@code compute_75})
     */
    public record ShippedPtx(int cudaVersion, int arch) {
    }

    /**
     * The NVRTC found at start.
     *
     * @param cudaVersion its CUDA version (12.9 is 12090)
     * @param archs       the architectures it compiles for ({@code nvrtcGetSupportedArchs}), ascending
     */
    public record Nvrtc(int cudaVersion, List<Integer> archs) {
        /** Copies the list. */
        public Nvrtc {
            archs = List.copyOf(archs);
        }
    }

    /** Thrown when no way of loading the kernels works here; the message says what would. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates it with the explanation. */
        public Refused(String message) {
            super(message);
        }
    }

    /** Validates. */
    public KernelLoadPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Chooses how to load the kernels.
     *
     * @param driverVersion the driver's CUDA version ({@code cuDriverGetVersion}: 12040 for 12.4)
     * @param capability    the GPU's compute capability as major·10 + minor (90 for Hopper)
     * @param shipped       the build-time PTX, or null when the build had no nvcc
     * @param nvrtc         NVRTC, or null when its library was not found
     * @return the plan
     * @throws Refused when neither works here
     */
    public static KernelLoadPlan choose(int driverVersion, int capability, ShippedPtx shipped, Nvrtc nvrtc)
            throws Refused {
        if (capability < MIN_CAPABILITY) {
            throw new Refused("compute capability " + cc(capability) + " is older than Volta (7.0), the oldest GPU "
                    + "this backend runs on.");
        }
        String ptxWhy = null;
        if (shipped == null) {
            ptxWhy = "this build carries no PTX (it was built without nvcc)";
        } else if (capability < shipped.arch()) {
            ptxWhy = "the shipped PTX is for compute capability " + cc(shipped.arch()) + " and newer";
        } else if (driverVersion < shipped.cudaVersion()) {
            ptxWhy = "the shipped PTX was written by CUDA " + version(shipped.cudaVersion()) + " and the driver runs "
                    + "CUDA " + version(driverVersion) + " (a driver JIT-compiles only PTX of its own CUDA version or "
                    + "older)";
        } else {
            return new KernelLoadPlan(Source.SHIPPED_PTX, "compute_" + shipped.arch(), "build-time PTX (CUDA "
                    + version(shipped.cudaVersion()) + "), JIT-compiled by the driver (CUDA " + version(driverVersion)
                    + ") for sm_" + capability);
        }
        if (nvrtc == null) {
            throw new Refused("cannot load the kernels: " + ptxWhy + ", and NVRTC (the CUDA toolkit's libnvrtc) was "
                    + "not found to compile them here. Install the CUDA toolkit's NVRTC"
                    + (shipped == null ? "." : ", or update the driver to one that runs CUDA "
                    + version(shipped.cudaVersion()) + "."));
        }
        if (nvrtc.archs().contains(capability)) {
            return new KernelLoadPlan(Source.NVRTC_CUBIN, "sm_" + capability, "NVRTC " + version(nvrtc.cudaVersion())
                    + " machine code for sm_" + capability + " (" + ptxWhy + ")");
        }
        int best = -1;
        for (int a : nvrtc.archs()) {
            if (a <= capability && a > best) {
                best = a;
            }
        }
        if (best < 0) {
            throw new Refused("cannot load the kernels: " + ptxWhy + ", and NVRTC " + version(nvrtc.cudaVersion())
                    + " does not compile for compute capability " + cc(capability) + " or older (it knows "
                    + nvrtc.archs() + "). Use a CUDA toolkit that supports this GPU.");
        }
        if (driverVersion < nvrtc.cudaVersion()) {
            throw new Refused("cannot load the kernels: " + ptxWhy + "; NVRTC " + version(nvrtc.cudaVersion())
                    + " does not know compute capability " + cc(capability) + ", and its PTX needs a driver that runs "
                    + "CUDA " + version(nvrtc.cudaVersion()) + " (this one runs " + version(driverVersion) + "). Update "
                    + "the driver, or use a CUDA toolkit that knows this GPU.");
        }
        return new KernelLoadPlan(Source.NVRTC_PTX, "compute_" + best, "NVRTC " + version(nvrtc.cudaVersion())
                + " PTX for compute_" + best + " (the newest it knows), JIT-compiled by the driver for sm_" + capability
                + " (" + ptxWhy + ")");
    }

    /** {@code 12.4} from 12040. */
    public static String version(int cudaVersion) {
        return cudaVersion / 1000 + "." + (cudaVersion % 1000) / 10;
    }

    private static String cc(int capability) {
        return capability / 10 + "." + capability % 10;
    }
}
