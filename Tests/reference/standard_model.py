#!/usr/bin/env python3
"""Reference re-implementation of the supportplan standard model (SPEC §3) and its presets.

Usage:  python3 Tests/reference/standard_model.py [PRESET ...]   (no argument: every preset + summary)
        python3 Tests/reference/standard_model.py --check        (only the calibration checks; exit 1 on failure)

It mirrors Presets/*.plan line by line, so the values pinned by `assert` lines in the presets
can be computed here and the arithmetic of DOMAIN.md §7 can be checked without the Swift binary.

Units (the same base units as the interpreter: seconds and dollars):
  - a time is in seconds: MIN = 60, H = 3600, YEAR = 365.25 days, MONTH = YEAR / 12;
  - a rate (`250k per month`) is per second: 250e3 / MONTH;
  - money is in $, money per year is $/s: `$62k per year` = 62e3 / YEAR;
  - `paid_hours = 2080 h per year` is a plain number, 2080 * H / YEAR = 0.2372: the share of
    calendar time one FTE is paid for; `productive_hours` is the share it is productive, so
    workload (busy agents = contacts per second * seconds per contact) / productive_hours = FTE;
  - `cost_per_hour = fte_cost / productive_hours` is $/s of productive time ($/h for display).
Outputs are printed in the units the .plan files display (money per year, rates per month).

The staffing view (Erlang C and Erlang A, DOMAIN.md §6) is computed here independently of the
interpreter: Erlang C with the Erlang B recursion; Erlang A from the M/M/N+M birth-death chain, each
arrival's wait taken from its queue position (a small absorbing Markov chain, scipy's
expm_multiply), not from the incomplete-gamma closed form. `--check` also tests both against the
DOMAIN §6 vectors and ../shared/oracles/erlang.csv (when that file is there).
"""
import csv
import math
import os
import sys

import numpy as np
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import expm_multiply

MIN = 60.0
H = 3600.0
DAY = 86400.0
YEAR = 365.25 * DAY
MONTH = YEAR / 12
TIERS = ("routine", "standard", "complex")


# ---------------------------------------------------------------------------------------------
# Records: one value per tier, elementwise arithmetic (scalars broadcast), like the language.
class R(dict):
    def _op(self, other, f):
        if isinstance(other, dict):
            return R({t: f(self[t], other[t]) for t in TIERS})
        return R({t: f(self[t], other) for t in TIERS})

    def __add__(self, o): return self._op(o, lambda a, b: a + b)
    def __radd__(self, o): return self._op(o, lambda a, b: b + a)
    def __sub__(self, o): return self._op(o, lambda a, b: a - b)
    def __rsub__(self, o): return self._op(o, lambda a, b: b - a)
    def __mul__(self, o): return self._op(o, lambda a, b: a * b)
    def __rmul__(self, o): return self._op(o, lambda a, b: b * a)
    def __truediv__(self, o): return self._op(o, lambda a, b: a / b)
    def __rtruediv__(self, o): return self._op(o, lambda a, b: b / a)
    def __neg__(self): return R({t: -self[t] for t in TIERS})

    def map(self, f): return R({t: f(self[t]) for t in TIERS})


def rec(routine, standard, complex_):
    return R(routine=routine, standard=standard, complex=complex_)


def total(x):
    return sum(x[t] for t in TIERS) if isinstance(x, dict) else x


def as_rec(x):
    return x if isinstance(x, dict) else R({t: x for t in TIERS})


Z95 = 1.6448536269514722


def to(a, b):
    """The mean of the language's `a to b` (the 90% interval: lognormal when 0 < a < b, else normal)."""
    if a > 0:
        mu, sigma = (math.log(a) + math.log(b)) / 2, (math.log(b) - math.log(a)) / (2 * Z95)
        return math.exp(mu + sigma * sigma / 2)
    return (a + b) / 2


def logistic(x):
    if isinstance(x, dict):
        return x.map(logistic)
    return 1 / (1 + math.exp(-x))


def clamp(x, lo, hi):
    if isinstance(x, dict):
        return x.map(lambda v: clamp(v, lo, hi))
    return min(max(x, lo), hi)


# ---------------------------------------------------------------------------------------------
# Inputs per preset, mirroring the .plan files.
def standard_inputs():
    """Presets/standard.plan: neutral mid-size defaults."""
    return dict(
        customers=250e3,
        contacts=100e3 / MONTH,
        mix=rec(0.60, 0.30, 0.10),
        aht=rec(6 * MIN, 11 * MIN, 20 * MIN),
        concurrency=rec(2, 1.5, 1),
        fte_cost=62e3 / YEAR,
        paid_hours=2080 * H / YEAR,
        shrinkage=0.30,
        occupancy=0.80,
        ai_coverage=rec(0.90, 0.70, 0.30),
        ai_resolution=rec(0.75, 0.40, 0.10),
        ai_cost_per_contact=0.05,
        ai_cost_per_resolution=0.99,
        ai_platform_cost=20e3 / YEAR,
        handoff_time=2 * MIN,
        csat_human=rec(0.94, 0.90, 0.85),
        csat_ai=rec(0.94, 0.86, 0.70),
        csat_escalated=rec(0.88, 0.84, 0.78),
        churn_per_bad_contact=0.02,
        clv=300.0,
        repeat_after_ai=rec(0.05, 0.10, 0.15),
        # staffing view
        hours_open=60 * H / (7 * DAY),
        live_share=0.55,
        peak_factor=1.5,
        peak_share=0.40,
        sl_target=0.80,
        answer_time=60.0,
        patience=180.0,
    )


