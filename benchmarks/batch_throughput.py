"""Batch throughput: N generated fact lines through `kzlaw assess --batch`, against a bare loop.

The bare loop only parses each line as JSON and dumps it back: the floor for any
JSON Lines tool. Run by hand:  python benchmarks/batch_throughput.py [LINES]
Targets: at least 20,000 lines/s, and at least 40% of the bare loop's rate.
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


def generate(n: int, seed: int = 7) -> list[str]:
    """Fact lines as a student's exercises would give them: acts, ages and a few circumstances."""
    from kzlaw import load

    vocabulary = load().vocabulary
    acts = sorted(vocabulary.act_names)
    flags = [f.name for f in vocabulary.facts if f.type == "bool" and f.derived is None]
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        facts: dict = {"act": rng.sample(acts, rng.choice((1, 1, 2)))}
        for name in rng.sample(flags, rng.randint(0, 3)):
            facts[name] = rng.random() < 0.7
        if rng.random() < 0.8:
            facts["offender_age"] = rng.randint(12, 60)
        if rng.random() < 0.6:
            facts["victim_age"] = rng.randint(5, 60)
        lines.append(json.dumps(facts))
    return lines


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    lines = generate(n)
    distinct = len(set(lines))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    try:
        t_k, t_b = [], []
        for _ in range(runs):  # pair by pair, so machine noise falls on both alike
            kzlaw = [sys.executable, "-m", "kzlaw", "assess", "--batch", path]
            t_k += time_runs(kzlaw, 1, ok=(0, 2))  # 2: some generated lines are contradictory, as they may be
            with open(path) as stdin:
                t_b += time_runs([sys.executable, "-c", BARE], 1, stdin=stdin)
        k, b = median_ms(t_k) / 1000, median_ms(t_b) / 1000
        print(f"cores: {os.cpu_count()}  lines: {n} ({distinct} distinct)  runs: {runs}")
        print(f"bare json loop   {b:6.2f} s  {n / b:10,.0f} lines/s")
        print(f"kzlaw --batch    {k:6.2f} s  {n / k:10,.0f} lines/s  (target >= 20,000)")
        print(f"kzlaw rate / bare rate  {b / k:.0%}  (target >= 40%)")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
