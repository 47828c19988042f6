"""Where datasets live, and loading one: `--data PATH`, `$KZLAW_DATA`, or the packaged file.

A dataset that passed every check is kept in a per-user cache (a pickle named by a digest
of the content of the dataset file and of every file it includes, and of kzlaw's version,
written with a checksum that is verified before it is read, in a folder only the user can
write to), so that a command
that reads the law starts without parsing YAML; each article is pickled on its own and
read back when first used (model.LazyArticles). The 32 most recently used datasets are
kept. Set KZLAW_NO_CACHE=1 to bypass the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
import time
from pathlib import Path

from kzlaw.errors import DatasetError, Problem
from kzlaw.model import Dataset, collector_paused

ENV_VAR = "KZLAW_DATA"
_CACHE_VERSION = "10"  # bump when what is pickled changes meaning; a change of fields is seen by _layout()


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
    files = _files(where)
    cache = _cache_file(where, files)
    key = str(cache)
    if key in _LOADED:
        return _LOADED[key]
    with collector_paused():
        dataset = _from_cache(cache)
        if dataset is None:
            from kzlaw.reader import parse

            dataset, problems = parse(files[str(where)], str(where), _reader(files))
            if problems:
                raise DatasetError(problems)
            _to_cache(cache, dataset)
    _LOADED[key] = dataset
    return dataset


def included_files(text: str, filename: str) -> list[str]:
    """The paths a dataset's `include:` names, read without parsing the whole file (for cache keys)."""
    out, inside = [], False
    for row in text.splitlines():
        if row.startswith("include:"):
            inside = True
            continue
        if inside:
            m = re.match(r"^\s+-\s+['\"]?([^'\"#]+?)['\"]?\s*(#.*)?$", row)
            if m:
                out.append(str(Path(filename).parent / m.group(1)))
            elif row.strip() and not row.lstrip().startswith("#"):
                inside = False
    return out


# The most text kzlaw reads as one dataset: the whole 2014 and 1997 codes with every wording
# are a few megabytes, and reading YAML takes about 40 times its size in memory, so a file of
# 8 MB or a dataset of 32 MB in all is refused (with the fix) before it is read, not after
# minutes and gigabytes.
MAX_FILE_BYTES = 8 * 2**20
MAX_TOTAL_BYTES = 32 * 2**20


def _too_big(where: str, size: int, what: str, limit: int) -> DatasetError:
    return DatasetError(
        [
            Problem(
                where,
                1,
                1,
                f"{what} is {size / 2**20:.1f} MB; kzlaw reads at most {limit // 2**20} MB",
                "Split the articles into files under `include:` (docs/dataset.md), each under 8 MB.",
            )
        ]
    )


def _files(where: Path) -> dict[str, str]:
    """The text of a dataset file and of every file its `include:` names (unreadable ones left out)."""
    with contextlib.suppress(OSError):
        if (size := where.stat().st_size) > MAX_FILE_BYTES:
            raise _too_big(str(where), size, "the dataset file", MAX_FILE_BYTES)
    text = read_text(where)
    files = {str(where): text}
    total = len(text)
    for name in included_files(text, str(where)):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            size = Path(name).stat().st_size
            if size > MAX_FILE_BYTES:
                raise _too_big(name, size, "the included file", MAX_FILE_BYTES)
            total += size
            if total > MAX_TOTAL_BYTES:
                raise _too_big(name, total, "the dataset with its included files", MAX_TOTAL_BYTES)
            files[name] = Path(name).read_text(encoding="utf-8-sig")
    return files


def _reader(files: dict[str, str]):
    def read(name: str) -> str:
        if name in files:
            return files[name]
        return Path(name).read_text(encoding="utf-8-sig")

    return read


