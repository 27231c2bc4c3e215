#!/usr/bin/env python3
"""Generate a realistic ticket export (CSV) with a known ground truth per tier, for tests and demos.

Seeded and deterministic: the same arguments give the same bytes. Columns follow SPEC §10
(id, created_at, tier, handled_by, handle_time, csat, reopened) plus a free-text `subject` that
exercises RFC 4180 quoting (embedded commas, quotes and, with --newlines, line breaks).

Ground truth (the defaults, close to Presets/standard.plan; --truth writes it as JSON):
  mix             routine 60%, standard 30%, complex 10%
  aht (human)     6 / 11 / 20 min, lognormal with sigma 0.5 (handle times of `human` rows)
  handoff         an `ai_then_human` row takes aht + 2 min
  ai_coverage     90% / 70% / 30%   share of the tier the AI takes first
  ai_resolution   75% / 40% / 10%   share of AI attempts resolved by the AI
  repeat_after_ai 5% / 10% / 15%    reopened share of AI resolutions (human rows reopen at 3%)
  csat_human      94% / 90% / 85%   satisfied (4-5) share of answered surveys, per handler
  csat_ai         94% / 86% / 70%
  csat_escalated  88% / 84% / 78%
  survey answers  25% of contacts answer the CSAT survey (blank otherwise)

Usage:
  generate_tickets.py --rows 1000000 --seed 7 --out /tmp/tickets.csv [--crlf] [--bom] [--newlines]
      [--bad 5] [--start 2024-03-01] [--days 30] [--header zendesk] [--truth truth.json]
"""

import argparse
import datetime
import json
import math
import random
import sys

TIERS = ["routine", "standard", "complex"]
TRUTH = {
    "mix": [0.60, 0.30, 0.10],
    "aht_minutes": [6.0, 11.0, 20.0],
    "handoff_minutes": 2.0,
    "ai_coverage": [0.90, 0.70, 0.30],
    "ai_resolution": [0.75, 0.40, 0.10],
    "repeat_after_ai": [0.05, 0.10, 0.15],
    "csat_human": [0.94, 0.90, 0.85],
    "csat_ai": [0.94, 0.86, 0.70],
    "csat_escalated": [0.88, 0.84, 0.78],
    "survey_rate": 0.25,
    "human_reopen": 0.03,
    "aht_sigma": 0.5,
}
# Header names: SPEC §10's, and a Zendesk-like export that needs a column map to import.
HEADERS = {
    "spec": ["id", "created_at", "tier", "handled_by", "handle_time", "csat", "reopened", "subject"],
    "zendesk": ["Ticket ID", "Created at", "Group", "Handled by", "Full resolution time", "Satisfaction",
                "Reopens", "Subject"],
}
# How the Zendesk-like export spells tiers, handlers and answers.
ZENDESK_TIER = ["Tier 1", "Tier 2", "Tier 3"]
ZENDESK_HANDLER = {"ai": "bot", "human": "agent", "ai_then_human": "escalated"}
SUBJECTS = [
    "Where is my order?", "Refund, please", 'Card "declined" at checkout', "Change delivery address",
    "Invoice, VAT and receipt", "Account locked, can't log in", "Dispute a charge", "Cancel subscription",
]


def lognormal_with_mean(rng, mean, sigma):
    """A lognormal draw whose mean is `mean`."""
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


def pick(rng, weights):
    """The index drawn with the given weights."""
    u = rng.random()
    total = 0.0
    for index, weight in enumerate(weights):
        total += weight
        if u < total:
            return index
    return len(weights) - 1