def klarna_2024_inputs():
    """Presets/klarna-2024.plan: DOMAIN.md §7.1, with the recalibration of docs/DOMAIN-additions.md §3."""
    p = standard_inputs()
    p.update(
        customers=93e6,
        contacts=3.45e6 / MONTH,
        mix=rec(0.70, 0.22, 0.08),
        aht=rec(to(4, 6) * MIN, to(10, 14) * MIN, to(18, 35) * MIN),
        concurrency=to(2.2, 2.8),
        fte_cost=to(40e3, 80e3) / YEAR,
        paid_hours=2080 * H / YEAR,
        shrinkage=0.30,
        occupancy=0.85,
        ai_coverage=rec(1.0, 1.0, 1.0),
        ai_resolution=rec(to(0.80, 0.88), to(0.25, 0.45), to(0.02, 0.10)),
        ai_cost_per_contact=to(0.03, 0.13),
        ai_cost_per_resolution=0.0,
        ai_build_cost=to(2e6, 3e6),
        ai_build_amortisation=to(2, 5) * YEAR,
        handoff_time=to(1, 3) * MIN,
        repeat_after_ai=rec(to(0.01, 0.06), to(0.02, 0.10), to(0.05, 0.20)),
        csat_human=rec(to(0.92, 0.96), to(0.87, 0.93), to(0.81, 0.89)),
        csat_ai=rec(to(0.91, 0.97), to(0.83, 0.91), to(0.55, 0.75)),
        csat_escalated=rec(to(0.88, 0.94), to(0.84, 0.90), to(0.70, 0.84)),
        churn_per_bad_contact=to(0.04, 0.20),
        clv=to(25, 85),
        outsourced_pool_before=3000,
        hours_open=1.0,          # 24 h per day
        live_share=1.0,          # chat only
    )
    p["ai_platform_cost"] = p["ai_build_cost"] / p["ai_build_amortisation"]
    return p


def klarna_2025_inputs():
    """Presets/klarna-2025.plan: DOMAIN.md §7.2, recalibrated (docs/DOMAIN-additions.md §4)."""
    p = standard_inputs()
    c24 = to(2.2, 2.8)
    cut = rec(0.0, to(0.05, 0.15), to(0.20, 0.40))
    human_first = rec(to(0.02, 0.08), to(0.05, 0.15), to(0.05, 0.30))
    p.update(
        customers=114e6,
        contacts=3.45e6 * 114 / 93 / MONTH,
        mix=rec(0.70, 0.22, 0.08),
        aht=rec(to(4, 6) * MIN, to(10, 14) * MIN, to(18, 35) * MIN),
        concurrency=c24 * (1 - cut),
        concurrency_2024=c24,
        fte_cost=to(42e3, 82e3) / YEAR,
        paid_hours=2080 * H / YEAR,
        shrinkage=0.30,
        occupancy=0.85,
        ai_coverage=1 - human_first,
        ai_resolution=rec(to(0.85, 0.93), to(0.25, 0.42), to(0.005, 0.04)),
        ai_cost_per_contact=to(0.005, 0.05),
        ai_cost_per_resolution=0.0,
        ai_platform_cost=0.0,
        handoff_time=to(1, 3) * MIN,
        repeat_after_ai=rec(to(0.01, 0.06), to(0.02, 0.10), to(0.05, 0.20)),
        csat_human=rec(to(0.92, 0.96), to(0.87, 0.93), to(0.81, 0.89)),
        csat_ai=rec(to(0.91, 0.97), to(0.83, 0.91), to(0.55, 0.75)),
        csat_escalated=rec(to(0.88, 0.94), to(0.84, 0.90), to(0.78, 0.86)),
        churn_per_bad_contact=to(0.04, 0.20),
        clv=to(25, 85),
        community_pool_share=to(0.01, 0.10),
        hours_open=1.0,          # 24 h per day
        live_share=1.0,          # chat only
    )
    return p


def midmarket_inputs():
    """Presets/hybrid-midmarket.plan: DOMAIN.md §7.3."""
    p = standard_inputs()
    channel_mix = dict(chat=0.40, email=0.45, phone=0.15)
    aht_chat = rec(9 * MIN, 15 * MIN, 25 * MIN)
    concurrency_chat = rec(2, 2, 1.5)
    aht_email = rec(7 * MIN, 14 * MIN, 28 * MIN)
    aht_phone = rec(6 * MIN, 10 * MIN, 18 * MIN)
    aht = channel_mix["chat"] * aht_chat + channel_mix["email"] * aht_email + channel_mix["phone"] * aht_phone
    agent_time = (channel_mix["chat"] * aht_chat / concurrency_chat + channel_mix["email"] * aht_email
                  + channel_mix["phone"] * aht_phone)
    ai_channel_share = channel_mix["chat"] + channel_mix["email"]
    arpa, gross_margin, revenue_churn = 1200 / YEAR, 0.80, 0.12 / YEAR
    p.update(
        customers=120e3,
        contacts_per_account=0.55 / MONTH,
        mix=rec(0.60, 0.30, 0.10),
        aht=aht,
        agent_time=agent_time,
        concurrency=aht / agent_time,
        fte_cost=65e3 / YEAR,
        shrinkage=0.32,
        occupancy=0.80,
        ai_coverage=ai_channel_share * rec(1.0, 1.0, 0.5),
        ai_resolution=rec(0.65, 0.25, 0.03) / rec(1.0, 1.0, 0.5),
        ai_cost_per_contact=0.0,
        ai_cost_per_resolution=0.99,
        ai_platform_cost=0.0,
        handoff_time=to(1, 3) * MIN,
        repeat_after_ai=rec(to(0.02, 0.10), to(0.04, 0.16), to(0.08, 0.25)),
        csat_human=rec(to(0.93, 0.97), to(0.89, 0.95), to(0.84, 0.92)),
        csat_ai=rec(to(0.91, 0.97), to(0.84, 0.92), to(0.60, 0.80)),
        csat_escalated=rec(to(0.87, 0.93), to(0.85, 0.91), to(0.75, 0.85)),
        churn_per_bad_contact=to(0.004, 0.025),
        clv=arpa * gross_margin / revenue_churn,
        # staffing view: chat + phone are live queues, email deferred
        channel_mix=channel_mix,
        aht_chat=aht_chat,
        concurrency_chat=concurrency_chat,
        aht_phone=aht_phone,
        ai_channel_share=ai_channel_share,
        hours_open=220 * H / MONTH,
        live_share=channel_mix["chat"] + channel_mix["phone"],
        answer_time=20.0,
        patience=120.0,
    )
    p["contacts"] = p["customers"] * p["contacts_per_account"]
    return p


