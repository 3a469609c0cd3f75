#!/usr/bin/env bash
# Kills `pointea train` with SIGKILL at random moments (4 times), resumes it each time, and compares
# the result with an uninterrupted run: final weights, optimizer state, best model and metrics.jsonl
# (timings aside) must be identical. A manual, process-level companion of TrainerKillTest.
#
# usage: models/src/test/scripts/kill_resume_cli.sh DATA_DIR WORK_DIR
#   DATA_DIR  a ModelNet-style dataset folder (e.g. pointea-demo/modelnet40_normal_resampled)
#   WORK_DIR  where the two runs go (replaced)
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pointea="$here/../../../../tools/bin/pointea"
data="$1"; work="$2"
args=(--data "$data" --epochs 3 --batch 16 --optimizer adam --lr 0.002
      --augment 'scale(0.8,1.25),translate(0.1),shuffle' --checkpoint-every 10 --no-report --quiet)
rm -rf "$work"; mkdir -p "$work"
"$pointea" train "${args[@]}" --out "$work/reference" > /dev/null 2>&1 || exit 1
echo "reference run done"
"$pointea" train "${args[@]}" --out "$work/killed" > /dev/null 2>&1 &
pid=$!
for i in 1 2 3 4; do
  t=$((RANDOM % 25 + 8))
  sleep "$t"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    echo "killed after ${t} s; checkpoint at $(grep -o '"global_step" : [0-9]*' "$work/killed/last/model.json" 2>/dev/null)"
  fi
  "$pointea" train --resume "$work/killed" --quiet --no-report > /dev/null 2>&1 &
  pid=$!
done
wait "$pid" || exit 1
status=0
for d in last best; do
  a=$(/usr/bin/python3 -c "import json,sys;m=json.load(open(sys.argv[1]));print(m['weights']['sha256'], m.get('updater',{}).get('sha256'))" "$work/reference/$d/model.json")
  b=$(/usr/bin/python3 -c "import json,sys;m=json.load(open(sys.argv[1]));print(m['weights']['sha256'], m.get('updater',{}).get('sha256'))" "$work/killed/$d/model.json")
  if [ "$a" = "$b" ]; then echo "$d: identical ($a)"; else echo "$d: DIFFERENT ($a vs $b)"; status=1; fi
done
strip() { sed -E 's/,"time_s":[^,}]*|,"samples_per_s":[^,}]*//g' "$1"; }
if diff <(strip "$work/reference/metrics.jsonl") <(strip "$work/killed/metrics.jsonl") > /dev/null; then
  echo "metrics.jsonl: identical apart from timings"
else
  echo "metrics.jsonl: DIFFERENT"; status=1
fi
exit $status
