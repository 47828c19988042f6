"""Mutation tests on the SHIPPED dataset: break a copy of data/articles.yaml in each way
`kzlaw validate` lists, and expect each break to be caught at the place it was made.

Every mutation finds the line to break by searching the real file's text (never by a
hard-coded line number), so the tests follow the dataset as it grows. For each one:

- `kzlaw.validate(path)` reports a problem at exactly that line and column, with a fix;
- `kzlaw.load(path)` raises DatasetError whose message starts with `file:line:column:`;
- `kzlaw validate PATH` exits 3 and prints the located problem; for a few kinds,
  `validate --json` and another command (`kzlaw --data PATH articles`, exit 3) name the same place.

KZLAW_NO_CACHE=1 is set so that no cached dataset can hide a problem.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kzlaw
from kzlaw import DatasetError
from kzlaw.cli import app
from kzlaw.dataset import default_path

SHIPPED = default_path()


def _beside(folder: Path) -> None:
    """Copy the files the shipped dataset includes (its sub-folders) next to a copy of it in `folder`."""
    for sub in SHIPPED.parent.iterdir():
        if sub.is_dir() and not (folder / sub.name).exists():
            shutil.copytree(sub, folder / sub.name)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("KZLAW_NO_CACHE", "1")
    monkeypatch.delenv("KZLAW_DATA", raising=False)


# -- finding places in the real file ---------------------------------------------------------


def _lines() -> list[str]:
    return SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)


def find(lines: list[str], pattern: str, start: int = 0) -> int:
    """Index (0-based) of the first line at or after `start` that matches the regex `pattern`."""
    rx = re.compile(pattern)
    for i in range(start, len(lines)):
        if rx.search(lines[i]):
            return i
    raise AssertionError(f"the shipped dataset has no line matching {pattern!r} after line {start + 1}")


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_end(lines: list[str], i: int) -> int:
    """Index just after the YAML item or key that starts on line i (the lines indented deeper)."""
    own = indent(lines[i])
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or indent(lines[j]) > own):
        j += 1
    return j


def replace_on(lines: list[str], i: int, old: str, new: str) -> int:
    """Replace the first `old` on line i by `new`; return the 1-based column where it starts."""
    assert old in lines[i], f"line {i + 1} of the shipped dataset has no {old!r}: {lines[i]!r}"
    column = lines[i].index(old) + 1
    lines[i] = lines[i].replace(old, new, 1)
    return column


def anchors(lines: list[str]) -> dict[str, int]:
    code97 = find(lines, r"^  - id: kz-cc-1997\s*$")
    code14 = find(lines, r"^  - id: kz-cc-2014\s*$")
    arts97 = find(lines, r"^    articles:\s*$", code97)
    arts14 = find(lines, r"^    articles:", code14)  # `articles: []`: the 2014 articles are in included files
    assert code97 < arts97 < code14 < arts14
    return {
        "code97": code97,
        "code14": code14,
        "arts97": arts97,
        "arts14": arts14,
        "art120": find(lines, r'^      - article: "120"\s*$', arts97),
        "art121": find(lines, r'^      - article: "121"\s*$', arts97),
        "art122": find(lines, r'^      - article: "122"\s*$', arts97),
        "art123": find(lines, r'^      - article: "123"\s*$', arts97),
        "art124": find(lines, r'^      - article: "124"\s*$', arts97),
    }


# -- the mutations ------------------------------------------------------------------------------


@dataclass
class Broken:
    lines: list[str]
    line: int  # 1-based
    column: int  # 1-based
    message: str  # a substring of the problem's message
    fix: str = ""  # a substring of the fix, when the fix names something


def unknown_key(lines, a):
    # an optional key misspelt: only the unknown key is wrong, nothing goes missing
    i = find(lines, r"^\s+date_approximate: ", a["art120"])
    col = replace_on(lines, i, "date_approximate:", "date_aproximate:")
    return Broken(lines, i + 1, col, "unknown key 'date_aproximate'", "date_approximate")


def wrong_type(lines, a):
    i = find(lines, r"^\s+general_age: 16\s*$", a["code97"])
    col = replace_on(lines, i, "16", "sixteen")
    return Broken(lines, i + 1, col, "general_age must be a whole number")


def min_above_max(lines, a):
    i = find(lines, r"\{kind: imprisonment, min: 3, max: 5, unit: years\}", a["art120"])
    col = replace_on(lines, i, "min: 3", "min: 9") + len("min: ")
    return Broken(lines, i + 1, col, "min 9 is above max 5")


def fact_min_above_max(lines, a):
    start = find(lines, r"^  - name: offender_age\s*$")
    i = find(lines, r"^    min: 0\s*$", start)
    assert i < block_end(lines, start), "offender_age has a min"
    col = replace_on(lines, i, "0", "130")
    return Broken(lines, i + 1, col, "min 130 is above max 120")


def unit_mismatch(lines, a):
    i = find(lines, r"\{kind: imprisonment, min: 3, max: 5, unit: years\}", a["art120"])
    col = replace_on(lines, i, "unit: years", "unit: hours") + len("unit: ")
    return Broken(lines, i + 1, col, "unit 'hours' does not fit imprisonment", "months")


def unknown_fact_in_condition(lines, a):
    i = find(lines, r"when: venereal_infection\}", a["art120"])
    col = replace_on(lines, i, "venereal_infection}", "venereal_infektion}")
    return Broken(lines, i + 1, col, "condition names unknown fact 'venereal_infektion'", "venereal_infection")


def unknown_act_in_condition(lines, a):
    i = find(lines, r"^\s+elements: .*\{act: sexual_intercourse\}", a["art120"])
    col = replace_on(lines, i, "{act: sexual_intercourse}", "{act: sexual_intercorse}") + len("{act: ")
    return Broken(lines, i + 1, col, "condition names unknown act 'sexual_intercorse'", "sexual_intercourse")


def missing_source(lines, a):
    part = find(lines, r'^\s+- part: "1"\s*$', a["art120"])
    end = block_end(lines, part)
    sources = find(lines, r"^\s+sources:\s*$", part)
    assert sources < end, "part 1 of 1997 Art. 120 has its own sources"
    del lines[sources : block_end(lines, sources)]
    col = lines[part].index("part:") + 1
    return Broken(lines, part + 1, col, "part 1 has no sources", "sources")


def duplicate_article(lines, a):
    # a second, identical copy of 1997 Art. 120 right after the first
    block = lines[a["art120"] : a["art121"]]
    lines[a["art121"] : a["art121"]] = block
    i = a["art121"]  # where the copy starts
    col = lines[i].index('"120"') + 1
    return Broken(lines, i + 1, col, "duplicate article 120")


def articles_out_of_order(lines, a):
    # swap the whole blocks of 1997 Arts. 122 and 123
    b122 = lines[a["art122"] : a["art123"]]
    b123 = lines[a["art123"] : a["art124"]]
    lines[a["art122"] : a["art124"]] = b123 + b122
    i = a["art122"] + len(b123)
    assert lines[i].strip() == '- article: "122"'
    col = lines[i].index('"122"') + 1
    return Broken(lines, i + 1, col, "article 122 is out of order")


def duplicate_part(lines, a):
    i = find(lines, r'^\s+- part: "2"\s*$', a["art120"])
    col = replace_on(lines, i, '"2"', '"1"')
    return Broken(lines, i + 1, col, "duplicate part 1")


def parts_out_of_order(lines, a):
    # swap the whole blocks of parts 2 and 3 of the first version of 1997 Art. 120
    p2 = find(lines, r'^\s+- part: "2"\s*$', a["art120"])
    p3 = find(lines, r'^\s+- part: "3"\s*$', p2)
    end = block_end(lines, p3)
    assert block_end(lines, p2) == p3
    b2, b3 = lines[p2:p3], lines[p3:end]
    lines[p2:end] = b3 + b2
    i = p2 + len(b3)
    assert lines[i].strip() == '- part: "2"'
    col = lines[i].index('"2"') + 1
    return Broken(lines, i + 1, col, "part 2 is out of order")


def liability_unknown_article(lines, a):
    lower = find(lines, r"^\s+lower_ages:\s*$", a["code97"])
    assert lower < a["arts97"]
    i = find(lines, r'\{article: "121"\}', lower)
    assert i < a["arts97"]
    col = replace_on(lines, i, '"121"', '"999"')
    return Broken(lines, i + 1, col, "the age-of-liability list names article 999", "not_encoded")


def yaml_syntax(lines, a):
    i = find(lines, r"^\s+title: Rape\s*$", a["art120"])
    lines[i] = lines[i].rstrip("\n") + ": again\n"
    col = lines[i].index(": again") + 1
    return Broken(lines, i + 1, col, "not valid YAML")


def version_overlaps_next(lines, a):
    first = find(lines, r"^\s+- valid_from: 1998-01-01\s*$", a["art120"])
    second = find(lines, r"^\s+- valid_from: ", first + 1)
    next_from = lines[second].split(":", 1)[1].strip()
    key_indent = lines[first].index("valid_from")
    lines.insert(first + 1, " " * key_indent + "valid_to: 2010-06-30\n")
    assert next_from <= "2010-06-30", "the next version starts before the inserted end"
    col = key_indent + len("valid_to: ") + 1
    return Broken(lines, first + 2, col, f"this version overlaps the next one (from {next_from})")


def versions_out_of_order(lines, a):
    first = find(lines, r"^\s+- valid_from: 1998-01-01\s*$", a["art120"])
    second = find(lines, r"^\s+- valid_from: \d{4}-\d\d-\d\d\s*$", first + 1)
    assert second < a["art121"]
    old = lines[second].split(":", 1)[1].strip()
    col = replace_on(lines, second, old, "1998-01-01")
    return Broken(lines, second + 1, col, "each later version needs a valid_from after the one before")


MUTATIONS: dict[str, Callable] = {
    f.__name__: f
    for f in (
        unknown_key,
        wrong_type,
        min_above_max,
        fact_min_above_max,
        unit_mismatch,
        unknown_fact_in_condition,
        unknown_act_in_condition,
        missing_source,
        duplicate_article,
        articles_out_of_order,
        duplicate_part,
        parts_out_of_order,
        liability_unknown_article,
        yaml_syntax,
        version_overlaps_next,
        versions_out_of_order,
    )
}


@pytest.fixture(params=list(MUTATIONS), ids=list(MUTATIONS))
def broken(request, tmp_path) -> tuple[Path, Broken]:
    lines = _lines()
    original = "".join(lines)
    case = MUTATIONS[request.param](list(lines), anchors(lines))
    text = "".join(case.lines)
    assert text != original, "the mutation changed nothing"
    path = tmp_path / "articles.yaml"
    path.write_text(text, encoding="utf-8")
    _beside(tmp_path)
    return path, case


# -- the shipped file is the clean baseline -----------------------------------------------------


def test_the_shipped_dataset_copied_unchanged_is_valid(tmp_path):
    path = tmp_path / "articles.yaml"
    path.write_text("".join(_lines()), encoding="utf-8")
    _beside(tmp_path)
    assert kzlaw.validate(path) == []
    assert kzlaw.load(path).codes
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout == ""


# -- each mutation is caught at its place ---------------------------------------------------------


def test_validate_reports_the_problem_at_the_broken_line_and_column(broken):
    path, case = broken
    problems = kzlaw.validate(path)
    assert problems, "the broken dataset was reported valid"
    here = [p for p in problems if p.line == case.line and case.message in p.message]
    assert here, f"expected {case.message!r} at line {case.line}; got: {[str(p) for p in problems]}"
    problem = here[0]
    assert problem.column == case.column, (str(problem), case.column)
    assert problem.file == str(path)
    assert problem.fix.strip(), "every problem says how to fix it"
    assert case.fix in problem.fix, (problem.fix, case.fix)
    assert str(problem).startswith(f"{path}:{case.line}:{case.column}: {problem.message}")
    # the file's problems are in file order
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)


def test_load_raises_dataset_error_naming_file_line_and_column(broken):
    path, case = broken
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    error = caught.value
    assert error.exit_code == 3
    assert error.code == "invalid_dataset"
    message = str(error)
    assert message.startswith(f"{path}:{case.line}:{case.column}: "), message
    assert case.message in message


def test_validate_command_exits_3_and_prints_the_located_problem(broken):
    path, case = broken
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3, (result.stdout, result.stderr, result.exception)
    located = f"{path}:{case.line}:{case.column}: "
    assert any(row.startswith(located) and case.message in row for row in result.stdout.splitlines()), result.stdout
    assert "problem(s)" in result.stderr
    assert "Traceback" not in result.stderr


# a few kinds, each from another part of the file, through `validate --json` and another command
FEW = ["yaml_syntax", "missing_source", "liability_unknown_article"]


@pytest.mark.parametrize("name", FEW)
def test_validate_json_and_another_command_name_the_same_place(name, tmp_path):
    lines = _lines()
    case = MUTATIONS[name](list(lines), anchors(lines))
    path = tmp_path / "articles.yaml"
    path.write_text("".join(case.lines), encoding="utf-8")
    _beside(tmp_path)
    runner = CliRunner()

    as_json = runner.invoke(app, ["validate", str(path), "--json"])
    assert as_json.exit_code == 3, (as_json.stdout, as_json.stderr)
    document = json.loads(as_json.stdout)
    assert document["valid"] is False
    assert document["file"] == str(path)
    assert any(
        p["line"] == case.line and p["column"] == case.column and case.message in p["message"] and p["fix"]
        for p in document["problems"]
    ), document["problems"]

    other = runner.invoke(app, ["--data", str(path), "articles"])
    assert other.exit_code == 3, (other.stdout, other.stderr, other.exception)
    assert other.stdout == ""
    assert other.stderr.startswith(f"kzlaw: {path}:{case.line}:{case.column}: "), other.stderr
    assert "Traceback" not in other.stderr


# -- a problem in an included file is placed in that file ------------------------------------------


def test_a_problem_in_an_included_file_is_reported_at_its_place_in_that_file(tmp_path):
    path = tmp_path / "articles.yaml"
    path.write_text("".join(_lines()), encoding="utf-8")
    _beside(tmp_path)
    included = tmp_path / "kz-cc-2014" / "ch01c.yaml"
    lines = included.read_text(encoding="utf-8").splitlines(keepends=True)
    i = find(lines, r'replaces: \[\{code: kz-cc-1997, article: "120"\}\]')
    replace_on(lines, i, 'article: "120"', 'article: "999"')
    column = lines[i].index("{code:") + 1
    included.write_text("".join(lines), encoding="utf-8")
    problems = kzlaw.validate(path)
    assert [(p.file, p.line, p.column) for p in problems] == [(str(included), i + 1, column)]
    assert "replaces names 999@kz-cc-1997, which is not in the dataset" in problems[0].message
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert result.stdout.startswith(f"{included}:{i + 1}:{column}: "), result.stdout


def test_an_article_in_two_files_is_a_duplicate_placed_in_the_later_file(tmp_path):
    path = tmp_path / "articles.yaml"
    path.write_text("".join(_lines()), encoding="utf-8")
    _beside(tmp_path)
    first = (tmp_path / "kz-cc-2014" / "ch01d.yaml").read_text(encoding="utf-8")
    block = first[first.index('  - article: "131"') :]
    later = tmp_path / "kz-cc-2014" / "ch02.yaml"
    later.write_text(later.read_text(encoding="utf-8") + block, encoding="utf-8")
    problems = kzlaw.validate(path)
    assert problems and {p.file for p in problems} == {str(later)}
    assert any("131" in p.message for p in problems), [str(p) for p in problems]


def test_an_included_file_that_cannot_be_read_is_named_at_the_include_line(tmp_path):
    path = tmp_path / "articles.yaml"
    path.write_text("".join(_lines()), encoding="utf-8")
    _beside(tmp_path)
    (tmp_path / "kz-cc-2014" / "ch02.yaml").unlink()
    (problem,) = [p for p in kzlaw.validate(path) if "ch02.yaml" in p.message]
    assert problem.file == str(path)
    assert _lines()[problem.line - 1].strip() == "- kz-cc-2014/ch02.yaml"