# The handoff preset: one threshold drives AI coverage per tier (see Presets/handoff.plan).
HANDOFF = dict(
    handoff_threshold=0.50,
    complexity=rec(0.20, 0.50, 0.80),
    complexity_spread=0.10,
    ai_resolution_at_zero=0.95,
    ai_resolution_drop=1.10,
    csat_ai_at_zero=1.00,
    csat_ai_drop=0.45,
    escalation_penalty_at_zero=0.03,
    escalation_penalty_growth=0.20,
)


def ai_keeps(t, c, s):
    """Share of a tier (complexity scores ~ logistic(c, s) truncated to 0..1) below the threshold t."""
    lo = logistic(-c / s)
    return (logistic((t - c) / s) - lo) / (logistic((1 - c) / s) - lo)


def handoff_inputs(threshold=None):
    p = standard_inputs()
    h = dict(HANDOFF)
    if threshold is not None:
        h["handoff_threshold"] = threshold
    p.update(h)
    c, s = h["complexity"], h["complexity_spread"]
    p["ai_coverage"] = ai_keeps(h["handoff_threshold"], c, s)
    p["ai_resolution"] = clamp(h["ai_resolution_at_zero"] - h["ai_resolution_drop"] * c, 0.0, 1.0)
    p["csat_ai"] = clamp(h["csat_ai_at_zero"] - h["csat_ai_drop"] * c, 0.0, 1.0)
    p["csat_escalated"] = clamp(p["csat_human"] - h["escalation_penalty_at_zero"]
                                - h["escalation_penalty_growth"] * c, 0.0, 1.0)
    return p


PRESETS = {
    "standard": standard_inputs,
    "klarna-2024": klarna_2024_inputs,
    "klarna-2025": klarna_2025_inputs,
    "hybrid-midmarket": midmarket_inputs,
    "handoff": handoff_inputs,
}


# ---------------------------------------------------------------------------------------------
# The standard model, SPEC §3 core relations.
def model(p):
    o = dict(p)
    conc = as_rec(p["concurrency"])
    o["productive_hours"] = p["paid_hours"] * (1 - p["shrinkage"]) * p["occupancy"]
    o["cost_per_hour"] = p["fte_cost"] / o["productive_hours"]
    o["human_cost_per_contact"] = p["aht"] / conc * o["cost_per_hour"]
    tc = o["tier_contacts"] = p["contacts"] * p["mix"]
    att = o["ai_attempted"] = tc * p["ai_coverage"]
    res = o["ai_resolved"] = att * p["ai_resolution"]
    esc = o["escalated"] = att - res
    ho = o["human_only"] = tc - att
    rep = o["repeats"] = res * p["repeat_after_ai"]
    hm = o["human_minutes"] = (ho * p["aht"] + (esc + rep) * (p["aht"] + p["handoff_time"])) / conc
    o["baseline_fte"] = total(tc * p["aht"] / conc) / o["productive_hours"]
    o["hybrid_fte"] = total(hm) / o["productive_hours"]
    o["fte_replaced"] = o["baseline_fte"] - o["hybrid_fte"]
    o["baseline_cost"] = o["baseline_fte"] * p["fte_cost"]
    o["human_cost"] = o["hybrid_fte"] * p["fte_cost"]
    o["ai_spend"] = (total(att) * p["ai_cost_per_contact"] + total(res) * p["ai_cost_per_resolution"]
                     + p["ai_platform_cost"])
    o["hybrid_cost"] = o["human_cost"] + o["ai_spend"]
    o["savings"] = o["baseline_cost"] - o["hybrid_cost"]
    o["automation_rate"] = total(res) / p["contacts"]
    o["true_automation_rate"] = total(res - rep) / p["contacts"]
    o["csat_tier"] = p["csat_human"] + ((res - rep) * (p["csat_ai"] - p["csat_human"])
                                        + (esc + rep) * (p["csat_escalated"] - p["csat_human"])) / tc
    o["csat_change"] = o["csat_tier"] - p["csat_human"]
    o["csat_blended_baseline"] = total(tc * p["csat_human"]) / p["contacts"]
    o["csat_blended_hybrid"] = total(tc * o["csat_tier"]) / p["contacts"]
    o["extra_bad"] = tc * (p["csat_human"] - o["csat_tier"])
    o["churned_customers"] = total(o["extra_bad"]) * p["churn_per_bad_contact"]
    o["risk"] = o["churned_customers"] * p["clv"]
    o["net_value"] = o["savings"] - o["risk"]
    # helper cells of standard.plan
    o["cost_per_contact_baseline"] = o["baseline_cost"] / p["contacts"]
    o["cost_per_contact_hybrid"] = o["hybrid_cost"] / p["contacts"]
    o["extra_churn_rate"] = o["churned_customers"] * YEAR / p["customers"]
    # alerts (SPEC §3)
    alerts = []
    if abs(total(p["mix"]) - 1) > 1e-9:
        alerts.append("the mix does not sum to 100%")
    for t in TIERS:
        if (o["csat_blended_hybrid"] >= o["csat_blended_baseline"] - 0.02
                and o["csat_change"][t] <= -0.05):
            alerts.append(f"blended CSAT hides a drop on {t}")
    if (o["csat_blended_hybrid"] < o["csat_blended_baseline"] - 0.02
            and min(o["csat_change"].values()) <= -0.05):
        alerts.append("blended CSAT drops with a tier")
    if o["risk"] > 0 and o["risk"] > 0.25 * o["savings"]:
        alerts.append("retention risk exceeds 25% of savings")
    if o["net_value"] < 0:
        alerts.append("net value is negative")
    o["alerts"] = alerts
    return o


