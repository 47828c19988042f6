"""The Art. 15 list by date: an article (or part) is on the lower-age list only from the day it
was added and until the day before it was removed (tests/data/liability_dated.yaml, the tests'
own dataset). The one-off answer, the batch and the Python API agree."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzlaw import assess, load
from kzlaw.cli import app

DATA = Path(__file__).parent / "data" / "liability_dated.yaml"


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def one(ds, facts, day):
    result = assess(ds, facts, code="t", date=day)
    assert len(result.matches) == 1
    return result.matches[0]


@pytest.mark.parametrize(
    ("act", "extra", "day", "min_age"),
    [
        ("harm", {}, dt.date(2017, 12, 31), 16),  # not yet on the list
        ("harm", {}, dt.date(2018, 1, 1), 14),  # from its first day
        ("theft", {"armed": True}, dt.date(2019, 12, 31), 14),  # part 2, its last day on the list
        ("theft", {"armed": True}, dt.date(2020, 1, 1), 16),  # taken off
        ("theft", {"armed": False}, dt.date(2019, 6, 1), 16),  # part 1 was never on it
        ("riot", {}, dt.date(2015, 6, 1), 14),  # an undated entry holds on every day
    ],
)
def test_min_age_follows_the_day_of_the_offence(ds, act, extra, day, min_age):
    m = one(ds, {"act": act, "offender_age": 15, **extra}, day)
    assert m.min_age == min_age
    assert m.liable is (15 >= min_age)


def test_without_a_date_the_list_as_it_stands_now(ds):
    code = next(c for c in ds.codes if c.id == "t")
    assert code.liability.min_age("1") == 14
    assert code.liability.min_age("2", "2") == 16


def test_batch_lines_on_both_sides_of_a_change_answer_each_by_its_day(tmp_path):
    lines = [
        {"act": "harm", "offender_age": 15, "date": "2017-06-01"},
        {"act": "harm", "offender_age": 15, "date": "2018-06-01"},
        {"act": "harm", "offender_age": 15, "date": "2017-06-02"},
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = CliRunner().invoke(app, ["--data", str(DATA), "assess", "--batch", str(path), "--code", "t"])
    assert result.exit_code == 0, result.output
    answers = [json.loads(x)["matches"][0] for x in result.stdout.splitlines()]
    assert [(a["min_age"], a["liable"]) for a in answers] == [(16, False), (14, True), (16, False)]
