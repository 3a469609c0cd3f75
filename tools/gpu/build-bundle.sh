#!/usr/bin/env bash
# Builds the GPU device-check bundle (at most 64 MiB): a jlink Java runtime with only the modules
# needed, the CUDA backend's jars for CUDA 12 and CUDA 13 (JavaCPP presets cut down to the cudart,
# cuBLAS and NVRTC bindings; no ND4J, no CPU natives), the test classes, the float32 parity
# fixtures computed here on the CPU backend (parity/*.json), and device-check.sh.
# Run from the repository root on the build machine (Linux x86-64, JDK 17, Maven, nvcc):
#
#   tools/gpu/build-bundle.sh [out-dir]        # default target/gpu-bundle
#
# POINTEA_MVN_OFFLINE=1 runs Maven offline; POINTEA_BUNDLE_REUSE_BUILD=1 reuses the jars of the
# previous run's step 1 (same tree, only the later steps changed).
#
# then copy out-dir/pointea-gpu-check.tar.gz to a machine with an NVIDIA GPU (no JDK or Maven
# needed there), unpack it and run  pointea-gpu-check/device-check.sh  (see docs/gpu.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/target/gpu-bundle}"
name=pointea-gpu-check
stage="$out/$name"
cuda13_presets=13.1-9.19-1.5.13
cuda13_javacpp=1.5.13
cd "$root"

echo "[1/7] building models-cuda (and what it depends on) with Maven"
if [[ "${POINTEA_BUNDLE_REUSE_BUILD:-0}" == 1 && -d "$out/deps" && -d "$out/deps13" ]]; then
    echo "      reusing the previous build's jars (POINTEA_BUNDLE_REUSE_BUILD=1)"
else
rm -rf "$out/deps" "$out/deps13"
nice -n 10 mvn -B -q ${POINTEA_MVN_OFFLINE:+-o} -pl models-cuda -am -DskipTests -Dpointea.javadoc.skip=true \
    package dependency:copy-dependencies -DincludeScope=test \
    -DoutputDirectory="$out/deps"
for spec in org.bytedeco:cuda:$cuda13_presets org.bytedeco:cuda:$cuda13_presets:jar:linux-x86_64 \
            org.bytedeco:javacpp:$cuda13_javacpp org.bytedeco:javacpp:$cuda13_javacpp:jar:linux-x86_64; do
    nice -n 10 mvn -B -q ${POINTEA_MVN_OFFLINE:+-o} -N dependency:copy -Dartifact="$spec" -DoutputDirectory="$out/deps13"
done
fi

echo "[2/7] parity fixtures: each mixer and both PCT networks on the CPU backend"
rm -rf "$out/parity"
nice -n 10 java -Xmx4g -cp "models-cuda/target/test-classes:models-cuda/target/classes:$out/deps/*" \
    org.pointea.models.cuda.Parity "$out/parity"

echo "[3/7] choosing the jars (no ND4J, no DL4J, no CPU natives)"
rm -rf "$stage"
mkdir -p "$stage/lib/common" "$stage/lib/cuda12" "$stage/lib/cuda13"
keep='^(pointea-(pointcloud|io|eval|models)-|jackson-(core|databind|annotations)-|slf4j-api|slf4j-nop|joml|commons-math3|commons-rng|jhdf|commons-lang3|junit-|opentest4j|apiguardian|assertj-core|byte-buddy-1|jqwik)'
for j in "$out"/deps/*.jar; do
    b="$(basename "$j")"
    if [[ "$b" =~ $keep ]]; then
        cp "$j" "$stage/lib/common/"
    fi
done
cp "$(ls models-cuda/target/pointea-models-cuda-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' -e '-tests\.jar$')" \
    "$stage/lib/cuda12/pointea-models-cuda.jar"
(cd models-cuda/target/test-classes && jar --create --file "$stage/lib/common/pointea-models-cuda-tests.jar" .)

# the presets: keep the Java classes and only the JNI libraries the backend loads
slim() {  # slim <in.jar> <out.jar>
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
keep_native = ("libjnicudart.so", "libjnicublas.so", "libjninvrtc.so")
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        n = item.filename
        if n.endswith(".so") and not n.endswith(keep_native):
            continue
        if "/nppi" in n or "/npps" in n or "/cusolver" in n or "/cusparse" in n or "/cufft" in n or "/cudnn" in n \
                or "/nvjpeg" in n or "/cupti" in n or "/nccl" in n or "/nvcomp" in n or "/nvml" in n:
            continue
        zout.writestr(item, zin.read(n))
PY
}
for j in "$out"/deps/cuda-*.jar; do slim "$j" "$stage/lib/cuda12/$(basename "$j")"; done
cp "$out"/deps/javacpp-"$(sed -n 's/.*<cuda.javacpp.version>\(.*\)<.*/\1/p' pom.xml)"*.jar "$stage/lib/cuda12/"
for j in "$out"/deps13/cuda-*.jar; do slim "$j" "$stage/lib/cuda13/$(basename "$j")"; done
cp "$out"/deps13/javacpp-*.jar "$stage/lib/cuda13/"

echo "[4/7] compiling the backend against the CUDA 13 presets too"
cls13="$out/classes13"
rm -rf "$cls13" && mkdir -p "$cls13"
cp13="$(ls "$stage"/lib/common/*.jar "$out"/deps13/*.jar | grep -v linux-x86_64 | tr '\n' ':')"
javac -nowarn -d "$cls13" --release 17 -cp "$cp13" $(find models-cuda/src/main/java -name '*.java')
cp -r models-cuda/target/classes/org/pointea/models/cuda/kernels "$cls13/org/pointea/models/cuda/"
cp -r models-cuda/target/classes/META-INF "$cls13/"
jar --create --file "$stage/lib/cuda13/pointea-models-cuda.jar" -C "$cls13" .

echo "[5/7] jlink runtime"
jlink --add-modules java.base,java.logging,java.management,java.naming,java.xml,java.sql,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$stage/runtime"

echo "[6/7] script"
cp tools/gpu/device-check.sh "$stage/"
cp -r "$out/parity" "$stage/parity"
git rev-parse HEAD > "$stage/COMMIT" 2>/dev/null || true

echo "[7/7] archive"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
size=$(stat -c %s "$out/$name.tar.gz")
echo "$out/$name.tar.gz: $((size / 1024 / 1024)) MiB ($size bytes), unpacked $(du -sm "$stage" | cut -f1) MiB"
if (( size > 64 * 1024 * 1024 )); then
    echo "[ERROR] the bundle is over 64 MiB" >&2
    exit 1
fi
