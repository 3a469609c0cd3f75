#!/usr/bin/env bash
# The GPU device check, run from the unpacked bundle (tools/gpu/build-bundle.sh) on a machine with
# an NVIDIA GPU; needs no JDK or Maven there. Writes one JSON report (default: device-check.json
# beside this script) with the GPU, the CUDA libraries found and missing (and every folder looked
# in), the backend's start-up verdict, the result of every test (backend operations and the backend
# conformance suite on the GPU), the float32 parity of each mixer and both PCT networks against the
# CPU-computed fixtures in parity/ (target: logits within 1e-4), the PCT classifier's training and
# inference step times and GPU memory at B = 32 x 1,024 points, and timings of PCT-sized
# operations. Where the GPU cannot be used, every GPU part says it was skipped and why.
#
#   ./device-check.sh [report.json]
#
# CUDA 13 libraries (libcudart.so.13, libcublas.so.13, libcublasLt.so.13) are used when found,
# else CUDA 12 ones; they are looked for in LD_LIBRARY_PATH, /usr/local/cuda*, the system library
# folders and the nvidia/*/lib folders of Python installs (PyTorch's wheels).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/device-check.json}"
java="$here/runtime/bin/java"
chosen=""
for major in 13 12; do
    cp="$here/lib/cuda$major/*:$here/lib/common/*"
    missing="$("$java" -cp "$cp" org.pointea.models.cuda.CudaLibraries "$major" | grep '^missing' || true)"
    echo "CUDA $major libraries: ${missing:-all found}"
    if [[ -z "$missing" ]]; then
        chosen=$major
        break
    fi
done
if [[ -z "$chosen" ]]; then
    chosen=13   # neither complete: run anyway, the report says what is missing and where it looked
fi
cp="$here/lib/cuda$chosen/*:$here/lib/common/*"
LD_LIBRARY_PATH="$("$java" -cp "$cp" org.pointea.models.cuda.CudaLibraries "$chosen" --ld-library-path)"
export LD_LIBRARY_PATH
echo "using the CUDA $chosen build; LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
exec "$java" -Xmx8g -cp "$cp" org.pointea.models.cuda.DeviceCheck "$out" "$here/parity"