# ---------------------------------------------------------------------------------------------
# Staffing (DOMAIN.md §6): rates per second, times in seconds.
def erlang_b(n, a):
    """Erlang B by the recursion B(k) = A·B(k−1) / (k + A·B(k−1)) (DOMAIN §6.1)."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(n, a):
    """P(wait > 0), M/M/N (DOMAIN §6.2)."""
    if n <= a:
        return 1.0
    b = erlang_b(n, a)
    return n * b / (n - a * (1 - b))


def service_level(rate, aht, n, t):
    a = rate * aht
    if n <= a:
        return 0.0
    return 1 - erlang_c(n, a) * math.exp(-(n - a) * t / aht)


def asa(rate, aht, n):
    a = rate * aht
    return erlang_c(n, a) * aht / (n - a)


def agents_needed(rate, aht, target, t, max_occupancy=None):
    """The fewest agents N > A with service_level >= target (and A/N <= max_occupancy)."""
    a = rate * aht
    n = math.floor(a) + 1
    while service_level(rate, aht, n, t) < target or (max_occupancy is not None and a / n > max_occupancy):
        n += 1
    return n


def erlang_a(rate, aht, n, t, patience):
    """(P(abandon), P(served and wait <= t)) for M/M/N+M, from the birth-death chain (DOMAIN §6.3).

    An arrival that finds j < N in the system is served at once; one that finds N + k waits behind k
    others. Behind i others (i = k … 0) it moves up at rate N·μ + i·θ (a service completion or an
    abandonment ahead) and abandons itself at rate θ; at the head it is served at rate N·μ. The chance
    to be served by t is read off the transient chain with scipy's matrix exponential (expm_multiply)."""
    lam, mu, th = rate, 1 / aht, 1 / patience
    a = lam * aht
    logp = [0.0]
    for j in range(1, n + 1):
        logp.append(logp[-1] + math.log(a) - math.log(j))
    k = 0
    while True:
        k += 1
        logp.append(logp[-1] + math.log(lam) - math.log(n * mu + k * th))
        if k > 50 and logp[-1] < max(logp) - 60:
            break
    p = np.exp(np.array(logp) - max(logp))
    p /= p.sum()
    below, wait = p[:n].sum(), p[n:]
    m = len(wait)
    up = n * mu + th * np.arange(m)                      # rate of moving up with i ahead
    p_ab = float((wait * (1 - np.cumprod(up / (up + th)))).sum())
    # generator over the states i ahead (0..m-1), then served, then abandoned; the row vector `wait`
    # evolves as wait·exp(G t), i.e. exp(Gᵀ t)·wait
    rows = np.concatenate([np.arange(m), np.arange(1, m), [0], np.arange(m)])
    cols = np.concatenate([np.arange(m), np.arange(m - 1), [m], np.full(m, m + 1)])
    vals = np.concatenate([-(up + th), up[1:], [n * mu], np.full(m, th)])
    g = csc_matrix((vals, (rows, cols)), shape=(m + 2, m + 2))
    start = np.concatenate([wait, [0.0, 0.0]])
    served_by_t = float(expm_multiply(g.T * t, start)[m])
    return p_ab, float(below) + served_by_t


