"""The date logic of the 2014 code: which code, which version, on which day.

Expected dates are transcribed from the sources, NOT read from data/articles.yaml:

  person  /work/shared/sources/kz2014-person-sexual-minors.md
  expr    /work/shared/sources/kz2014-expression-computer-general.md
  readme  /work/shared/sources/README.md ("Amendments after 2019 ...")
  1997    /work/shared/sources/kz1997-seed-articles.md (the 1997 code: in force 1 Jan 1998, replaced 1 Jan 2015)

Facts used here:
  * The 2014 code came into force on 1 Jan 2015 and replaced the 1997 code (both sheets' titles).
  * The amending laws cited in the footnotes of the 2014 text take effect "по истечении десяти
    календарных дней после дня его первого официального опубликования" (person: Arts. 15, 120-126;
    [Q] footnotes of Arts. 372-378): at the earliest on the 11th day after the law's date, the day of
    publication being no earlier than the day of signing. No sheet gives a day of publication, so
    every first day taken from such a law is approximate. Law No. 292-VI: "i.e. January 2020".
  * Art. 130 (slander): decriminalised by a law signed on a Saturday in summer 2020, commonly cited as
    27.06.2020 (expr section 1); article33institute reported it decriminalised on 23 Jul 2020.
  * readme: Law 30.12.2020 No. 393-VI changed Art. 120; Law 15.04.2024 No. 72-VIII (in force 60 days
    after publication; 16 June 2024 per secondary sources) changed rape and violent sexual acts against
    minors (Arts. 120, 121) and kidnapping and unlawful deprivation of liberty of minors (Arts. 125,
    126); a 2025 law in force 16.09.2025 removed the voluntary-release note of Art. 125. The readme:
    "Encode them as dated versions marked with their status."
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from kzlaw import assess, choose_code
from kzlaw.cli import app
from kzlaw.engine import choose_version, version_ends

NEW, OLD = "kz-cc-2014", "kz-cc-1997"
D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)

RAPE_13_BY_15 = {"act": ["sexual_intercourse"], "violence": True, "victim_age": 13, "offender_age": 15}
SLANDER = {"act": ["defamation"], "offender_age": 30}

# Laws cited by the 2014 text whose footnote says "in force ten calendar days after first official
# publication": number -> the law's date (person and expr sheets; [Q] footnotes).
TEN_DAY_LAWS = {
    "91-VI": D("2017-07-11"),
    "128-VI": D("2017-12-28"),
    "180-VI": D("2018-07-12"),
    "240-VI": D("2019-04-01"),
    "292-VI": D("2019-12-27"),
}


@pytest.fixture(autouse=True)
def _no_dataset_from_the_environment(monkeypatch):
    monkeypatch.delenv("KZLAW_DATA", raising=False)


def kzlaw(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _article(dataset, number, code=NEW):
    return dataset.by_id[code].by_number[number]


def _law_number(law):
    found = re.search(r"No\.\s*(\d+-[IVX]+)", law or "")
    return found.group(1) if found else None


def _versions_with_first_days(dataset):
    """(article, index, version, first day) for every version of the 2014 code."""
    code = dataset.by_id[NEW]
    out = []
    for article in code.articles:
        for i, (version, (start, _end)) in enumerate(zip(article.versions, version_ends(code, article), strict=True)):
            out.append((article, i, version, start))
    return out


# ---- which code --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("1998-01-01", OLD),
        ("2010-05-01", OLD),
        ("2014-12-31", OLD),
        ("2015-01-01", NEW),
        ("2020-03-01", NEW),
        (None, NEW),
    ],
    ids=["1998-01-01", "2010-05-01", "2014-12-31", "2015-01-01", "2020-03-01", "no-date"],
)
def test_code_chosen_by_date(shipped, day, expected):
    assert choose_code(shipped, date=D(day) if day else None).id == expected


def test_codes_meet_at_the_end_of_2014(shipped):
    old, new = shipped.by_id[OLD], shipped.by_id[NEW]
    assert (old.in_force_from, old.in_force_to) == (D("1998-01-01"), D("2014-12-31"))
    assert (new.in_force_from, new.in_force_to) == (D("2015-01-01"), None)


@pytest.mark.parametrize(("day", "expected"), [("2014-12-31", OLD), ("2015-01-01", NEW)])
def test_cli_picks_the_code_by_date(day, expected):
    result = kzlaw("assess", "--act", "insult", "--offender-age", "30", "--date", day, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert json.loads(result.stdout)["code"] == expected


# ---- Art. 130 (slander): decriminalised in 2020 ------------------------------------------------------------


def test_art_130_ends_in_summer_2020_and_the_end_is_approximate(shipped):
    code = shipped.by_id[NEW]
    article = _article(shipped, "130")
    start, end = version_ends(code, article)[-1]
    assert start == D("2015-01-01")
    assert end is not None, "Art. 130 must end with its decriminalisation in 2020"
    # signed Saturday 27.06.2020 (commonly cited); reported decriminalised on 23.07.2020
    assert D("2020-06-27") <= end <= D("2020-07-23"), end
    assert article.latest.date_approximate is True


@pytest.mark.parametrize("day", ["2015-01-01", "2017-06-01", "2019-12-31", "2020-03-01", "2020-06-26"])
def test_art_130_assessed_before_its_decriminalisation(shipped, day):
    result = assess(shipped, {**SLANDER, "mass_media": True}, date=D(day))
    assert result.code.id == NEW
    found = [(m.article, m.part, m.status, m.liable) for m in result.matches if m.article == "130"]
    assert found == [("130", "2", "applies", True)]


@pytest.mark.parametrize("day", ["2020-07-24", "2021-01-01", "2025-01-01", None])
def test_art_130_not_assessed_after_its_decriminalisation(shipped, day):
    result = assess(shipped, {**SLANDER, "mass_media": True}, date=D(day) if day else None)
    assert result.code.id == NEW
    assert "130" not in [m.article for m in result.matches]
    if day is not None:
        assert choose_version(shipped.by_id[NEW], _article(shipped, "130"), D(day)) is None


def test_show_130_after_decriminalisation_exits_2_naming_the_dates(shipped):
    end = version_ends(shipped.by_id[NEW], _article(shipped, "130"))[-1][1]
    result = kzlaw("show", "130", "--date", "2021-01-01")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "2021-01-01" in result.stderr
    assert "2015-01-01" in result.stderr and str(end) in result.stderr, result.stderr


def test_show_130_before_decriminalisation_works():
    result = kzlaw("show", "130", "--date", "2020-03-01", "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Slander" in result.stdout


# ---- first days around the amending laws -------------------------------------------------------------------


def test_every_version_day_before_and_day_of(shipped):
    """On its first day a version is chosen; on the day before, another one (or none) is."""
    code = shipped.by_id[NEW]
    wrong = []
    for article, i, version, start in _versions_with_first_days(shipped):
        if choose_version(code, article, start) is not version:
            wrong.append(f"Art. {article.number} version {i}: not chosen on its first day {start}")
        if start > code.in_force_from and choose_version(code, article, start - DAY) is version:
            wrong.append(f"Art. {article.number} version {i}: already chosen the day before {start}")
    assert not wrong, wrong


def test_no_version_starts_before_its_law(shipped):
    """A version made by a law of the ten-day rule starts on the 11th day after the law at the earliest."""
    early = []
    for article, _i, version, start in _versions_with_first_days(shipped):
        number = _law_number(version.law)
        if number in TEN_DAY_LAWS:
            earliest = TEN_DAY_LAWS[number] + 11 * DAY
            if start < earliest:
                early.append(f"Art. {article.number} ({version.law}): {start}, earliest {earliest}")
    assert not early, "\n".join(early)


def test_one_law_one_first_day(shipped):
    """Versions made by the same amending law take effect on the same day, where the day is derived.

    A day derived from a publication rule ("ten calendar days after ...") is the same for
    every article the law amends. A law may bring provisions into force in stages, so a
    day the footnote names exactly (Law No. 150-VIII: Arts. 301 and 303 from 01.01.2026,
    the rest sixty days after publication) is not compared.
    """
    by_law: dict[str, dict[dt.date, list[str]]] = {}
    for article, _i, version, start in _versions_with_first_days(shipped):
        if version.law and version.date_approximate:
            by_law.setdefault(version.law, {}).setdefault(start, []).append(article.number)
    split = {law: days for law, days in by_law.items() if len(days) > 1}
    assert not split, "; ".join(
        f"{law}: " + ", ".join(f"{day} for Arts. {' '.join(numbers)}" for day, numbers in sorted(days.items()))
        for law, days in split.items()
    )


def test_first_days_from_footnotes_are_approximate(shipped):
    """No source gives a day of publication: first days derived from a law are marked approximate."""
    exact = [
        f"Art. {article.number} ({version.law})"
        for article, _i, version, _start in _versions_with_first_days(shipped)
        if _law_number(version.law) in TEN_DAY_LAWS and not version.date_approximate
    ]
    assert not exact, exact


# The latest amending law in each article's footnote (person and expr sheets; for 375 and 377, which
# carry none, [Q] itself). None: no footnote, so the wording is the original of 1 Jan 2015.
LATEST_LAW = {
    **dict.fromkeys(
        ["120", "121", "122", "123", "125", "126", "128", "132", "133", "134", "135", "144", "312"], "292-VI"
    ),
    "124": "240-VI",
    "174": "12-VI",
    **dict.fromkeys(
        ["205", "206", "207", "208", "209", "210", "211", "212", "213", "274", "308", "311", "372", "376", "378"],
        "180-VI",
    ),
    "373": "91-VI",
    "374": "91-VI",
    "309": None,
    "375": None,
    "377": None,
}


@pytest.mark.parametrize("article", list(LATEST_LAW), ids=[f"art{a}" for a in LATEST_LAW])
def test_newest_version_is_that_of_the_latest_footnoted_law(shipped, article):
    code = shipped.by_id[NEW]
    art = _article(shipped, article)
    version = choose_version(code, art, D("2020-03-01"))
    assert version is not None, f"Art. {article}: nothing in force on 2020-03-01"
    assert _law_number(version.law) == LATEST_LAW[article], version.law
    if LATEST_LAW[article] is None:
        assert version_ends(code, art)[art.versions.index(version)][0] == D("2015-01-01")


@pytest.mark.parametrize(
    "article", ["120", "121", "122", "123", "125", "126", "128", "132", "133", "134", "135", "144", "312"]
)
def test_law_292_vi_versions_start_in_january_2020(shipped, article):
    """Person sheet: the edition is that of Law No. 292-VI of 27.12.2019, in force "January 2020"."""
    code = shipped.by_id[NEW]
    art = _article(shipped, article)
    version = choose_version(code, art, D("2020-03-01"))
    assert version is not None and "292-VI" in (version.law or ""), version and version.law
    start = version_ends(code, art)[art.versions.index(version)][0]
    assert D("2020-01-07") <= start <= D("2020-01-31"), start
    assert choose_version(code, art, start - DAY) is not version
    assert choose_version(code, art, start) is version


def test_art_124_version_of_law_240_vi(shipped):
    """Person sheet: Art. 124's only footnote is Law No. 240-VI of 01.04.2019 (ten-day rule)."""
    code = shipped.by_id[NEW]
    art = _article(shipped, "124")
    version = choose_version(code, art, D("2019-06-01"))
    assert version is not None and "240-VI" in (version.law or "")
    start = version_ends(code, art)[art.versions.index(version)][0]
    assert D("2019-04-12") <= start <= D("2019-04-30"), start


