#!/usr/bin/env bash
# Runs the language-level tests against a built binary:
#   Scripts/<feature>/*.plan  self-checking scripts; each must exit 0 (or the status in a `# expect: exit N` line);
#                             where Scripts/<feature>/<name>.stdout exists, stdout must equal it (golden output)
#   Errors/*.plan             one deliberate error per file; stderr must equal Errors/<name>.stderr exactly
# Set RECORD=1 to re-record the golden .stderr files.
set -u
bin="$(cd "$(dirname "${1:?usage: run-scripts.sh PATH/TO/supportplan}")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
pass=0; fail=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# Views lay themselves out for the width: 80 columns, as on a pipe with no COLUMNS, whatever the terminal.
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" NO_COLOR=1 COLUMNS=80
for f in "$here"/Scripts/*/*.plan; do
  want=$(sed -n 's/^# expect: exit \([0-9]*\).*/\1/p' "$f" | head -1); want=${want:-0}
  args=$(sed -n 's/^# args: //p' "$f" | head -1); args=${args:-run --empty}
  (cd "$(dirname "$f")" && timeout 60 "$bin" $args "$(basename "$f")" >"$tmp/out" 2>"$tmp/err"); got=$?
  golden="${f%.plan}.stdout"
  if [ "${RECORD:-}" = 1 ] && [ -f "$golden" ]; then cp "$tmp/out" "$golden"; fi
  if [ "$got" != "$want" ]; then
    fail=$((fail+1)); echo "FAIL ${f#$here/}: exit $got, expected $want"; head -5 "$tmp/err" | sed 's/^/    /'
  elif [ -f "$golden" ] && ! cmp -s "$tmp/out" "$golden"; then
    fail=$((fail+1)); echo "FAIL ${f#$here/}: stdout differs from $(basename "$golden")"
    diff "$golden" "$tmp/out" 2>&1 | head -10 | sed 's/^/    /'
  else pass=$((pass+1)); fi
done
for f in "$here"/Errors/*.plan; do
  golden="${f%.plan}.stderr"
  args=$(sed -n 's/^# args: //p' "$f" | head -1); args=${args:-run --empty}
  (cd "$here/Errors" && timeout 60 "$bin" $args "$(basename "$f")" >"$tmp/out" 2>"$tmp/err"); got=$?
  repo="$(cd "$here/.." && pwd)"
  sed -i "s|$repo|<repo>|g" "$tmp/err"
  if [ "${RECORD:-}" = 1 ]; then cp "$tmp/err" "$golden"; fi
  if [ "$got" = 0 ]; then fail=$((fail+1)); echo "FAIL ${f#$here/}: exit 0, expected an error"; continue; fi
  if [ -f "$golden" ] && cmp -s "$tmp/err" "$golden"; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL ${f#$here/}: stderr differs from $(basename "$golden")"
    diff "$golden" "$tmp/err" 2>&1 | head -10 | sed 's/^/    /'; fi
done
# Width: every view fits the terminal. Each script under Scripts/width runs at 60, 80 and 120 columns, and
# so does `supportplan presets`; a line of stdout longer than the width fails.
for columns in 60 80 120; do
  for f in "$here"/Scripts/width/*.plan; do
    args=$(sed -n 's/^# args: //p' "$f" | head -1); args=${args:-run --empty}
    (cd "$(dirname "$f")" && COLUMNS=$columns timeout 60 "$bin" $args "$(basename "$f")" >"$tmp/out" 2>/dev/null)
    report=$(python3 - "$columns" "$tmp/out" <<'PY'
import sys
width = int(sys.argv[1])
for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if len(line) > width:
        print(f"line {number} is {len(line)} wide: {line[:60]}…")
        break
PY
)
    if [ -n "$report" ]; then fail=$((fail+1)); echo "FAIL ${f#$here/} at COLUMNS=$columns: $report"; else pass=$((pass+1)); fi
  done
  COLUMNS=$columns "$bin" presets >"$tmp/out" 2>&1
  if python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > int(sys.argv[1]) for l in open(sys.argv[2], encoding="utf-8")))' \
    "$columns" "$tmp/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL supportplan presets at COLUMNS=$columns"; fi
done
# Hostile input: each must end in a clear error (exit 2) or a correct answer (exit 0), never a crash or a hang.
python3 - "$tmp" <<'PY'
import random, sys
d = sys.argv[1]
cases = {
    "parens": "x = " + "(" * 100000 + "1" + ")" * 100000 + "\n",
    "braces": "x = " + "{a: " * 100000 + "1" + "}" * 100000 + "\n",
    "calls": "x = " + "abs(" * 100000 + "1" + ")" * 100000 + "\n",
    "powers": "x = " + "2^" * 100000 + "1\n",
    "fields": "r = {a: 1}\nx = r" + ".a" * 100000 + "\n",
    "sum4mb": "x = " + "+".join(["1"] * 2000000) + "\nassert x == 2000000\n",
    "minus": "x = " + "-" * 200000 + "1\nassert x == 1\n",
    "nots": "x = " + "not " * 100001 + "true\nassert x == false\n",
    "line10mb": 'x = "' + "a" * 10000000 + '"\n',
    "recursion": "g(x) = x\nf(x) = g(x) + 1\ng(x) = f(x) * 2\n",
    "fnchain": "f0(x) = x + 1\n" + "".join(f"f{i}(x) = f{i-1}(x) + 1\n" for i in range(1, 1000)) + "y = f999(1)\n",
}
for name, text in cases.items():
    open(f"{d}/hostile_{name}.plan", "w").write(text)
open(f"{d}/hostile_utf8.plan", "wb").write(b"x = 1\ny = \xff\xfe + 2\n")
random.seed(7)
for i in range(5):
    open(f"{d}/hostile_random{i}.plan", "wb").write(bytes(random.randrange(256) for _ in range(20000)))
PY
# Inputs the fuzzer found (Tests/Fuzz/Crashers): each once crashed, hung or overflowed; now each must end cleanly.
for f in "$here"/Fuzz/Crashers/*.plan; do cp "$f" "$tmp/hostile_fuzz_$(basename "$f")"; done
for f in "$tmp"/hostile_*.plan; do
  timeout 60 "$bin" run --empty "$f" >/dev/null 2>"$tmp/err"; got=$?
  if [ "$got" = 0 ] || [ "$got" = 1 ] || [ "$got" = 2 ]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL hostile input $(basename "$f"): exit $got"; tail -3 "$tmp/err" | sed 's/^/    /'; fi
done
# `watch` of 100,000 names was quadratic (11 s, issue 13); linear, it takes about a second even in a busy CI.
python3 -c 'n = 100000; print("".join(f"c{i} = {i}\n" for i in range(n)) + "watch " + ", ".join(f"c{i}" for i in range(n)) + "\nc5 = 6")' >"$tmp/watch.plan"
timeout 10 "$bin" run --empty "$tmp/watch.plan" >/dev/null 2>"$tmp/err"; got=$?
if [ "$got" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL watch of 100,000 names: exit $got (124: over 10 s)"; fi
# The fuzzer runs each input on the standard model (Tests/Fuzz/Target): replay its reproducers there too.
for f in "$here"/Fuzz/Crashers/*.plan; do
  timeout 60 "$bin" run "$f" >/dev/null 2>"$tmp/err"; got=$?
  if [ "$got" = 0 ] || [ "$got" = 1 ] || [ "$got" = 2 ]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL fuzz reproducer $(basename "$f") on the standard model: exit $got"
    tail -3 "$tmp/err" | sed 's/^/    /'; fi
done
echo "scripts: $pass passed, $fail failed"
[ "$fail" = 0 ]
