"""Fuzzing (hypothesis) of the three ways in: random command lines, random batch lines and
damaged cache entries. Whatever comes in, kzlaw answers or says what is wrong (exit 0, 2 or 3),
with no traceback; a batch answers every line; a damaged cache is rebuilt, never believed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kzlaw
from kzlaw import dataset as ds
from kzlaw.cli import app

MINI = Path(__file__).parent / "data" / "mini.yaml"
DATA = kzlaw.load(MINI)
FACTS = [f.name for f in DATA.vocabulary.facts]
ACTS = sorted(DATA.vocabulary.act_names)
FUZZ = settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))

COMMANDS = ["assess", "show", "articles", "search", "compare", "facts", "explain", "export", "schema", "validate"]
TOKENS = st.sampled_from(
    [
        "--json", "--csv", "--code", "new", "old", "kz-cc-2014", "--date", "2016-05-01", "9999-12-31", "2016-13-01",
        "--as-of", "2010-01-01", "--stage", "attempt", "attemp", "--act", *ACTS, "--fact", "violence", "group=maybe",
        "victim_age=1" + "0" * 5000, "--offender-age", "15", "-1", "--victim-age", "abc", "-a", "110", "130", "12O",
        "132.1", "--article", "--part", "2", "--explain", "--brief", "--limit", "0", "--chapter", "x", "--bom", "--",
        "-", "--facts", "", " ", "\u00b2", "ё", "--help", "--version",
    ]
) | st.text(max_size=8)  # fmt: skip


def _no_crash(result) -> None:
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.stderr, repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr


@FUZZ
@given(command=st.sampled_from(COMMANDS), args=st.lists(TOKENS, max_size=7))
def test_any_command_line_answers_or_says_what_is_wrong(command, args):
    result = CliRunner().invoke(app, ["--data", str(MINI), command, *args], input="")
    _no_crash(result)
    if result.exit_code == 2:
        assert result.stderr.strip(), (command, args)


scalars = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=10)
values = st.recursive(
    scalars | st.sampled_from(ACTS + ["2016-05-01", "attempt", "new", "110"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=6,
)
keys = st.sampled_from([*FACTS, "code", "date", "as_of", "stage", "article"]) | st.text(max_size=6)
lines = st.dictionaries(keys, values, max_size=6).map(lambda d: json.dumps(d)) | st.text(max_size=30)


@FUZZ
@given(batch=st.lists(lines, min_size=1, max_size=8))
def test_any_batch_answers_every_line_in_order(batch):
    text = "\n".join(b.replace("\n", " ").replace("\r", " ") for b in batch) + "\n"
    result = CliRunner().invoke(app, ["--data", str(MINI), "assess", "--batch", "-"], input=text)
    _no_crash(result)
    out = [json.loads(x) for x in result.stdout.splitlines()]
    numbered = [i for i, b in enumerate(text.split("\n")[:-1], 1) if b.strip().lstrip("\ufeff")]
    assert [d["line"] for d in out] == numbered
    assert all(isinstance(d["matches"], list) for d in out)


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4))
def test_a_damaged_cache_entry_is_never_believed(flips, tmp_path_factory):
    import os

    home = tmp_path_factory.mktemp("fuzz-cache")
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    try:
        path = home / "d.yaml"
        shutil.copy(MINI, path)
        ds._LOADED.clear()
        first = ds.load(path)
        (entry,) = (home / "kzlaw").glob("*.pickle")
        raw = bytearray(entry.read_bytes())
        for where, bits in flips:
            raw[int(where * len(raw))] ^= bits
        entry.write_bytes(bytes(raw))
        ds._LOADED.clear()
        again = ds.load(path)
        assert again == first  # the damage is detected and the entry rebuilt from the YAML
        result = CliRunner().invoke(app, ["--data", str(path), "show", "110", "--json"])
        _no_crash(result)
        assert result.exit_code == 0
    finally:
        ds._LOADED.clear()
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
