#!/usr/bin/env bash
# Coverage-guided fuzzing campaign (Jazzer) over pointea's readers. See docs/fuzzing.md.
#
#   tools/fuzz/campaign.sh ROUNDS [module:Class#method ...]
#
# Runs each target in fuzzing mode (JAZZER_FUZZ=1) ROUNDS times for its slot (150 s, the
# targets' @FuzzTest maxDuration) with a 1 GiB heap, each round continuing from the corpus the
# earlier rounds grew, after copying
# the real corpus files of its format (POINTEA_CORPUS, default ../shared/data/real) into its
# generated corpus (<module>/.cifuzz-corpus/<class>/<method>/, not committed). Findings are written
# by Jazzer next to the committed seeds (<module>/src/test/resources/.../<Class>Inputs/<method>/
# crash-*), so that `mvn verify` replays them from then on. Prints one line per target:
# executions, corpus size, findings. Logs: target/fuzz-campaign/<target>.log.
# JUnit's @Timeout is disabled for the run as a whole (Jazzer issue #930: in fuzzing mode JUnit
# times the whole run); Jazzer still turns it into libFuzzer's per-input -timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:?usage: campaign.sh ROUNDS [module:Class#method ...]}
shift
corpus=${POINTEA_CORPUS:-../shared/data/real}
[ -d "$corpus" ] || corpus=/work/shared/data/real
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(io:ReaderFuzzTest#ply io:ReaderFuzzTest#pcd io:ReaderFuzzTest#off io:ReaderFuzzTest#text
    io:ReaderFuzzTest#npy io:Hdf5FuzzTest#fromMemory io:Hdf5FuzzTest#fromPath
    io:PointCloud2FuzzTest#ros1 io:PointCloud2FuzzTest#cdr io:DatasetListFuzzTest#h5List
    io:DatasetListFuzzTest#modelNetIds io:DatasetListFuzzTest#shapeNetSplit
    models:ModelDirectoryFuzzTest#manifest models:ModelDirectoryFuzzTest#weights)
fi
log_dir=target/fuzz-campaign
mkdir -p "$log_dir"

# which corpus files seed which target (by extension); size-capped so that seeds stay fast
seed_ext() {
  case "$1" in
    *#ply) echo ply ;; *#pcd) echo pcd ;; *#off) echo off ;; *#text) echo "xyz xyzn xyzrgb pts csv txt" ;;
    *#npy) echo npy ;; *#fromMemory|*#fromPath) echo h5 ;; *) echo "" ;;
  esac
}

for t in "${targets[@]}"; do
  module=${t%%:*}; rest=${t#*:}; cls=${rest%%#*}; method=${rest#*#}
  pkg=$(grep -rl --include="$cls.java" "class $cls" "$module/src/test/java" | head -1)
  fqcn=$(echo "${pkg#"$module/src/test/java/"}" | sed 's|\.java$||; s|/|.|g')
  gen="$module/.cifuzz-corpus/$fqcn/$method"
  mkdir -p "$gen"
  for ext in $(seed_ext "$t"); do
    find "$corpus" -type f -name "*.$ext" -size -300k -exec cp -n {} "$gen/" \; 2>/dev/null || true
  done
  before=$(ls "$gen" | wc -l)
  name="${cls}_${method}"
  : > "$log_dir/$name.log"
  total=0; secs=0; rc=0
  for ((r = 1; r <= rounds; r++)); do
    round="$log_dir/$name.round$r.log"
    JAZZER_FUZZ=1 nice -n 10 mvn -B -o -pl "$module" -am test -Dtest="$cls#$method" \
      -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.argLine="-Xmx1g -XX:+UseParallelGC" \
      -Djunit.jupiter.execution.timeout.mode=disabled \
      > "$round" 2>&1 || rc=$?
    cat "$round" >> "$log_dir/$name.log"
    done_line=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$round" | tail -1 || true)
    total=$((total + $(echo "$done_line" | awk '{print $2+0}')))
    secs=$((secs + $(echo "$done_line" | awk '{print $5+0}')))
  done
  runs="$total executions in $secs s"
  after=$(ls "$gen" | wc -l)
  inputs=$(find "$module/src/test/resources" -path "*${cls}Inputs/$method/*" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  echo "$t: ${runs}; corpus $before -> $after; findings on disk: $inputs; mvn exit $rc"
done
