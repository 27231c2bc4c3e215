#!/usr/bin/env python3
"""Crash and fault tests of the real REPL (issue #13 part 3): kill -9 at seeded random points, a damaged
journal, an unwritable state directory, a full disk, a small `ulimit -f`, two REPLs on one state directory.

Usage: test_faults.py PATH/TO/supportplan [KILL_RUNS]
Prints 'faults: N passed, M failed' (and the kill points tried).
"""
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pexpect

BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(__doc__)
KILL_RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
PROMPT = r"[A-Za-z][\w-]*\*?> "
from harness import check, finish, results  # noqa: E402  (next to this script)


def environment(state, **extra):
    return dict(os.environ, XDG_STATE_HOME=state, NO_COLOR="1", TERM="xterm", **extra)


def spawn(args=(), state=None, cwd=None, command=None, **extra):
    state = state or tempfile.mkdtemp()
    program, arguments = (command[0], command[1:]) if command else (BIN, list(args))
    child = pexpect.spawn(program, arguments, env=environment(state, **extra), encoding="utf-8", timeout=20,
                          dimensions=(40, 160), cwd=cwd)
    return child, state


def resumed_json(state, cwd="/"):
    """The resumed session's model, as `run --resume --json` gives it (from another directory)."""
    done = subprocess.run([BIN, "run", "--resume", "--json", "-"], input="", capture_output=True, text=True,
                          env=environment(state), cwd=cwd, timeout=60)
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    return json.loads(done.stdout), done.stderr


def journals(state):
    return sorted(glob.glob(os.path.join(state, "supportplan", "journals", "journal-*.journal")))


def leftovers(state):
    return [p for p in glob.glob(os.path.join(state, "**", "*"), recursive=True) if ".tmp" in os.path.basename(p)]




# A scripted session: definitions, a continued line, undo/redo, settings, scenarios, a used file, a
# preset, a line that fails (all or nothing), a comment that looks like an old journal marker.
WORK = tempfile.mkdtemp()
with open(os.path.join(WORK, "extra.plan"), "w") as f:
    f.write("## from a file\nextra_cell = fte_cost * 2\n")
SCRIPT = [
    "fte_cost = $70k per year",
    "bonus = savings * 2",
    "pair = (1 +\n2)",
    "clv = $999",
    ":undo",
    "mix.complex = 15%",
    ":set seed 7",
    "#load klarna-2024",
    "use \"extra.plan\"",
    "ok = 1; broken = nosuch",
    ":scenario save mine",
    "shrinkage = 40%",
    ":redo",
    "demand = 80k to 120k",
    "delete pair",
    ":load klarna-2024",
    "late = savings / 2",
]


def feed(child, lines, wait=True):
    for line in lines:
        for part in line.split("\n"):
            child.sendline(part)
        if wait:
            child.expect(PROMPT)


def references():
    """The live model after each statement of SCRIPT, exported from a clean session (not journalled)."""
    child, state = spawn(cwd=WORK)
    child.expect(PROMPT)
    refs = []
    for index in range(len(SCRIPT) + 1):
        path = os.path.join(WORK, f"ref{index}.json")
        child.sendline(f":export json {path}")
        child.expect(PROMPT)
        with open(path) as f:
            refs.append(json.load(f))
        if index < len(SCRIPT):
            feed(child, [SCRIPT[index]])
    child.sendeof()
    child.expect(pexpect.EOF)
    return refs


REFS = references()
KILL_POINTS = []


