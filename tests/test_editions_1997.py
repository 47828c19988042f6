"""The 1997 code by edition (issue 8): which version is law on which day, on the shipped dataset.

Dates and laws are transcribed by hand from the fact sheet
/work/shared/sources/kz1997-seed-articles.md (the amending laws, their footnotes in R2009, R2010
and K2013, and "in force 01.01.2010" for Law No. 227-IV), NOT from data/articles.yaml. Where no
source gives the day a law came into force, issue 8 dates the new version from the law's own date
(marked approximate); these tests use the same days:

  Law No. 131 of 02.03.2006      2006-03-02  Arts. 128 and 133 rewritten (trafficking)
  Law No. 227-IV of 10.12.2009   2010-01-01  Arts. 120, 121, 270: recidivism limbs removed
  Law No. 354-IV of 23.11.2010   2010-11-23  Arts. 120, 121, 122, 124, 132 rewritten; 132-1, 273-1 added
  Law No. 393-IV of 18.01.2011   2011-01-18  Arts. 122, 123, 132: arrest (and in 123 the wage fine) removed
  Law No. 490-IV of 09.11.2011   2011-11-09  Arts. 130, 227, 273 wage fines removed; Art. 129 (with 393-IV)
  Law No. 127-V of 04.07.2013    2013-07-04  Arts. 128, 132-1, 133, 270 rewritten

For each law: the day before it the old version is chosen, on the day the new one.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from figures import ARTICLES_1997
from typer.testing import CliRunner

from kzlaw import assess
from kzlaw.cli import app
from kzlaw.engine import choose_version, version_ends

CODE = "kz-cc-1997"
SEED_DATE = dt.date(2005, 6, 1)
ONE_DAY = dt.timedelta(days=1)

# law, the day it came into force, the articles it changed, the articles it added,
# the articles it amended in a way no source describes (left out of the "unchanged" check)
LAWS = [
    ("No. 131", dt.date(2006, 3, 2), ["128", "133"], [], []),
    ("No. 227-IV", dt.date(2010, 1, 1), ["120", "121", "270"], [], []),
    ("No. 354-IV", dt.date(2010, 11, 23), ["120", "121", "122", "124", "132"], ["132-1", "273-1"], []),
    # K2013 footnote of Art. 129 cites 393-IV too, but what it changed is not known (see test_data_1997)
    ("No. 393-IV", dt.date(2011, 1, 18), ["122", "123", "132"], [], ["129"]),
    ("No. 490-IV", dt.date(2011, 11, 9), ["129", "130", "227", "273"], [], []),
    ("No. 127-V", dt.date(2013, 7, 4), ["128", "132-1", "133", "270"], [], []),
]
LAW_IDS = [law.replace("No. ", "law") for law, *_ in LAWS]

CHANGED = [(law, day, a) for law, day, changed, _, _ in LAWS for a in changed]
ADDED = [(law, day, a) for law, day, _, added, _ in LAWS for a in added]

SEED_ARTICLES = ["120", "121", "122", "123", "128", "129", "130", "227", "270", "273"]
ALL_ARTICLES = ARTICLES_1997


@pytest.fixture(scope="module")
def code(shipped):
    return shipped.by_id[CODE]


def _chosen(code, number, day):
    return choose_version(code, code.by_number[number], day)


# ---- choose_version at every boundary ---------------------------------------------------------


@pytest.mark.parametrize(("law", "day", "article"), CHANGED, ids=[f"{a}-{law}" for law, _, a in CHANGED])
def test_amended_article_changes_version_on_the_day_the_law_came_into_force(code, law, day, article):
    before, on = _chosen(code, article, day - ONE_DAY), _chosen(code, article, day)
    assert before is not None and on is not None
    assert before is not on, f"Art. {article}: the same version on {day - ONE_DAY} and {day}"
    assert law not in (before.law or ""), f"on {day - ONE_DAY} Art. {article} is already {before.law}"
    assert law in (on.law or ""), f"on {day} Art. {article} is {on.law}, not the wording of Law {law}"
    assert on.valid_from == day


@pytest.mark.parametrize(("law", "day", "article"), ADDED, ids=[f"{a}-{law}" for law, _, a in ADDED])
def test_added_article_is_law_from_the_day_the_law_came_into_force(code, law, day, article):
    assert _chosen(code, article, day - ONE_DAY) is None, f"Art. {article} in force before {day}"
    on = _chosen(code, article, day)
    assert on is not None and law in (on.law or "")
    assert version_ends(code, code.by_number[article])[0][0] == day


@pytest.mark.parametrize(("law", "day", "changed", "added", "unknown"), LAWS, ids=LAW_IDS)
def test_articles_the_law_did_not_touch_keep_their_version(code, law, day, changed, added, unknown):
    kept = [a for a in ALL_ARTICLES if a not in changed + added + unknown]
    moved = []
    for number in kept:
        before, on = _chosen(code, number, day - ONE_DAY), _chosen(code, number, day)
        if before is not on:
            moved.append(f"Art. {number}: {before and before.law} -> {on and on.law}")
    assert not moved, f"Law {law} did not amend these articles (sheet), but their version changes on {day}: {moved}"


def test_every_boundary_in_the_data_is_a_law_of_the_sheet(code):
    """No version starts on a day that is not the entry into force of one of the laws above."""
    days = {day for _, day, *_ in LAWS} | {code.in_force_from}
    for article in code.articles:
        for start, _ in version_ends(code, article):
            assert start in days, f"Art. {article.number}: a version starts on {start}"


@pytest.mark.parametrize("article", ALL_ARTICLES)
def test_no_version_before_1998_or_after_2014(code, article):
    assert _chosen(code, article, dt.date(1997, 12, 31)) is None
    assert _chosen(code, article, dt.date(2015, 1, 1)) is None
    assert _chosen(code, article, dt.date(2014, 12, 31)) is not None


@pytest.mark.parametrize("article", SEED_ARTICLES)
def test_on_the_seed_date_the_seed_wording_is_law(code, article):
    """2005-06-01: after the 2004 translation the seed follows, before Law No. 131 of 2006."""
    version = _chosen(code, article, SEED_DATE)
    assert version is code.by_number[article].versions[0]
    assert any(s.document.startswith("seed 000_57caf47f713654b2") for s in version.sources)


@pytest.mark.parametrize("article", ["124", "132", "133"])
def test_articles_the_seed_does_not_quote_are_law_on_the_seed_date(code, article):
    assert _chosen(code, article, SEED_DATE) is code.by_number[article].versions[0]


@pytest.mark.parametrize("article", ["132-1", "273-1"])
def test_articles_added_in_2010_are_not_law_on_the_seed_date(code, article):
    assert _chosen(code, article, SEED_DATE) is None


# ---- the same boundaries through assess ---------------------------------------------------------

ADULT = {"offender_age": 30}

# facts, article, the day a law came into force, (part before, part on): None = no match
ASSESS_BOUNDARIES = [
    # Law No. 131: pre-2006 Art. 128 is recruitment by deception; from 2006 trafficking
    ({"act": ["trafficking"], "victim_age": 25, **ADULT}, "128", dt.date(2006, 3, 2), (None, "1")),
    (
        {"act": ["trafficking"], "victim_age": 15, "two_or_more_victims": True, **ADULT},
        "133",
        dt.date(2006, 3, 2),
        ("1", "2"),
    ),
    # Law No. 227-IV: "or by a person who previously committed ..." removed from 120/121 2(d), and the
    # prior-conviction limb from 270 part 2
    (
        {
            "act": ["sexual_intercourse"],
            "violence": True,
            "victim_age": 25,
            "prior_sexual_violence": True,
            "repeat": False,
            **ADULT,
        },
        "120",
        dt.date(2010, 1, 1),
        ("2", "1"),
    ),
    (
        {
            "act": ["other_sexual_acts"],
            "violence": True,
            "victim_age": 25,
            "prior_rape": True,
            "repeat": False,
            **ADULT,
        },
        "121",
        dt.date(2010, 1, 1),
        ("2", "1"),
    ),
    (
        {
            "act": ["prostitution_recruitment"],
            "violence": True,
            "recidivist": True,
            "organized_group": False,
            "repeat": False,
            **ADULT,
        },
        "270",
        dt.date(2010, 1, 1),
        ("2", "1"),
    ),
    (
        {"act": ["prostitution_recruitment"], "violence": True, "repeat": True, "organized_group": False, **ADULT},
        "270",
        dt.date(2010, 1, 1),
        ("1", "2"),
    ),
    # Law No. 354-IV: minor victim 5-10 -> 8-15 (part 3), under 14 -> part 4
    (
        {"act": ["sexual_intercourse"], "violence": True, "victim_age": 16, **ADULT},
        "120",
        dt.date(2010, 11, 23),
        ("2", "3"),
    ),
    (
        {"act": ["sexual_intercourse"], "violence": True, "victim_age": 12, **ADULT},
        "120",
        dt.date(2010, 11, 23),
        ("3", "4"),
    ),
    (
        {"act": ["other_sexual_acts"], "violence": True, "victim_age": 12, **ADULT},
        "121",
        dt.date(2010, 11, 23),
        ("3", "4"),
    ),
    (
        {
            "act": ["sexual_intercourse"],
            "violence": False,
            "threat": False,
            "victim_helpless": False,
            "victim_age": 15,
            "parent_or_teacher": True,
            **ADULT,
        },
        "122",
        dt.date(2010, 11, 23),
        ("1", "2"),
    ),
    (
        {"act": ["lewd_acts"], "violence": False, "victim_age": 12, "repeat": True, **ADULT},
        "124",
        dt.date(2010, 11, 23),
        ("1", "3"),
    ),
    ({"act": ["prostitution_recruitment"], "victim_age": 15, **ADULT}, "132", dt.date(2010, 11, 23), ("1", None)),
    ({"act": ["prostitution_recruitment"], "victim_age": 15, **ADULT}, "132-1", dt.date(2010, 11, 23), (None, "1")),
    ({"act": ["child_pornography"], **ADULT}, "273-1", dt.date(2010, 11, 23), (None, "1")),
    # Law No. 127-V: Art. 270 gets a third part (organised group); 132-1 group by prior conspiracy
    (
        {"act": ["prostitution_recruitment"], "violence": True, "organized_group": True, **ADULT},
        "270",
        dt.date(2013, 7, 4),
        ("2", "3"),
    ),
    (
        {
            "act": ["prostitution_recruitment"],
            "victim_age": 15,
            "group_conspiracy": True,
            "organized_group": False,
            "violence": False,
            "threat": False,
            "dependency": False,
            "blackmail": False,
            "property_damage": False,
            "deception": False,
            "recidivist": False,
            "prior_pimping_conviction": False,
            "parent_or_teacher": False,
            "repeat": False,
            **ADULT,
        },
        "132-1",
        dt.date(2013, 7, 4),
        ("1", "3"),
    ),
]


@pytest.mark.parametrize(
    ("facts", "article", "day", "parts"),
    ASSESS_BOUNDARIES,
    ids=[f"art{a}-{d}-{i}" for i, (_, a, d, _) in enumerate(ASSESS_BOUNDARIES)],
)
def test_assess_the_day_before_and_the_day_a_law_came_into_force(shipped, facts, article, day, parts):
    for when, part in zip((day - ONE_DAY, day), parts, strict=True):
        result = assess(shipped, facts, code=CODE, date=when)
        found = {m.article: m for m in result.matches}
        if part is None:
            assert article not in found, f"{when}: Art. {article} must not apply"
            continue
        shown = [(m.article, m.part) for m in result.matches]
        assert article in found, f"{when}: Art. {article} does not match; matches: {shown}"
        match = found[article]
        assert (match.part, match.status) == (part, "applies"), f"{when}: {match.part} {match.status} {match.missing}"
        assert match.version is _chosen(shipped.by_id[CODE], article, when)


def _penalty_kinds(match):
    return sorted((a.kind, a.unit) for a in match.penalty.alternatives)


# facts, article, the day, (alternative that goes, or None), (alternative that comes, or None)
PENALTY_BOUNDARIES = [
    # Law No. 393-IV: Art. 123 loses the wage fine and arrest and gains restriction of liberty
    (
        {"act": ["sexual_coercion"], "blackmail": True, **ADULT},
        "123",
        dt.date(2011, 1, 18),
        [("arrest", "months"), ("fine", "months_of_income")],
        [("restriction_of_freedom", "months")],
    ),
    # Law No. 393-IV: Art. 122 part 1 loses arrest
    (
        {
            "act": ["sexual_intercourse"],
            "violence": False,
            "threat": False,
            "victim_helpless": False,
            "victim_age": 15,
            "parent_or_teacher": False,
            "repeat": False,
            **ADULT,
        },
        "122",
        dt.date(2011, 1, 18),
        [("arrest", "months")],
        [],
    ),
    # Law No. 490-IV: wage fines go from 129, 130, 227, 273; Art. 227 part 4 gains a fine
    (
        {"act": ["defamation"], "mass_media": True, **ADULT},
        "129",
        dt.date(2011, 11, 9),
        [("fine", "months_of_income"), ("arrest", "months")],
        [],
    ),
    ({"act": ["insult"], "mass_media": True, **ADULT}, "130", dt.date(2011, 11, 9), [("fine", "months_of_income")], []),
    ({"act": ["malware"], "grave_consequences": True, **ADULT}, "227", dt.date(2011, 11, 9), [], [("fine", "mci")]),
    ({"act": ["pornography_distribution"], **ADULT}, "273", dt.date(2011, 11, 9), [("fine", "months_of_income")], []),
    # Law No. 127-V: Art. 270 part 1 loses its fines
    (
        {
            "act": ["prostitution_recruitment"],
            "violence": True,
            "organized_group": False,
            "group_conspiracy": False,
            "repeat": False,
            **ADULT,
        },
        "270",
        dt.date(2013, 7, 4),
        [("fine", "mci"), ("fine", "months_of_income")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("facts", "article", "day", "gone", "new"),
    PENALTY_BOUNDARIES,
    ids=[f"art{a}-{d}" for _, a, d, _, _ in PENALTY_BOUNDARIES],
)
def test_penalty_changes_on_the_day_a_law_came_into_force(shipped, facts, article, day, gone, new):
    before = {m.article: m for m in assess(shipped, facts, code=CODE, date=day - ONE_DAY).matches}[article]
    on = {m.article: m for m in assess(shipped, facts, code=CODE, date=day).matches}[article]
    assert before.part == on.part
    for kind in gone:
        assert kind in _penalty_kinds(before), f"{day - ONE_DAY}: {kind} missing"
        assert kind not in _penalty_kinds(on), f"{day}: {kind} still there"
    for kind in new:
        assert kind not in _penalty_kinds(before), f"{day - ONE_DAY}: {kind} already there"
        assert kind in _penalty_kinds(on), f"{day}: {kind} missing"


# Law No. 127-V: confiscation of property becomes mandatory (128, 133: it was optional in parts 1-3;
# 270, 132-1: there was none). article, act, victim's age, part, (before, on): None = no confiscation
CONFISCATION_127_V = [
    ("128", "trafficking", 25, "1", (False, True)),
    ("133", "trafficking", 15, "1", (False, True)),
    ("270", "prostitution_recruitment", 25, "1", (None, True)),
    ("132-1", "prostitution_recruitment", 15, "2", (None, True)),
]


@pytest.mark.parametrize(
    ("article", "act", "age", "part", "mandatory"), CONFISCATION_127_V, ids=[f"art{a}" for a, *_ in CONFISCATION_127_V]
)
def test_confiscation_becomes_mandatory_with_law_127_v(shipped, article, act, age, part, mandatory):
    day = dt.date(2013, 7, 4)
    facts = {"act": [act], "victim_age": age, "violence": True, **ADULT}
    for when, expected in zip((day - ONE_DAY, day), mandatory, strict=True):
        match = {m.article: m for m in assess(shipped, facts, code=CODE, date=when).matches}[article]
        assert match.part == part, when
        got = [a.mandatory for a in match.additional if a.kind == "forfeiture_of_property"]
        assert got == ([] if expected is None else [expected]), f"{when}: {match.additional}"


@pytest.mark.parametrize("article", ["120", "121"])
def test_ban_for_a_parent_or_teacher_only(shipped, article):
    """K2013 part 3: the mandatory 10-20-year ban is for the parent/teacher item only."""
    act = "sexual_intercourse" if article == "120" else "other_sexual_acts"
    day = dt.date(2012, 1, 1)
    for teacher, bans in ((True, [(True, 120, 240)]), (False, [])):
        facts = {"act": [act], "violence": True, "victim_age": 16, "parent_or_teacher": teacher, **ADULT}
        match = {m.article: m for m in assess(shipped, facts, code=CODE, date=day).matches}[article]
        assert match.part == "3"
        got = [(a.mandatory, a.min, a.max) for a in match.additional if a.kind == "deprivation_of_right"]
        assert got == bans, f"parent_or_teacher={teacher}: {match.additional}"


def test_assess_without_a_date_uses_the_newest_versions(shipped):
    result = assess(shipped, {"act": ["sexual_intercourse"], "violence": True, "victim_age": 12, **ADULT}, code=CODE)
    match = {m.article: m for m in result.matches}["120"]
    assert match.part == "4"
    assert match.version is shipped.by_id[CODE].by_number["120"].latest


# ---- the command line ---------------------------------------------------------------------------


def kzlaw(*args):
    """`kzlaw ARGS...` in-process on the dataset the `shipped` fixture loads (no --data)."""
    return CliRunner().invoke(app, [*map(str, args)])


def _error_line(result):
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_show_an_article_not_yet_in_force_names_its_dates():
    line = _error_line(kzlaw("show", "273-1", "--code", CODE, "--date", "2009-06-01"))
    assert "273-1" in line and "2009-06-01" in line
    assert "2010-11-23" in line and "2014-12-31" in line, line


def test_show_an_article_the_day_before_it_came_into_force():
    line = _error_line(kzlaw("show", "132-1", "--code", CODE, "--date", "2010-11-22"))
    assert "2010-11-23" in line, line


def test_show_an_article_not_in_force_as_json():
    result = kzlaw("show", "273-1", "--code", CODE, "--date", "2009-06-01", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "not_in_force"
    assert "2010-11-23" in error["message"] and "2014-12-31" in error["message"]


@pytest.mark.parametrize("date", ["2015-01-01", "1997-12-31"])
def test_show_outside_the_codes_life_names_its_dates(date):
    """No longer (or not yet) in force: the whole 1997 code, 1998-01-01 to 2014-12-31."""
    line = _error_line(kzlaw("show", "120", "--code", CODE, "--date", date))
    assert date in line and "1998-01-01" in line and "2014-12-31" in line, line


def test_assess_one_article_not_yet_in_force_names_its_dates():
    line = _error_line(
        kzlaw("assess", "--code", CODE, "--date", "2009-06-01", "--article", "273-1", "--act", "child_pornography")
    )
    assert "2010-11-23" in line, line


def test_assess_on_a_date_leaves_out_articles_not_yet_in_force():
    result = kzlaw(
        "assess", "--code", CODE, "--date", "2009-06-01", "--act", "child_pornography", "--offender-age", "30", "--json"
    )
    assert result.exit_code == 0, result.stderr
    assert "273-1" not in [m["article"] for m in json.loads(result.stdout)["matches"]]


def _spans(code, number):
    return [(s.isoformat(), e.isoformat()) for s, e in version_ends(code, code.by_number[number])]


@pytest.mark.parametrize("article", ALL_ARTICLES)
def test_show_without_a_date_shows_the_newest_version_and_lists_them_all(code, article):
    result = kzlaw("show", article, "--code", CODE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    spans = _spans(code, article)
    newest = code.by_number[article].latest
    assert f"Version: in force {spans[-1][0]} to {spans[-1][1]}" in out
    for part in newest.parts:  # the newest version's parts table
        assert re.search(rf"^{part.part}\s+\S", out, re.M), f"part {part.part} is not shown"
    if len(spans) > 1:
        assert "Versions" in out
        listed = [line for line in out.splitlines() if re.match(r"\s+in force \d{4}-", line)]
        assert [re.match(r"\s+in force (\S+) to (\S+)", line).groups() for line in listed] == spans
        assert [line.endswith("<- shown") for line in listed] == [False] * (len(spans) - 1) + [True]


def test_show_without_a_date_as_json_is_the_newest_version_with_the_list(code):
    doc = json.loads(kzlaw("show", "120", "--code", CODE, "--json").stdout)
    assert doc["date"] is None
    assert [p["part"] for p in doc["parts"]] == ["1", "2", "3", "4"]
    assert doc["version"]["valid_from"] == "2010-11-23"
    assert doc["version"]["date_approximate"] is True
    assert "354-IV" in doc["version"]["law"]
    assert [(v["in_force"]["from"], v["in_force"]["to"]) for v in doc["versions"]] == _spans(code, "120")
    assert [v["date_approximate"] for v in doc["versions"]] == [False, False, True]


VERSION_KEYS = {"valid_from", "valid_to", "date_approximate", "law", "status", "in_force", "wording_known_from"}

# article, date, (in_force from, to), approximate, law
SHOW_ON_DATE = [
    ("120", "2005-06-01", ("1998-01-01", "2009-12-31"), False, "167"),
    ("120", "2010-06-01", ("2010-01-01", "2010-11-22"), False, "227-IV"),
    ("128", "2006-03-01", ("1998-01-01", "2006-03-01"), False, "167"),
    ("128", "2006-03-02", ("2006-03-02", "2013-07-03"), True, "No. 131"),
    ("122", "2010-12-31", ("2010-11-23", "2011-01-17"), True, "354-IV"),
    ("129", "2011-11-09", ("2011-11-09", "2014-12-31"), True, "490-IV"),
    ("273-1", "2012-01-01", ("2010-11-23", "2014-12-31"), True, "354-IV"),
]


@pytest.mark.parametrize(
    ("article", "date", "span", "approximate", "law"), SHOW_ON_DATE, ids=[f"{a}@{d}" for a, d, *_ in SHOW_ON_DATE]
)
def test_show_json_version_on_a_date(article, date, span, approximate, law):
    result = kzlaw("show", article, "--code", CODE, "--date", date, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["date"] == date
    version = doc["version"]
    assert set(version) == VERSION_KEYS
    assert (version["in_force"]["from"], version["in_force"]["to"]) == span
    assert version["valid_from"] == span[0]
    assert version["date_approximate"] is approximate
    assert law in version["law"]
    assert version["status"] in ("primary", "secondary")
    assert version in doc["versions"]


def test_assess_json_gives_each_match_its_version():
    result = kzlaw(
        "assess",
        "--code",
        CODE,
        "--date",
        "2010-12-01",
        "--act",
        "sexual_intercourse",
        "--fact",
        "violence",
        "--victim-age",
        "12",
        "--offender-age",
        "30",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["date"] == "2010-12-01"
    match = [m for m in doc["matches"] if m["article"] == "120"][0]
    assert match["part"] == "4"
    assert set(match["version"]) == {
        "valid_from",
        "valid_to",
        "date_approximate",
        "law",
        "status",
        "wording_known_from",
    }
    assert match["version"]["valid_from"] == "2010-11-23"
    assert match["version"]["date_approximate"] is True
    assert "354-IV" in match["version"]["law"]


@pytest.mark.parametrize(
    ("date", "not_in_force"),
    [
        ("2005-06-01", {"132-1", "273-1"}),
        ("2009-06-01", {"132-1", "273-1"}),
        ("2010-11-22", {"132-1", "273-1"}),
        ("2010-11-23", set()),
        ("2014-12-31", set()),
    ],
)
def test_articles_on_a_date_says_which_are_in_force(date, not_in_force):
    result = kzlaw("articles", "--code", CODE, "--date", date, "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["articles"]
    assert [r["article"] for r in rows] == ALL_ARTICLES
    assert {r["article"] for r in rows if not r["in_force"]} == not_in_force


def test_articles_text_marks_an_article_not_yet_in_force():
    result = kzlaw("articles", "--code", CODE, "--date", "2009-06-01")
    assert result.exit_code == 0, result.stderr
    line = [row for row in result.stdout.splitlines() if row.startswith("273-1 ")][0]
    assert "not in force" in line
