"""`kzlaw assess --batch`: JSON Lines in, JSON Lines out, on the shipped dataset.

The contract: exactly one output line per input line, in order, each starting with
"line": N (1-based); a bad line gives {"line": N, "error": {"code", "message"}} and the
run goes on; exit 0 when every line was assessed, 2 when some line was bad. A blank line
is no record: it is skipped (as JSON Lines tools do) and keeps its number. A UTF-8 BOM
and Windows line ends are accepted; an empty input gives no output. A progress bar is
drawn on stderr only when stderr is a terminal and the input is a regular file; otherwise
stderr carries only a summary of the bad lines at the end, when there are any. A closed
pipe (| head) ends quietly. The dataset is loaded once, and identical lines are assessed once.

Most checks go through Typer's CliRunner (`input=` for stdin); the closed pipe, the
progress bar, the parallel path for big files and the huge lines use real processes
(`sys.executable -m kzlaw`).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kzlaw
from kzlaw import batch
from kzlaw.cli import app

GOOD = [
    {"act": ["sexual_intercourse"], "violence": True, "victim_age": 13, "offender_age": 15},
    {"act": ["insult"], "publicly": True},
    {"act": ["defamation"], "mass_media": True, "offender_age": 30},
    {"act": ["illegal_computer_access"], "info_damage": True},
    {"act": ["other_sexual_acts"], "threat": True, "victim_age": 16, "offender_age": 14},
]


def jl(*items) -> str:
    """JSON Lines: a dict or list is dumped, a str is taken as the raw line."""
    return "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in items)


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv("KZLAW_DATA", raising=False)


@pytest.fixture(scope="session")
def dataset():
    return kzlaw.load()


@pytest.fixture(scope="session")
def proc_env(tmp_path_factory):
    """Environment of the real processes: the shipped dataset, a cache of their own, no colour."""
    env = {k: v for k, v in os.environ.items() if k not in ("KZLAW_DATA", "KZLAW_NO_CACHE", "FORCE_COLOR")}
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def cli(args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def run_kzlaw(args, env, *, stdin=None, input=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "kzlaw", *map(str, args)],
        stdin=stdin,
        input=input,
        capture_output=True,
        env=env,
        timeout=timeout,
    )


def batch_cli(source: str, data: str | bytes, path: Path):
    """`assess --batch` through the CliRunner, reading `data` from a file at `path` or from stdin."""
    if source == "file":
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return cli(["assess", "--batch", path])
    return cli(["assess", "--batch", "-"], input=data)


def batch_process(source: str, data: bytes, path: Path, env):
    """`assess --batch` as a real process, reading `data` from a file at `path` or from stdin."""
    if source == "file":
        path.write_bytes(data)
        return run_kzlaw(["assess", "--batch", path], env, stdin=subprocess.DEVNULL)
    return run_kzlaw(["assess", "--batch", "-"], env, input=data)


def documents(stdout: str, numbers: list[int] | None = None) -> list[dict]:
    """Each output line as a JSON object, checking that "line" comes first and the numbering:
    `numbers` when given, else 1, 2, 3, ... (the input had no blank line)."""
    assert stdout == "" or stdout.endswith("\n"), "every output line ends with a newline"
    rows = stdout.splitlines()
    numbers = list(range(1, len(rows) + 1)) if numbers is None else numbers
    assert len(rows) == len(numbers), (len(rows), len(numbers))
    out = []
    for n, row in zip(numbers, rows, strict=True):
        assert row.startswith(f'{{"line": {n},') or row == f'{{"line": {n}}}', row[:120]
        doc = json.loads(row)
        assert list(doc)[0] == "line" and doc["line"] == n
        out.append(doc)
    return out


def summary_only(stderr: str | bytes, bad: int, lines: int) -> None:
    """stderr holds one line: the summary of the bad lines at the end of the run."""
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert text.startswith("kzlaw: ") and text.count("\n") == 1, text[-600:]
    assert f"{bad} of {lines} lines {'was' if bad == 1 else 'were'} bad" in text, text


def error_code(doc: dict) -> str | None:
    if "error" not in doc:
        assert "matches" in doc and "code" in doc, list(doc)
        return None
    assert set(doc) == {"line", "error", "matches"} and doc["matches"] == [], doc
    assert set(doc["error"]) >= {"code", "message"} and doc["error"]["message"], doc
    return doc["error"]["code"]


# -- one line out per line in, in order, bad lines as error objects -------------------------------

MIXED = [
    (GOOD[0], None),
    ("", "skipped"),
    ("   \t  ", "skipped"),
    ("{bad json", "bad_json"),
    ("[1, 2]", "bad_json"),
    ('"just text"', "bad_json"),
    ("null", "bad_json"),
    ("42", "bad_json"),
    ({"victm_age": 3}, "unknown_fact"),
    ({"violence": "very"}, "bad_value"),
    ({"act": ["flying"]}, "unknown_act"),
    ('{"act": ["insult"]} {"act": ["insult"]}', "bad_json"),
    ({"victim_age": "1\u20282\u0085 3"}, "bad_value"),  # LINE SEPARATOR and NEL are not line ends
    (GOOD[1], None),
    (GOOD[2], None),
]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_one_output_line_per_input_line_in_order_with_errors_as_objects(source, tmp_path):
    text = jl(*(line for line, _ in MIXED))
    result = batch_cli(source, text, tmp_path / "in.jsonl")
    assert result.exit_code == 2, (result.stdout[-500:], result.stderr, result.exception)
    kept = [(n, code) for n, (_, code) in enumerate(MIXED, 1) if code != "skipped"]
    summary_only(result.stderr, sum(code is not None for _, code in kept), len(kept))
    docs = documents(result.stdout, [n for n, _ in kept])
    assert [error_code(d) for d in docs] == [code for _, code in kept]


def test_every_line_assessed_is_exit_0(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(jl(*GOOD), encoding="utf-8")
    result = cli(["assess", "--batch", path])
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert result.stderr == ""
    docs = documents(result.stdout)
    assert len(docs) == len(GOOD)
    assert all(error_code(d) is None for d in docs)


def test_one_bad_line_among_good_ones_is_exit_2_and_the_output_is_complete(tmp_path):
    lines = [*GOOD, {"victim_age": 300}, *GOOD]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exit_code == 2
    docs = documents(result.stdout)
    assert len(docs) == len(lines)
    assert [error_code(d) for d in docs] == [None] * 5 + ["bad_value"] + [None] * 5
    summary_only(result.stderr, 1, 11)
    assert "bad_value 1" in result.stderr and "line 6." in result.stderr
    # the good lines after the bad one give the same answers as before it
    assert [{k: v for k, v in d.items() if k != "line"} for d in docs[:5]] == [
        {k: v for k, v in d.items() if k != "line"} for d in docs[6:]
    ]


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("\n", []),
        ("\n\n\n", []),
        (jl(GOOD[0]) + "\n", [1]),
        ("\n" + jl(GOOD[0]), [2]),
        (jl(GOOD[0], "", GOOD[1]), [1, 3]),
        (jl(GOOD[0], " \t", GOOD[1]), [1, 3]),
        (json.dumps(GOOD[0]), [1]),  # no newline after the last line
    ],
    ids=["one_blank", "three_blank", "blank_at_end", "blank_at_start", "blank_between", "spaces", "no_final_newline"],
)
def test_blank_lines_are_skipped_and_keep_their_numbers(text, numbers):
    result = cli(["assess", "--batch", "-"], input=text)
    docs = documents(result.stdout, numbers)
    assert all(error_code(d) is None for d in docs)
    assert result.exit_code == 0
    assert result.stderr == ""


# -- BOM, Windows line ends, empty input ----------------------------------------------------------


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_utf8_bom_at_the_start_is_accepted(source, tmp_path):
    data = "\ufeff".encode() + jl(*GOOD[:3]).encode()
    plain = cli(["assess", "--batch", "-"], input=jl(*GOOD[:3]))
    result = batch_cli(source, data, tmp_path / "bom.jsonl")
    assert result.exit_code == 0, result.stdout[:300]
    assert result.stderr == ""
    assert result.stdout == plain.stdout
    assert len(documents(result.stdout)) == 3


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_windows_line_ends_give_the_same_output_as_unix_ones(source, tmp_path):
    unix = jl(GOOD[0], "", GOOD[1], "{bad", GOOD[2])
    windows = unix.replace("\n", "\r\n").encode()
    expected = cli(["assess", "--batch", "-"], input=unix)
    result = batch_cli(source, windows, tmp_path / "crlf.jsonl")
    assert result.exit_code == expected.exit_code == 2
    assert result.stdout == expected.stdout
    assert "\r" not in result.stdout
    assert [error_code(d) for d in documents(result.stdout, [1, 3, 4, 5])] == [None, None, "bad_json", None]


def test_bom_and_windows_line_ends_together(tmp_path):
    path = tmp_path / "both.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jl(*GOOD[:2]).replace("\n", "\r\n").encode())
    result = cli(["assess", "--batch", path])
    assert result.exit_code == 0
    assert result.stdout == cli(["assess", "--batch", "-"], input=jl(*GOOD[:2])).stdout


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_an_empty_input_gives_no_output_and_exit_0(source, tmp_path):
    result = batch_cli(source, b"", tmp_path / "empty.jsonl")
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert result.stderr == ""


def test_a_file_holding_only_a_bom_is_an_empty_input(tmp_path):
    # the byte-order mark is the encoding's signature, not a line: the decoded text is empty
    path = tmp_path / "bom-only.jsonl"
    path.write_bytes(b"\xef\xbb\xbf")
    result = cli(["assess", "--batch", path])
    assert result.stdout == ""
    assert result.exit_code == 0


def test_an_unreadable_batch_file_is_exit_2_with_one_sentence(tmp_path):
    result = cli(["assess", "--batch", tmp_path / "no-such.jsonl"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kzlaw: Cannot read the batch file")
    assert "Traceback" not in result.stderr


# -- per-line options ------------------------------------------------------------------------------


def test_per_line_article_code_date_stage_and_as_of():
    base = {"act": ["sexual_intercourse"], "violence": True, "victim_age": 30, "offender_age": 20}
    lines = [
        {
            **base,
            "article": "120",
            "code": "kz-cc-1997",
            "date": "2005-06-01",
            "stage": "attempt",
            "as_of": "2010-01-01",
        },
        {**base, "article": 120},
        {**base, "article": ["120", "121"]},
        {**base, "date": "2005-06-01"},
        {**base, "code": "kz-cc-2014", "date": "2016-03-01", "as_of": "2017-01-01", "stage": "preparation"},
        base,
    ]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exit_code == 0, result.stdout[-400:]
    docs = documents(result.stdout)
    for key in ("code", "date", "stage", "as_of"):
        assert all(key in d for d in docs), key
    first = docs[0]
    assert (first["code"], first["date"], first["stage"], first["as_of"]) == (
        "kz-cc-1997",
        "2005-06-01",
        "attempt",
        "2010-01-01",
    )
    assert {m["article"] for m in first["matches"]} == {"120"}
    assert {m["article"] for m in docs[1]["matches"]} == {"120"}
    assert {m["article"] for m in docs[2]["matches"]} == {"120", "121"}
    assert docs[3]["code"] == "kz-cc-1997" and docs[3]["date"] == "2005-06-01"  # the code in force that day
    assert (docs[4]["code"], docs[4]["date"], docs[4]["stage"], docs[4]["as_of"]) == (
        "kz-cc-2014",
        "2016-03-01",
        "preparation",
        "2017-01-01",
    )
    last = docs[5]
    assert (last["code"], last["date"], last["stage"], last["as_of"]) == ("kz-cc-2014", None, None, None)
    # without "article" the elements must hold by the facts: Art. 121 (other sexual acts) is not assessed
    # as given, so it appears above only because the line named it
    assert "121" not in {m["article"] for m in last["matches"]}
    assert "120" in {m["article"] for m in last["matches"]}


@pytest.mark.parametrize(
    "options, code",
    [
        ({"stage": "bogus"}, "bad_value"),
        ({"date": "2005-13-01"}, "bad_date"),
        ({"as_of": "nope"}, "bad_date"),
        ({"code": "kz-cc-1999"}, "unknown_code"),
        ({"article": {"a": 1}}, "bad_value"),
        ({"article": "9999"}, "unknown_article"),
    ],
    ids=["stage", "date", "as_of", "code", "article_type", "article_unknown"],
)
def test_a_bad_per_line_option_is_an_error_object_and_the_run_goes_on(options, code):
    lines = [GOOD[1], {**GOOD[1], **options}, GOOD[1]]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exit_code == 2, (result.stdout[-300:], result.exception)
    assert [error_code(d) for d in documents(result.stdout)] == [None, code, None]


@pytest.mark.parametrize(
    "options",
    [
        {"code": ["kz-cc-2014"]},
        {"code": 2014},
        {"code": {"id": "kz-cc-2014"}},
        {"stage": ["attempt"]},
        {"date": ["2005-01-01"]},
    ],
    ids=["code_list", "code_number", "code_mapping", "stage_list", "date_list"],
)
def test_a_per_line_option_of_the_wrong_type_is_an_error_object_not_a_crash(options):
    lines = [GOOD[1], {**GOOD[1], **options}, GOOD[1]]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, (result.stdout[-300:], repr(result.exception))
    docs = documents(result.stdout)
    assert len(docs) == 3
    assert error_code(docs[0]) is None and error_code(docs[2]) is None
    assert error_code(docs[1]) is not None


# -- the batch answer is the assess --json answer -------------------------------------------------

SAME_AS_ASSESS = [
    (GOOD[0], []),
    (GOOD[2], []),
    (
        {
            "act": ["sexual_intercourse"],
            "violence": True,
            "victim_age": 30,
            "offender_age": 15,
            "stage": "attempt",
            "date": "2021-03-01",
            "as_of": "2024-01-01",
        },
        ["--stage", "attempt", "--date", "2021-03-01", "--as-of", "2024-01-01"],
    ),
    (
        {
            "act": ["sexual_intercourse"],
            "threat": True,
            "victim_age": 12,
            "code": "kz-cc-1997",
            "article": ["120", "121"],
        },
        ["--code", "kz-cc-1997", "--article", "120", "--article", "121"],
    ),
    ({"act": ["defamation"], "publicly": True, "date": "2010-05-01"}, ["--date", "2010-05-01"]),
    ({"victim_age": 13}, []),
]


@pytest.mark.parametrize("line, options", SAME_AS_ASSESS, ids=[str(i) for i in range(len(SAME_AS_ASSESS))])
def test_a_batch_line_gives_the_assess_json_document_for_the_same_facts(line, options, tmp_path):
    facts = {k: v for k, v in line.items() if k not in batch.OPTIONS}
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps(facts), encoding="utf-8")
    single = cli(["assess", "--facts", facts_file, *options, "--json"])
    assert single.exit_code == 0, single.stderr
    batched = cli(["assess", "--batch", "-"], input=jl(line))
    assert batched.exit_code == 0, batched.stdout[:300]
    (doc,) = documents(batched.stdout)
    del doc["line"]
    assert doc == json.loads(single.stdout)


# -- loaded once, identical lines assessed once -------------------------------------------------


def test_the_dataset_is_loaded_once_and_identical_lines_are_assessed_once(monkeypatch, dataset):
    import kzlaw.dataset

    loads, assessed = [], []
    real_load, real_assess = kzlaw.dataset.load, batch.assess_text
    monkeypatch.setattr(kzlaw.dataset, "load", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    monkeypatch.setattr(batch, "assess_text", lambda *a, **k: assessed.append(a[1]) or real_assess(*a, **k))
    lines = [GOOD[0]] * 40 + [GOOD[1]] * 40 + [GOOD[0]] * 20
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exit_code == 0
    docs = documents(result.stdout)
    assert len(docs) == 100
    assert len(loads) == 1
    assert len(assessed) == 2
    assert len({json.dumps({k: v for k, v in d.items() if k != "line"}) for d in docs}) == 2


# -- stderr, closed pipe, huge lines: real processes -------------------------------------------


def test_only_the_bad_lines_summary_on_stderr_when_it_is_not_a_terminal(tmp_path, proc_env):
    good = tmp_path / "good.jsonl"
    good.write_text(jl(*GOOD * 40), encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(jl(GOOD[0], "{bad", "", {"victm_age": 1}), encoding="utf-8")
    done = run_kzlaw(["assess", "--batch", good], proc_env, stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr) == (0, b"")
    assert len(documents(done.stdout.decode("utf-8"))) == 200
    done = run_kzlaw(["assess", "--batch", bad], proc_env, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    summary_only(done.stderr, 2, 3)
    assert b"lines 2, 4." in done.stderr
    assert len(documents(done.stdout.decode("utf-8"), [1, 2, 4])) == 3
    done = run_kzlaw(["assess", "--batch", bad, "--json"], proc_env, stdin=subprocess.DEVNULL)
    assert json.loads(done.stderr)["error"]["code"] == "bad_lines"
    done = run_kzlaw(["assess", "--batch", "-"], proc_env, input=jl(*GOOD).encode())
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.fixture(scope="module")
def many_lines(tmp_path_factory) -> Path:
    """About 12,000 lines of varied facts (over 1 MB, so `_big` sends it to worker processes).

    A BOM at the start, some bad lines, some repeated lines, different codes, dates and stages.
    """
    rng = random.Random(20240601)
    acts = [
        "sexual_intercourse",
        "other_sexual_acts",
        "defamation",
        "insult",
        "illegal_computer_access",
        "pornography_distribution",
        "sexual_coercion",
        "prostitution_recruitment",
    ]
    flags = [
        "violence",
        "threat",
        "group",
        "repeat",
        "publicly",
        "mass_media",
        "victim_death",
        "organized_group",
        "victim_helpless",
        "info_damage",
        "especial_brutality",
    ]
    lines: list[str] = []
    while len(lines) < 12_000:
        r = rng.random()
        if r < 0.01:
            lines.append(rng.choice(["", "{oops", "[]", '{"victm_age": 9}', '{"victim_age": -1}']))
            continue
        if r < 0.05 and lines:
            lines.append(rng.choice(lines))  # a repeat
            continue
        facts: dict = {"act": rng.sample(acts, rng.randint(1, 2))}
        if rng.random() < 0.7:
            facts["victim_age"] = rng.randint(3, 60)
        if rng.random() < 0.7:
            facts["offender_age"] = rng.randint(12, 70)
        for flag in rng.sample(flags, rng.randint(0, 3)):
            facts[flag] = rng.random() < 0.8
        r = rng.random()
        if r < 0.1:
            facts["code"] = "kz-cc-1997"
        elif r < 0.25:
            facts["date"] = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.05:
            facts["stage"] = rng.choice(["attempt", "preparation"])
        if rng.random() < 0.03:
            facts["article"] = rng.choice(["120", "121", ["120", "121"]])
        lines.append(json.dumps(facts))
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode())
    assert path.stat().st_size > 1_000_000
    return path


def test_the_parallel_path_gives_byte_for_byte_the_sequential_output(many_lines, proc_env, dataset):
    from kzlaw.cli import _big

    assert _big(str(many_lines)), "the file must be big enough for worker processes"
    done = run_kzlaw(["assess", "--batch", many_lines], proc_env, stdin=subprocess.DEVNULL)
    with open(many_lines, encoding="utf-8") as f:
        results = list(batch.run(dataset, f))
    with open(many_lines, encoding="utf-8-sig") as f:
        kept = [n for n, line in enumerate(f, 1) if line.strip()]
    expected = "".join(out + "\n" for out, _ in results).encode()
    assert done.returncode == (0 if all(ok for _, ok in results) else 2) == 2
    summary_only(done.stderr, sum(not ok for _, ok in results), len(kept))
    assert len(results) == len(kept) > 11_800
    assert done.stdout == expected  # same bytes, so also the same order and numbering
    numbers = [int(row[len('{"line": ') :].split(",", 1)[0].rstrip("}")) for row in done.stdout.decode().splitlines()]
    assert numbers == kept


def test_run_blocks_keeps_the_order_across_many_small_chunks(many_lines, dataset, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK", 97)
    with open(many_lines, encoding="utf-8") as f:
        lines = f.readlines()[:1500]
    sequential = list(batch.run(dataset, lines))
    blocks = list(batch.run_blocks(dataset, lines, 3))
    assert len(blocks) == -(-1500 // 97)
    assert b"".join(block for block, _ in blocks) == "".join(out + "\n" for out, _ in sequential).encode()
    by_chunk = [all(ok for _, ok in batch.run(dataset, lines[i : i + 97], i + 1)) for i in range(0, 1500, 97)]
    assert [ok for _, ok in blocks] == by_chunk  # a chunk's blank lines give no output
    assert json.loads(blocks[0][0].split(b"\n", 1)[0])["line"] == 1  # the BOM was taken off in the first chunk


@pytest.mark.parametrize("source", ["small_file", "big_file", "stdin"])
def test_a_closed_pipe_ends_quietly(source, many_lines, tmp_path, proc_env):
    if source == "small_file":
        path = tmp_path / "small.jsonl"
        path.write_text(jl(*GOOD * 400), encoding="utf-8")  # several MB of output: far more than a pipe holds
        command = f'"{sys.executable}" -m kzlaw assess --batch "{path}"'
    elif source == "big_file":
        command = f'"{sys.executable}" -m kzlaw assess --batch "{many_lines}"'
    else:
        path = tmp_path / "small.jsonl"
        path.write_text(jl(*GOOD * 400), encoding="utf-8")
        command = f'"{sys.executable}" -m kzlaw assess --batch - < "{path}"'
    script = f"set +o pipefail; {command} | head -1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", script], capture_output=True, env=proc_env, timeout=120)
    assert done.stderr == b"", done.stderr.decode(errors="replace")[-2000:]
    assert done.returncode in (0, 141), done.returncode  # ended by itself, or by SIGPIPE: never an error
    (row,) = done.stdout.decode().splitlines()
    assert json.loads(row)["line"] == 1


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_huge_lines_give_a_clean_error_or_result(source, tmp_path, proc_env):
    junk = "x" * 5_000_000
    lines = [
        GOOD[0],
        {"victim_age": 13, "violence": junk},  # a 5 MB value
        {junk[:1_000_000]: True},  # a 1 MB fact name
        {f"fact_{i}": True for i in range(10_000)},  # 10,000 unknown facts
        {"act": ["insult"] * 10_000, "publicly": True},  # a 10,000-item list of a known act
        GOOD[1],
    ]
    data = jl(*lines).encode()
    done = batch_process(source, data, tmp_path / "huge.jsonl", proc_env)
    summary_only(done.stderr, 3, 6)
    assert done.returncode == 2
    docs = documents(done.stdout.decode("utf-8"))
    assert [error_code(d) for d in docs] == [None, "bad_value", "unknown_fact", "unknown_fact", None, None]
    assert docs[4]["facts"]["act"] in (["insult"], ["insult"] * 10_000)


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_deeply_nested_line_is_a_bad_line_not_a_crash(source, tmp_path, proc_env):
    data = (jl(GOOD[0]) + "[" * 200_000 + "\n" + jl({"a": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}, GOOD[1])).encode()
    done = batch_process(source, data, tmp_path / "deep.jsonl", proc_env)
    assert b"Traceback" not in done.stderr and b"RecursionError" not in done.stderr, done.stderr[-600:]
    assert done.returncode == 2
    docs = documents(done.stdout.decode("utf-8"))
    assert [error_code(d) for d in docs] == [None, "bad_json", "unknown_fact", None]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_line_that_is_not_utf8_is_a_bad_line_not_a_crash(source, tmp_path, proc_env):
    data = jl(GOOD[0]).encode() + b'{"victim_age": "\xff\xfe"}\n' + jl(GOOD[1]).encode()
    done = batch_process(source, data, tmp_path / "latin.jsonl", proc_env)
    assert b"Traceback" not in done.stderr and b"UnicodeDecodeError" not in done.stderr, done.stderr[-600:]
    assert done.returncode == 2
    docs = documents(done.stdout.decode("utf-8"))
    assert len(docs) == 3
    assert error_code(docs[0]) is None and error_code(docs[2]) is None
    assert error_code(docs[1]) is not None


# -- the progress bar, under a pseudo-terminal -----------------------------------------------------


def _with_terminal_stderr(args, env, *, stdin=subprocess.DEVNULL, timeout=120) -> tuple[int, bytes, bytes]:
    """Run kzlaw with stderr on a pseudo-terminal and stdout on a pipe: (status, stdout, terminal output)."""
    master, slave = os.openpty()
    env = {**env, "TERM": "xterm", "COLUMNS": "100", "LINES": "30"}
    env.pop("NO_COLOR", None)
    seen: list[bytes] = []

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO once the last writer has gone
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "kzlaw", *map(str, args)],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        slave = -1
        reader.start()
        stdout, _ = child.communicate(timeout=timeout)
        reader.join(timeout=10)
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    return child.returncode, stdout, b"".join(seen)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_stderr_while_stdout_stays_json_lines(tmp_path, proc_env):
    path = tmp_path / "in.jsonl"
    lines = [*GOOD * 60, "{bad"]
    path.write_text(jl(*lines), encoding="utf-8")
    status, stdout, terminal = _with_terminal_stderr(["assess", "--batch", path], proc_env)
    assert terminal, "something is drawn on the terminal"
    assert b'{"line"' not in terminal, "the results go to stdout, not to the terminal"
    assert status == 2
    docs = documents(stdout.decode("utf-8"))
    assert len(docs) == len(lines)
    assert error_code(docs[-1]) == "bad_json"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_no_progress_bar_when_the_input_is_stdin(tmp_path, proc_env):
    path = tmp_path / "in.jsonl"
    path.write_text(jl(*GOOD * 10), encoding="utf-8")
    with open(path, "rb") as stdin:
        status, stdout, terminal = _with_terminal_stderr(["assess", "--batch", "-"], proc_env, stdin=stdin)
    assert status == 0
    assert terminal == b""
    assert len(documents(stdout.decode("utf-8"))) == 50


def test_the_same_match_on_two_dates_keeps_each_dates_warnings():
    """Match text is reused between lines: a later amendment's warning must follow the date, not the cache."""
    from kzlaw import load
    from kzlaw.batch import run

    base = {"act": ["inciting_discord"], "offender_age": 30}
    lines = [json.dumps({**base, "date": day}) for day in ("2020-06-01", "2021-06-01", "2020-06-01")]
    out = [json.loads(text) for text, _ok in run(load(), lines)]
    incited = [next(m for m in doc["matches"] if m["article"] == "174") for doc in out]
    assert "warnings" not in incited[0] and "warnings" not in incited[2]
    assert any("349-VI" in w["law"] for w in incited[1]["warnings"])