@check("kill -9 at seeded random points: --resume restores every acknowledged statement, identical values")
def _():
    rng = random.Random(13)
    for run in range(KILL_RUNS):
        acknowledged = rng.randrange(0, len(SCRIPT))
        delay = rng.choice([0, 0, 0.0005, 0.002, 0.01, 0.05])
        child, state = spawn(cwd=WORK)
        child.expect(PROMPT)
        feed(child, SCRIPT[:acknowledged])
        # Send the next statement and kill while it runs (or before it is read, or after it is journalled).
        feed(child, [SCRIPT[acknowledged]], wait=False)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.close()
        KILL_POINTS.append((acknowledged, delay))
        if not journals(state):
            # Nothing accepted yet (the first statements may not change anything journalled).
            assert all(REFS[i] == REFS[0] for i in range(acknowledged + 1)), acknowledged
            continue
        model, _ = resumed_json(state)
        assert model in (REFS[acknowledged], REFS[acknowledged + 1]), \
            f"run {run}: killed after {acknowledged} acknowledged (+{delay}s): resumed model matches neither"


@check("temporary files left by a session killed while saving are removed by the next session")
def _():
    state = tempfile.mkdtemp()
    child, _ = spawn(state=state)
    child.expect(PROMPT)
    feed(child, ["x = 1"])
    child.sendeof()
    child.expect(pexpect.EOF)
    folder = os.path.join(state, "supportplan")
    stale = [os.path.join(folder, "history.4194304.tmp"), os.path.join(folder, "journals", ".journal-1-2.journal.0.tmp")]
    for path in stale:
        open(path, "w").write("partial")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    child, _ = spawn(state=state)
    child.expect(PROMPT)
    feed(child, ["y = 2"])
    child.sendeof()
    child.expect(pexpect.EOF)
    assert not leftovers(state), leftovers(state)


@check("a journal cut mid-line or holding random bytes resumes what it can and says what it skipped")
def _():
    child, state = spawn()
    child.expect(PROMPT)
    feed(child, ["a1 = 1", "a2 = a1 + 1", "a3 = a2 + 1", "a4 = 4"])
    child.sendeof()
    child.expect(pexpect.EOF)
    path = journals(state)[-1]
    text = open(path, "rb").read()
    lines = text.split(b"\n")
    # Damage the a3 record (random bytes in it) and cut the last record mid-line.
    lines[-3] = lines[-3][:12] + bytes([0xFF, 0x00, 0x1B]) + lines[-3][15:]
    damaged = b"\n".join(lines[:-2]) + b"\n" + lines[-2][:10]
    open(path, "wb").write(damaged)
    model, stderr = resumed_json(state)
    assert model["cells"]["a2"]["value"] == 2, model["cells"].get("a2")
    assert "a3" not in model["cells"] and "a4" not in model["cells"]
    assert "skipped line" in stderr and "cut off" in stderr, stderr
    child, _ = spawn(["--resume"], state=state)
    child.expect("skipped line")
    child.expect(PROMPT)
    child.sendline("a2")
    child.expect("= 2")
    child.sendeof()


@check("an unwritable state directory: one warning, the session goes on")
def _():
    parent = tempfile.mkdtemp()
    blocker = os.path.join(parent, "file")
    open(blocker, "w").write("in the way\n")
    child, _ = spawn(state=os.path.join(blocker, "state"))
    child.expect(PROMPT)
    child.sendline("x = 1")
    child.expect("warning: the journal is not written: cannot")
    child.expect(PROMPT)
    child.sendline("y = x + 1")
    child.expect(PROMPT)
    assert "warning" not in child.before, child.before
    child.sendline("y")
    child.expect("= 2")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)


@check("a missing state directory is created (mode 0700)")
def _():
    state = os.path.join(tempfile.mkdtemp(), "deep", "er")
    child, _ = spawn(state=state)
    child.expect(PROMPT)
    feed(child, ["x = 1"])
    child.sendeof()
    child.expect(pexpect.EOF)
    assert len(journals(state)) == 1
    assert os.stat(os.path.join(state, "supportplan", "journals")).st_mode & 0o777 == 0o700


