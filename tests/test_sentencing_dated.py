"""Dated wordings of the sentencing rules (Arts. 55 and 56): the day of the offence picks the
wording, and an earlier wording says so. On the tests' own dataset tests/data/sentencing_dated.yaml
(an early wording in the shape of the 2015 text, and the 08.03.2026 one from 2025-09-15)."""

import datetime as dt
from pathlib import Path

import pytest
from test_sentencing import match_on, ranges, steps

from kzlaw import load

HERE = Path(__file__).parent
EARLY, LATE = dt.date(2017, 3, 1), dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def ds():
    return load(HERE / "data" / "sentencing_dated.yaml")


def run(ds, article, day, **kw):
    return match_on(ds, article, day, dt.date(2026, 6, 1), **kw)


def test_the_early_wording_caps_only_the_most_severe_kind(ds):
    # 301: a fine of 100-500 MCI or 2-4 years; half of the maximum of the most severe kind (imprisonment)
    m = run(ds, "301", EARLY, mitigating=["repentance"])
    assert ranges(m)["imprisonment"] == (None, 24)
    assert ranges(m)["fine"] == (None, 500)  # not capped: only the most severe kind is (the minimum is free)
    s = steps(m)["mitigation"]
    assert "of the most severe kind (imprisonment)" in s.text
    assert "[Art. 55 as worded from 2015-01-01, the original wording]" in s.text


def test_the_later_wording_caps_every_principal_punishment_and_is_not_labelled(ds):
    m = run(ds, "301", LATE, mitigating=["repentance"])
    assert ranges(m) == {"fine": (None, 250), "imprisonment": (None, 24)}
    assert "as worded from" not in steps(m)["mitigation"].text


def test_a_misdemeanour_is_outside_the_early_part_2(ds):
    m = run(ds, "305", EARLY, mitigating=["repentance"])
    s = steps(m)["mitigation"]
    assert s.text.startswith("not applied: part 2 (wording in force from 2015-01-01) covers only")
    assert "not a criminal misdemeanour" in s.text
    assert ranges(m)["fine"] == (20, 100)  # unchanged
    m = run(ds, "305", LATE, mitigating=["repentance"])
    assert ranges(m)["fine"] == (None, 50)


def test_a_qualified_part_is_capped_only_where_the_wording_has_no_paragraph_against_it(ds):
    early = run(ds, "302", EARLY, mitigating=["repentance"], group=True)
    assert early.part == "2" and ranges(early)["imprisonment"] == (None, 96)  # 2/3 of 12 years
    late = run(ds, "302", LATE, mitigating=["repentance"], group=True)
    assert "qualified" in steps(late)["mitigation"].text
    assert ranges(late)["imprisonment"] == (96, 144)


def test_the_agreement_cap_was_a_flat_half(ds):
    # 303, especially grave (10-15 years or life): half then, three quarters now
    assert ranges(run(ds, "303", EARLY, agreement=True))["imprisonment"] == (None, 90)
    assert ranges(run(ds, "303", LATE, agreement=True))["imprisonment"] == (None, 135)


def test_a_life_only_attempt_gets_25_years_only_in_the_later_wording(ds):
    late = run(ds, "304", LATE, stage="attempt")
    assert ranges(late) == {"imprisonment": (300, 300)}
    early = run(ds, "304", EARLY, stage="attempt")
    assert "imprisonment" not in ranges(early)
    assert "life_imprisonment" not in ranges(early)
    said = steps(early)["stage"].text
    assert "life imprisonment only and this wording gives no other term for the attempt" in said
