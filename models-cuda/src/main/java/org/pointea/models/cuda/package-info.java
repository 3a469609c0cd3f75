/**
 * pointea's CUDA backend: its networks on NVIDIA GPUs from Volta (compute capability 7.0) on, with
 * cuBLAS for the matrix products and pointea's own kernels ({@code src/main/cuda}) for everything
 * else, on JavaCPP's {@code org.bytedeco:cuda} presets.
 *
 * <p>Nothing here loads a native CUDA library until a device is opened ({@link
 * org.pointea.models.cuda.CudaDevice#open}), so the CPU build runs with this module on its class
 * path and no CUDA installed. The host-side decisions (launch geometry, memory pool, how the
 * kernels are loaded, which libraries are missing, GEMM argument mapping, scatter indices) are pure
 * Java and unit-tested without a GPU. See {@code docs/gpu.md}.
 */
package org.pointea.models.cuda;
