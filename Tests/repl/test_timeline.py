#!/usr/bin/env python3
"""Sessions with a timeline (SPEC §9, issue 9 item 1), driven through the real binary as a planner would:
--resume after kill -9 restores every series, :undo of `timeline …` and of `timeline off`, :save then `use`
of the saved file reproduces every series, and --json gives a series as months and values.

Usage: test_timeline.py PATH/TO/supportplan
Each check runs in a fresh XDG_STATE_HOME; prints 'timeline sessions: N passed, M failed'.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

import pexpect

BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(__doc__)
PROMPT = r"[A-Za-z][\w-]*> "
from harness import check, finish, results  # noqa: E402  (next to this script)


def environment(state):
    return dict(os.environ, XDG_STATE_HOME=state, NO_COLOR="1", TERM="xterm")


def spawn(args=(), state=None):
    state = state or tempfile.mkdtemp()
    child = pexpect.spawn(BIN, list(args), env=environment(state), encoding="utf-8", timeout=30,
                          dimensions=(40, 160))
    return child, state


def run_json(args, script="", state=None):
    """The model after `supportplan run --json ARGS`, with SCRIPT on standard input when ARGS end in `-`."""
    done = subprocess.run([BIN, "run", "--json", *args], input=script, capture_output=True, text=True,
                          env=environment(state or tempfile.mkdtemp()), cwd="/", timeout=60)
    assert done.returncode == 0, (args, done.returncode, done.stderr[-500:])
    return json.loads(done.stdout)["cells"]


def send(child, line):
    """Types a line and returns what it printed before the next prompt."""
    child.sendline(line)
    child.expect(PROMPT)
    return child.before


def value(child, expression):
    """The printed value of an expression (one line)."""
    out = send(child, "print " + expression)
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    return lines[-1]


def is_series(cell):
    return isinstance(cell["value"], dict) and "months" in cell["value"]


def same_cells(expected, actual, what):
    """Every cell of EXPECTED has the same value in ACTUAL (series month by month, exactly)."""
    series = 0
    for name, cell in expected.items():
        assert name in actual, f"{what}: `{name}` is missing"
        assert actual[name]["value"] == cell["value"], (what, name, cell["value"], actual[name]["value"])
        series += is_series(cell)
    return series




TYPED = [
    "timeline 2025-01 to 2026-12",
    "ai_coverage.routine = ramp(0%, 90%, 2025-03, 6 months)",
    "hiring_lead_time = 3 months",
    "bonus = cumulative(monthly_net) * 10%",
]


@check("--resume after kill -9 restores every series of a timeline session, value for value")
def _():
    child, state = spawn()
    child.expect(PROMPT)
    for line in TYPED:
        send(child, line)
    os.kill(child.pid, signal.SIGKILL)
    child.close()
    done = subprocess.run([BIN, "run", "--resume", "--json", "-"], input="", capture_output=True, text=True,
                          env=environment(state), cwd="/", timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    resumed = json.loads(done.stdout)["cells"]
    expected = run_json(["-"], "\n".join(TYPED) + "\n")
    series = same_cells(expected, resumed, "resumed")
    assert series > 20 and is_series(resumed["bonus"]) and is_series(resumed["agents"]), series
    assert len(resumed["agents"]["value"]["months"]) == 24
    # and the REPL resumed from the same journal shows the same month
    child, _ = spawn(["--resume"], state=state)
    child.expect(PROMPT)
    shown = value(child, "at(bonus, 2026-12)")
    fresh = subprocess.run([BIN, "run", "-"], input="\n".join(TYPED) + "\nprint at(bonus, 2026-12)\n",
                           capture_output=True, text=True, env=environment(tempfile.mkdtemp()), timeout=60)
    assert shown == fresh.stdout.strip().splitlines()[-1], (shown, fresh.stdout[-200:])
    child.sendeof()


@check(":undo of `timeline …` restores the previous timeline (or none) and every series with it; :redo too")
def _():
    child, _ = spawn()
    child.expect(PROMPT)
    send(child, "timeline 2025-01 to 2026-12")
    two_years = value(child, "total(monthly_net)")
    agents_end = value(child, "at(agents, 2026-12)")
    send(child, "timeline 2025-01 to 2027-12")
    three_years = value(child, "total(monthly_net)")
    assert three_years != two_years, (two_years, three_years)
    assert "undone: timeline 2025-01 to 2027-12" in send(child, ":undo")
    assert value(child, "total(monthly_net)") == two_years
    assert value(child, "at(agents, 2026-12)") == agents_end
    assert "undone: timeline 2025-01 to 2026-12" in send(child, ":undo")
    # no timeline: the timeline part it loaded is gone too, and series functions say a timeline is needed
    out = send(child, "print total(monthly_net)")
    assert "error:" in out and ("unknown name `monthly_net`" in out or "timeline" in out), out[-300:]
    out = send(child, "print at(net_value, 2025-06)")
    assert "needs a timeline" in out, out[-300:]
    send(child, ":redo")
    assert value(child, "total(monthly_net)") == two_years
    assert value(child, "at(agents, 2026-12)") == agents_end
    child.sendeof()


@check(":undo of `timeline off` brings the axis back, and undo before it brings back the series")
def _():
    child, _ = spawn(["--empty"])
    child.expect(PROMPT)
    send(child, "timeline 2025-01 to 2025-12")
    send(child, "x = ramp(0, 12, 2025-01, 12 months)")
    # x is 0, 1, …, 11: the total is 66
    assert value(child, "total(x)") == "66"
    send(child, "x = 5")
    send(child, "timeline off")
    assert value(child, "x") == "5"
    assert "needs a timeline" in send(child, "print at(x, 2025-06)")
    assert "undone: timeline off" in send(child, ":undo")
    assert value(child, "at(x, 2025-06)") == "5"
    assert value(child, "total(x)") == "60"
    send(child, ":undo")
    assert value(child, "total(x)") == "66"
    assert value(child, "at(x, 2025-07)") == "6"
    child.sendeof()


@check("`timeline off` takes out the standard timeline part it loaded; refused while a cell of yours uses it")
def _():
    child, _ = spawn()
    child.expect(PROMPT)
    out = send(child, "timeline 2025-01 to 2026-12")
    assert "24 months from 2025-01: loaded the standard timeline part" in out, out[-300:]
    assert all(len(line) <= 80 for line in out.replace("\r", "").split("\n")), out
    before = value(child, "at(agents, 2026-12)")
    send(child, "x = total(monthly_net)")
    out = send(child, "timeline off")
    assert "error: `x` uses `monthly_net`, which the timeline part defines" in out, out[-300:]
    assert value(child, "at(agents, 2026-12)") == before
    send(child, "delete x")
    out = send(child, "timeline off")
    assert "took out the standard timeline part" in out, out[-300:]
    assert "unknown" in send(child, "print monthly_net")
    assert value(child, "1 + 1") == "2"
    assert "undone: timeline off" in send(child, ":undo")
    assert value(child, "at(agents, 2026-12)") == before
    child.sendeof()


@check(":save then `use` of the saved file reproduces every series (klarna-timeline, after a change)")
def _():
    child, state = spawn(["klarna-timeline"])
    child.expect(PROMPT)
    send(child, "churn_lag = 6 months")
    saved = os.path.join(tempfile.mkdtemp(), "klarna-saved.plan")
    out = send(child, f":save {saved}")
    assert os.path.exists(saved), out[-300:]
    child.sendeof()
    child.expect(pexpect.EOF)
    session = run_json(["--resume", "-"], state=state)
    reloaded = run_json(["--empty", "-"], f'use "{saved}"\n')
    series = same_cells(session, reloaded, "saved and used")
    assert series >= 80, series  # every cell that depends on the timeline (80 of 136)
    assert reloaded["churn_lag"]["value"] == session["churn_lag"]["value"]
    months = reloaded["agents"]["value"]["months"]
    assert months[0] == "2024-01" and months[-1] == "2026-12" and len(months) == 36, months


@check("--json with a timeline: a series is months and values, a record of series per field, aggregates plain")
def _():
    cells = run_json(["--empty", "-"], 'use "klarna-timeline"\n')
    agents = cells["agents"]["value"]
    assert agents["months"] == [f"{y}-{m:02d}" for y in (2024, 2025, 2026) for m in range(1, 13)], agents
    assert len(agents["values"]) == 36 and all(isinstance(v, (int, float)) for v in agents["values"])
    share = cells["headcount_share_early_2026"]["value"]
    assert isinstance(share, (int, float)) and 30 <= share <= 40 and cells["headcount_share_early_2026"]["unit"] == "%", (
        cells["headcount_share_early_2026"])
    # the value --json gives is the one `print` shows
    printed = subprocess.run([BIN, "run", "--empty", "-"], input='use "klarna-timeline"\nprint at(agents, 2026-01)\n',
                             capture_output=True, text=True, env=environment(tempfile.mkdtemp()), timeout=60)
    assert abs(agents["values"][24] - float(printed.stdout.strip().splitlines()[-1].replace(",", ""))) < 0.1, (
        agents["values"][24], printed.stdout[-100:])
    coverage = cells["ai_coverage"]["value"]
    assert json.dumps(coverage).count("2024-01") >= 1, json.dumps(coverage)[:300]
    assert cells["payback_month"]["value"] == "2024-02", cells["payback_month"]


@check("starting on klarna-timeline shows its banner, then each alert the story implies once")
def _():
    child, _ = spawn(["klarna-timeline"])
    child.expect(r"klarna-timeline> ")
    shown = child.before
    assert shown.index("klarna-timeline: Klarna 2024-2026") < shown.index("⚠"), shown[:300]
    # klarna-timeline uses klarna-2024: the nested load's alerts are reported once, by the outer load
    assert shown.count("blended CSAT hides a drop on complex") == 1, shown
    assert shown.count("headcount falls short of the workload") == 1, shown
    assert shown.count("⚠") == 2, shown
    child.sendeof()


finish("timeline sessions")
