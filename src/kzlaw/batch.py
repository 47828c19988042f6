"""JSON Lines in, JSON Lines out: one assessment (or one error object) per input line, in order
(a blank line is skipped; the lines keep their numbers in the input).

The dataset is loaded once by the caller; identical input lines are assessed once
(the answer for a fact set never changes within a run).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from kzlaw.engine import assess, assess_text
from kzlaw.errors import InputError, kind_of
from kzlaw.facts import parse_date
from kzlaw.model import Dataset

#: keys of a batch line that are options, not facts
OPTIONS = frozenset(
    ("article", "code", "date", "stage", "as_of", *("mitigating", "aggravating", "agreement", "exceptional"))
)


def sentencing_of(data: Mapping[str, Any]):
    """The sentencing keys of a batch line as a kzlaw.sentencing.Given, or None when it has none.

    `"mitigating"` and `"aggravating"` are a name or a list of names (Arts. 53, 54);
    `"agreement"` and `"exceptional"` are true or false (Art. 55 parts 3 and 4).
    """
    if not any(data.get(k) for k in ("mitigating", "aggravating", "agreement", "exceptional")):
        return None
    from kzlaw.sentencing import Given

    names = {}
    for key in ("mitigating", "aggravating"):
        value = data.get(key)
        if value is None or value == []:
            names[key] = ()
        elif isinstance(value, str):
            names[key] = (value,)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            names[key] = tuple(value)
        else:
            raise InputError(
                f'"{key}" must be a name or a list of names, not {kind_of(value)}.',
                code="bad_value",
                fix="See `kzlaw facts` for the names of the circumstances of Arts. 53 and 54.",
            )
    flags = {}
    for key in ("agreement", "exceptional"):
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            raise InputError(f'"{key}" must be true or false, not {kind_of(value)}.', code="bad_value")
        flags[key] = bool(value)
    return Given(names["mitigating"], names["aggravating"], flags["agreement"], flags["exceptional"])


def article_list(value: Any) -> list:
    """The articles of a facts file or batch line: a number or a list of numbers."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list) and all(isinstance(a, str | int) and not isinstance(a, bool) for a in value):
        return value
    raise InputError(f'"article" must be a number or a list of numbers, not {kind_of(value)}.', code="bad_value")


def _key_twice(text: str, data: dict) -> str | None:
    """A key the JSON text gives twice (json.loads keeps the last silently), or None.

    Checking every line with a hook would slow the batch down: the quotes of a line of flat
    facts are counted first, and only a line whose count does not add up is read again.
    """
    quotes = 0
    for value in data.values():
        if value.__class__ is str:
            quotes += 4
        elif value.__class__ is list and all(v.__class__ is str for v in value):
            quotes += 2 + 2 * len(value)
        elif value is None or value.__class__ in (bool, int, float):
            quotes += 2
        else:
            quotes = -1
            break
    if quotes == text.count('"'):
        return None
    found: list[str] = []

    def pairs(items: list) -> dict:
        seen: set = set()
        for key, _value in items:
            if key in seen and not found:
                found.append(key)
            seen.add(key)
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return found[0][:60] if found else None


def _line_error(number: int, code: str, message: str) -> str:
    # a bad line has `"matches": []` too, so that `jq '.matches[]'` reads every line of the output
    error = {"line": number, "error": {"code": code, "message": message}, "matches": []}
    return json.dumps(error, ensure_ascii=False)


def run(
    dataset: Dataset, lines: Iterable[str | bytes], start: int = 1, defaults: Mapping[str, Any] | None = None
) -> Iterator[tuple[str, bool]]:
    """Yield (output line without newline, ok) for every input line, in order, numbered from `start`.

    `defaults` (facts and options, as a line gives them) hold for every line; a line's own keys win.

    Lines may be bytes (read from a file in binary): each is decoded on its own, so one line that
    is not UTF-8 is a bad line, not the end of the run.
    """

    @lru_cache(maxsize=4096)
    def answer(text: str) -> tuple[str, bool]:
        try:
            data = json.loads(text)
        except ValueError as e:
            # a JSONDecodeError has a msg; a number of more than 4,300 digits is a plain ValueError
            why = getattr(e, "msg", None) or "a number has more digits than can be read (4,300 at most)"
            return json.dumps({"error": {"code": "bad_json", "message": f"Not a JSON object: {why}."}}), False
        except RecursionError:
            message = "Not a JSON object: nested too deeply."
            return json.dumps({"error": {"code": "bad_json", "message": message}}), False
        if not isinstance(data, dict):
            return json.dumps(
                {"error": {"code": "bad_json", "message": "Each line must be a JSON object of facts."}}
            ), False
        twice = _key_twice(text, data)
        if twice is not None:
            message = f"The key {twice!r} is given twice in the line: give it once."
            return json.dumps({"error": {"code": "bad_json", "message": message}}, ensure_ascii=False), False
        if defaults:
            data = {**defaults, **data}
        try:
            articles = article_list(data.get("article"))
            date, as_of = parse_date(data.get("date")), parse_date(data.get("as_of"))
            sentencing = sentencing_of(data)
            if sentencing is not None:  # the sentencing steps: the whole engine, not the text cache
                return assess(
                    dataset,
                    {k: v for k, v in data.items() if k not in OPTIONS},
                    code=data.get("code"),
                    date=date,
                    articles=articles,
                    stage=data.get("stage"),
                    as_of=as_of,
                    sentencing=sentencing,
                ).to_json_text(), True
            text = assess_text(
                dataset,
                data,
                ignore=OPTIONS,
                code=data.get("code"),
                date=date,
                articles=articles,
                stage=data.get("stage"),
                as_of=as_of,
            )
        except InputError as e:
            return json.dumps(e.to_json(), ensure_ascii=False), False
        except Exception as e:  # a bug must not end the run: the line says so and the others are answered
            message = (
                f"kzlaw could not assess this line ({type(e).__name__}): this is a bug in kzlaw. "
                "Please report it with the line."
            )
            return json.dumps({"error": {"code": "internal_error", "message": message}}), False
        return text, True

    for number, raw in enumerate(lines, start=start):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield _line_error(number, "bad_json", f"The line is not UTF-8 text (byte {e.start + 1})."), False
                continue
        text = raw.lstrip("\ufeff") if number == 1 else raw
        if number == 1 and not text and not raw.endswith("\n"):
            continue  # a file holding only a byte order mark is an empty input
        text = text.strip()
        if not text:
            continue  # a blank line is no record, as jq and other JSON Lines tools read it; it keeps its number
        body, ok = answer(text)
        if not ok:
            body = body[:-1] + ', "matches": []}'
        # the cached document has no line number; add it in front without re-serialising
        yield f'{{"line": {number}, {body[1:]}' if body != "{}" else f'{{"line": {number}}}', ok


