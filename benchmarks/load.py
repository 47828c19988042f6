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

    class Plain(yaml.SafeDumper):
        def ignore_aliases(self, data):  # every article written out in full, as a person would
            return True

    return yaml.dump(data, Dumper=Plain, allow_unicode=True, sort_keys=False)


def main() -> None:
    import pickle

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    text = generate(n)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    times, yaml_times, cached = [], [], []
    for _ in range(runs):
        raw = open(f.name, encoding="utf-8").read()
        start = time.perf_counter()
        yaml.load(raw, Loader=yaml.CSafeLoader)
        yaml_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        dataset, problems = parse(raw, f.name)
        times.append(time.perf_counter() - start)
        blob = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
        start = time.perf_counter()
        pickle.loads(blob)
        cached.append(time.perf_counter() - start)
    os.unlink(f.name)
    assert not problems, problems[:3]
    articles = sum(len(c.articles) for c in dataset.codes)
    mb = len(text) / 1e6
    print(f"cores: {os.cpu_count()}  articles: {articles}  file: {mb:.1f} MB  runs: {runs}")
    parse_s = statistics.median(yaml_times)
    print(f"YAML parsing alone (PyYAML C)  median {parse_s:.2f} s ({mb / parse_s:.1f} MB/s)")
    print(f"load + validate                median {statistics.median(times):.2f} s  (target < 0.5 s)")
    print(f"from the per-user cache        median {statistics.median(cached):.2f} s")


if __name__ == "__main__":
    main()