@pytest.mark.parametrize("article", ["309", "375"])
def test_articles_without_an_amendment_footnote_run_from_2015(shipped, article):
    """Person (309) / expr (375): no amendment footnote, so the text is the original of 1 Jan 2015."""
    code = shipped.by_id[NEW]
    art = _article(shipped, article)
    assert version_ends(code, art)[0][0] == D("2015-01-01")
    assert choose_version(code, art, D("2015-01-01")) is not None


# ---- the amendments after 2019 (readme) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "before", "after", "law"),
    [
        ("120", "2020-06-01", "2021-06-01", "Law 30.12.2020 No. 393-VI"),
        ("120", "2024-04-14", "2024-07-01", "Law 15.04.2024 No. 72-VIII"),
        ("121", "2024-04-14", "2024-07-01", "Law 15.04.2024 No. 72-VIII"),
        ("125", "2024-04-14", "2024-07-01", "Law 15.04.2024 No. 72-VIII"),
        ("126", "2024-04-14", "2024-07-01", "Law 15.04.2024 No. 72-VIII"),
        ("125", "2025-09-14", "2025-09-16", "2025 law, in force 16.09.2025"),  # about: law date + 61 days
    ],
    ids=["art120-393-VI", "art120-72-VIII", "art121-72-VIII", "art125-72-VIII", "art126-72-VIII", "art125-2025"],
)
def test_amendment_after_2019_is_surfaced_not_silent(shipped, article, before, after, law):
    """readme: the known later amendments must not be silent. Their sources do not give the resulting
    parts and penalties, so they are recorded as `amendments` of the wording they changed (marked with
    their status), and an answer for a day after one of them carries it as a warning."""
    code = shipped.by_id[NEW]
    art = _article(shipped, article)
    number = law.split("No. ")[-1] if "No. " in law else "2025"
    old, new = choose_version(code, art, D(before)), choose_version(code, art, D(after))
    assert old is not None and new is not None, f"Art. {article}: no wording on {before} or {after}"
    if new is not old and number in (new.law or ""):
        # encoded since as a wording of its own, read in the official edition: the day after uses it
        assert new.checked is not None and new.checked.readings == 2, f"Art. {article}: {law} not checked"
        assert not [a for a in old.amendments if number in a.law and a.date <= D(before)]
        return
    known = [a for a in new.amendments if number in a.law]
    assert known, f"Art. {article}: {law} is neither a version nor a recorded amendment"
    amendment = known[0]
    assert amendment.status == "secondary" and amendment.sources
    facts = {"offender_age": 30}
    warned_after = assess(shipped, facts, code=NEW, date=D(after), articles=[article]).matches[0].warnings
    warned_before = assess(shipped, facts, code=NEW, date=D(before), articles=[article]).matches[0].warnings
    assert amendment in warned_after
    assert amendment not in warned_before


