#!/usr/bin/env bash
# Builds the libFuzzer target (parse + apply + commands, with AddressSanitizer) and fuzzes it for SECONDS
# (default 90). The seed corpus is made here from the presets, the language scripts, the shared examples
# and every reproducer in Tests/Fuzz/Crashers. A crash, hang (-timeout) or out-of-memory input is copied
# into Tests/Fuzz/Crashers (name: KIND-HASH.plan) and the script fails; `Tests/run-scripts.sh` replays
# every file there, so commit it with the fix.
#
#   Tests/Fuzz/run-fuzz.sh [SECONDS]
#   FUZZ_CORPUS=DIR   keep the corpus the fuzzer grows in DIR (a longer campaign resumes from it)
#   FUZZ_JOBS=N       N fuzzing processes at once (libFuzzer -fork=N; default 1)
#   FUZZ_ARGS='…'     more libFuzzer options (-seed=N, -only_ascii=1, …)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds="${1:-90}"
crashers="$root/Tests/Fuzz/Crashers"

swift build -c release --product supportplan-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v ": warning:\|^ *[0-9]* |\|^ *|" | tail -3
fuzz="$root/.build-fuzz/release/supportplan-fuzz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$work/artifacts" "$work/cwd"
corpus="${FUZZ_CORPUS:-$work/corpus}"
mkdir -p "$corpus"
n=0
seed() { n=$((n + 1)); cp "$1" "$work/seeds/$n-$(basename "$1")"; }
for f in Presets/*.plan; do seed "$f"; done
while IFS= read -r f; do seed "$f"; done < <(find Tests/Scripts -name '*.plan' | sort)
if [ -d ../shared/examples ]; then
  while IFS= read -r f; do seed "$f"; done < <(find ../shared/examples -name '*.plan' | sort)
fi
for f in "$crashers"/*; do [ -f "$f" ] && seed "$f"; done
echo "fuzz: $n seed files, ${seconds}s, corpus $corpus"

jobs=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then jobs=(-fork="$FUZZ_JOBS" -ignore_crashes=0); fi
# Leak checks are off: Swift keeps enum tags in a pointer's spare bits, so LeakSanitizer takes live
# parse trees for leaks. The working directory is a scratch directory: relative `use` paths find nothing,
# and writes are refused anyway (FileSystem.writesRefused).
status=0
# Swift's own crash backtracer is off: libFuzzer and ASan report a crash themselves, and the backtracer's helper
# (swift-backtrace) could be left waiting after an ASan report, holding the log open.
(cd "$work/cwd" && SWIFT_BACKTRACE=enable=no SUPPORTPLAN_PRESETS="$root/Presets" ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$fuzz" "$corpus" "$work/seeds" \
  -dict="$root/Tests/Fuzz/plan.dict" -max_total_time="$seconds" -max_len=20000 -len_control=0 \
  -timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "${jobs[@]}" ${FUZZ_ARGS:-} 2>"$work/log") || status=$?
grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)" "$work/log" || true
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" | sort -u || true

found=0
for artifact in "$work/artifacts"/*; do
  [ -f "$artifact" ] || continue
  name="$(basename "$artifact")"
  kind="${name%%-*}"
  hash="$(sha1sum "$artifact" | cut -c1-12)"
  cp "$artifact" "$crashers/fuzz-$kind-$hash.plan"
  echo "fuzz: $kind, reproducer saved as Tests/Fuzz/Crashers/fuzz-$kind-$hash.plan"
  found=$((found + 1))
done
if [ "$status" != 0 ] || [ "$found" != 0 ]; then
  grep -E "ERROR|SUMMARY|==[0-9]+==|Crashed|crashed|timeout|out-of-memory|supportplan-fuzz:" "$work/log" | head -20 || true
  # The log goes with the scratch directory: its end says what the crash was (in -fork mode libFuzzer copies
  # the crashing job's log into it).
  echo "fuzz: the end of libFuzzer's log:"
  tail -150 "$work/log" | grep -v "^#[0-9]*: cov" | cut -c1-300
  echo "fuzz: FAILED (exit $status); replay: $fuzz Tests/Fuzz/Crashers/FILE (SUPPORTPLAN_FUZZ_VERBOSE=1 shows output)"
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
