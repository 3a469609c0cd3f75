package org.pointea.models.cuda;

import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetNumSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTX;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTXSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** The CUDA toolkit's run-time compiler, for the kernels when the build-time PTX cannot be used. */
final class Nvrtc {
    private Nvrtc() {
    }

    /** NVRTC's version and architectures, or null when its library cannot be loaded. */
    static KernelLoadPlan.Nvrtc probe() {
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            if (nvrtcVersion(major, minor) != 0) {
                return null;
            }
            int[] n = new int[1];
            nvrtcGetNumSupportedArchs(n);
            int[] archs = new int[n[0]];
            nvrtcGetSupportedArchs(archs);
            List<Integer> list = new ArrayList<>();
            for (int a : archs) {
                list.add(a);
            }
            return new KernelLoadPlan.Nvrtc(major[0] * 1000 + minor[0] * 10, list);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return null;
        }
    }

    /**
     * Compiles one module's source for the plan's target: a cubin for {@code sm_XY}, PTX for
     * {@code compute_XY} (NUL-terminated).
     *
     * @throws CudaException with NVRTC's log when the source does not compile
     */
    static byte[] compile(String module, KernelLoadPlan plan) {
        _nvrtcProgram prog = new _nvrtcProgram();
        String src = KernelBuild.source(module + ".cu");
        try (BytePointer header = new BytePointer(KernelBuild.source(KernelBuild.HEADER));
             BytePointer headerName = new BytePointer(KernelBuild.HEADER);
             PointerPointer<BytePointer> headers = new PointerPointer<>(header);
             PointerPointer<BytePointer> names = new PointerPointer<>(headerName);
             BytePointer source = new BytePointer(src);
             BytePointer name = new BytePointer(module + ".cu")) {
            check(nvrtcCreateProgram(prog, source, name, 1, headers, names), "nvrtcCreateProgram(" + module + ")");
            try {
                String[] options = {"--gpu-architecture=" + plan.target(), "--std=c++14"};
                try (PointerPointer<BytePointer> opts = new PointerPointer<>(options)) {
                    int rc = nvrtcCompileProgram(prog, options.length, opts);
                    if (rc != 0) {
                        throw new CudaException("NVRTC could not compile " + module + ".cu for " + plan.target() + ": "
                                + log(prog));
                    }
                }
                boolean cubin = plan.source() == KernelLoadPlan.Source.NVRTC_CUBIN;
                try (SizeTPointer size = new SizeTPointer(1)) {
                    check(cubin ? nvrtcGetCUBINSize(prog, size) : nvrtcGetPTXSize(prog, size), "nvrtcGet size");
                    byte[] out = new byte[(int) size.get()];
                    check(cubin ? nvrtcGetCUBIN(prog, out) : nvrtcGetPTX(prog, out), "nvrtcGet code");
                    return out;
                }
            } finally {
                nvrtcDestroyProgram(prog);
            }
        }
    }

    private static String log(_nvrtcProgram prog) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            nvrtcGetProgramLogSize(prog, size);
            byte[] b = new byte[(int) size.get()];
            nvrtcGetProgramLog(prog, b);
            return new String(b, StandardCharsets.UTF_8).replace("\0", "").strip();
        }
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new CudaException(call + " failed: NVRTC status " + rc);
        }
    }
}