# ---- an assessment without --code or --date, and with an old date ----------------------------------------------


def test_rape_of_13_year_old_by_15_year_old_uses_the_2014_code(shipped):
    result = assess(shipped, RAPE_13_BY_15)
    assert result.code.id == NEW and result.date is None
    found = {m.article: m for m in result.matches}
    rape = found["120"]
    # Art. 120 part 4 (young child), liability from 14 (Art. 15 part 2)
    assert (rape.part, rape.status, rape.liable, rape.min_age) == ("4", "applies", True, 14)
    # Art. 122 (under 16) also holds, but liability for it starts at 16
    assert (found["122"].part, found["122"].liable, found["122"].min_age) == ("1", False, 16)


RAPE_OF_A_13_YEAR_OLD_BY_A_15_YEAR_OLD = (
    "assess",
    "--act",
    "sexual_intercourse",
    "--fact",
    "violence",
    "--victim-age",
    "13",
    "--offender-age",
    "15",
)


def test_cli_assess_without_code_or_date_names_the_version():
    result = kzlaw(
        *RAPE_OF_A_13_YEAR_OLD_BY_A_15_YEAR_OLD,
        "--json",
    )
    assert result.exit_code == 0, (result.stdout, result.stderr)
    document = json.loads(result.stdout)
    assert document["code"] == NEW
    assert document["date"] is None
    (rape,) = [m for m in document["matches"] if m["article"] == "120"]
    assert (rape["part"], rape["status"], rape["liable"]) == ("4", "applies", True)
    version = rape["version"]
    assert {"valid_from", "law", "date_approximate"} <= set(version)
    # today the wording of Law No. 72-VIII (in force 60 days after its publication of April 2024)
    assert "72-VIII" in version["law"]
    assert D("2024-06-15") <= D(version["valid_from"]) <= D("2024-07-31")
    assert version["date_approximate"] is True
    assert rape["penalty"]["alternatives"] == [{"kind": "life_imprisonment", "min": None, "max": None, "unit": None}]


