#!/usr/bin/env bash
# `make install PREFIX=…` as a user would meet it (issue #12 part 5): install a built binary into a
# temporary prefix, then in a new shell whose PATH has only that prefix and the system's, check that
#   - `supportplan presets` and `supportplan run` of a script that `use`s a preset find the installed
#     presets, with the source tree's Presets hidden (a private mount namespace binds an empty
#     directory over it: the binary's last preset root is the source tree it was built from);
#   - `man supportplan` finds and renders the page (man-db from PATH → ../share/man, and MANPATH),
#     without warnings, and the page names every option and subcommand the binary declares;
#   - bash completion, loaded the way bash-completion loads it, completes a preset name, a .plan file
#     and a subcommand; the zsh and fish scripts are installed and parse;
#   - `make uninstall` removes every installed file.
# usage: Tests/install/test_install.sh PATH/TO/supportplan
set -u
bin="$(cd "$(dirname "${1:?usage: test_install.sh PATH/TO/supportplan}")" && pwd)/$(basename "$1")"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -15 | sed 's/^/    /'; }

# Tools the checks need, installed the way `make deps` installs libedit-dev; a check whose tool cannot be
# installed says so and is skipped, it does not pass silently.
need() { # need COMMAND-OR-FILE PACKAGE
  if command -v "$1" >/dev/null 2>&1 || [ -e "$1" ]; then return 0; fi
  echo "installing $2"; (apt-get update -qq || true) >/dev/null 2>&1; apt-get install -y -qq "$2" >/dev/null 2>&1
  command -v "$1" >/dev/null 2>&1 || [ -e "$1" ]
}

if ! make -s -C "$repo" install PREFIX="$prefix" BIN="$bin" >"$tmp/install.log" 2>&1; then
  bad "make install" "$(cat "$tmp/install.log")"; echo "install: $pass passed, $fail failed"; exit 1
fi
share="$prefix/share"
for f in bin/supportplan share/supportplan/presets/standard.plan share/supportplan/presets/klarna-2024.plan \
  share/man/man1/supportplan.1 share/bash-completion/completions/supportplan share/zsh/site-functions/_supportplan \
  share/fish/vendor_completions.d/supportplan.fish; do
  if [ -s "$prefix/$f" ]; then ok; else bad "make install wrote no $f"; fi
done

# A new shell: nothing from this one but what is passed here, run from a directory outside the tree.
mkdir -p "$tmp/home" "$tmp/work"
cat >"$tmp/work/uses-preset.plan" <<'PLAN'
use "klarna-2024"
assert fte_replaced > 600
print "fte_replaced:", round(fte_replaced)
PLAN
hide=""
if [ "$(id -u)" = 0 ] && unshare --mount true 2>/dev/null; then
  mkdir -p "$tmp/empty"; hide=1
else
  echo "note: cannot make a private mount namespace here (not root or no unshare): the source tree's" \
    "Presets stay reachable; the checks below still require the installed root to be searched first"
