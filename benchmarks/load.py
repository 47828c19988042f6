"""Load: a generated dataset of 10,000 articles in the shipped format, loaded and validated.

Run by hand:  python benchmarks/load.py [ARTICLES] [RUNS]
Target: under 0.5 s.

Three figures, each the median of RUNS:
- first load: the YAML parsed and every check run (what `kzlaw validate FILE` does, and
  what the first command after an edit of the file does), in this process;
- YAML alone: PyYAML's C loader on the same text, the floor of the first load;
- later loads: `load(FILE)` in a fresh process, imports included, from the per-user cache
  that the first load wrote (what every later command does until the file changes);
  and `kzlaw --data FILE show ARTICLE --json` as a whole process, for scale.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from kzlaw.dataset import default_path, parse


def generate(n: int) -> str:
    """The shipped vocabulary and code, with its articles repeated under new numbers up to n."""
    data = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    code = data["codes"][-1]
    template = code["articles"]
    code["articles"] = []
    for i in range(n):
        article = dict(template[i % len(template)])
        article["article"] = str(1000 + i)
        article.pop("replaces", None)
        code["articles"].append(article)
    code["liability"].pop("lower_ages", None)
    data["codes"] = [code]

    class Plain(yaml.SafeDumper):
        def ignore_aliases(self, data):  # every article written out in full, as a person would
            return True

    return yaml.dump(data, Dumper=Plain, allow_unicode=True, sort_keys=False)


def _process_seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    text = generate(n)
    folder = tempfile.mkdtemp(prefix="kzlaw-load-")
    path = os.path.join(folder, "big.yaml")
    Path(path).write_text(text, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": os.path.join(folder, "cache")}
    env.pop("KZLAW_NO_CACHE", None)
    first, yaml_times, later, show = [], [], [], []
    loader = [sys.executable, "-c", "import sys; from kzlaw import load; load(sys.argv[1])", path]
    for _ in range(runs):
        raw = Path(path).read_text(encoding="utf-8")
        gc.disable()  # as kzlaw.dataset.load does
        start = time.perf_counter()
        yaml.load(raw, Loader=yaml.CSafeLoader)
        yaml_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        dataset, problems = parse(raw, path)
        first.append(time.perf_counter() - start)
        gc.enable()
        assert not problems, problems[:3]
        del dataset
        _process_seconds(loader, env)  # writes the cache (if this is the first run)
        later.append(_process_seconds(loader, env))
        kzlaw = [sys.executable, "-m", "kzlaw", "--data", path, "show", str(1000 + n // 2), "--json"]
        show.append(_process_seconds(kzlaw, env))
    mb = len(text.encode()) / 1e6
    print(f"cores: {os.cpu_count()}  articles: {n}  file: {mb:.1f} MB  runs: {runs}")
    y = statistics.median(yaml_times)
    print(f"first load (parse + every check)  median {statistics.median(first):6.2f} s")
    print(f"  of which YAML alone (PyYAML C)  median {y:6.2f} s  ({mb / y:.1f} MB/s)")
    print(f"later loads (fresh process)       median {statistics.median(later):6.2f} s  (target < 0.5 s)")
    print(f"kzlaw show on it (fresh process)  median {statistics.median(show):6.2f} s")
    subprocess.run(["rm", "-rf", folder], check=False)


if __name__ == "__main__":
    main()
