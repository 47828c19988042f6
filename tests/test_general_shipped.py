"""The General Part steps on the shipped dataset, against the fact sheets.

Every expected figure here is transcribed from the fact sheets, not from the YAML:
/work/shared/sources/kz2014-expression-computer-general.md (section A for the parts,
section B for the General Part: B.1 categories, B.5 Art. 56, B.7 Art. 71, B.8 Art. 81;
section C for the MCI), kz2014-person-sexual-minors.md (Arts. 120, 134, 135) and
kz1997-seed-articles.md (1997 Art. 10 categories, Art. 120).
"""

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from kzlaw.cli import app
from kzlaw.engine import choose_version
from kzlaw.general import adjust, category_of

D = dt.date.fromisoformat
KZ14 = "kz-cc-2014"
KZ97 = "kz-cc-1997"
ISSUE_CASE = [
    "assess", "--act", "sexual_intercourse", "--fact", "violence", "--victim-age", "30",
    "--offender-age", "15", "--stage", "attempt",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_dataset_from_the_environment(monkeypatch):
    monkeypatch.delenv("KZLAW_DATA", raising=False)


def cli(*args):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def article_120(out):
    found = [m for m in out["matches"] if m["article"] == "120"]
    assert len(found) == 1, [m["article"] for m in out["matches"]]
    return found[0]


def steps(match):
    return {s["step"]: s for s in match["steps"]}


def imprisonment(penalty):
    found = [(a["min"], a["max"]) for a in penalty["alternatives"] if a["kind"] == "imprisonment"]
    assert len(found) == 1, penalty
    return found[0]


def part_of(dataset, code_id, article, part, date=None):
    code = dataset.by_id[code_id]
    version = choose_version(code, code.by_number[article], date)
    assert version is not None, (article, date)
    return code, version.part(part)


def general(dataset, code_id, article, part, facts=None, *, date="2021-03-01", as_of="2021-03-02", stage=None):
    day = D(date) if date else None
    code, p = part_of(dataset, code_id, article, part, day)
    return adjust(dataset, code, article, p, facts or {}, additional=(), stage=stage, date=day, as_of=D(as_of))


def ranges(adjusted):
    return {a.kind: (a.min, a.max) for a in adjusted.penalty.alternatives}


# ---- the issue's done-when case -----------------------------------------------------------------


def test_done_when_2014():
    """A 15-year-old's attempted rape of an adult: 2014 Art. 120 part 1, 5-8 years, grave."""
    m = article_120(cli(*ISSUE_CASE, "--date", "2021-03-01", "--json"))
    assert m["part"] == "1"
    assert [s["step"] for s in m["steps"]] == ["special_part", "category", "stage", "minors", "limitation"]
    assert all(s["article"] for s in m["steps"])
    by = steps(m)
    assert by["special_part"]["article"] == f"Art. 120 part 1 of {KZ14}"
    assert imprisonment(by["special_part"]["penalty"]) == (60, 96)  # 5-8 years
    assert imprisonment(m["penalty"]) == (60, 96)
    assert m["category"] == "grave"  # max 8 years: over 5, not over 12 (Art. 11)
    assert by["category"]["category"] == "grave"
    assert by["category"]["article"] == f"Art. 11 of {KZ14}"
    assert by["stage"]["article"] == f"Art. 56 of {KZ14}"
    assert imprisonment(by["stage"]["penalty"])[1] == 72  # 3/4 of 8 years = 6 years
    assert imprisonment(m["adjusted_penalty"])[1] == 72
    assert m["punishable"] is True
    assert "Art. 81" in by["minors"]["article"]
    lim = m["limitation"]
    assert by["limitation"]["article"] == lim["article"] == f"Art. 71 of {KZ14}"
    assert (lim["category"], lim["years"], lim["halved_for_minor"]) == ("grave", 5, True)  # 10 years halved
    assert lim["expires_on"] == "2026-03-01"
    assert lim["lapsed"] is (dt.date.today() >= D("2026-03-01"))
    assert "Art. 88" in by["limitation"]["text"]
    assert "10 years" in by["limitation"]["text"]


def test_done_when_2014_minors_step_names_the_cap():
    """The issue: assess shows the minors' cap with its article. Art. 81: imprisonment up to 10 years."""
    m = article_120(cli(*ISSUE_CASE, "--date", "2021-03-01", "--json"))
    minors = steps(m)["minors"]
    assert "Art. 81" in minors["article"]
    assert "10 years" in minors["text"], minors["text"]


@pytest.mark.parametrize(("as_of", "lapsed"), [("2026-02-28", False), ("2026-03-01", True)])
def test_done_when_2014_last_day_of_the_limitation(as_of, lapsed):
    m = article_120(cli(*ISSUE_CASE, "--date", "2021-03-01", "--as-of", as_of, "--json"))
    assert m["limitation"]["lapsed"] is lapsed


def test_done_when_1997():
    """The same facts under the 1997 code: Art. 120 part 1, 3-5 years, medium gravity (Art. 10)."""
    out = cli(*ISSUE_CASE, "--code", KZ97, "--json")
    assert out["code"] == KZ97
    m = article_120(out)
    assert m["part"] == "1"
    assert [s["step"] for s in m["steps"]] == ["special_part", "category", "stage", "minors", "limitation"]
    for s in m["steps"]:
        assert s["article"].endswith(f"of {KZ97}"), s
    by = steps(m)
    assert by["special_part"]["article"] == f"Art. 120 part 1 of {KZ97}"
    assert imprisonment(by["special_part"]["penalty"]) == (36, 60)  # 3-5 years
    assert m["category"] == "medium"  # max 5 years
    assert by["category"]["article"] == f"Art. 10 of {KZ97}"
    assert imprisonment(m["adjusted_penalty"])[1] == 45  # 3/4 of 5 years
    assert m["punishable"] is True
    lim = m["limitation"]
    assert (lim["category"], lim["halved_for_minor"]) == ("medium", True)
    assert lim["years"] is not None
    assert (lim["expires_on"], lim["lapsed"]) == (None, None)  # no --date


def test_done_when_1997_minors_step_names_the_cap():
    m = article_120(cli(*ISSUE_CASE, "--code", KZ97, "--json"))
    minors = steps(m)["minors"]
    assert "Art. 79" in minors["article"]  # 1997 Arts. 78-79 (docs/reference.md)
    assert re.search(r"imprisonment[^;]* \d+ years", minors["text"]), minors["text"]


def test_done_when_text_output_names_each_step():
    result = CliRunner().invoke(app, [*ISSUE_CASE, "--date", "2021-03-01", "--as-of", "2022-01-01"])
    assert result.exit_code == 0, result.stderr
    for said in ("grave crime", "Art. 11 of kz-cc-2014", "Art. 56 of kz-cc-2014", "Art. 81 of kz-cc-2014",
                 "Art. 71 of kz-cc-2014", "3/4"):  # fmt: skip
        assert said in result.stdout, said


# ---- 2014 categories (Arts. 10-11, section B.1; parts from section A) ----------------------------


@pytest.mark.parametrize(
    ("article", "part", "category", "date"),
    [
        ("131", "1", "misdemeanour", "2020-06-01"),
        ("205", "1", "misdemeanour", "2020-06-01"),
        ("213", "1", "misdemeanour", "2020-06-01"),
        ("144", "1", "misdemeanour", "2020-06-01"),
        ("205", "3", "minor", "2020-06-01"),  # up to 2 years
        ("207", "1", "minor", "2020-06-01"),
        ("274", "1", "minor", "2020-06-01"),  # up to 1 year
        ("130", "1", "minor", "2019-06-01"),  # before the 2020 decriminalisation
        ("130", "3", "medium", "2019-06-01"),
        ("207", "2", "medium", "2020-06-01"),  # up to 4 years
        ("213", "3", "medium", "2020-06-01"),  # up to 5 years: the bound
        ("274", "2", "medium", "2020-06-01"),
        ("207", "3", "grave", "2020-06-01"),  # 5-10 years
        ("274", "4", "grave", "2020-06-01"),  # 3-7 years
        ("174", "1", "grave", "2020-06-01"),  # 2-7 years
        ("134", "4", "grave", "2020-06-01"),  # 7-12 years: the bound
        ("120", "1", "grave", "2021-03-01"),  # 5-8 years
        ("135", "3", "especially_grave", "2020-06-01"),  # 10-15 years
        ("312", "3", "especially_grave", "2020-06-01"),
        ("174", "3", "especially_grave", "2020-06-01"),  # 12-20 years
        ("120", "3-2", "especially_grave", "2021-03-01"),  # 17-20 years or life
    ],
)
def test_2014_categories(shipped, article, part, category, date):
    day = D(date) if date else None
    code, p = part_of(shipped, KZ14, article, part, day)
    assert category_of(code, p, day) == (category, f"Art. 11 of {KZ14}")


@pytest.mark.parametrize(
    ("article", "part", "category"),
    [("120", "1", "medium"), ("227", "1", "minor"), ("227", "2", "medium"), ("273", "1", "minor")],
)
def test_1997_categories(shipped, article, part, category):
    code, p = part_of(shipped, KZ97, article, part, D("2012-01-01"))
    assert category_of(code, p, D("2012-01-01"))[0] == category


# ---- 2014 limitation periods (Art. 71, section B.7; Art. 88) -----------------------------------


@pytest.mark.parametrize(
    ("article", "part", "years", "expires"),
    [
        ("205", "1", 1, "2022-03-01"),  # misdemeanour
        ("205", "3", 2, "2023-03-01"),  # minor gravity
        ("213", "3", 5, "2026-03-01"),  # medium
        ("207", "3", 10, "2031-03-01"),  # grave
        ("135", "3", 15, "2036-03-01"),  # especially grave, Chapter 2
        ("312", "3", 15, "2036-03-01"),
    ],
)
def test_2014_limitation_periods(shipped, article, part, years, expires):
    adjusted = general(shipped, KZ14, article, part, {"offender_age": 30})
    lim = adjusted.limitation.to_json()
    assert (lim["years"], lim["halved_for_minor"], lim["exception"]) == (years, False, None)
    assert lim["expires_on"] == expires
    assert lim["article"] == f"Art. 71 of {KZ14}"


@pytest.mark.parametrize(
    ("article", "part", "years"),
    [("205", "1", 0.5), ("205", "3", 1), ("213", "3", 2.5), ("207", "3", 5), ("135", "3", 7.5)],
)
def test_2014_limitation_halved_for_a_minor(shipped, article, part, years):
    adjusted = general(shipped, KZ14, article, part, {"offender_age": 16, "victim_death": False})
    lim = adjusted.limitation.to_json()
    assert (lim["years"], lim["halved_for_minor"]) == (years, True)


@pytest.mark.parametrize(
    ("article", "part", "facts"),
    [
        ("174", "1", {}),  # extremist crime
        ("174", "3", {}),
        ("120", "1", {"victim_minor": True}),  # sexual inviolability of minors
        ("120", "3", {"victim_minor": False}),  # especially grave crime against the person
    ],
)
def test_2014_no_limitation(shipped, article, part, facts):
    adjusted = general(shipped, KZ14, article, part, facts, as_of="2060-01-01")
    assert adjusted.limitation.months is None
    assert adjusted.limitation.exception
    assert adjusted.limitation.lapsed is False


def test_2014_rape_of_an_adult_has_a_period(shipped):
    adjusted = general(shipped, KZ14, "120", "1", {"victim_minor": False})
    assert adjusted.limitation.to_json()["years"] == 10


# ---- 2014 minors (Arts. 80-81, section B.8) --------------------------------------------------


def test_2014_minors_caps_on_each_kind(shipped):
    adjusted = general(shipped, KZ14, "207", "1", {"offender_age": 15})  # minor gravity
    got = ranges(adjusted)
    assert got["fine"] == (5, 100)  # 5-100 MCI
    assert got["correctional_labor"] == (5, 100)
    assert got["public_works"] == (10, 75)  # 10-75 hours
    assert got["restriction_of_freedom"][1] == 24  # up to 2 years
    assert "imprisonment" not in got  # not imposed for a crime of minor gravity


def test_2014_minors_restriction_capped_and_no_imprisonment_without_death(shipped):
    adjusted = general(shipped, KZ14, "274", "2", {"offender_age": 17, "victim_death": False})  # medium
    got = ranges(adjusted)
    assert got["restriction_of_freedom"][1] == 24  # 3 years -> 2
    assert got["fine"] == (5, 100)  # 3,000 MCI -> 100
    assert got["public_works"] == (10, 75)  # 800 hours -> 75
    assert "imprisonment" not in got


@pytest.mark.parametrize(("article", "part"), [("135", "3"), ("135", "4"), ("312", "3"), ("174", "3")])
def test_2014_minors_imprisonment_up_to_10_years(shipped, article, part):
    adjusted = general(shipped, KZ14, article, part, {"offender_age": 14})
    assert ranges(adjusted)["imprisonment"][1] == 120


def test_2014_minors_no_life_imprisonment(shipped):
    adjusted = general(shipped, KZ14, "120", "3-2", {"offender_age": 15, "victim_minor": True})
    got = ranges(adjusted)
    assert "life_imprisonment" not in got
    assert got["imprisonment"][1] == 120


@pytest.mark.parametrize(("age", "minor"), [(13, False), (14, True), (17, True), (18, False)])
def test_2014_minors_ages(shipped, age, minor):
    adjusted = general(shipped, KZ14, "312", "3", {"offender_age": age})  # 10-15 years
    assert any(s.step == "minors" for s in adjusted.steps) is minor
    assert ranges(adjusted)["imprisonment"][1] == (120 if minor else 180)
    assert adjusted.limitation.halved_for_minor is minor


# ---- the MCI (section C; Art. 41(1): the MCI of the offence day) ------------------------------------

MCI_2014 = [  # the fines rows of section C
    ("2015-01-01", 1982),
    ("2016-01-01", 2121),
    ("2017-01-01", 2269),
    ("2018-01-01", 2405),
    ("2019-01-01", 2525),
    ("2020-01-01", 2651),
    ("2020-04-01", 2778),
    ("2021-01-01", 2917),
    ("2022-01-01", 3063),
    ("2023-01-01", 3450),
    ("2024-01-01", 3692),
    ("2025-01-01", 3932),
    ("2026-01-01", 4325),
]


def test_the_mci_table_for_fines(shipped):
    assert [(r.valid_from.isoformat(), r.tenge) for r in shipped.mci if r.fines] == MCI_2014
    assert [(r.valid_from.isoformat(), r.tenge) for r in shipped.mci if not r.fines] == [("2022-04-01", 3180)]


@pytest.mark.parametrize(
    ("day", "tenge"),
    [
        ("2015-01-01", 1982),
        ("2015-12-31", 1982),
        ("2016-01-01", 2121),
        ("2016-12-31", 2121),
        ("2017-01-01", 2269),
        ("2018-01-01", 2405),
        ("2019-12-31", 2525),
        ("2020-01-01", 2651),
        ("2020-03-31", 2651),
        ("2020-04-01", 2778),
        ("2020-12-31", 2778),
        ("2021-01-01", 2917),
        ("2022-01-01", 3063),
        ("2022-03-31", 3063),
        ("2022-04-01", 3063),  # 3,180 is for benefits only
        ("2022-12-31", 3063),
        ("2023-01-01", 3450),
        ("2024-01-01", 3692),
        ("2025-12-31", 3932),
        ("2026-01-01", 4325),
    ],
)
def test_2014_fines_in_tenge_on_the_offence_day(shipped, day, tenge):
    adjusted = general(shipped, KZ14, "131", "1", {"offender_age": 30}, date=day, as_of="2026-06-01")  # up to 100 MCI
    money = {s.step: s for s in adjusted.steps}["money"]
    extra = dict(money.extra)
    assert extra["mci"]["tenge"] == tenge
    fine = next(a for a in extra["amounts"] if a["kind"] == "fine")
    assert fine["max_tenge"] == 100 * tenge


@pytest.mark.parametrize(("as_of", "tenge"), [("2020-03-31", 2651), ("2020-04-01", 2778)])
def test_1997_fines_at_the_mci_of_sentencing(shipped, as_of, tenge):
    adjusted = general(shipped, KZ97, "227", "1", {"offender_age": 30}, date="2012-01-01", as_of=as_of)
    extra = dict({s.step: s for s in adjusted.steps}["money"].extra)
    fine = next(a for a in extra["amounts"] if a["kind"] == "fine")
    assert (fine["min_tenge"], fine["max_tenge"]) == (200 * tenge, 500 * tenge)  # fine 200-500 MCI


def test_1997_no_mci_before_2015(shipped):
    adjusted = general(shipped, KZ97, "227", "1", {"offender_age": 30}, date="2012-01-01", as_of="2014-12-31")
    money = {s.step: s for s in adjusted.steps}["money"]
    assert "amounts" not in dict(money.extra)
