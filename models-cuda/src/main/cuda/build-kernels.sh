#!/usr/bin/env bash
# Compiles every kernel source (src/main/cuda/*.cu) to PTX for compute capability 7.5 with nvcc and
# copies the sources beside it (each PTX is also assembled by ptxas for sm_90, Hopper), into the module's class-path folder of kernels (argument 1).
# Run by Maven (exec-maven-plugin, generate-resources) at every build of models-cuda.
#
# nvcc is looked for by find-nvcc.sh: $NVCC, then the PATH, then $CUDA_HOME/bin and /usr/local/cuda/bin.
# Where there is none, the build goes on without PTX (the backend then compiles the sources with
# NVRTC at start) and says so, unless POINTEA_REQUIRE_NVCC=1 (set by .ci/run where the machine has nvcc): then it fails, so
# "every kernel compiles in CI" cannot pass silently. Any compiler warning fails the build.
set -euo pipefail
out="$1"
src="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
cp "$src"/*.cu "$src"/*.cuh "$out"/

nvcc="$(bash "$src/find-nvcc.sh" || true)"
if [[ -z "$nvcc" ]]; then
    msg="nvcc not found (\$NVCC, PATH, \$CUDA_HOME/bin, /usr/local/cuda/bin): kernels not compiled at build time; the CUDA backend will compile them with NVRTC at start"
    if [[ "${POINTEA_REQUIRE_NVCC:-0}" == 1 ]]; then
        echo "[ERROR] $msg, and POINTEA_REQUIRE_NVCC=1 requires nvcc" >&2
        exit 1
    fi
    echo "[WARNING] $msg"
    rm -f "$out"/*.ptx "$out"/kernels.properties
    exit 0
fi

version="$("$nvcc" --version | sed -n 's/.*release \([0-9.]*\),.*/\1/p')"
arch=compute_75
compiled=0
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    ptx="$out/$name.ptx"
    # make-like: recompile only when the source, the shared header or this script is newer
    if [[ -f "$ptx" && "$ptx" -nt "$cu" && "$ptx" -nt "$src/common.cuh" && "$ptx" -nt "$0" ]]; then
        continue
    fi
    "$nvcc" -ptx -arch="$arch" -Werror all-warnings -o "$ptx.tmp" "$cu"
    # assemble for Hopper too: the PTX must become machine code, not only parse
    "$(dirname "$nvcc")/ptxas" -arch=sm_90 -Werror -o /dev/null "$ptx.tmp"
    mv "$ptx.tmp" "$ptx"
    compiled=$((compiled + 1))
done
isa="$(sed -n 's/^\.version \([0-9.]*\)/\1/p' "$out"/elementwise.ptx | head -1)"
{
    echo "# written by src/main/cuda/build-kernels.sh"
    echo "nvcc.version=$version"
    echo "ptx.arch=$arch"
    echo "ptx.isa=$isa"
    echo "modules=$(cd "$src" && ls *.cu | sed 's/\.cu$//' | tr '\n' ',' | sed 's/,$//')"
} > "$out/kernels.properties.tmp"
mv "$out/kernels.properties.tmp" "$out/kernels.properties"
echo "[INFO] kernels: nvcc $version -> PTX $arch (ISA $isa), $compiled of $(ls "$src"/*.cu | wc -l) modules recompiled"
