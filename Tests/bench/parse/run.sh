#!/usr/bin/env bash
# The parser's benchmark: builds Tests/bench/parse/main.swift with the PlanCore sources of a tree (this one by
# default) as one optimised module, and times parsing the 100,000-cell chain of ../shared/bench.
# Usage: Tests/bench/parse/run.sh [TREE] [-- ARGS for main.swift]     (TREE: a checkout, e.g. of an older commit:
#   git archive COMMIT Sources/PlanCore | tar -x -C /tmp/old && Tests/bench/parse/run.sh /tmp/old)
# `run.sh TREE -- dump FILE…` prints every statement's tree instead: diff two trees' dumps to compare parsers.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
tree="$(cd "${1:-$here/../../..}" && pwd)"
shift $(( $# > 0 ? 1 : 0 ))
[ "${1:-}" = "--" ] && shift
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
swiftc -O -wmo -module-name PlanCore $(find "$tree/Sources/PlanCore" -name '*.swift') "$here/main.swift" \
  -o "$out/parse-bench" 2>/dev/null
if [ $# -gt 0 ]; then "$out/parse-bench" "$@"; exit; fi
python3 "$here/../../../../shared/bench/gen_chain.py" 100000 plan > "$out/chain100000.plan"
"$out/parse-bench" lex "$out/chain100000.plan"
"$out/parse-bench" bench "$out/chain100000.plan" 20
