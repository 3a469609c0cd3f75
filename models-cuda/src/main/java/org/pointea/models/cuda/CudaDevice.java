package org.pointea.models.cuda;

import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasDgemmStridedBatched;
import static org.bytedeco.cuda.global.cublas.cublasDgemm_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemmStridedBatched;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy2DAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.pointea.models.backend.DType;

/**
 * One GPU as the CUDA backend drives it: the primary context, one non-blocking stream, a cuBLAS
 * handle bound to it, the kernel modules and a caching memory pool. Everything this backend runs
 * on the GPU is queued on the one stream, in program order; {@link #download} and
 * {@link #synchronize} wait for it.
 *
 * <p>{@link #open} checks before it loads anything native that the CUDA libraries are installed
 * ({@link CudaLibraries}), then asks the driver for the GPU, refuses GPUs older than Volta, and
 * loads the kernels as {@link KernelLoadPlan} decides. Every refusal is a
 * {@link CudaUnavailableException} whose message says what to install or change. Calls are not
 * synchronised: {@link CudaBackend} serialises them.
 *
 * <pre>{@code
 * try (CudaDevice gpu = CudaDevice.open(0, GemmPrecision.FP32)) {
 *     System.out.println(gpu.info());
 * }
 * }</pre>
 */
public final class CudaDevice implements AutoCloseable {
    private static final int MEMCPY_HOST_TO_DEVICE = 1;
    private static final int MEMCPY_DEVICE_TO_HOST = 2;
    private static final int MEMCPY_DEVICE_TO_DEVICE = 3;
    private static final int STREAM_NON_BLOCKING = 1;
    private static final int ATTR_CC_MAJOR = 75;
    private static final int ATTR_CC_MINOR = 76;
    private static final int ATTR_MULTIPROCESSORS = 16;
    private static final int CUBLAS_DEFAULT_MATH = 0;
    private static final int CUBLAS_TF32_TENSOR_OP_MATH = 3;

    /**
     * What was opened.
     *
     * @param index           the CUDA device index
     * @param name            the GPU's name
     * @param capability      compute capability, major·10 + minor
     * @param multiprocessors streaming multiprocessors
     * @param totalMemory     bytes of GPU memory
     * @param driverVersion   the driver's CUDA version (12040 for 12.4)
     * @param runtimeVersion  the CUDA runtime's version
     * @param presets         the JavaCPP CUDA presets' version
     * @param kernels         how the kernels were loaded
     * @param precision       the GEMM precision
     */
    public record Info(int index, String name, int capability, int multiprocessors, long totalMemory,
                       int driverVersion, int runtimeVersion, String presets, KernelLoadPlan kernels,
                       GemmPrecision precision) {
        /** One line for logs. */
        public String describe() {
            return "cuda:" + index + " " + name + " (compute capability " + capability / 10 + "." + capability % 10
                    + ", " + multiprocessors + " SMs, " + (totalMemory >> 20) + " MiB); driver CUDA "
                    + KernelLoadPlan.version(driverVersion) + ", runtime " + KernelLoadPlan.version(runtimeVersion)
                    + ", presets " + presets + "; kernels: " + kernels.reason() + "; GEMM " + precision;
        }
    }

    private final Info info;
    private final CUstream_st stream;
    private final cublasContext cublas;
    private final List<CUmod_st> modules;
    private final Map<Kernel, Map<DType, CUfunc_st>> functions;
    private final DevicePool pool;
    private final KernelArgs args = new KernelArgs();
    private final FloatPointer alphaF = new FloatPointer(1);
    private final FloatPointer betaF = new FloatPointer(1);
    private final DoublePointer alphaD = new DoublePointer(1);
    private final DoublePointer betaD = new DoublePointer(1);
    private BytePointer staging = new BytePointer(1 << 20);
    private boolean closed;

    private CudaDevice(Info info, CUstream_st stream, cublasContext cublas, List<CUmod_st> modules,
                       Map<Kernel, Map<DType, CUfunc_st>> functions) {
        this.info = info;
        this.stream = stream;
        this.cublas = cublas;
        this.modules = modules;
        this.functions = functions;
        this.pool = new DevicePool(new DeviceAllocator() {
            @Override
            public long allocate(long bytes) {
                Pointer p = new Pointer();
                int rc = cudaMalloc(p, bytes);
                return rc == 0 ? p.address() : 0;
            }

            @Override
            public void free(long address) {
                cudaFree(new DevicePointer(address));
            }
        });
    }