def validate(path: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem of a dataset file, in file order (empty when it is valid)."""
    from kzlaw.reader import parse

    where = resolve_path(path)
    try:
        files = _files(where)
    except DatasetError as e:
        return e.problems
    with collector_paused(keep=False):  # only the problems are kept
        return parse(files[str(where)], str(where), _reader(files))[1]


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


def parse(text: str, filename: str = "<dataset>", read=None):
    """The model built from a dataset's text, and every problem found (see kzlaw.reader)."""
    from kzlaw.reader import parse as parse_text

    return parse_text(text, filename, read)


def _cache_file(where: Path, files: dict[str, str] | None = None) -> Path:
    """The cache entry of a dataset: named by a digest of its content (every included file too),
    its resolved path, kzlaw's version and Python's, so that any edit makes a new entry."""
    from kzlaw import __version__

    if files is None:
        try:
            files = _files(where)
        except DatasetError:
            files = {str(where): "|missing"}
    digest = hashlib.blake2b(digest_size=16)
    try:
        digest.update(str(where.resolve()).encode())
    except OSError:
        digest.update(str(where).encode())
    for name, text in files.items():
        digest.update(f"\0{name}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    digest.update(f"|{__version__}|{_CACHE_VERSION}|{_layout()}|{sys.version_info[:2]}".encode())
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kzlaw" / f"{digest.hexdigest()}.pickle"


def _layout() -> str:
    """The fields of every model class: a cache written before a field was added is never read."""
    from kzlaw import model
    from kzlaw.record import Record

    shapes = sorted(
        f"{c.__name__}:{','.join(c._fields)}"
        for c in vars(model).values()
        if isinstance(c, type) and issubclass(c, Record)
    )
    return hashlib.blake2b(";".join(shapes).encode(), digest_size=8).hexdigest()


def _caching() -> bool:
    return os.environ.get("KZLAW_NO_CACHE", "") in ("", "0")


_MAGIC = b"kzlaw-cache\n"
_SUM = 32  # bytes of the BLAKE2b checksum written before the pickle


def _safe_folder(folder: Path) -> bool:
    """The cache folder is the user's own and nobody else can write to it (as for Python's bytecode)."""
    try:
        st = folder.stat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not st.st_mode & 0o022


def _from_cache(cache: Path) -> Dataset | None:
    if not _caching() or not _safe_folder(cache.parent):
        return None
    try:
        with cache.open("rb") as f:
            blob = f.read()
        head, body = blob[: len(_MAGIC) + _SUM], blob[len(_MAGIC) + _SUM :]
        if head[: len(_MAGIC)] != _MAGIC or hashlib.blake2b(body, digest_size=_SUM).digest() != head[len(_MAGIC) :]:
            raise ValueError("damaged cache entry")
        dataset = pickle.loads(body)  # noqa: S301 - our own cache of a checked dataset, checksum verified
        if not isinstance(dataset, Dataset):
            raise ValueError("not a dataset")
    except Exception:  # a missing, stale or damaged entry is rebuilt from the YAML
        with contextlib.suppress(OSError):
            if cache.exists():
                cache.unlink()
        return None
    with contextlib.suppress(OSError):
        if cache.stat().st_mtime < time.time() - 86400:
            os.utime(cache)  # used today: pruning removes the least recently used first
    return dataset


def _to_cache(cache: Path, dataset: Dataset) -> None:
    if not _caching():
        return
    try:
        folder = cache.parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _safe_folder(folder):
            return  # a folder others can write to could hand us a forged entry: do without the cache
        body = pickle.dumps(_lazy(dataset), protocol=pickle.HIGHEST_PROTOCOL)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + hashlib.blake2b(body, digest_size=_SUM).digest() + body)
        os.replace(tmp, cache)
        _prune(folder, keep=_KEEP)
    except OSError:
        pass  # a read-only home is no reason to fail: the next run parses again


def _lazy(dataset: Dataset) -> Dataset:
    """The dataset as the cache keeps it: each code's articles pickled one by one (LazyArticles)."""
    from kzlaw.engine import article_needs, version_cuts, version_ends
    from kzlaw.model import LazyArticles

    def lazy(code):
        needs = tuple(article_needs(a) for a in code.articles)
        before = tuple(None if a.earlier_wording_encoded else version_ends(code, a)[0][0] for a in code.articles)
        return LazyArticles.of(code.articles, needs, before, version_cuts(code))

    return dataset._replace(codes=tuple(c._replace(articles=lazy(c)) for c in dataset.codes))


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
