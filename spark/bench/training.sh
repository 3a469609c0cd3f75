#!/usr/bin/env bash
# Cost per data-parallel training step: the gradient exchange alone (barrier allGather vs one
# treeAggregate job per step), then whole steps of the light classifier (3 classes, 512 points,
# global batch 16): the single-process Trainer (batch 16; 1 and 2 ND4J threads) against
# DataParallelTraining on local[2] (2 workers x batch 8, 1 ND4J thread each; sync and ghost batch
# norm). One JVM per configuration, interleaved, ROUNDS times; the load average before and after.
# Run from the repository root after
#   mvn -B -q -pl spark -am test-compile dependency:build-classpath \
#       -Dmdep.outputFile=/tmp/spark-cp.txt -Dmdep.includeScope=test
# Usage: spark/bench/training.sh [WORKDIR] [ROUNDS] [PARAMETERS]
set -euo pipefail
WORK=${1:-/tmp/pointea-spark-train-bench}
ROUNDS=${2:-1}
FLOATS=${3:-773000}
CP="spark/target/test-classes:spark/target/classes:models/target/classes:io/target/classes:eval/target/classes:pointcloud/target/classes:$(cat /tmp/spark-cp.txt)"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' spark/pom.xml)
export OMP_WAIT_POLICY=PASSIVE
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$WORK"
run() { echo "load: $(cat /proc/loadavg)"; java -Xmx3g $OPENS -cp "$CP" org.pointea.spark.bench.SparkTrainingBench "$@" 2>/dev/null | grep RESULT; }
echo "load before: $(cat /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  run exchange 'local[2]' 2 "$FLOATS" 10
  run single "$WORK" 16 1
  run spark  "$WORK" 'local[2]' 2 8 sync 1
  run single "$WORK" 16 2
  run spark  "$WORK" 'local[2]' 2 8 ghost 1
  run single "$WORK" 16 1
  run spark  "$WORK" 'local[2]' 2 8 sync 1
done
echo "load after: $(cat /proc/loadavg)"
