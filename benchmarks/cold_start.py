"""Cold start: `kzlaw show 120 --json` and `kzlaw assess --act insult --json` (cached dataset),
each against a bare Typer hello app run by the same interpreter, pair by pair.

Run by hand:  python benchmarks/cold_start.py [RUNS]
Targets (issue 18): each at most 1.0 times the bare app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import interleaved, median_ms  # noqa: E402

COMMANDS = {
    "show 120 --json": ["show", "120", "--json"],
    "assess --act insult --json": ["assess", "--act", "insult", "--json"],
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    here = Path(__file__).parent
    bare = [sys.executable, str(here / "hello_typer.py")]
    env = os.environ | {"NO_COLOR": "1"}
    print(f"cores: {os.cpu_count()}  runs: {runs}")
    for label, args in COMMANDS.items():
        kzlaw = [sys.executable, "-m", "kzlaw", *args]
        t_k, t_b = interleaved(kzlaw, bare, runs, env=env)
        k, b = median_ms(t_k), median_ms(t_b)
        print(
            f"{label:28} median {k:7.1f} ms   bare typer hello median {b:7.1f} ms"
            f"   ratio {k / b:.2f}  (target <= 1.00)"
        )


if __name__ == "__main__":
    main()
