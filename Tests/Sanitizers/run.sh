#!/usr/bin/env bash
# The sanitizer runs of CI (`.ci/run`, after `make test`); each builds in its own scratch path, so the
# ordinary `.build` is never invalidated.
#   asan     the Swift Testing suite under AddressSanitizer (.build-asan, debug), then the language scripts
#            and hostile inputs with the ASan binary of the same build (SCRIPTS=subset|all, see below)
#   tsan     the Monte Carlo tests under ThreadSanitizer (.build-tsan, debug; `simulate` runs two workers)
#   fuzz     Tests/Fuzz/run-fuzz.sh for FUZZ_SECONDS (default 90)
# Usage: Tests/Sanitizers/run.sh [asan] [tsan] [fuzz]   (no argument: all three)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
steps=("$@")
[ ${#steps[@]} = 0 ] && steps=(asan tsan fuzz)

# Swift Testing runs tests on threads with the default stack (the soft `ulimit -s`, 8 MiB); a debug build
# with ASan needs about 50 KiB per level of user-function calls, so LimitTests' 200-call recursion needs
# more than 8 MiB there (the program itself runs on a 512 MiB thread, see BigStack.swift).
ulimit -s 262144 2>/dev/null || ulimit -s unlimited 2>/dev/null || true

asan() {
  swift build --build-tests --scratch-path .build-asan --sanitize=address 2>&1 | grep -E "error|Compiling|Build" | tail -2
  # Leaks: global `let`s and a few C libraries' start-up allocations only (see lsan.supp).
  LSAN_OPTIONS="suppressions=$root/Tests/Sanitizers/lsan.supp:print_suppressions=0" \
    swift test --skip-build --scratch-path .build-asan --sanitize=address --disable-xctest 2>&1 | tail -3
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "asan: Swift Testing suite FAILED"; return 1; }
  # The scripts: memory errors, not leaks. Swift keeps enum tags in a pointer's spare bits, so
  # LeakSanitizer takes live values for leaks in a whole program (the unit tests above do check leaks).
  local bin
  bin="$(swift build --scratch-path .build-asan --sanitize=address --show-bin-path)/supportplan"
  if [ "${SCRIPTS:-subset}" = all ]; then
    # Everything in Tests/run-scripts.sh, golden diagnostics included (about 7 minutes on 2 cores).
    ASAN_OPTIONS=detect_leaks=0 Tests/run-scripts.sh "$bin"
  else
    # The subset: every self-checking script (Tests/Scripts) and every fuzz reproducer, checked by exit
    # status. Left out: the golden diagnostics (Tests/Errors: same code paths as the scripts' errors),
    # the width runs at 60/80/120 columns (the same views three times) and the generated hostile inputs
    # of 4-10 MB, which take minutes in a debug ASan build and are covered by `make test` and the fuzzer.
    ASAN_OPTIONS=detect_leaks=0 Tests/Sanitizers/run-subset.sh "$bin"
  fi
}

tsan() {
  swift build --build-tests --scratch-path .build-tsan --sanitize=thread 2>&1 | grep -E "error|Compiling|Build" | tail -2
  # Model.simulate shares blocks between `workers` threads (2 by default): every test that simulates.
  TSAN_OPTIONS="halt_on_error=1" swift test --skip-build --scratch-path .build-tsan --sanitize=thread \
    --disable-xctest --filter "SimulationTests|DifferentialTests|BoardReportTests|EvaluatorLaws" 2>&1 | tail -3
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "tsan: Monte Carlo tests FAILED"; return 1; }
}

fuzz() { Tests/Fuzz/run-fuzz.sh "${FUZZ_SECONDS:-90}"; }

for step in "${steps[@]}"; do
  start=$SECONDS
  "$step"
  echo "sanitizers: $step passed in $((SECONDS - start)) s"
done