def agents_needed_a(rate, aht, target, t, patience):
    """The fewest agents (any N >= 1) whose Erlang A service level meets the target (bisection:
    the service level grows with N)."""
    def ok(n): return erlang_a(rate, aht, n, t, patience)[1] >= target
    if ok(1):
        return 1
    lo, hi = 1, max(2, math.ceil(rate * aht) + 1)
    while not ok(hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return hi


def per_tier(f, *args):
    """Apply f tier by tier; record arguments give their field, scalars broadcast."""
    return R({t: f(*(x[t] if isinstance(x, dict) else x for x in args)) for t in TIERS})


def staffing(o, live_cells=None):
    """The staffing view of Presets/standard.plan ("Staffing view" section)."""
    conc = as_rec(o["concurrency"])
    o["quiet_factor"] = (1 - o["peak_share"] * o["peak_factor"]) / (1 - o["peak_share"])
    o["live_contacts_baseline"] = o["tier_contacts"] * o["live_share"]
    o["live_agent_time_baseline"] = o["aht"] / conc
    o["human_contacts"] = o["human_only"] + o["escalated"] + o["repeats"]
    o["live_contacts"] = o["human_contacts"] * o["live_share"]
    o["live_agent_time"] = (o["aht"] + o["handoff_time"] * (o["escalated"] + o["repeats"])
                            / o["human_contacts"].map(lambda v: max(v, 1 / YEAR))) / conc
    if live_cells:
        live_cells(o)
    sl, t, occ, pat = o["sl_target"], o["answer_time"], o["occupancy"], o["patience"]
    pf, qf, ps = o["peak_factor"], o["quiet_factor"], o["peak_share"]
    for sfx, rate, at in (("_baseline", o["live_contacts_baseline"], o["live_agent_time_baseline"]),
                          ("", o["live_contacts"], o["live_agent_time"])):
        peak = (rate / o["hours_open"] * pf).map(lambda v: max(v, 1 / YEAR))   # a token rate for an empty queue
        o["peak_rate" + sfx] = peak
        o["agents_required" + sfx] = per_tier(lambda r, x: agents_needed(r, x, sl, t, occ), peak, at)
        o["agents_quiet" + sfx] = per_tier(lambda r, x: agents_needed(r / pf * qf, x, sl, t, occ), peak, at)
        o["agents_required_a" + sfx] = per_tier(lambda r, x: agents_needed_a(r, x, sl, t, pat), peak, at)
    peak, at, n = o["peak_rate"], o["live_agent_time"], o["agents_required"]
    o["agents_required_pooled"] = agents_needed(total(peak), total(peak * at) / total(peak), sl, t, occ)
    o["peak_service_level"] = per_tier(lambda r, x, k: service_level(r, x, k, t), peak, at, n)
    o["peak_occupancy"] = peak * at / n
    o["peak_asa"] = per_tier(asa, peak, at, n)
    o["peak_abandonment_a"] = per_tier(lambda r, x, k: erlang_a(r, x, k, t, pat)[0], peak, at,
                                       o["agents_required_a"])
    o["deferred_fte_baseline"] = (total(o["tier_contacts"] * o["aht"] / conc)
                                  - total(o["live_contacts_baseline"] * o["live_agent_time_baseline"])
                                  ) / o["productive_hours"]
    o["deferred_fte"] = (total(o["human_minutes"]) - total(o["live_contacts"] * o["live_agent_time"])
                         ) / o["productive_hours"]
    seat_to_fte = o["hours_open"] / (1 - o["shrinkage"]) / o["paid_hours"]
    o["scheduled_fte_baseline"] = (total(ps * o["agents_required_baseline"] + (1 - ps) * o["agents_quiet_baseline"])
                                   * seat_to_fte + o["deferred_fte_baseline"])
    o["scheduled_fte"] = (total(ps * o["agents_required"] + (1 - ps) * o["agents_quiet"]) * seat_to_fte
                          + o["deferred_fte"])
    o["staffing_fte_gap_baseline"] = o["scheduled_fte_baseline"] - o["baseline_fte"]
    o["staffing_fte_gap"] = o["scheduled_fte"] - o["hybrid_fte"]
    o["scheduled_fte_replaced"] = o["scheduled_fte_baseline"] - o["scheduled_fte"]


def midmarket_live_cells(o):
    """Presets/hybrid-midmarket.plan: live queues are chat + phone; the AI works chat and email only."""
    cm, conc_chat = o["channel_mix"], o["concurrency_chat"]
    chat_time = o["aht_chat"] / conc_chat
    o["live_agent_time_baseline"] = (cm["chat"] * chat_time + cm["phone"] * o["aht_phone"]) / (cm["chat"] + cm["phone"])
    calls = o["tier_contacts"] * cm["phone"]
    o["human_chats"] = (o["human_contacts"] - calls) * cm["chat"] / o["ai_channel_share"]
    o["live_contacts"] = calls + o["human_chats"]
    o["live_agent_time"] = (calls * o["aht_phone"] + o["human_chats"] * chat_time
                            + (o["escalated"] + o["repeats"]) * cm["chat"] / o["ai_channel_share"]
                            * o["handoff_time"] / conc_chat) / o["live_contacts"]


LIVE_CELLS = {"hybrid-midmarket": midmarket_live_cells}


# Preset-specific extra cells.
def klarna_2024_extras(o):
    o["outsourced_pool_after"] = o["outsourced_pool_before"] - o["fte_replaced"]


def klarna_2025_extras(o):
    c24 = o["concurrency_2024"]
    conc = as_rec(o["concurrency"])
    o["baseline_fte_2024_staffing"] = total(o["tier_contacts"] * o["aht"] / c24) / o["productive_hours"]
    o["hybrid_fte_2024_staffing"] = total(o["human_minutes"] * conc / c24) / o["productive_hours"]
    o["rehired_fte"] = o["hybrid_fte"] - o["hybrid_fte_2024_staffing"]
    o["rehiring_cost"] = o["rehired_fte"] * o["fte_cost"]
    o["savings_vs_2024_staffing"] = o["baseline_fte_2024_staffing"] * o["fte_cost"] - o["hybrid_cost"]
    o["community_pool_fte"] = o["hybrid_fte"] * o["community_pool_share"]
    o["ai_share_of_complex"] = o["ai_resolved"]["complex"] / o["tier_contacts"]["complex"]
    o["human_share_of_baseline"] = o["hybrid_fte"] / o["baseline_fte"]


def handoff_net_per_attempt(o):
    """Net value of one AI-attempted contact per tier (savings - risk, in $); independent of the threshold."""
    conc = as_rec(o["concurrency"])
    r, rep = o["ai_resolution"], o["repeat_after_ai"]
    back_to_human = 1 - r + r * rep
    saving = ((o["aht"] - back_to_human * (o["aht"] + o["handoff_time"])) / conc * o["cost_per_hour"]
              - o["ai_cost_per_contact"] - r * o["ai_cost_per_resolution"])
    bad = o["csat_human"] - r * (1 - rep) * o["csat_ai"] - back_to_human * o["csat_escalated"]
    return saving - bad * o["churn_per_bad_contact"] * o["clv"]


def handoff_net_value_at(o, t):
    keep = ai_keeps(t, o["complexity"], o["complexity_spread"])
    return total(o["tier_contacts"] * keep * handoff_net_per_attempt(o)) - o["ai_platform_cost"]


def handoff_extras(o):
    o["net_per_attempt"] = handoff_net_per_attempt(o)
    best_t, best_v = 0.0, -1e300
    n = 100000
    for i in range(n + 1):
        t = i / n
        v = handoff_net_value_at(o, t)
        if v > best_v:
            best_t, best_v = t, v
    # refine by golden section around the grid optimum
    lo, hi = max(0.0, best_t - 1 / n), min(1.0, best_t + 1 / n)
    g = (math.sqrt(5) - 1) / 2
    for _ in range(100):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if handoff_net_value_at(o, a) > handoff_net_value_at(o, b):
            hi = b
        else:
            lo = a
    o["best_threshold"] = (lo + hi) / 2
    o["net_value_at_best"] = handoff_net_value_at(o, o["best_threshold"])
    o["net_value_at_0"] = handoff_net_value_at(o, 0.0)
    o["net_value_at_100"] = handoff_net_value_at(o, 1.0)
    o["net_value_at_threshold"] = handoff_net_value_at(o, o["handoff_threshold"])


EXTRAS = {"klarna-2024": klarna_2024_extras, "klarna-2025": klarna_2025_extras, "handoff": handoff_extras}


def run(name):
    o = model(PRESETS[name]())
    staffing(o, LIVE_CELLS.get(name))
    if name in EXTRAS:
        EXTRAS[name](o)
    return o


# ---------------------------------------------------------------------------------------------
# Display
def money_y(x): return f"${x * YEAR / 1e6:,.4f}M/year"
def per_month(x): return f"{x * MONTH:,.1f}/month"
def pct(x): return f"{x * 100:.4f}%"


def fmt_rec(x, f):
    return "{" + ", ".join(f"{t}: {f(x[t])}" for t in TIERS) + "}"


DISPLAY = [
    ("productive_hours", lambda x: f"{x * YEAR / H:,.2f} h/year ({x:.6f})"),
    ("cost_per_hour", lambda x: f"${x * H:,.4f}/h"),
    ("human_cost_per_contact", lambda x: fmt_rec(x, lambda v: f"${v:.4f}")),
    ("tier_contacts", lambda x: fmt_rec(x, per_month)),
    ("ai_attempted", lambda x: fmt_rec(x, per_month)),
    ("ai_resolved", lambda x: fmt_rec(x, per_month)),
    ("repeats", lambda x: fmt_rec(x, per_month)),
    ("escalated", lambda x: fmt_rec(x, per_month)),
    ("human_only", lambda x: fmt_rec(x, per_month)),
    ("human_minutes", lambda x: fmt_rec(x, lambda v: f"{v * MONTH / MIN:,.0f} min/month")),
    ("baseline_fte", lambda x: f"{x:,.4f}"),
    ("hybrid_fte", lambda x: f"{x:,.4f}"),
    ("fte_replaced", lambda x: f"{x:,.4f}"),
    ("baseline_cost", money_y),
    ("human_cost", money_y),
    ("ai_spend", money_y),
    ("hybrid_cost", money_y),
    ("savings", money_y),
    ("automation_rate", pct),
    ("true_automation_rate", pct),
    ("csat_human", lambda x: fmt_rec(x, pct)),
    ("csat_ai", lambda x: fmt_rec(x, pct)),
    ("csat_escalated", lambda x: fmt_rec(x, pct)),
    ("csat_tier", lambda x: fmt_rec(x, pct)),
    ("csat_change", lambda x: fmt_rec(x, lambda v: f"{v * 100:+.4f} pt")),
    ("csat_blended_baseline", pct),
    ("csat_blended_hybrid", pct),
    ("extra_bad", lambda x: fmt_rec(x, per_month)),
    ("churned_customers", lambda x: f"{x * YEAR:,.2f}/year"),
    ("extra_churn_rate", pct),
    ("risk", money_y),
    ("net_value", money_y),
    ("cost_per_contact_baseline", lambda x: f"${x:.4f}"),
    ("cost_per_contact_hybrid", lambda x: f"${x:.4f}"),
    # preset extras
    ("ai_coverage", lambda x: fmt_rec(x, pct)),
    ("ai_resolution", lambda x: fmt_rec(x, pct)),
    ("concurrency", lambda x: fmt_rec(x, lambda v: f"{v:.6f}") if isinstance(x, dict) else f"{x}"),
    ("aht", lambda x: fmt_rec(x, lambda v: f"{v / MIN:.4f} min")),
    ("clv", lambda x: f"${x:,.2f}"),
    ("contacts", per_month),
    ("outsourced_pool_after", lambda x: f"{x:,.2f}"),
    ("baseline_fte_2024_staffing", lambda x: f"{x:,.4f}"),
    ("hybrid_fte_2024_staffing", lambda x: f"{x:,.4f}"),
    ("rehired_fte", lambda x: f"{x:,.4f}"),
    ("rehiring_cost", money_y),
    ("savings_vs_2024_staffing", money_y),
    ("community_pool_fte", lambda x: f"{x:,.4f}"),
    ("ai_share_of_complex", pct),
    ("net_per_attempt", lambda x: fmt_rec(x, lambda v: f"${v:.6f}")),
    ("best_threshold", pct),
    ("net_value_at_best", money_y),
    ("net_value_at_0", money_y),
    ("net_value_at_100", money_y),
    ("net_value_at_threshold", money_y),
    # staffing view
    ("quiet_factor", lambda x: f"{x:.6f}"),
    ("live_agent_time_baseline", lambda x: fmt_rec(x, lambda v: f"{v / MIN:.4f} min")),
    ("live_agent_time", lambda x: fmt_rec(x, lambda v: f"{v / MIN:.4f} min")),
    ("peak_rate_baseline", lambda x: fmt_rec(x, lambda v: f"{v * H:,.3f}/h")),
    ("peak_rate", lambda x: fmt_rec(x, lambda v: f"{v * H:,.3f}/h")),
    ("agents_required_baseline", lambda x: fmt_rec(x, str)),
    ("agents_required", lambda x: fmt_rec(x, str)),
    ("agents_quiet_baseline", lambda x: fmt_rec(x, str)),
    ("agents_quiet", lambda x: fmt_rec(x, str)),
    ("agents_required_a_baseline", lambda x: fmt_rec(x, str)),
    ("agents_required_a", lambda x: fmt_rec(x, str)),
    ("agents_required_pooled", str),
    ("peak_service_level", lambda x: fmt_rec(x, pct)),
    ("peak_occupancy", lambda x: fmt_rec(x, pct)),
    ("peak_asa", lambda x: fmt_rec(x, lambda v: f"{v:.4f} s")),
    ("peak_abandonment_a", lambda x: fmt_rec(x, pct)),
    ("deferred_fte_baseline", lambda x: f"{x:,.4f}"),
    ("deferred_fte", lambda x: f"{x:,.4f}"),
    ("scheduled_fte_baseline", lambda x: f"{x:,.4f}"),
    ("scheduled_fte", lambda x: f"{x:,.4f}"),
    ("staffing_fte_gap_baseline", lambda x: f"{x:,.4f}"),
    ("staffing_fte_gap", lambda x: f"{x:,.4f}"),
    ("scheduled_fte_replaced", lambda x: f"{x:,.4f}"),
]


def show(name):
    o = run(name)
    print(f"== {name}")
    for key, f in DISPLAY:
        if key in o:
            print(f"  {key:28s} {f(o[key])}")
    print(f"  {'risk / savings':28s} {pct(o['risk'] / o['savings'])}")
    print(f"  {'alerts':28s} {o['alerts']}")
    return o


# ---------------------------------------------------------------------------------------------
# Calibration targets (SPEC §4) and the values the presets' asserts pin.
def near(a, b, rel):
    return abs(a - b) <= rel * abs(b)


def checks():
    s, k24, k25, mm, ho = (run(n) for n in PRESETS)
    c = []
    c.append(("standard: savings > 0", s["savings"] > 0))
    c.append(("standard: fte_replaced > 0", s["fte_replaced"] > 0))
    c.append(("standard: net_value > 0", s["net_value"] > 0))
    c.append(("standard: AI attempts part of every tier",
              all(0 < s["ai_coverage"][t] < 1 for t in TIERS)))
    c.append(("standard: no alert at the defaults", not s["alerts"]))
    c.append(("klarna-2024: sum(ai_resolved) 2.3M/month ±5%", near(total(k24["ai_resolved"]), 2.3e6 / MONTH, 0.05)))
    c.append(("klarna-2024: automation_rate 2/3 ±4%", near(k24["automation_rate"], 2 / 3, 0.04)))
    c.append(("klarna-2024: fte_replaced 700 ±5%", near(k24["fte_replaced"], 700, 0.05)))
    c.append(("klarna-2024: savings $40M/year ±12%", near(k24["savings"], 40e6 / YEAR, 0.12)))
    c.append(("klarna-2024: blended CSAT on par (within 2 points of all-human)",
              k24["csat_blended_hybrid"] >= k24["csat_blended_baseline"] - 0.02))
    c.append(("klarna-2024: complex CSAT drops by 5 points or more", k24["csat_change"]["complex"] <= -0.05))
    c.append(("klarna-2024: the alert fires", "blended CSAT hides a drop on complex" in k24["alerts"]))
    c.append(("klarna-2025: automation_rate > 40%", k25["automation_rate"] > 0.40))
    c.append(("klarna-2025: risk > 0", k25["risk"] > 0))
    c.append(("klarna-2025: risk/savings < klarna-2024's",
              k25["risk"] / k25["savings"] < k24["risk"] / k24["savings"]))
    c.append(("klarna-2025: AI share of complex < 2024's",
              k25["ai_resolved"]["complex"] / k25["tier_contacts"]["complex"]
              < k24["ai_resolved"]["complex"] / k24["tier_contacts"]["complex"]))
    c.append(("klarna-2025: ai_resolution.complex < 2024's",
              k25["ai_resolution"]["complex"] < k24["ai_resolution"]["complex"]))
    c.append(("klarna-2025: fte_replaced 853 ±5% (Q3 2025 call)", near(k25["fte_replaced"], 853, 0.05)))
    c.append(("klarna-2025: savings between $40M and the call's $60M/year (not fitted)",
              40e6 / YEAR < k25["savings"] < 60e6 / YEAR))
    c.append(("hybrid-midmarket: 50-150 agents before AI", 50 <= mm["baseline_fte"] <= 150))
    c.append(("hybrid-midmarket: baseline 104 FTE ±2% (DOMAIN §7.3)", near(mm["baseline_fte"], 104, 0.02)))
    c.append(("hybrid-midmarket: 39.8% automation ±1%", near(mm["automation_rate"], 0.398, 0.01)))
    c.append(("hybrid-midmarket: net value negative with hand-offs and repeats", mm["net_value"] < 0))
    c.append(("hybrid-midmarket: savings below DOMAIN's $1.72M/year (which leaves hand-offs out)",
              mm["savings"] < 1.72e6 / YEAR))
    c.append(("handoff: interior optimum", 0.02 < ho["best_threshold"] < 0.98))
    c.append(("handoff: net at optimum > net at 0%", ho["net_value_at_best"] > ho["net_value_at_0"]))
    c.append(("handoff: net at optimum > net at 100%", ho["net_value_at_best"] > ho["net_value_at_100"]))
    c.append(("handoff: 61.84% beats 56.84% and 66.84%",
              handoff_net_value_at(ho, 0.6184)
              > max(handoff_net_value_at(ho, 0.5684), handoff_net_value_at(ho, 0.6684))))
    c.append(("handoff: net_per_attempt routine > 0 > complex",
              ho["net_per_attempt"]["routine"] > 0 > ho["net_per_attempt"]["complex"]))
    c.append(("handoff: function agrees with the model", near(ho["net_value_at_threshold"], ho["net_value"], 1e-9)))
    c.append(("handoff: savings, fte_replaced, net_value > 0 at the default",
              ho["savings"] > 0 and ho["fte_replaced"] > 0 and ho["net_value"] > 0))
    c.extend(staffing_checks(s, k24, k25, mm, ho))
    ok = True
    for label, good in c:
        print(f"  {'PASS' if good else 'FAIL'}  {label}")
        ok = ok and good
    return ok


ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "oracles", "erlang.csv")