def quote(field):
    """RFC 4180: quote a field holding a comma, quote, or line break; double inner quotes."""
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def ticket(rng, index, start, days, style, newlines):
    """One ticket's fields, in header order."""
    tier = pick(rng, TRUTH["mix"])
    ai = rng.random() < TRUTH["ai_coverage"][tier]
    resolved = ai and rng.random() < TRUTH["ai_resolution"][tier]
    handler = "ai" if resolved else ("ai_then_human" if ai else "human")
    aht = TRUTH["aht_minutes"][tier]
    if handler == "ai":
        minutes = ""
    else:
        value = lognormal_with_mean(rng, aht, TRUTH["aht_sigma"])
        if handler == "ai_then_human":
            value += TRUTH["handoff_minutes"]
        minutes = f"{value:.2f}"
        if rng.random() < 0.1:
            minutes = f"{round(value * 60)} s"
    key = {"human": "csat_human", "ai": "csat_ai", "ai_then_human": "csat_escalated"}[handler]
    csat = ""
    if rng.random() < TRUTH["survey_rate"]:
        satisfied = rng.random() < TRUTH[key][tier]
        csat = str(rng.choice([4, 5]) if satisfied else rng.choice([1, 2, 3]))
        if style == "spec" and rng.random() < 0.1:
            csat = "good" if satisfied else "bad"
    reopen_rate = TRUTH["repeat_after_ai"][tier] if handler == "ai" else TRUTH["human_reopen"]
    reopened = rng.random() < reopen_rate
    moment = start + datetime.timedelta(seconds=rng.randrange(days * 86400))
    subject = rng.choice(SUBJECTS)
    if newlines and rng.random() < 0.05:
        subject += "\nSecond line, with a comma"
    if style == "zendesk":
        return [str(100000 + index), moment.strftime("%Y-%m-%d %H:%M:%S"), ZENDESK_TIER[tier],
                ZENDESK_HANDLER[handler], minutes, csat, "1" if reopened else "0", subject]
    return [f"T{index:07d}", moment.strftime("%Y-%m-%dT%H:%M:%SZ"), TIERS[tier], handler, minutes, csat,
            "true" if reopened else "false", subject]


BAD_ROWS = [
    lambda f: f[:2] + ["gold"] + f[3:],                     # unknown tier
    lambda f: f[:1] + ["2024-02-30"] + f[2:],               # bad date
    lambda f: f[:4] + ["about ten minutes"] + f[5:],        # bad handle time
    lambda f: f[:-2],                                       # wrong field count
    lambda f: f[:3] + ["robot"] + f[4:],                    # unknown handled_by
    lambda f: f[:5] + ["7"] + f[6:],                        # bad csat
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-")
    parser.add_argument("--start", default="2024-03-01")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--crlf", action="store_true", help="end records with CRLF")
    parser.add_argument("--bom", action="store_true", help="start with a UTF-8 byte-order mark")
    parser.add_argument("--newlines", action="store_true", help="some subjects hold a quoted line break")
    parser.add_argument("--bad", type=int, default=0, help="how many deliberately bad rows to mix in")
    parser.add_argument("--header", choices=sorted(HEADERS), default="spec")
    parser.add_argument("--truth", help="write the ground truth and the bad rows' line numbers as JSON")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    start = datetime.datetime.fromisoformat(args.start)
    end = "\r\n" if args.crlf else "\n"
    bad_at = set(rng.sample(range(args.rows), min(args.bad, args.rows)))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    if args.bom:
        out.write("\ufeff")
    out.write(",".join(quote(h) for h in HEADERS[args.header]) + end)
    line = 2
    bad_lines = []
    buffer = []
    for index in range(args.rows):
        fields = ticket(rng, index, start, args.days, args.header, args.newlines)
        if index in bad_at:
            fields = BAD_ROWS[len(bad_lines) % len(BAD_ROWS)](fields)
            bad_lines.append(line)
        text = ",".join(quote(f) for f in fields)
        line += 1 + text.count("\n")
        buffer.append(text.replace("\n", end) + end)
        if len(buffer) >= 10000:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    if out is not sys.stdout:
        out.close()
    if args.truth:
        with open(args.truth, "w", encoding="utf-8") as f:
            json.dump({"tiers": TIERS, **TRUTH, "rows": args.rows, "seed": args.seed, "bad_lines": bad_lines},
                      f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
