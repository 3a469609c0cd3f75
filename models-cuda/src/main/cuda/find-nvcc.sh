#!/usr/bin/env bash
# Prints the nvcc this machine has and exits 0, or prints nothing and exits 1. Looked for in $NVCC
# (used as given: a wrong $NVCC fails the build rather than being skipped), then on the PATH, then
# in $CUDA_HOME/bin and /usr/local/cuda/bin. build-kernels.sh (beside it) and .ci/run both use it,
# so CI and the build agree on whether this machine has nvcc.
set -uo pipefail
nvcc="${NVCC:-}"
if [[ -z "$nvcc" ]]; then
    nvcc="$(command -v nvcc || true)"
fi
for d in "${CUDA_HOME:-}" /usr/local/cuda; do
    if [[ -z "$nvcc" && -n "$d" && -x "$d/bin/nvcc" ]]; then
        nvcc="$d/bin/nvcc"
    fi
done
[[ -n "$nvcc" ]] || exit 1
echo "$nvcc"