def margins(rate, aht, n, target, t, occ):
    """How far N − 1 agents miss: (service-level shortfall, occupancy excess); either must be clearly
    positive, so that rounding in another implementation cannot change N."""
    a = rate * aht
    short = target - service_level(rate, aht, n - 1, t) if n - 1 > a else 1.0
    return max(short, a / (n - 1) - occ if n > 1 else 1.0)


def knife_edges(o):
    """Every agent count's margin: N − 1 misses the target (or the cap) by at least this much."""
    sl, t, occ, pat = o["sl_target"], o["answer_time"], o["occupancy"], o["patience"]
    for sfx in ("", "_baseline"):
        for tier in TIERS:
            r, x = o["peak_rate" + sfx][tier], o["live_agent_time" + sfx][tier]
            yield margins(r, x, o["agents_required" + sfx][tier], sl, t, occ)
            yield margins(r / o["peak_factor"] * o["quiet_factor"], x, o["agents_quiet" + sfx][tier], sl, t, occ)
            n = o["agents_required_a" + sfx][tier]
            yield sl - erlang_a(r, x, n - 1, t, pat)[1] if n > 1 else 1.0


def staffing_checks(s, k24, k25, mm, ho):
    c = []
    # the Erlang functions against DOMAIN §6 and the oracle table
    c.append(("erlang: C(48, 55) = 0.238701 (DOMAIN §6.2)", abs(erlang_c(55, 48) - 0.238701) < 1e-6))
    c.append(("erlang: B(10, 5) = 0.018385", abs(erlang_b(10, 5) - 0.018385) < 1e-6))
    c.append(("erlang: C(2000, 1950) = 0.17868", abs(erlang_c(2000, 1950) - 0.17868) < 1e-5))
    ab, sla = erlang_a(400 / H, 180, 20, 20, 120)
    c.append(("erlang A: P(Ab) 0.09771, SL 0.70645 (DOMAIN §6.3)", abs(ab - 0.09771) < 1e-5 and abs(sla - 0.70645) < 1e-5))
    c.append(("erlang A: 45/h, 504 s, 80/20: C needs 10, A (tau 120 s) needs 8",
              agents_needed(45 / H, 504, 0.8, 20) == 10 and agents_needed_a(45 / H, 504, 0.8, 20, 120) == 8))
    if os.path.exists(ORACLE):
        good = True
        for row in csv.DictReader(open(ORACLE)):
            rate = float(row["arrivals"]) / (float(row["interval_min"]) * MIN)
            aht, t, sl = float(row["aht_s"]), float(row["answer_s"]), float(row["target_sl"])
            n = agents_needed(rate, aht, sl, t)
            good &= n == int(row["agents"]) and agents_needed(rate, aht, sl, t, 0.85) == int(row["agents_occ85"])
            good &= abs(service_level(rate, aht, n, t) - float(row["service_level"])) < 1e-9
            good &= abs(asa(rate, aht, n) - float(row["asa_s"])) < 1e-9
            if row["agents_a"]:
                pat, na = float(row["patience_s"]), int(row["agents_a"])
                ab, sla = erlang_a(rate, aht, na, t, pat)
                good &= abs(ab - float(row["abandon_a"])) < 1e-9 and abs(sla - float(row["service_level_a"])) < 1e-9
                good &= agents_needed_a(rate, aht, sl, t, pat) == int(row["agents_needed_a"])
        c.append(("erlang: every row of shared/oracles/erlang.csv to 1e-9", good))
    # the staffing view of every preset
    for name, o in zip(PRESETS, (s, k24, k25, mm, ho)):
        c.append((f"{name}: scheduled FTE >= workload FTE (Erlang C capped at the occupancy target)",
                  o["staffing_fte_gap_baseline"] >= 0 and o["staffing_fte_gap"] >= 0))
        c.append((f"{name}: Erlang A needs no more agents than Erlang C",
                  all(o["agents_required_a"][t] <= o["agents_required"][t] for t in TIERS)))
        c.append((f"{name}: busy-block service level >= target, occupancy <= the target",
                  all(o["peak_service_level"][t] >= o["sl_target"] and o["peak_occupancy"][t] <= o["occupancy"]
                      for t in TIERS)))
        edge = min(knife_edges(o))
        c.append((f"{name}: agent counts are not on a knife edge (margin {edge:.2e})", edge > 1e-6))
    c.append(("klarna-2024: the occupancy cap binds at scale (DOMAIN §6.5): gap < 2% of FTE",
              k24["staffing_fte_gap_baseline"] < 0.02 * k24["baseline_fte"]))
    c.append(("standard: small queues: the AI saves fewer scheduled FTE than workload FTE",
              s["scheduled_fte_replaced"] < s["fte_replaced"]))
    return c