@check("a small ulimit -f: journal and :save fail with a warning or an error, no SIGXFSZ, no temporaries")
def _():
    state = tempfile.mkdtemp()
    work = tempfile.mkdtemp()
    open(os.path.join(work, "old.plan"), "w").write("# the old file\n")
    child, _ = spawn(state=state, cwd=work, command=["/bin/bash", "-c", f"ulimit -f 2; exec {BIN}"])
    child.expect(PROMPT)
    warned = 0
    for index in range(40):
        child.sendline(f"a_long_cell_name_to_fill_the_journal_{index} = {index} * 1000 + 1")
        child.expect(PROMPT)
        warned += child.before.count("warning:")
    assert warned == 1, warned
    child.sendline(":save old.plan")
    child.expect(r"cannot write \S*old.plan: File too large")
    child.expect(PROMPT)
    child.sendline("a_long_cell_name_to_fill_the_journal_39")
    child.expect("= 39")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and child.signalstatus is None, (child.exitstatus, child.signalstatus)
    assert open(os.path.join(work, "old.plan")).read() == "# the old file\n"
    assert not leftovers(state) and not leftovers(work), (leftovers(state), leftovers(work))


@check("a full disk: one warning, the history is not emptied, and the journal recovers when space returns")
def _():
    mount = tempfile.mkdtemp()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], capture_output=True).returncode:
        print("  (skipped: cannot mount a small tmpfs here)")
        return
    try:
        child, _ = spawn(state=mount)
        child.expect(PROMPT)
        feed(child, ["remember_me = 1"])
        child.sendeof()
        child.expect(pexpect.EOF)
        history = os.path.join(mount, "supportplan", "history")
        assert "remember_me" in open(history).read()
        filler = os.path.join(mount, "filler")
        try:
            with open(filler, "wb", buffering=0) as f:
                while True:
                    f.write(b"\0" * 1024)
        except OSError:
            pass
        child, _ = spawn(state=mount)
        child.expect(PROMPT)
        child.sendline("during_full = 2")
        child.expect("warning: the journal is not written: cannot")
        child.expect(PROMPT)
        child.sendline("also_full = 3")
        child.expect(PROMPT)
        assert "warning" not in child.before
        assert "remember_me" in open(history).read(), "the history was replaced while the disk was full"
        os.unlink(filler)
        child.sendline("after_space = 4")
        child.expect("written again")
        child.expect(PROMPT)
        os.kill(child.pid, signal.SIGKILL)
        child.close()
        model, _ = resumed_json(mount)
        for name in ("during_full", "also_full", "after_space"):
            assert name in model["cells"], name
        assert not leftovers(mount), leftovers(mount)
    finally:
        subprocess.run(["umount", mount])


@check(":save and :export to /dev/full or /dev/null fail clearly; the devices stay devices")
def _():
    child, _ = spawn()
    child.expect(PROMPT)
    for line in (":export json /dev/full", ":save /dev/null"):
        child.sendline(line)
        child.expect("character device, not a regular file")
        child.expect(PROMPT)
    for device in ("/dev/full", "/dev/null"):
        assert os.path.exists(device) and not os.path.isfile(device), device
    child.sendeof()
    done = subprocess.run([BIN, "run", "--empty", "-"], input="x = 1\n:export json /dev/full\n",
                          capture_output=True, text=True)
    assert done.returncode == 2 and "/dev/full" in done.stderr, (done.returncode, done.stderr)


@check("two REPLs on one state directory neither corrupt nor mix their journals")
def _():
    state = tempfile.mkdtemp()
    first, _ = spawn(state=state)
    second, _ = spawn(state=state)
    first.expect(PROMPT)
    second.expect(PROMPT)
    for index in range(5):
        feed(first, [f"first_{index} = {index}"])
        feed(second, [f"second_{index} = {index}"])
    os.kill(first.pid, signal.SIGKILL)
    os.kill(second.pid, signal.SIGKILL)
    first.close()
    second.close()
    paths = journals(state)
    assert len(paths) == 2, paths
    texts = [open(p).read() for p in paths]
    assert sum("first_" in t and "second_" not in t for t in texts) == 1, texts
    assert sum("second_" in t and "first_" not in t for t in texts) == 1, texts
    model, _ = resumed_json(state)
    assert "second_4" in model["cells"] and "first_0" not in model["cells"], sorted(model["cells"])[:5]


