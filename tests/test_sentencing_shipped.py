"""Arts. 55 and 56 of the 2014 code on the shipped articles, against figures worked out by hand
from the official text (edition 08.03.2026)."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from kzlaw import assess, load
from kzlaw.cli import app
from kzlaw.sentencing import Given


@pytest.fixture(scope="module")
def ds():
    return load()


def imprisonment(match):
    return next((a.min, a.max) for a in match.general.penalty.alternatives if a.kind == "imprisonment")


def one(ds, article, given, **kw):
    result = assess(ds, {}, code="kz-cc-2014", articles=[article], date=dt.date(2026, 6, 1), sentencing=given, **kw)
    return result.matches[0]


def test_rape_part_1_with_repentance(ds):
    # Art. 120(1): 5 to 8 years, grave; Art. 55(2) items 2-3: 2/3, or 3/4 if an attack on life or health:
    # the larger, 3/4 of 96 months = 72, the minimum not binding (part 6)
    m = one(ds, "120", Given(mitigating=("repentance",)))
    assert m.part == "1" and m.general.category == "grave"
    assert imprisonment(m) == (None, 72)


def test_rape_part_1_with_an_agreement(ds):
    # Art. 55(3): 1/2 of 96, or 3/4 for a grave crime against life or health: the larger, 72
    assert imprisonment(one(ds, "120", Given(agreement=True))) == (None, 72)


def test_an_aggravating_circumstance_keeps_the_range(ds):
    m = one(ds, "120", Given(mitigating=("repentance",), aggravating=("intoxication",)))
    assert imprisonment(m) == (60, 96)


def test_cli_assess_with_sentencing_options():
    args = ["assess", "--article", "120", "--date", "2026-06-01", "--mitigating", "repentance", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    steps = [s["step"] for s in json.loads(result.stdout)["matches"][0]["steps"]]
    assert steps[2:4] == ["circumstances", "mitigation"]
    result = CliRunner().invoke(app, ["assess", "--article", "120", "--aggravating", "crueltyy", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "unknown_circumstance"


def test_cli_sentence_rape_and_kidnapping():
    # Art. 120(1) 5-8 years and Art. 125(1) 4-7 years, both grave: Art. 58(3), addition, 8 + 7 = 15 years
    # (180 months), under the 20-year cap; the total at least the higher minimum, 5 years
    args = ["sentence", "120:1", "125:1", "--date", "2026-06-01", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [o["category"] for o in doc["offences"]] == ["grave", "grave"]
    assert doc["total"]["rule"] == "addition"
    assert doc["total"]["article"] == "Art. 58 part 3 of kz-cc-2014"
    assert doc["total"]["penalty"]["alternatives"] == [
        {"kind": "imprisonment", "min": 60, "max": 180, "unit": "months"}
    ]
    assert doc["total"]["life"] is False


def test_cli_sentence_bad_spec():
    result = CliRunner().invoke(app, ["sentence", "120", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "bad_reference"


# ---- the dated wordings of Arts. 55, 56 and 58 (editions of 08.04.2016, 10.01.2019, 16.12.2020,
# 12.09.2022, 20.08.2024 and 08.03.2026, kazakhstan-law/codes) ----


def on(ds, article, day, given, facts=None, **kw):
    result = assess(ds, facts or {}, code="kz-cc-2014", articles=[article], date=day, sentencing=given, **kw)
    return result.matches[0]


def kinds(match):
    return {a.kind: (a.min, a.max) for a in match.general.penalty.alternatives}


def test_art_55_original_wording_caps_only_the_most_severe_kind(ds):
    # Art. 100: restriction of freedom or imprisonment, each up to 4 years, medium. 2015 text of Art. 55(2):
    # half of the maximum of the most severe kind; from Law No. 180-VI (2018-07-23) of the principal kind
    early = on(ds, "100", dt.date(2017, 3, 1), Given(mitigating=("repentance",)))
    assert kinds(early) == {"restriction_of_freedom": (None, 48), "imprisonment": (None, 24)}
    later = on(ds, "100", dt.date(2019, 3, 1), Given(mitigating=("repentance",)))
    assert kinds(later) == {"restriction_of_freedom": (None, 24), "imprisonment": (None, 24)}
    said = next(s.text for s in later.general.steps if s.step == "mitigation")
    assert "Art. 55 as worded from 2018-07-23 (approximate day), Law of 12.07.2018 No. 180-VI" in said


def test_art_55_part_2_named_misdemeanours_only_from_2020(ds):
    # Law No. 292-VI (from about 2020-01-07) added "уголовного проступка" to Art. 55(2) item 1
    before = on(ds, "131", dt.date(2019, 3, 1), Given(mitigating=("repentance",)))
    after = on(ds, "131", dt.date(2020, 6, 1), Given(mitigating=("repentance",)))
    assert before.general.category == after.general.category == "misdemeanour"
    step = next(s for s in before.general.steps if s.step == "mitigation")
    assert step.text.startswith("not applied: part 2 (wording in force from 2018-07-23) covers only")
    special = next(s.penalty for s in after.general.steps if s.step == "special_part")
    top = {a.kind: a.max for a in special.alternatives}
    assert {k: v[1] for k, v in kinds(after).items()} == {k: v // 2 for k, v in top.items()}


def test_art_56_life_only_attempt_gets_25_years_from_law_210_viii(ds):
    facts = {"act": "sexual_intercourse", "violence": True, "victim_age": 12, "offender_age": 30}
    before = on(ds, "120", dt.date(2025, 1, 1), Given(), facts, stage="attempt")
    assert before.part == "4" and kinds(before) == {}
    after = on(ds, "120", dt.date(2026, 1, 1), Given(), facts, stage="attempt")
    assert kinds(after) == {"imprisonment": (300, 300)}


@pytest.mark.parametrize(("day", "fine", "hours"), [("2017-03-01", 1000, 600), ("2019-03-01", 400, 400)])
def test_art_58_part_2_caps_before_and_after_law_180_vi(day, fine, hours):
    # six misdemeanours under Art. 131 part 2 (fine up to 200 MCI or public works up to 180 hours each):
    # the 2015 text caps the total at 1,000 MCI and 600 hours, Law No. 180-VI at 400 MCI and 400 hours
    result = CliRunner().invoke(app, ["sentence", *["131:2"] * 6, "--date", day, "--json"])
    assert result.exit_code == 0, result.output
    total = {a["kind"]: a["max"] for a in json.loads(result.stdout)["total"]["penalty"]["alternatives"]}
    assert total["fine"] == fine and total["public_works"] == hours