def summary():
    print("\n== summary")
    head = ("preset", "savings $M/y", "risk $M/y", "net $M/y", "fte_repl", "autom.", "csat base", "csat hyb",
            "csat routine", "csat standard", "csat complex", "sched FTE base", "sched FTE hyb", "sched repl")
    print("  " + " | ".join(head))
    for n in PRESETS:
        o = run(n)
        row = (n, f"{o['savings'] * YEAR / 1e6:.3f}", f"{o['risk'] * YEAR / 1e6:.3f}",
               f"{o['net_value'] * YEAR / 1e6:.3f}", f"{o['fte_replaced']:.1f}", f"{o['automation_rate'] * 100:.2f}%",
               f"{o['csat_blended_baseline'] * 100:.2f}%", f"{o['csat_blended_hybrid'] * 100:.2f}%",
               *(f"{o['csat_tier'][t] * 100:.2f}%" for t in TIERS),
               f"{o['scheduled_fte_baseline']:.1f}", f"{o['scheduled_fte']:.1f}", f"{o['scheduled_fte_replaced']:.1f}")
        print("  " + " | ".join(row))


def main(argv):
    if argv and argv[0] == "--check":
        sys.exit(0 if checks() else 1)
    names = argv or list(PRESETS)
    for n in names:
        if n not in PRESETS:
            sys.exit(f"unknown preset {n!r}; presets: {', '.join(PRESETS)}")
        show(n)
    if not argv:
        summary()
        print("\n== checks")
        checks()


if __name__ == "__main__":
    main(sys.argv[1:])
