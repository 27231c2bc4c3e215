#!/usr/bin/env bash
# The language scripts under AddressSanitizer, by exit status (Tests/Sanitizers/run.sh): every
# Tests/Scripts/*/*.plan (its `# expect: exit N`, its `# args:`), every Tests/Errors/*.plan (an error, not
# a crash) and every fuzz reproducer in Tests/Fuzz/Crashers, on an empty and on the standard model.
# An ASan report exits 86, which no script expects.
set -u
bin="$(cd "$(dirname "${1:?usage: run-subset.sh PATH/TO/supportplan}")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")/.." && pwd)"
pass=0; fail=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" NO_COLOR=1 COLUMNS=80
export ASAN_OPTIONS="exitcode=86:${ASAN_OPTIONS:-detect_leaks=0}"
check() { # FILE ALLOWED-STATUSES ARGS…
  local f="$1" allowed="$2"; shift 2
  (cd "$(dirname "$f")" && timeout 120 "$bin" "$@" "$(basename "$f")" >/dev/null 2>"$tmp/err"); local got=$?
  if [[ " $allowed " == *" $got "* ]]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL ${f#$here/} ($*): exit $got, expected $allowed"
    grep -m3 -A3 "ERROR: AddressSanitizer" "$tmp/err" | sed 's/^/    /'; fi
}
for f in "$here"/Scripts/*/*.plan; do
  want=$(sed -n 's/^# expect: exit \([0-9]*\).*/\1/p' "$f" | head -1)
  args=$(sed -n 's/^# args: //p' "$f" | head -1)
  # shellcheck disable=SC2086
  check "$f" "${want:-0}" ${args:-run --empty}
done
for f in "$here"/Errors/*.plan; do
  args=$(sed -n 's/^# args: //p' "$f" | head -1)
  # shellcheck disable=SC2086
  check "$f" "1 2 64" ${args:-run --empty}
done
for f in "$here"/Fuzz/Crashers/*.plan; do
  check "$f" "0 1 2" run --empty
  check "$f" "0 1 2" run
done
echo "asan scripts: $pass passed, $fail failed"
[ "$fail" = 0 ]