_ERROR = re.compile(rb'\{"line": (\d+), "error": \{"code": "([a-z_]+)"')


class Tally:
    """The bad lines of a run, read back from the output blocks, for a summary at the end."""

    SHOWN = 10  # line numbers named in the summary

    def __init__(self) -> None:
        self.lines = 0
        self.bad = 0
        self.codes: dict[str, int] = {}
        self.first: list[int] = []

    def add(self, block: bytes, ok: bool) -> None:
        self.lines += block.count(b"\n")
        if ok:
            return
        # a literal start (no ^ under MULTILINE) lets re skip through megabytes of good lines fast
        for number, code in _ERROR.findall(block):
            self.bad += 1
            name = code.decode()
            self.codes[name] = self.codes.get(name, 0) + 1
            if len(self.first) < self.SHOWN:
                self.first.append(int(number))

    def summary(self) -> str:
        """ "3 of 120 lines were bad (bad_json 2, unknown_fact 1): lines 2, 5, 9." """
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items(), key=lambda kv: -kv[1]))
        more = ", ..." if self.bad > len(self.first) else ""
        which = "line" if self.bad == 1 else "lines"
        return (
            f"{self.bad} of {self.lines} lines {'was' if self.bad == 1 else 'were'} bad ({codes}): "
            f"{which} {', '.join(map(str, self.first))}{more}. Each has an error object in the output."
        )


CHUNK = 2000  # lines a worker takes at a time


def run_blocks(
    dataset: Dataset, lines: Iterable[str | bytes], workers: int, defaults: Mapping[str, Any] | None = None
) -> Iterator[tuple[bytes, bool]]:
    """`run`'s output as blocks of UTF-8 (each line ending in a newline), with whether every line
    of the block was assessed; the lines spread over worker processes when `workers` > 1.

    Workers are forked with the dataset already loaded and take the input in chunks; each
    writes its chunk's output to a file of its own in a private temporary folder and sends
    back only its name (megabytes through a pipe cost the parent more than the work), and at
    most two chunks per worker are in flight, so a long input streams in bounded memory, in
    input order. Where fork is not available, or with one worker, the blocks are single lines,
    written as soon as each is read (a pipe stays interactive).
    """
    import multiprocessing as mp
    import tempfile

    if workers < 2 or "fork" not in mp.get_all_start_methods():
        for out, ok in run(dataset, lines, defaults=defaults):
            yield (out + "\n").encode(), ok
        return
    global _DATASET, _FOLDER
    _DATASET = dataset
    context = mp.get_context("fork")
    iterator = iter(lines)
    with tempfile.TemporaryDirectory(prefix="kzlaw-batch-") as folder:
        _FOLDER = folder  # before the workers are forked: they write their chunks there, not in the cwd
        with context.Pool(workers, initializer=_quiet_worker) as pool:
            yield from _blocks(pool, iterator, workers, defaults)


def _blocks(pool, iterator, workers: int, defaults) -> Iterator[tuple[bytes, bool]]:
    """The chunks' outputs in input order, at most two chunks per worker in flight."""
    import itertools
    from collections import deque

    pending: deque = deque()
    start = 1
    while True:
        while len(pending) < 2 * workers:
            chunk = list(itertools.islice(iterator, CHUNK))
            if not chunk:
                break
            pending.append(pool.apply_async(_work, (chunk, start, defaults)))
            start += len(chunk)
        if not pending:
            return
        name, ok = pending.popleft().get()
        with open(name, "rb") as f:
            block = f.read()
        os.unlink(name)
        yield block, ok


_DATASET: Dataset | None = None
_FOLDER = ""


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the parent, which stops them all and says "interrupted" once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(chunk: list[str | bytes], start: int, defaults: Mapping[str, Any] | None = None) -> tuple[str, bool]:
    """One chunk's output, written to a file in the batch's folder: the file's name, and whether
    every line was assessed."""
    assert _DATASET is not None
    outs = []
    all_ok = True
    for out, ok in run(_DATASET, chunk, start, defaults):
        outs.append(out.encode())  # line by line: one line with a non-Latin letter would widen a joined text
        all_ok = all_ok and ok
    outs.append(b"")
    name = os.path.join(_FOLDER, f"{start}.jsonl")
    with open(name, "wb") as f:
        f.write(b"\n".join(outs))
    return name, all_ok
