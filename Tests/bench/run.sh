#!/usr/bin/env bash
# Side-by-side benchmarks against the peer tools of ../shared/bench (see its README for the workloads).
# Usage: Tests/bench/run.sh PATH/TO/supportplan [PATH/TO/shared/bench]
# Installs hyperfine and bc when missing; prints medians and ratios. Not a test: numbers vary by machine.
set -u
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
bench="${2:-$(dirname "$0")/../../../shared/bench}"
py="$(python3 -c 'import sys; print(sys.executable)')"
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine bc >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo 'print 1 + 1' > "$tmp/one.plan"
for n in 10000 100000; do
  "$py" "$bench/gen_chain.py" $n plan > "$tmp/chain$n.plan"
  "$py" "$bench/gen_chain.py" $n python > "$tmp/chain$n.py"
  "$py" "$bench/gen_chain.py" $n bc > "$tmp/chain$n.bc"
done
echo "== start-up (one-line script)"
hyperfine -N --warmup 5 --runs 50 --export-markdown "$tmp/s.md" \
  "$bin run --empty $tmp/one.plan" "$bin run $tmp/one.plan" "bc -q $tmp/one.plan" 2>/dev/null | grep -E "Benchmark|Time"
echo "== 10,000-cell model: supportplan vs GNU bc"
hyperfine -N --warmup 2 --runs 15 "$bin run --empty $tmp/chain10000.plan" "bc -q $tmp/chain10000.bc" 2>/dev/null \
  | grep -E "Benchmark|Time|faster"
echo "== 100,000-cell model: supportplan vs CPython (time, peak memory)"
/usr/bin/time -f "supportplan %e s %M KB" "$bin" run --empty "$tmp/chain100000.plan" >/dev/null
/usr/bin/time -f "cpython     %e s %M KB" "$py" "$tmp/chain100000.py" >/dev/null
echo "== incremental recalculation in the 100,000-cell model"
(cat "$tmp/chain100000.plan"; echo ':set timing on'; echo 'x99990 = x99989 * 0.5 + 1'; echo 'x0 = 2') > "$tmp/incr.plan"
"$bin" run --empty "$tmp/incr.plan" | grep recomputed
echo "== Monte Carlo, 1,000,000 samples: supportplan vs numpy vs squigglepy"
runs=("$bin run --empty --seed 1 $bench/mc_model.plan" "$py $bench/mc_numpy.py 1000000 1")
"$py" -c 'import squigglepy' 2>/dev/null && runs+=("$py $bench/mc_squigglepy.py 1000000 1")
hyperfine -N --warmup 1 --runs 5 "${runs[@]}" 2>/dev/null | grep -E "Benchmark|Time|faster"