def test_cli_assess_with_a_2010_date_uses_the_1997_code():
    result = kzlaw(
        *RAPE_OF_A_13_YEAR_OLD_BY_A_15_YEAR_OLD,
        "--date",
        "2010-05-01",
        "--json",
    )
    assert result.exit_code == 0, (result.stdout, result.stderr)
    document = json.loads(result.stdout)
    assert document["code"] == OLD
    assert document["date"] == "2010-05-01"
    (rape,) = [m for m in document["matches"] if m["article"] == "120"]
    # 1997 sheet, R2010 (in force 1 Jan 2010 - early Dec 2010): part 3 c) victim under 14, 8-15 years
    assert (rape["part"], rape["status"], rape["liable"]) == ("3", "applies", True)
    version = rape["version"]
    assert D(version["valid_from"] or "1998-01-01") <= D("2010-05-01")
    assert version["valid_to"] is None or D(version["valid_to"]) >= D("2010-05-01")
    terms = [(a["kind"], a["min"], a["max"]) for a in rape["penalty"]["alternatives"]]
    assert terms == [("imprisonment", 96, 180)]


@pytest.mark.parametrize(("day", "code"), [("2014-12-31", OLD), ("2020-03-01", NEW)])
def test_same_facts_either_side_of_the_change_of_code(shipped, day, code):
    result = assess(shipped, RAPE_13_BY_15, date=D(day))
    assert result.code.id == code
    (rape,) = [m for m in result.matches if m.article == "120"]
    assert rape.liable is True and rape.min_age == 14
    assert rape.code == code
