"""Load: a generated dataset of 10,000 articles in the shipped format, loaded and validated.

Run by hand:  python benchmarks/load.py [ARTICLES]
Target: under 0.5 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

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
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    text = generate(n)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        dataset, problems = parse(open(f.name, encoding="utf-8").read(), f.name)
        times.append(time.perf_counter() - start)
    os.unlink(f.name)
    assert not problems, problems[:3]
    articles = sum(len(c.articles) for c in dataset.codes)
    print(f"cores: {os.cpu_count()}  articles: {articles}  file: {len(text) / 1e6:.1f} MB")
    print(f"load + validate  median {statistics.median(times):.3f} s  (target < 0.5 s)")


if __name__ == "__main__":
    main()