fi
fresh() { # fresh SCRIPT [ARG…]: SCRIPT in a new bash, PATH=$prefix/bin and the system's, in $tmp/work
  local command=(env -i HOME="$tmp/home" PATH="$prefix/bin:/usr/local/bin:/usr/bin:/bin" TERM=dumb
    XDG_STATE_HOME="$tmp/home/state" LANG=C.UTF-8 REPO="$repo" PREFIX="$prefix"
    bash --norc --noprofile -c "$1" _ "${@:2}")
  if [ -n "$hide" ]; then
    (cd "$tmp/work" && unshare --mount bash -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' _ \
      "$tmp/empty" "$repo/Presets" "${command[@]}")
  else
    (cd "$tmp/work" && "${command[@]}")
  fi
}

out=$(fresh 'ls "$REPO/Presets" | wc -l; command -v supportplan; supportplan presets' 2>&1)
if [ -n "$hide" ] && [ "$(printf '%s\n' "$out" | head -1)" != 0 ]; then
  bad "the source tree's Presets were not hidden" "$out"
fi
if printf '%s\n' "$out" | sed -n 2p | grep -qx "$prefix/bin/supportplan"; then ok; else bad "supportplan is not the installed one" "$out"; fi
if printf '%s\n' "$out" | grep -q '^  klarna-2024 ' && printf '%s\n' "$out" | grep -q '^  standard '; then ok; else
  bad "supportplan presets lists no installed presets" "$out"; fi
if printf '%s\n' "$out" | awk 'length > 80 { exit 1 }'; then ok; else bad "supportplan presets is wider than 80 columns" "$out"; fi

out=$(fresh 'supportplan run uses-preset.plan; echo "exit $?"' 2>&1)
if printf '%s\n' "$out" | grep -q '^fte_replaced: ' && printf '%s\n' "$out" | grep -qx 'exit 0'; then ok; else
  bad "supportplan run of a script that uses a preset" "$out"; fi
# A missing preset names the installed root first among the roots searched.
out=$(fresh 'echo "use \"no-such-preset\"" | supportplan run --empty -; echo "exit $?"' 2>&1)
if printf '%s\n' "$out" | grep -q "searched $prefix/share/supportplan/presets, " && printf '%s\n' "$out" | grep -qx 'exit 2'; then
  ok; else bad "a missing preset does not name the installed root first" "$out"; fi
# The shebang line of SPEC §1, through the installed binary on PATH.
printf '#!/usr/bin/env -S supportplan run --empty\nx = 6 * 7\nassert x == 42\nprint x\n' >"$tmp/work/script.plan"
chmod +x "$tmp/work/script.plan"
out=$(fresh './script.plan; echo "exit $?"' 2>&1)
if [ "$out" = $'42\nexit 0' ]; then ok; else bad "a #!/usr/bin/env -S supportplan run script" "$out"; fi

# man: the page found from PATH (man-db maps <prefix>/bin to <prefix>/share/man) and through MANPATH.
if need man man-db; then
  out=$(fresh 'MANWIDTH=80 man supportplan 2>&1 | col -b' 2>&1)
  if printf '%s\n' "$out" | grep -q 'supportplan — plan the economics' && printf '%s\n' "$out" | grep -q 'EXIT STATUS'; then ok; else
    bad "man supportplan (PATH)" "$out"; fi
  out=$(fresh 'MANPATH="$PREFIX/share/man" MANWIDTH=80 man --warnings supportplan 2>&1 >/dev/null' 2>&1)
  if [ -z "$out" ]; then ok; else bad "man --warnings supportplan (MANPATH) warns" "$out"; fi
elif need groff groff-base; then
  echo "note: man-db could not be installed; checking the page with groff only"
  out=$(groff -mandoc -Tutf8 -ww -z "$share/man/man1/supportplan.1" 2>&1)
  if [ -z "$out" ]; then ok; else bad "groff warns on the man page" "$out"; fi
else
  bad "neither man-db nor groff can be installed: the man page is unchecked"
fi
# The page names every option and subcommand that the binary declares (argument-parser's own dump).
missing=$("$bin" --experimental-dump-help | python3 -c '
import json, sys
page = open(sys.argv[1]).read()
seen = set()
def walk(command):
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        for name in argument.get("names", []):
            if name["kind"] == "long":
                seen.add("Fl -" + name["name"])
    for sub in command.get("subcommands", []):
        if not sub.get("shouldDisplay", True):
            continue
        seen.add("Cm " + sub["commandName"])
        walk(sub)
walk(json.load(sys.stdin)["command"])
print(" ".join(sorted(s for s in seen if s not in page)))
' "$share/man/man1/supportplan.1")
if [ -z "$missing" ]; then ok; else bad "the man page does not mention: $missing"; fi

# bash: loaded as bash-completion loads a command's completion (from $XDG_DATA_DIRS),
# else sourced; then asked as readline asks, through COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT.
loader='source "$PREFIX/share/bash-completion/completions/supportplan"'
if need /usr/share/bash-completion/bash_completion bash-completion; then
  # bash-completion 2.11 looks in $XDG_DATA_DIRS/bash-completion/completions (and ~/.local/share): a
  # prefix other than /usr/local or ~/.local is added there, as the README says.
  loader='export XDG_DATA_DIRS="$PREFIX/share:/usr/local/share:/usr/share"
    source /usr/share/bash-completion/bash_completion; __load_completion supportplan'
else
  echo "note: bash-completion could not be installed; sourcing the script directly"
fi
touch "$tmp/work/quarterly.plan" "$tmp/work/notes.txt"
complete_words() { # complete_words WORD…: the candidates bash offers for the last word
  fresh "$loader"'
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    complete -p supportplan >/dev/null || { echo "no completion for supportplan"; exit 1; }
    _supportplan supportplan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort -u | tr "\n" " "' "$@" 2>&1
}
check_completion() { # check_completion EXPECTED UNWANTED WORD…
  local want="$1" unwanted="$2"; shift 2
  local got; got=$(complete_words "$@")
  if [[ " $got " == *" $want "* ]] && { [ -z "$unwanted" ] || [[ " $got " != *" $unwanted "* ]]; }; then ok; else
    bad "bash completion of '$*': wanted $want${unwanted:+ and not $unwanted}" "$got"; fi
}
check_completion klarna-2024 "" supportplan klar
check_completion klarna-2025 run supportplan --empty klarna-2024 klarna-
check_completion hybrid-midmarket "" supportplan run hy
check_completion quarterly.plan notes.txt supportplan run ""
check_completion run "" supportplan r
check_completion --seed "" supportplan run --se

# zsh and fish: the installed scripts at least parse (each shell runs them when installed here).
if command -v zsh >/dev/null; then
  if out=$(zsh -n "$share/zsh/site-functions/_supportplan" 2>&1); then ok; else bad "zsh -n _supportplan" "$out"; fi
else echo "note: zsh is not installed; its script is not parsed"; fi
if command -v fish >/dev/null; then
  if out=$(fish -n "$share/fish/vendor_completions.d/supportplan.fish" 2>&1); then ok; else bad "fish -n supportplan.fish" "$out"; fi
else echo "note: fish is not installed; its script is not parsed"; fi

# make uninstall leaves nothing behind.
make -s -C "$repo" uninstall PREFIX="$prefix" >/dev/null 2>&1
left=$(find "$prefix" -type f | sed "s|$prefix/||")
if [ -z "$left" ]; then ok; else bad "make uninstall left files" "$left"; fi

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
