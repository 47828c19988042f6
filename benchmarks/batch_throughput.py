"""Batch throughput: N generated fact lines through `kzlaw assess --batch`, against a bare loop.

The bare loop only parses each line as JSON and dumps it back: the floor for any
JSON Lines tool. Run by hand:  python benchmarks/batch_throughput.py [LINES]
Goals (issue 18): distinct realistic lines through --batch FILE at most 2.0x the bare loop's
time, through --batch - at most 4.0x, repeated lines at most 1.0x.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import median_ms, time_runs  # noqa: E402

BARE = """
import json, sys
out = sys.stdout.write
for n, line in enumerate(sys.stdin, 1):
    d = json.loads(line)
    d["line"] = n
    out(json.dumps(d) + "\\n")
"""


COMMON = (  # the ten acts a court's list or a student's sample names most (those the data has)
    "theft", "fraud", "robbery", "bribe_taking", "bribe_giving", "insult", "sexual_intercourse",
    "hooliganism", "murder", "torment",
)  # fmt: skip


def generate(n: int, seed: int = 7, distinct: int | None = None) -> list[str]:
    """Realistic fact lines (issue 18): 70% of the acts from the ten most common, 0-4
    circumstances, ages on most lines, a `date` on 15% of the lines and a `code` with a date on
    7%, `article` on 4%, `stage` on 3%; with `distinct`, the lines repeat that many."""
    import datetime as dt

    from kzlaw import load

    data = load()
    vocabulary = data.vocabulary
    acts = sorted(vocabulary.act_names)
    common = [a for a in COMMON if a in vocabulary.act_names] or acts[:10]
    flags = [f.name for f in vocabulary.facts if f.type == "bool" and f.derived is None]
    numbers = list(data.by_id["kz-cc-2014"].by_number)
    rng = random.Random(seed)

    def day(first: int, last: int) -> str:
        start = dt.date(first, 1, 1)
        return (start + dt.timedelta(days=rng.randrange((dt.date(last, 12, 31) - start).days))).isoformat()

    lines = []
    for _ in range(distinct or n):
        facts: dict = {"act": [rng.choice(common) if rng.random() < 0.7 else rng.choice(acts)]}
        for name in rng.sample(flags, rng.randint(0, 4)):
            facts[name] = rng.random() < 0.7
        if rng.random() < 0.85:
            facts["offender_age"] = rng.randint(12, 60)
        if rng.random() < 0.6:
            facts["victim_age"] = rng.randint(5, 60)
        roll = rng.random()
        if roll < 0.07:
            facts["code"], facts["date"] = "kz-cc-1997", day(1998, 2014)
        elif roll < 0.22:
            facts["date"] = day(2015, 2026)
        if rng.random() < 0.04:
            facts["article"] = rng.choice(numbers)
        if rng.random() < 0.03:
            facts["stage"] = rng.choice(("attempt", "preparation"))
        lines.append(facts)
    return [json.dumps(lines[i % len(lines)]) for i in range(n)]


def _ratio(command: list[str], path: str, runs: int) -> tuple[float, float]:
    """Median seconds of kzlaw and of the bare loop on the same lines, pair by pair."""
    t_k, t_b = [], []
    for _ in range(runs):  # pair by pair, so machine noise falls on both alike
        with open(path) as stdin:
            t_k += time_runs(command, 1, ok=(0, 2), stdin=stdin)  # 2: some lines are contradictory
        with open(path) as stdin:
            t_b += time_runs([sys.executable, "-c", BARE], 1, stdin=stdin)
    return median_ms(t_k) / 1000, median_ms(t_b) / 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"cores: {os.cpu_count()}  lines: {n}  runs: {runs}")
    for label, lines, mode, goal in (
        ("distinct, --batch FILE", generate(n), "file", 2.0),
        ("distinct, --batch -", generate(n), "stdin", 4.0),
        ("100 distinct, --batch -", generate(n, distinct=100), "stdin", 1.0),
    ):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write("\n".join(lines) + "\n")
            path = f.name
        try:
            batch = path if mode == "file" else "-"
            k, b = _ratio([sys.executable, "-m", "kzlaw", "assess", "--batch", batch], path, runs)
            print(
                f"{label:26} kzlaw {n / k:9,.0f} lines/s  bare {n / b:9,.0f} lines/s  "
                f"kzlaw/bare {k / b:5.2f}x  (goal <= {goal})"
            )
        finally:
            os.unlink(path)


if __name__ == "__main__":
    main()