    /**
     * Opens CUDA device {@code index} (among the visible GPUs).
     *
     * @throws CudaUnavailableException when it cannot run here (the message says why and what to do)
     */
    public static CudaDevice open(int index, GemmPrecision precision) throws CudaUnavailableException {
        String presets = CudaPresets.version();
        if (presets == null) {
            throw new CudaUnavailableException("JavaCPP's CUDA presets (org.bytedeco:cuda) are not on the class path.");
        }
        int major = CudaPresets.cudaMajor(presets);
        CudaLibraries.Report libs = CudaLibraries.find(major);
        if (!libs.missing().isEmpty()) {
            throw new CudaUnavailableException("the CUDA " + major + " libraries " + String.join(", ", libs.missing())
                    + " were not found (the driver provides libcuda.so.1; the CUDA " + major + " toolkit, or "
                    + "PyTorch's nvidia-* wheels, the others). " + libs.describe());
        }
        try {
            return openLoaded(index, precision, presets, major, libs);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new CudaUnavailableException("cannot load the CUDA libraries through JavaCPP (" + e + "). If they are "
                    + "in a folder the dynamic linker does not search, put it on LD_LIBRARY_PATH: "
                    + libs.ldLibraryPath(System.getenv("LD_LIBRARY_PATH")), e);
        }
    }

