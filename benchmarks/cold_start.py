"""Cold start: `kzlaw show 120 --json` against a bare Typer hello app, median of many runs.

Run by hand:  python benchmarks/cold_start.py [RUNS]
Target: kzlaw at most 1.2 times the bare app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import interleaved, median_ms  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    here = Path(__file__).parent
    kzlaw = [sys.executable, "-m", "kzlaw", "show", "120", "--code", "kz-cc-1997", "--json"]
    bare = [sys.executable, str(here / "hello_typer.py")]
    t_k, t_b = interleaved(kzlaw, bare, runs, env=os.environ | {"NO_COLOR": "1"})
    k, b = median_ms(t_k), median_ms(t_b)
    print(f"cores: {os.cpu_count()}  runs: {runs}")
    print(f"bare typer hello   median {b:7.1f} ms")
    print(f"kzlaw show --json  median {k:7.1f} ms")
    print(f"ratio kzlaw/bare   {k / b:.2f}  (target <= 1.20)")


if __name__ == "__main__":
    main()
