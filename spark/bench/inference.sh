#!/usr/bin/env bash
# Batch-inference throughput: plain Java loop (1 and 2 ND4J threads) vs BatchInference on
# local[1] and local[2], one JVM per configuration, interleaved, ROUNDS times; the load average
# before and after. Run from the repository root after
#   mvn -B -q -pl spark -am test-compile dependency:build-classpath \
#       -Dmdep.outputFile=/tmp/spark-cp.txt -Dmdep.includeScope=test
# Usage: spark/bench/inference.sh [WORKDIR] [FILES] [POINTS] [ROUNDS]
set -euo pipefail
WORK=${1:-/tmp/pointea-spark-bench}
FILES=${2:-256}
POINTS=${3:-4096}
ROUNDS=${4:-2}
CP="spark/target/test-classes:spark/target/classes:models/target/classes:io/target/classes:eval/target/classes:pointcloud/target/classes:$(cat /tmp/spark-cp.txt)"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' spark/pom.xml)
export OMP_WAIT_POLICY=PASSIVE
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456
export SPARK_LOCAL_IP=127.0.0.1
if [ ! -d "$WORK/scans" ]; then
  java -cp "$CP" spark/bench/MakeBenchInputs.java "$WORK" "$FILES" "$POINTS"
fi
run() { java -Xmx4g $OPENS -cp "$CP" org.pointea.spark.bench.SparkInferenceBench "$@" 2>/dev/null | grep RESULT; }
echo "load before: $(cat /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  run loop  "$WORK/light-cls" "$WORK/scans" 1 1 16
  run spark "$WORK/light-cls" "$WORK/scans" 'local[1]' 1 16
  run loop  "$WORK/light-cls" "$WORK/scans" 2 1 16
  run spark "$WORK/light-cls" "$WORK/scans" 'local[2]' 1 16
done
echo "load after: $(cat /proc/loadavg)"
