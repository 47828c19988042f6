"""Where datasets live, and loading one: `--data PATH`, `$KZLAW_DATA`, or the packaged file.

A dataset that passed every check is kept in a per-user cache (a pickle keyed by the
file's path, size and modification time and by kzlaw's version), so that a command
that reads the law starts without parsing YAML; each article is pickled on its own and
read back when first used (model.LazyArticles). The 32 most recently used datasets are
kept. Set KZLAW_NO_CACHE=1 to bypass the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

from kzlaw.errors import DatasetError, Problem
from kzlaw.model import Dataset, collector_paused

ENV_VAR = "KZLAW_DATA"
_CACHE_VERSION = "3"  # bump when the model classes change shape


def default_path() -> Path:
    """The dataset that ships inside the package (or the repository's, in a source checkout)."""
    packaged = Path(__file__).parent / "data" / "articles.yaml"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "articles.yaml"


def resolve_path(path: str | os.PathLike | None = None) -> Path:
    """`--data PATH`, else `$KZLAW_DATA`, else the packaged dataset."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_path()


def schema_text() -> str:
    """The JSON Schema of the dataset format (src/kzlaw/dataset.schema.json)."""
    return (Path(__file__).parent / "dataset.schema.json").read_text(encoding="utf-8")


_LOADED: dict[str, Dataset] = {}


def load(path: str | os.PathLike | None = None) -> Dataset:
    """Load and check a dataset; raise DatasetError naming the first problem's place."""
    where = resolve_path(path)
    cache = _cache_file(where)
    key = str(cache)
    if key in _LOADED:
        return _LOADED[key]
    with collector_paused():
        dataset = _from_cache(cache)
        if dataset is None:
            from kzlaw.reader import parse

            dataset, problems = parse(read_text(where), str(where))
            if problems:
                raise DatasetError(problems)
            _to_cache(cache, dataset)
    _LOADED[key] = dataset
    return dataset


def validate(path: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem of a dataset file, in file order (empty when it is valid)."""
    from kzlaw.reader import parse

    where = resolve_path(path)
    try:
        text = read_text(where)
    except DatasetError as e:
        return e.problems
    with collector_paused(keep=False):  # only the problems are kept
        return parse(text, str(where))[1]


def read_text(where: Path) -> str:
    try:
        return where.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise DatasetError(
            [
                Problem(
                    str(where),
                    1,
                    1,
                    f"cannot read the dataset: {reason}",
                    f"Check the path given to --data or ${ENV_VAR}.",
                )
            ]
        ) from None


def parse(text: str, filename: str = "<dataset>"):
    """The model built from a dataset's text, and every problem found (see kzlaw.reader)."""
    from kzlaw.reader import parse as parse_text

    return parse_text(text, filename)


def _cache_file(where: Path) -> Path:
    from kzlaw import __version__

    try:
        stat = where.stat()
        ident = f"{where.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        ident = f"{where}|missing"
    ident += f"|{__version__}|{_CACHE_VERSION}|{sys.version_info[:2]}"
    digest = hashlib.sha1(ident.encode(), usedforsecurity=False).hexdigest()[:20]
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kzlaw" / f"{digest}.pickle"


def _caching() -> bool:
    return os.environ.get("KZLAW_NO_CACHE", "") in ("", "0")


def _from_cache(cache: Path) -> Dataset | None:
    if not _caching():
        return None
    try:
        with cache.open("rb") as f:
            dataset = pickle.load(f)  # noqa: S301 - our own cache of a checked dataset
    except Exception:  # a missing, stale or damaged cache is rebuilt from the YAML
        return None
    with contextlib.suppress(OSError):
        if cache.stat().st_mtime < time.time() - 86400:
            os.utime(cache)  # used today: pruning removes the least recently used first
    return dataset if isinstance(dataset, Dataset) else None


def _to_cache(cache: Path, dataset: Dataset) -> None:
    if not _caching():
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(_lazy(dataset), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        _prune(cache.parent, keep=_KEEP)
    except OSError:
        pass  # a read-only home is no reason to fail: the next run parses again


def _lazy(dataset: Dataset) -> Dataset:
    """The dataset as the cache keeps it: each code's articles pickled one by one (LazyArticles)."""
    from kzlaw.model import LazyArticles

    return dataset._replace(codes=tuple(c._replace(articles=LazyArticles.of(c.articles)) for c in dataset.codes))


_KEEP = 32  # cached datasets kept per user; each edit of a dataset makes a new one


def _prune(folder: Path, keep: int) -> None:
    """Remove all but the `keep` most recently used cached datasets (and stray temporary files)."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".pickle"):
            entries.append((entry.stat().st_mtime_ns, entry.path))
        elif entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600:
            Path(entry.path).unlink(missing_ok=True)
    entries.sort(reverse=True)
    for _mtime, path in entries[keep:]:
        Path(path).unlink(missing_ok=True)