    private static CudaDevice openLoaded(int index, GemmPrecision precision, String presets, int major,
                                         CudaLibraries.Report libs) throws CudaUnavailableException {
        int rc = cuInit(0);
        if (rc != 0) {
            throw new CudaUnavailableException("the NVIDIA driver found no usable GPU (cuInit returned " + rc + ").");
        }
        int[] v = new int[1];
        cuDriverGetVersion(v);
        int driver = v[0];
        cudaRuntimeGetVersion(v);
        int runtime = v[0];
        cudaGetDeviceCount(v);
        if (index < 0 || index >= v[0]) {
            throw new CudaUnavailableException("there is no CUDA device " + index + ": " + v[0] + " visible (after "
                    + "CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES") + ").");
        }
        check(cudaSetDevice(index), "cudaSetDevice");
        check(cudaFree(new Pointer()), "cudaFree(0) (context creation)");
        int[] a = new int[1];
        cudaDeviceGetAttribute(a, ATTR_CC_MAJOR, index);
        int cc = a[0] * 10;
        cudaDeviceGetAttribute(a, ATTR_CC_MINOR, index);
        cc += a[0];
        cudaDeviceGetAttribute(a, ATTR_MULTIPROCESSORS, index);
        int sms = a[0];
        int[] dev = new int[1];
        cuDeviceGet(dev, index);
        byte[] nameBytes = new byte[256];
        cuDeviceGetName(nameBytes, nameBytes.length, dev[0]);
        String name = new String(nameBytes, StandardCharsets.US_ASCII).replace("\0", "").strip();
        SizeTPointer free = new SizeTPointer(1);
        SizeTPointer total = new SizeTPointer(1);
        cudaMemGetInfo(free, total);
        long totalMemory = total.get();
        KernelLoadPlan plan;
        try {
            plan = KernelLoadPlan.choose(driver, cc, KernelBuild.shippedPtx(), libs.nvrtcFound() ? Nvrtc.probe() : null);
        } catch (KernelLoadPlan.Refused e) {
            throw new CudaUnavailableException(name + ": " + e.getMessage());
        }
        CUstream_st stream = new CUstream_st();
        check(cudaStreamCreateWithFlags(stream, STREAM_NON_BLOCKING), "cudaStreamCreateWithFlags");
        List<CUmod_st> modules = new java.util.ArrayList<>();
        Map<String, CUmod_st> byName = new HashMap<>();
        for (String module : Kernel.MODULES) {
            byte[] image = switch (plan.source()) {
                case SHIPPED_PTX -> nulTerminated(KernelBuild.ptx(module).getBytes(StandardCharsets.US_ASCII));
                case NVRTC_CUBIN, NVRTC_PTX -> Nvrtc.compile(module, plan);
            };
            CUmod_st mod = new CUmod_st();
            try (BytePointer img = new BytePointer(image)) {
                checkDriver(cuModuleLoadData(mod, img), "cuModuleLoadData(" + module + ", " + plan.target() + ")");
            }
            modules.add(mod);
            byName.put(module, mod);
        }
        Map<Kernel, Map<DType, CUfunc_st>> functions = new EnumMap<>(Kernel.class);
        for (Kernel k : Kernel.values()) {
            Map<DType, CUfunc_st> forType = new EnumMap<>(DType.class);
            for (DType t : k.typed() ? List.of(DType.FLOAT, DType.DOUBLE) : List.of(DType.INT)) {
                CUfunc_st f = new CUfunc_st();
                checkDriver(cuModuleGetFunction(f, byName.get(k.module()), k.entry(t)), "cuModuleGetFunction("
                        + k.entry(t) + ")");
                forType.put(t, f);
            }
            functions.put(k, forType);
        }
        cublasContext handle = new cublasContext();
        checkBlas(cublasCreate_v2(handle), "cublasCreate");
        checkBlas(cublasSetStream_v2(handle, stream), "cublasSetStream");
        checkBlas(cublasSetMathMode(handle, precision == GemmPrecision.TF32 ? CUBLAS_TF32_TENSOR_OP_MATH
                : CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
        Info info = new Info(index, name, cc, sms, totalMemory, driver, runtime, presets, plan, precision);
        return new CudaDevice(info, stream, handle, modules, functions);
    }

    private static byte[] nulTerminated(byte[] b) {
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = 0;
        return out;
    }

    /** What was opened. */
    public Info info() {
        return info;
    }

    /** Streaming multiprocessors (for {@link LaunchGeometry}). */
    public int multiprocessors() {
        return info.multiprocessors();
    }

    /** The memory pool. */
    public DevicePool pool() {
        return pool;
    }

    /** Bytes free and total on the device, as the driver reports them. */
    public long[] memoryInfo() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return new long[] {free.get(), total.get()};
        }
    }

    /** Queues a kernel on the stream (nothing when the geometry is empty). */
    public void launch(Kernel kernel, DType type, LaunchGeometry g, Object... values) {
        if (g.isEmpty()) {
            return;
        }
        CUfunc_st f = functions.get(kernel).get(kernel.typed() ? type : DType.INT);
        checkDriver(cuLaunchKernel(f, g.gridX(), g.gridY(), 1, g.blockX(), g.blockY(), 1, 0, stream,
                args.pack(kernel, type, values), null), "cuLaunchKernel(" + kernel.entry(type) + ")");
    }

    /**
     * Row-major GEMM on cuBLAS ({@link GemmCall}): {@code C = alpha op(A) op(B) + beta C}, each matrix
     * at a device address with a row stride in elements.
     */
    public void gemm(DType type, boolean transA, boolean transB, long m, long n, long k, double alpha, long a,
                     long lda, long b, long ldb, double beta, long c, long ldc) {
        GemmCall g = GemmCall.rowMajor(transA, transB, m, n, k, lda, ldb, ldc);
        if (type == DType.FLOAT) {
            alphaF.put((float) alpha);
            betaF.put((float) beta);
            checkBlas(cublasSgemm_v2(cublas, g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), alphaF, floats(b),
                    g.ldFirst(), floats(a), g.ldSecond(), betaF, floats(c), g.ldc()), "cublasSgemm");
        } else {
            alphaD.put(alpha);
            betaD.put(beta);
            checkBlas(cublasDgemm_v2(cublas, g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), alphaD, doubles(b),
                    g.ldFirst(), doubles(a), g.ldSecond(), betaD, doubles(c), g.ldc()), "cublasDgemm");
        }
    }

    /** Strided batched row-major GEMM: {@code C[i] = op(A[i]) op(B[i])} over {@code batch} contiguous matrices. */
    public void batchedGemm(DType type, boolean transA, boolean transB, long m, long n, long k, long a, long b,
                            long c, long batch) {
        long aRows = transA ? k : m;
        long aCols = transA ? m : k;
        long bRows = transB ? n : k;
        long bCols = transB ? k : n;
        GemmCall g = GemmCall.rowMajor(transA, transB, m, n, k, aCols, bCols, n);
        if (batch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + batch + " exceeds cuBLAS's int range");
        }
        if (type == DType.FLOAT) {
            alphaF.put(1f);
            betaF.put(0f);
            checkBlas(cublasSgemmStridedBatched(cublas, g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), alphaF,
                    floats(b), g.ldFirst(), bRows * bCols, floats(a), g.ldSecond(), aRows * aCols, betaF, floats(c),
                    g.ldc(), m * n, (int) batch), "cublasSgemmStridedBatched");
        } else {
            alphaD.put(1.0);
            betaD.put(0.0);
            checkBlas(cublasDgemmStridedBatched(cublas, g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), alphaD,
                    doubles(b), g.ldFirst(), bRows * bCols, doubles(a), g.ldSecond(), aRows * aCols, betaD,
                    doubles(c), g.ldc(), m * n, (int) batch), "cublasDgemmStridedBatched");
        }
    }

    /**
     * Copies {@code rows x rowBytes} bytes from host memory into a strided device matrix and waits
     * (the host side is this device's staging buffer, filled by {@code fill}).
     */
    public void upload(java.util.function.Consumer<BytePointer> fill, long rows, long rowBytes, long dst,
                       long dstPitchBytes) {
        BytePointer host = staging(rows * rowBytes);
        fill.accept(host);
        check(cudaMemcpy2DAsync(new DevicePointer(dst), dstPitchBytes, host, rowBytes, rowBytes, rows,
                MEMCPY_HOST_TO_DEVICE, stream), "cudaMemcpy2DAsync (to the device)");
        synchronize();
    }

    /** Copies a strided device matrix to the staging buffer, waits, and hands the bytes to {@code read}. */
    public void download(long src, long srcPitchBytes, long rows, long rowBytes,
                         java.util.function.Consumer<BytePointer> read) {
        BytePointer host = staging(rows * rowBytes);
        check(cudaMemcpy2DAsync(host, rowBytes, new DevicePointer(src), srcPitchBytes, rowBytes, rows,
                MEMCPY_DEVICE_TO_HOST, stream), "cudaMemcpy2DAsync (to the host)");
        synchronize();
        read.accept(host);
    }

    /** Queues a strided device-to-device copy. */
    public void copy(long src, long srcPitchBytes, long dst, long dstPitchBytes, long rows, long rowBytes) {
        check(cudaMemcpy2DAsync(new DevicePointer(dst), dstPitchBytes, new DevicePointer(src), srcPitchBytes, rowBytes,
                rows, MEMCPY_DEVICE_TO_DEVICE, stream), "cudaMemcpy2DAsync (device to device)");
    }

    /** Queues zeroing {@code bytes} bytes at {@code address}. */
    public void zero(long address, long bytes) {
        check(cudaMemsetAsync(new DevicePointer(address), 0, bytes, stream), "cudaMemsetAsync");
    }

    /** Waits until everything queued has run (and reports an asynchronous kernel failure). */
    public void synchronize() {
        check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }

    private BytePointer staging(long bytes) {
        if (staging.capacity() < bytes) {
            staging.close();
            staging = new BytePointer(Math.max(bytes, 2 * staging.capacity()));
        }
        staging.position(0);
        return staging;
    }

    private static FloatPointer floats(long address) {
        return new FloatPointer(new DevicePointer(address));
    }

    private static DoublePointer doubles(long address) {
        return new DoublePointer(new DevicePointer(address));
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            BytePointer s = cudaGetErrorString(rc);
            throw new CudaException(call + " failed: " + (s == null ? "CUDA error " + rc : s.getString()) + " (" + rc
                    + ")");
        }
    }

    static void checkDriver(int rc, String call) {
        if (rc != 0) {
            throw new CudaException(call + " failed: CUDA driver error " + rc);
        }
    }

    static void checkBlas(int rc, String call) {
        if (rc != 0) {
            throw new CudaException(call + " failed: cuBLAS status " + rc);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronize();
        } finally {
            cublasDestroy_v2(cublas);
            for (CUmod_st m : modules) {
                cuModuleUnload(m);
            }
            pool.close();
            cudaStreamDestroy(stream);
            args.close();
            staging.close();
            alphaF.close();
            betaF.close();
            alphaD.close();
            betaD.close();
        }
    }
}