@check("a comment typed at the prompt (`#load klarna-2024`) is not a marker on --resume")
def _():
    child, state = spawn()
    child.expect(PROMPT)
    feed(child, ["#load klarna-2024", "#run /etc/passwd", "mine = 5"])
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    model, stderr = resumed_json(state)
    assert model == REFS[0] | {"cells": REFS[0]["cells"] | {"mine": model["cells"]["mine"]}}, stderr
    child, _ = spawn(["--resume"], state=state)
    child.expect(r"plan> ")
    child.sendeof()


@check("--resume from another directory restores files loaded by relative path")
def _():
    work = tempfile.mkdtemp()
    open(os.path.join(work, "m.plan"), "w").write("from_m = 42\n")
    child, state = spawn(cwd=work)
    child.expect(PROMPT)
    feed(child, [":load m.plan", "twice = from_m * 2"])
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    model, stderr = resumed_json(state, cwd="/")
    assert model["cells"]["twice"]["value"] == 84, stderr


@check("a resumed session started elsewhere journals its own directory for what it types")
def _():
    first, second = tempfile.mkdtemp(), tempfile.mkdtemp()
    open(os.path.join(first, "one.plan"), "w").write("from_one = 1\n")
    open(os.path.join(second, "two.plan"), "w").write("from_two = 2\n")
    child, state = spawn(cwd=first)
    child.expect(PROMPT)
    feed(child, [":load one.plan"])
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    child, _ = spawn(["--resume"], state=state, cwd=second)
    child.expect(PROMPT)
    feed(child, [":load two.plan"])
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    model, stderr = resumed_json(state, cwd="/")
    assert "from_one" in model["cells"] and "from_two" in model["cells"], stderr


@check("`a = 1; b = nosuch` applies nothing, live and resumed")
def _():
    child, state = spawn()
    child.expect(PROMPT)
    child.sendline("a = 1; b = nosuch")
    child.expect("the line was not applied")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect("unknown name")
    child.expect(PROMPT)
    feed(child, ["c = 3"])
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    model, _ = resumed_json(state)
    assert "a" not in model["cells"] and "c" in model["cells"]


@check("control characters from a string reach the terminal as visible escapes")
def _():
    child, _ = spawn()
    child.expect(PROMPT)
    child.sendline('print "A\\u{1B}]0;pwned\\u{7}B"')
    child.expect(PROMPT)
    assert "\x1b]0;pwned" not in child.before and "\x07" not in child.before, repr(child.before)
    assert "A\\u{1B}]0;pwned\\u{7}B" in child.before, repr(child.before)
    child.sendeof()


@check("limits on the real binary: each over-limit input is a clear error naming the limit, not an OOM kill")
def _():
    work = tempfile.mkdtemp()
    cases = {
        "definitions": ("".join(f"c{i} = {i}\n" for i in range(1_000_001)), "the limit is 1,000,000"),
        "line": ('x = "' + "a" * 10_000_000 + '"\n', "the limit is 1,048,576 bytes"),
        "statement": ("x = (" + "1 +\n" * 500_000 + "1)\n", "statement longer than 1 MiB"),
        "samples": ("x = {a: 1 to 2, b: 1 to 2, c: 1 to 2, d: 1 to 2, e: 1 to 2}\n:simulate 100M x\n", "the limit is 8 GiB"),
        "nesting": ("x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n", "more than 200 levels"),
    }
    for name, (text, expected) in cases.items():
        path = os.path.join(work, name + ".plan")
        open(path, "w").write(text)
        done = subprocess.run(["/bin/bash", "-c", f"ulimit -v 4000000; exec {BIN} run --empty {path}"],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and expected in done.stderr, (name, done.returncode, done.stderr[:300])


print(f"kill points tried: {len(KILL_POINTS)} (acknowledged statements, delay): {sorted(set(KILL_POINTS))[:12]} …")
finish("faults")
