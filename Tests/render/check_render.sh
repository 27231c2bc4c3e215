#!/usr/bin/env bash
# Checks the pictures as a person would: renders every chart kind and the board report in headless Chromium
# and checks each screenshot (expected size, not blank) and the text a reader needs (through the DOM, and
# through pdftotext on the printed report).
#
#   Tests/render/check_render.sh PATH/TO/supportplan [OUT_DIR]
#
# Installs Debian's `chromium` and `poppler-utils` with apt-get when they are missing; where they cannot be
# installed (no apt-get, not root, no package), it says so and skips. The PNGs, SVGs, the HTML and the PDF
# are left in OUT_DIR (default: a temporary folder, removed at the end) for a person to look at.
set -u
bin="$(cd "$(dirname "${1:?usage: check_render.sh PATH/TO/supportplan [OUT_DIR]}")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ -n "${2:-}" ]; then out="$(mkdir -p "$2" && cd "$2" && pwd)"; else out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi

if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "render: installing chromium and poppler-utils"
    (apt-get update -qq || true) >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null 2>&1 || true
  fi
fi
if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "render: SKIPPED: chromium and pdftotext are not installed and could not be installed here" \
    "(apt-get: $(command -v apt-get || echo none), uid $(id -u)); install the Debian packages chromium and poppler-utils"
  exit 0
fi

pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL $*"; }
profile="$out/.chromium"
browse() { timeout 90 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$profile" "$@" 2>/dev/null; }

# 1. The charts the commands draw, exported by the binary, and the report.
cp "$here/uncertain.plan" "$out/"
export HOME="$out" XDG_STATE_HOME="$out/state" NO_COLOR=1
if (cd "$out" && "$bin" run uncertain.plan >"$out/uncertain.out" 2>&1); then ok; else
  bad "the render model did not run:"; tail -5 "$out/uncertain.out"; fi
(cd "$out" && "$bin" report klarna-2024 klarna-2025 -o compare.html >/dev/null 2>&1) && ok || bad "supportplan report -o compare.html"
cp "$here/timeline.plan" "$out/"
(cd "$out" && "$bin" report timeline.plan -o timeline_report.html >/dev/null 2>&1) && ok || bad "supportplan report timeline.plan"
# 2. Every chart kind (a monthly axis and a fan too: `:timeline` and `:simulate` of a series draw them in 1), written by the chart tests.
if (cd "$repo" && CHART_SAMPLES="$out" swift test --skip-build --disable-xctest --filter ChartSamples >"$out/samples.log" 2>&1)
then ok; else bad "the chart samples were not written:"; tail -5 "$out/samples.log"; fi

# Expected text in each drawing (besides its title): axis titles, labels, legends.
declare -A expect=(
  [sweep]="fte_cost (\$/year)|savings|risk|net_value|fte_replaced"
  [sweep_tiers]="csat_tier.complex|csat_tier.routine|ai_resolution.complex"
  [heatmap]="ai_coverage.complex|lowest|highest|outlined"
  [tornado]="input at its low end|input at its high end|now \$|clv|churn_per_bad_contact"
  [histogram]="share of samples|median|p95|net_value (\$/year)|risk"
  [sample_line]="2024-01|2025-07|agents|monthly_net"
  [sample_fan]="median|p95|p5|cumulative_net"
  [sample_bars]="klarna-2024|klarna-2025"
  [timeline]="2024-01|2025-07|agents|monthly_net (\$/month)|cumulative_net (\$)"
  [fan]="median|p95|p5|cumulative_net (\$)|2026-01"
)
for svg in "$out"/*.svg; do
  name="$(basename "$svg" .svg)"
  w=$(grep -o 'width="[0-9.]*"' "$svg" | head -1 | tr -dc '0-9.'); h=$(grep -o 'height="[0-9.]*"' "$svg" | head -1 | tr -dc '0-9.')
  w=${w%.*}; h=${h%.*}
  rm -f "$out/$name.png"
  browse --screenshot="$out/$name.png" --window-size="$w,$h" "file://$svg" >/dev/null
  if [ -f "$out/$name.png" ] && python3 "$here/png_check.py" "$out/$name.png" "$w" "$h" >"$out/$name.png.txt"; then ok; else
    bad "$name.svg: screenshot"; cat "$out/$name.png.txt" 2>/dev/null; fi
  browse --dump-dom "file://$svg" >"$out/$name.dom"
  if grep -q "parsererror\|This page contains the following errors" "$out/$name.dom" || ! grep -q "<svg" "$out/$name.dom"; then
    bad "$name.svg: the browser could not parse it"; head -5 "$out/$name.dom"
  else ok; fi
  IFS='|' read -ra words <<<"${expect[$name]:-}"
  title=$(sed -n 's:.*<title[^>]*>\(.*\)</title>.*:\1:p' "$svg" | head -1)
  for word in "$title" "${words[@]}"; do
    [ -z "$word" ] && continue
    if grep -qF -- "$word" "$out/$name.dom"; then ok; else bad "$name.svg: \"$word\" is not in the rendered DOM"; fi
  done
done
for name in sweep sweep_tiers heatmap tornado histogram timeline fan sample_line sample_fan sample_bars; do
  [ -f "$out/$name.svg" ] && ok || bad "$name.svg was not written"
done

# 3. The reports: self-contained (no script, no network), rendered, printed, and read back.
for report in report compare; do
  html="$out/$report.html"
  [ -f "$html" ] || { bad "$report.html was not written"; continue; }
  if grep -qi "<script\|<link\|@import\|src=\"http\|url(http" "$html"; then bad "$report.html loads something or runs a script"; else ok; fi
  rm -f "$out/$report.png" "$out/$report.pdf"
  browse --screenshot="$out/$report.png" --window-size=1100,1600 "file://$html" >/dev/null
  if [ -f "$out/$report.png" ] && python3 "$here/png_check.py" "$out/$report.png" 1100 1600 0.02 >"$out/$report.png.txt"; then ok; else
    bad "$report.html: screenshot"; cat "$out/$report.png.txt" 2>/dev/null; fi
  browse --print-to-pdf="$out/$report.pdf" --no-pdf-header-footer "file://$html" >/dev/null
  if pdftotext -layout "$out/$report.pdf" "$out/$report.txt" 2>/dev/null; then ok; else bad "$report.html: printing to PDF"; continue; fi
  pages=$(pdfinfo "$out/$report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  echo "render: $report.pdf has ${pages:-?} pages"
  for word in "Headline" "Net value" "Savings" "Retention risk" "FTE replaced" "Blended CSAT" "all tiers (blend)" \
    "(blend)" "csat_tier" "Alerts" "What moves" "input at its low end" "Inputs and their sources" "fte_cost" \
    "Fully loaded cost"; do
    if grep -qF -- "$word" "$out/$report.txt"; then ok; else bad "$report.pdf: \"$word\" is not in the printed text"; fi
  done
done
# 4. The report of a plan over time: its month-by-month part, printed and read back.
html="$out/timeline_report.html"
browse --print-to-pdf="$out/timeline_report.pdf" --no-pdf-header-footer "file://$html" >/dev/null
if pdftotext -layout "$out/timeline_report.pdf" "$out/timeline_report.txt" 2>/dev/null; then ok; else bad "timeline_report.html: printing to PDF"; fi
for word in "The plan month by month" "Payback month" "Net present value" "Agents on the payroll" "By year" \
  "whole timeline" "agents at year end" "Cumulative net by month" "Monthly net, retention cost" "2025-01"; do
  if grep -qF -- "$word" "$out/timeline_report.txt" 2>/dev/null; then ok; else bad "timeline_report.pdf: \"$word\" is not in the printed text"; fi
done
browse --screenshot="$out/timeline_report.png" --window-size=1100,1600 "file://$html" >/dev/null
if [ -f "$out/timeline_report.png" ] && python3 "$here/png_check.py" "$out/timeline_report.png" 1100 1600 0.02 >"$out/timeline_report.png.txt"; then ok; else
  bad "timeline_report.html: screenshot"; cat "$out/timeline_report.png.txt" 2>/dev/null; fi
grep -qF "Scenarios compared" "$out/compare.txt" && grep -qF "klarna-2025" "$out/compare.txt" && ok \
  || bad "compare.pdf: no scenario comparison of klarna-2024 and klarna-2025"
grep -qF "Scenarios compared" "$out/report.txt" && ok || bad "report.pdf: no scenario comparison (a scenario was saved)"
grep -qiF "Alerts in klarna-2024: blended CSAT hides a drop on complex" "$out/compare.txt" && ok || bad "compare.pdf: the alert is not in words"

echo "render: $pass passed, $fail failed"
[ "$fail" = 0 ]
