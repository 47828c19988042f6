"""The shipped 2014 code (`kz-cc-2014`) against its fact sheets, article by article and part by part.

The expected figures below are transcribed by hand from the sources, NOT read from
data/articles.yaml:

  person  /work/shared/sources/kz2014-person-sexual-minors.md
          (Arts. 15, 120-126, 128, 132-135, 144, 308, 309, 312; official text as amended to 27.12.2019)
  expr    /work/shared/sources/kz2014-expression-computer-general.md
          (Arts. 130, 131, 174, 205-213, 274, 311, 312, 372-378; "PRIMARY-2020 [Q]" rows)
  [Q]     quyse/kz-laws rus/81097.md, the official text both sheets read. Art. 377 is not tabulated
          in either sheet ("Its text is not reproduced here"); its row below was transcribed from
          [Q] itself (commit 0396b99450a1821acf98c9ae2c5ecac0f46cd0c8, "Статья 377").

Each article is checked against its NEWEST version: the sheets give the text as amended to the end
of 2019 (later changes are unconfirmed and, where known, in the data's notes).

Units are the dataset contract's after loading: imprisonment and restriction of freedom in MONTHS
(3 years = 36); fines and correctional labour "in the same amount" in "mci"; public works in "hours";
arrest in "days". min None means "up to N" (expr sheet, 0.3: the General-Part minimum applies).
Additional punishments are (kind, mandatory, term) with term "life", None (no term: confiscation),
or (min, max) in months; "± deprivation N y" (expr, 0.3) is optional, up to N years.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from figures import additional_key, unsourced, y

from kzlaw.engine import choose_version
from kzlaw.model import ArticleRef

CODE = "kz-cc-2014"
OLD = "kz-cc-1997"
PRIMARY_TEXT = "quyse/kz-laws rus/81097.md"
CASES_DIR = Path(__file__).parent / "cases"

CRIME, MISD = "crime", "misdemeanour"


# ---- alternatives ---------------------------------------------------------------------------------------


def imp(lo, hi):
    return ("imprisonment", lo, hi, "months")


def life():
    return ("life_imprisonment", None, None, None)


def restr(lo, hi):
    return ("restriction_of_freedom", lo, hi, "months")


def fine(hi):
    return ("fine", None, hi, "mci")


def corr(hi):
    """Correctional labour "in the same amount" as the fine: up to that many MCI."""
    return ("correctional_labor", None, hi, "mci")


def works(hi):
    return ("public_works", None, hi, "hours")


def arrest(hi):
    return ("arrest", None, hi, "days")


def fine_corr(hi):
    """Fine up to N MCI, or correctional labour in the same amount (the sheets' "CL same")."""
    return [fine(hi), corr(hi)]


# ---- additional punishments -------------------------------------------------------------------------------

CONFISCATION = ("forfeiture_of_property", True, None)
CONFISCATION_OPT = ("forfeiture_of_property", False, None)
LIFE_BAN = ("deprivation_of_right", True, "life")


def ban(lo, hi, mandatory):
    return ("deprivation_of_right", mandatory, (lo, hi))


def ban_opt(years):
    """Expr 0.3, "± deprivation N y": deprivation of the right for up to N years, or without it."""
    return ban(None, y(years), False)


# article -> parts: part -> (alternatives, additional, offence). Comments give the sheet's words.
EXPECTED: dict[str, dict[str, tuple[list, list, str]]] = {
    # person, Art. 120 (rape)
    "120": {
        "1": ([imp(y(5), y(8))], [], CRIME),
        "2": ([imp(y(9), y(12))], [], CRIME),
        # 12-15 years; deprivation "сроком на десять лет" (a fixed 10 years) "or without it"
        "3": ([imp(y(12), y(15))], [ban(y(10), y(10), False)], CRIME),
        "3-1": ([imp(y(12), y(17))], [LIFE_BAN], CRIME),
        # 17-20 years with a lifetime ban, or life imprisonment
        "3-2": ([imp(y(17), y(20)), life()], [LIFE_BAN], CRIME),
        # a fixed term of 20 years with a lifetime ban, or life imprisonment
        "4": ([imp(y(20), y(20)), life()], [LIFE_BAN], CRIME),
    },
    # person, Art. 121 (violent acts of a sexual nature): same sanctions as Art. 120
    "121": {
        "1": ([imp(y(5), y(8))], [], CRIME),
        "2": ([imp(y(9), y(12))], [], CRIME),
        "3": ([imp(y(12), y(15))], [ban(y(10), y(10), False)], CRIME),
        "3-1": ([imp(y(12), y(17))], [LIFE_BAN], CRIME),
        "3-2": ([imp(y(17), y(20)), life()], [LIFE_BAN], CRIME),
        "4": ([imp(y(20), y(20)), life()], [LIFE_BAN], CRIME),
    },
    # person, Art. 122 (sexual acts with a person under 16)
    "122": {
        "1": ([restr(None, y(5)), imp(None, y(5))], [], CRIME),
        "2": ([imp(y(7), y(10))], [LIFE_BAN], CRIME),
        "3": ([imp(y(10), y(15))], [LIFE_BAN], CRIME),
    },
    # person, Art. 123 (coercion into sexual acts)
    "123": {
        "1": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "2": ([*fine_corr(5000), restr(None, y(5)), imp(None, y(5))], [], CRIME),
    },
    # person, Art. 124 (corruption of young children)
    "124": {
        "1": ([imp(y(5), y(10))], [ban(y(7), y(10), True)], CRIME),
        "2": ([imp(y(7), y(12))], [LIFE_BAN], CRIME),
        "3": ([imp(y(10), y(15))], [LIFE_BAN], CRIME),
    },
    # person, Art. 125 (kidnapping): confiscation "or without it" in parts 2 and 3
    "125": {
        "1": ([imp(y(4), y(7))], [], CRIME),
        "2": ([imp(y(7), y(12))], [CONFISCATION_OPT], CRIME),
        "3": ([imp(y(10), y(15))], [CONFISCATION_OPT], CRIME),
    },
    # person, Art. 126 (unlawful deprivation of liberty)
    "126": {
        "1": ([restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "2": ([imp(None, y(5))], [CONFISCATION_OPT], CRIME),
        "3": ([imp(y(5), y(10))], [CONFISCATION_OPT], CRIME),
    },
    # person, Art. 128 (trafficking in persons): confiscation mandatory in all parts (summary table)
    "128": {
        "1": ([imp(y(4), y(7))], [CONFISCATION], CRIME),
        "2": ([imp(y(7), y(9))], [CONFISCATION], CRIME),
        "3": ([imp(y(9), y(12))], [CONFISCATION], CRIME),
        "4": ([imp(y(12), y(15))], [CONFISCATION], CRIME),
    },
    # expr A.1, Art. 130 (slander), last edition before the 2020 decriminalisation
    "130": {
        "1": ([*fine_corr(1000), restr(None, y(1)), imp(None, y(1))], [], CRIME),
        "2": ([*fine_corr(2000), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "3": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
    },
    # expr A.2, Art. 131 (insult): criminal misdemeanour
    "131": {
        "1": ([*fine_corr(100), works(120)], [], MISD),
        "2": ([*fine_corr(200), works(180)], [], MISD),
    },
    # person, Art. 132 (involving a minor in criminal offences): lifetime ban in parts 2-5
    "132": {
        "1": ([imp(y(3), y(6))], [], CRIME),
        "2": ([imp(y(4), y(8))], [LIFE_BAN], CRIME),
        "3": ([imp(y(4), y(10))], [LIFE_BAN], CRIME),
        "4": ([imp(y(5), y(12))], [LIFE_BAN], CRIME),
        "5": ([imp(y(10), y(15))], [LIFE_BAN], CRIME),
    },
    # person, Art. 133 (involving a minor in antisocial acts)
    "133": {
        "1": ([*fine_corr(4000), works(1000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "2": ([*fine_corr(5000), works(1200), restr(None, y(6)), imp(None, y(6))], [LIFE_BAN], CRIME),
        "3": ([imp(y(3), y(7))], [LIFE_BAN], CRIME),
    },
    # person, Art. 134 (involving a minor in prostitution); part 4: lifetime ban for item 2 only
    "134": {
        "1": ([imp(y(3), y(6))], [CONFISCATION], CRIME),
        "2": ([imp(y(5), y(8))], [CONFISCATION], CRIME),
        "3": ([imp(y(6), y(10))], [CONFISCATION], CRIME),
        "4": ([imp(y(7), y(12))], [CONFISCATION, LIFE_BAN], CRIME),
    },
    # person, Art. 135 (trafficking in minors): confiscation mandatory in all parts (summary table)
    "135": {
        "1": ([imp(y(5), y(9))], [CONFISCATION], CRIME),
        "2": ([imp(y(9), y(12))], [CONFISCATION], CRIME),
        "3": ([imp(y(10), y(15))], [CONFISCATION], CRIME),
        "4": ([imp(y(12), y(18))], [CONFISCATION], CRIME),
    },
    # person, Art. 144 (erotic material), single part: fine up to 200 MCI, correctional labour
    # in the same amount, community service up to 200 hours, arrest up to 50 days; a misdemeanour
    "144": {
        "1": ([*fine_corr(200), works(200), arrest(50)], [], MISD),
    },
    # expr A.3, Art. 174 (inciting discord)
    "174": {
        "1": ([restr(y(2), y(7)), imp(y(2), y(7))], [], CRIME),
        "2": ([imp(y(5), y(10))], [ban_opt(3)], CRIME),
        "3": ([imp(y(12), y(20))], [ban_opt(3)], CRIME),
    },
    # expr A.5, Arts. 205-213 (the computer chapter)
    "205": {
        "1": ([*fine_corr(160), works(160), arrest(40)], [ban_opt(2)], MISD),
        "2": ([*fine_corr(200), works(200), arrest(50)], [ban_opt(2)], MISD),
        "3": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban_opt(3)], CRIME),
    },
    "206": {
        "1": ([*fine_corr(200), works(200), arrest(50)], [ban_opt(2)], MISD),
        "2": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban_opt(3)], CRIME),
        "3": ([imp(y(3), y(7))], [ban_opt(3)], CRIME),
    },
    "207": {
        "1": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban_opt(2)], CRIME),
        "2": ([*fine_corr(4000), works(1000), restr(None, y(4)), imp(None, y(4))], [ban_opt(3)], CRIME),
        "3": ([imp(y(5), y(10))], [ban_opt(5)], CRIME),
    },
    "208": {
        "1": ([*fine_corr(200), works(180), arrest(50)], [ban_opt(2)], MISD),
        "2": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban_opt(3)], CRIME),
        "3": ([imp(y(3), y(7))], [ban_opt(3)], CRIME),
    },
    "209": {
        "1": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban_opt(2)], CRIME),
        "2": ([imp(y(3), y(7))], [ban_opt(3)], CRIME),
        "3": ([imp(y(5), y(10))], [ban_opt(5)], CRIME),
    },
    "210": {
        "1": ([*fine_corr(3000), works(800), restr(None, y(3)), imp(None, y(3))], [ban_opt(3)], CRIME),
        "2": ([restr(y(3), y(7)), imp(y(3), y(7))], [ban_opt(3)], CRIME),
        "3": ([imp(y(5), y(10))], [ban_opt(5)], CRIME),
    },
    "211": {
        "1": ([*fine_corr(200), works(180), arrest(50)], [ban_opt(3)], MISD),
        # no fine option
        "2": ([works(1200), restr(None, y(5)), imp(None, y(5))], [ban_opt(3)], CRIME),
        "3": ([imp(y(3), y(7))], [ban_opt(5)], CRIME),
    },
    "212": {
        # "+ deprivation up to 2 y (mandatory)"
        "1": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [ban(None, y(2), True)], CRIME),
        "2": ([imp(y(3), y(7))], [ban(None, y(3), True)], CRIME),
    },
    "213": {
        "1": ([*fine_corr(160), works(160), arrest(40)], [], MISD),
        "2": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "3": ([imp(None, y(5))], [], CRIME),
    },
    # expr A.4, Art. 274 (knowingly false information)
    "274": {
        "1": ([*fine_corr(1000), works(400), restr(None, y(1)), imp(None, y(1))], [], CRIME),
        "2": ([*fine_corr(3000), works(800), restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "3": ([*fine_corr(5000), works(1200), restr(None, y(5)), imp(None, y(5))], [], CRIME),
        "4": ([restr(y(3), y(7)), imp(y(3), y(7))], [], CRIME),
    },
    # person, Art. 308 (involving in prostitution): confiscation follows the whole list
    "308": {
        "1": ([*fine_corr(3000), works(800), restr(None, y(3)), imp(None, y(3))], [CONFISCATION], CRIME),
        "2": ([imp(y(3), y(6))], [CONFISCATION], CRIME),
        "3": ([imp(y(5), y(7))], [CONFISCATION], CRIME),
    },
    # person, Art. 309 (brothels and pimping): only imprisonment
    "309": {
        "1": ([imp(None, y(5))], [CONFISCATION], CRIME),
        "2": ([imp(y(3), y(7))], [CONFISCATION], CRIME),
        "3": ([imp(y(5), y(10))], [CONFISCATION], CRIME),
    },
    # expr A.6 / person (Art. 312 note), Art. 311: "with or without confiscation" of property
    "311": {
        "1": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [CONFISCATION_OPT], CRIME),
    },
    # person and expr A.7, Art. 312 (child pornography)
    "312": {
        "1": ([imp(y(3), y(6))], [CONFISCATION], CRIME),
        "2": ([imp(y(5), y(10))], [CONFISCATION], CRIME),
        "3": ([imp(y(10), y(15))], [CONFISCATION, LIFE_BAN], CRIME),
    },
    # expr A.8, Art. 372: the [Q] 2020 sanction (the higher "current" one is SECONDARY, unconfirmed)
    "372": {
        "1": ([*fine_corr(2000), works(600), restr(None, y(2)), imp(None, y(2))], [], CRIME),
    },
    "373": {
        "1": ([*fine_corr(2000), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "2": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "3": ([*fine_corr(5000), restr(None, y(5)), imp(None, y(5))], [], CRIME),
    },
    "374": {
        "1": ([*fine_corr(5000), restr(None, y(5)), imp(None, y(5))], [], CRIME),
    },
    "375": {
        "1": ([*fine_corr(2000), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "2": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
        "3": ([*fine_corr(5000), restr(None, y(5)), imp(None, y(5))], [], CRIME),
    },
    "376": {
        "1": ([*fine_corr(200), works(200), arrest(50)], [], MISD),
        "2": ([*fine_corr(2000), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "3": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [], CRIME),
    },
    # [Q] directly (not in the sheets): part 1 fine up to 2,000 MCI, correctional labour in the same
    # amount, restriction or imprisonment up to 2 years; part 2 (official position) 3,000 MCI / 3 years
    # "с лишением права ... на срок до трех лет или без такового". Categories by Art. 11: minor, medium.
    "377": {
        "1": ([*fine_corr(2000), restr(None, y(2)), imp(None, y(2))], [], CRIME),
        "2": ([*fine_corr(3000), restr(None, y(3)), imp(None, y(3))], [ban_opt(3)], CRIME),
    },
    "378": {
        "1": ([*fine_corr(80), works(80), arrest(20)], [], MISD),
        "2": ([*fine_corr(160), works(160), arrest(40)], [], MISD),
    },
}

# Art. 15 part 2 (person sheet; expr B.8): of the encoded articles, liability from 14 only for these.
AGE_14 = {"120", "121", "125", "174"}

# The 1997 article(s) each 2014 article continues, by title and offence in the 1997 sheet
# (kz1997-seed-articles.md) against the 2014 sheets. Empty: no encoded 1997 predecessor.
REPLACES = {
    "120": {"120"},  # rape
    "121": {"121"},  # violent acts of a sexual nature
    "122": {"122"},  # sexual acts with a person under 16
    "123": {"123"},  # coercion into sexual acts
    "124": {"124"},  # corruption of young children
    "125": set(),  # kidnapping (1997 Art. 125, not encoded)
    "126": set(),  # unlawful deprivation of liberty (1997 Art. 126, not encoded)
    "128": {"128"},  # trafficking in persons
    "130": {"129"},  # slander (Клевета) <- 1997 Art. 129 libel (Клевета)
    "131": {"130"},  # insult <- 1997 Art. 130 insult
    "132": set(),  # involving a minor in criminal offences (1997 Art. 131, not encoded)
    "133": {"132"},  # involving a minor in antisocial acts <- 1997 Art. 132
    "134": {"132-1"},  # involving a minor in prostitution <- 1997 Art. 132-1
    "135": {"133"},  # trafficking in minors <- 1997 Art. 133
    "144": set(),
    "174": set(),
    # 1997 Art. 227: unlawful access causing destruction, blocking, modification or copying of
    # information or disruption (parts 1-2), malicious programs (parts 3-4)
    "205": {"227"},  # unlawful access
    "206": {"227"},  # destruction or modification
    "207": {"227"},  # disruption
    "208": {"227"},  # copying (taking) of information
    "209": set(),  # coercion to transfer information: new
    "210": {"227"},  # malicious programs
    "211": set(),  # dissemination of restricted information: new
    "212": set(),  # hosting for unlawful purposes: new
    "213": set(),  # IMEI / SIM (1997 Art. 227-1, not encoded)
    "274": set(),
    "308": {"270"},  # involving in prostitution <- 1997 Art. 270
    "309": set(),  # brothels (1997 Art. 271, not encoded)
    "311": {"273"},  # pornography <- 1997 Art. 273
    "312": {"273-1"},  # child pornography <- 1997 Art. 273-1
    "372": set(),
    "373": set(),
    "374": set(),
    "375": set(),
    "376": set(),
    "377": set(),
    "378": set(),
}

# 1997 article -> its 2014 successors (the same links read backwards).
SUCCESSORS_1997 = {
    "120": {"120"},
    "121": {"121"},
    "122": {"122"},
    "123": {"123"},
    "124": {"124"},
    "128": {"128"},
    "129": {"130"},
    "130": {"131"},
    "132": {"133"},
    "132-1": {"134"},
    "133": {"135"},
    "227": {"205", "206", "207", "208", "210"},
    "270": {"308"},
    "273": {"311"},
    "273-1": {"312"},
}

PARTS = [(article, part) for article, parts in EXPECTED.items() for part in parts]
PART_IDS = [f"art{a}-part{p}" for a, p in PARTS]
ARTICLES = list(EXPECTED)
ARTICLE_IDS = [f"art{a}" for a in ARTICLES]


def _code(dataset):
    return dataset.by_id[CODE]


def _latest(dataset, number):
    """The newest wording read from [Q] (the edition of the end of 2019); the wordings read from
    the later official editions are checked against their own tables (test_data_tables.py)."""
    article = _code(dataset).by_number.get(number)
    assert article is not None, f"Art. {number} is missing from {CODE}"
    read = [v for v in article.versions if _from_q(v)]
    assert read, f"Art. {number} has no version read from {PRIMARY_TEXT}"
    return read[-1]


def _from_q(version) -> bool:
    return any(s.document == PRIMARY_TEXT for s in version.sources)


def _part(dataset, number, part):
    version = _latest(dataset, number)
    try:
        return version.part(part)
    except KeyError:
        pytest.fail(f"Art. {number} has no part {part}; it has {[p.part for p in version.parts]}")


def _show(counter):
    return sorted(counter.elements(), key=repr)


# ---- the articles and their parts ---------------------------------------------------------------------


def test_articles_of_the_sheets_are_all_encoded(shipped):
    numbers = [a.number for a in _code(shipped).articles]
    assert set(ARTICLES) <= set(numbers)


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_parts_are_those_of_the_sources(shipped, article):
    assert [p.part for p in _latest(shipped, article).parts] == list(EXPECTED[article])


# ---- penalties, part by part ------------------------------------------------------------------------------


@pytest.mark.parametrize(("article", "part"), PARTS, ids=PART_IDS)
def test_penalty_alternatives(shipped, article, part):
    found = _part(shipped, article, part)
    expected = Counter(EXPECTED[article][part][0])
    got = Counter((a.kind, a.min, a.max, a.unit) for a in found.penalty.alternatives)
    assert got == expected, (
        f"Art. {article} part {part}: data has {_show(got)}, sources say {_show(expected)}; "
        f"missing {_show(expected - got)}, extra {_show(got - expected)}"
    )


@pytest.mark.parametrize(("article", "part"), PARTS, ids=PART_IDS)
def test_additional_punishments(shipped, article, part):
    found = _part(shipped, article, part)
    expected = Counter(EXPECTED[article][part][1])
    got = Counter(additional_key(a) for a in found.penalty.additional)
    assert got == expected, (
        f"Art. {article} part {part}: data has {_show(got)}, sources say {_show(expected)}; "
        f"missing {_show(expected - got)}, extra {_show(got - expected)}"
    )


@pytest.mark.parametrize(("article", "part"), PARTS, ids=PART_IDS)
def test_offence_category(shipped, article, part):
    """Crime or criminal misdemeanour, as each sheet's category column gives it (Art. 10)."""
    assert _part(shipped, article, part).offence == EXPECTED[article][part][2]


@pytest.mark.parametrize("article", ["120", "121"])
@pytest.mark.parametrize("part", ["3-2", "4"])
def test_lifetime_ban_goes_with_the_fixed_term_not_with_life(shipped, article, part):
    """Person sheet: "lifetime ban attached to the fixed-term alternative" (or life imprisonment)."""
    (extra,) = _part(shipped, article, part).penalty.additional
    assert extra.with_ == ("imprisonment",), extra


def test_art_134_part_4_lifetime_ban_only_for_a_parent_or_teacher(shipped):
    """Person sheet: part 4 carries a lifetime ban "in the case of item 2 only"."""
    from kzlaw import assess

    def kinds(**facts):
        result = assess(
            shipped,
            {"act": ["prostitution_recruitment"], "victim_age": 15, "offender_age": 30, **facts},
            code=CODE,
            date=_latest(shipped, "134").valid_from,
        )
        (match,) = [m for m in result.matches if m.article == "134"]
        assert match.part == "4", (match.part, match.because)
        return sorted(a.kind for a in match.additional)

    assert kinds(criminal_group=True, parent_or_teacher=False) == ["forfeiture_of_property"]
    assert kinds(criminal_group=False, parent_or_teacher=True) == ["deprivation_of_right", "forfeiture_of_property"]


def test_art_308_confiscation_follows_every_alternative(shipped):
    """Person sheet: "с конфискацией имущества" follows the whole list of alternatives."""
    (extra,) = _part(shipped, "308", "1").penalty.additional
    assert extra.with_ == () and extra.when is None, extra


def test_art_372_notes_give_the_reported_higher_sanction(shipped):
    """Expr A.8: the current 3,000 MCI / 900 h is SECONDARY only; left out of the data, so say so."""
    notes = " ".join(_latest(shipped, "372").notes)
    assert "3,000" in notes and "900" in notes, notes


# ---- Art. 15: age of liability ------------------------------------------------------------------------------


def test_general_age_of_liability_is_16(shipped):
    assert _code(shipped).liability.general_age == 16


def test_lower_age_is_14_and_covers_whole_articles(shipped):
    lower = _code(shipped).liability.lower_ages
    assert [entry.age for entry in lower] == [14]
    (entry,) = lower
    listed = {number: parts for number, parts in entry.articles}
    assert set(listed) & set(ARTICLES) == AGE_14
    assert all(listed[number] == () for number in AGE_14), entry.articles


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_age_of_liability(shipped, article):
    liability = _code(shipped).liability
    expected = 14 if article in AGE_14 else 16
    assert liability.min_age(article) == expected
    for part in EXPECTED[article]:
        assert liability.min_age(article, part) == expected, f"Art. {article} part {part}"


# ---- sources ----------------------------------------------------------------------------------------------------


def test_code_and_liability_have_sources(shipped):
    code = _code(shipped)
    assert code.sources
    assert any(s.document == PRIMARY_TEXT and s.status == "primary" for s in code.liability.sources)


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_every_version_and_part_has_a_source(shipped, article):
    versions = _code(shipped).by_number[article].versions
    assert versions
    missing = unsourced(versions)
    assert not missing, f"Art. {article}: no source for {missing}"


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_newest_version_cites_the_official_text(shipped, article):
    """Every figure above comes from [Q]; the newest version and each part must cite it as primary."""
    version = _latest(shipped, article)
    assert version.status == "primary"
    assert any(s.document == PRIMARY_TEXT and s.status == "primary" for s in version.sources), version.sources
    for part in version.parts:
        cited = [s for s in (*part.sources, *version.sources) if s.document == PRIMARY_TEXT]
        assert cited, f"Art. {article} part {part.part} does not cite {PRIMARY_TEXT}"


# ---- the links between the codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_replaces(shipped, article):
    refs = _code(shipped).by_number[article].replaces
    assert all(r.code == OLD for r in refs), refs
    assert {r.article for r in refs} == REPLACES[article]


@pytest.mark.parametrize("old", list(SUCCESSORS_1997), ids=[f"art{a}" for a in SUCCESSORS_1997])
def test_successors_from_1997(shipped, old):
    assert old in shipped.by_id[OLD].by_number, f"1997 Art. {old} is not encoded"
    got = shipped.successors(OLD, old)
    assert all(ref.code == CODE for ref in got), got
    assert {ref.article for ref in got} == SUCCESSORS_1997[old]


def test_named_successors(shipped):
    """The brief's examples: 1997 Art. 270 -> 308, 273 -> 311, 129 -> 130."""
    assert shipped.successors(OLD, "270") == [ArticleRef(CODE, "308")]
    assert shipped.successors(OLD, "273") == [ArticleRef(CODE, "311")]
    assert shipped.successors(OLD, "129") == [ArticleRef(CODE, "130")]


def test_every_replaced_article_exists_in_1997(shipped):
    old = shipped.by_id[OLD].by_number
    dangling = [(a.number, r.article) for a in _code(shipped).articles for r in a.replaces if r.article not in old]
    assert not dangling, dangling


# ---- the legal cases reach every part ----------------------------------------------------------------------------


def _cases_2014():
    cases = []
    for path in sorted(CASES_DIR.glob("2014-*.yaml")):
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases


def test_every_part_of_every_2014_article_is_reached_by_a_case(shipped):
    """Each part of each version of each article has a case in tests/cases/2014-*.yaml where it applies."""
    code = _code(shipped)
    reached = set()
    cases = _cases_2014()
    assert cases, "no tests/cases/2014-*.yaml"
    for case in cases:
        if case["code"] != CODE:
            continue
        for entry in case["expected"]:
            article = code.by_number.get(str(entry["article"]))
            if entry["status"] != "applies" or article is None:
                continue
            version = choose_version(code, article, case.get("date"))
            reached.add((article.number, id(version), str(entry["part"])))
    unreached = [
        f"Art. {article.number} version {i} (from {version.valid_from}) part {part.part}"
        for article in code.articles
        for i, version in enumerate(article.versions)
        if i <= max((k for k, v in enumerate(article.versions) if _from_q(v)), default=-1)
        # an earlier wording read in an official edition and checked twice is reached by the facts made
        # for each of its parts (test_data_special_part) instead of a written case
        and not (version.checked is not None and version.checked.readings >= 2 and version.checked.commit)
        for part in version.parts
        if (article.number, id(version), part.part) not in reached
    ]
    assert not unreached, f"no case reaches: {unreached}"


def test_art_312_answers_for_each_of_its_two_basic_offences(shipped):
    """Art. 312 part 1 (making or circulating child pornography) and part 2 (an adult involving
    minors in it) are two offences; part 3 aggravates either, and reached from both is one match."""
    from kzlaw import assess

    def parts(facts):
        result = assess(shipped, {"offender_age": 30, **facts}, code=CODE, date="2021-01-01")
        return [(m.part, m.status) for m in result.matches if m.article == "312"]

    both = ["child_pornography", "child_pornography_involvement"]
    assert parts({"act": both}) == [("1", "applies"), ("2", "applies")]
    assert parts({"act": ["child_pornography_involvement"]}) == [("2", "applies")]
    assert parts({"act": both, "victim_age": 12}) == [("3", "applies")]
