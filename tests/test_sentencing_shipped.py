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