def test_a_line_on_a_pipe_is_answered_before_the_next_line_is_written(proc_env):
    """A program may write one line and wait for its answer before it writes the next."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kzlaw", "assess", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={k: v for k, v in proc_env.items() if k != "PYTHONUNBUFFERED"},  # buffered, as by default
    )
    answers: list[bytes] = []
    try:
        for i, line in enumerate(GOOD[:3], 1):
            process.stdin.write((json.dumps(line) + "\n").encode())
            process.stdin.flush()
            reader = threading.Thread(target=lambda: answers.append(process.stdout.readline()))
            reader.start()
            reader.join(timeout=30)
            assert not reader.is_alive(), f"no answer to line {i} while stdin stays open"
            assert json.loads(answers[-1])["line"] == i
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()


@pytest.mark.skipif(not hasattr(os, "openpty") or not os.path.exists("/dev/stdin"), reason="needs a pseudo-terminal")
def test_a_pipe_named_as_the_batch_file_is_read_once_not_drained_by_the_progress_bar(proc_env):
    """`--batch /dev/stdin` or `--batch <(cmd)` with stderr on a terminal: only a regular file is counted."""
    read_end, write_end = os.pipe()

    def feed():
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(jl(*GOOD).encode())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        status, stdout, _terminal = _with_terminal_stderr(["assess", "--batch", "/dev/stdin"], proc_env, stdin=read_end)
    finally:
        os.close(read_end)
        writer.join(timeout=10)
    assert status == 0
    assert len(documents(stdout.decode("utf-8"))) == len(GOOD)
