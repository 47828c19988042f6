"""The wordings of 2014 Arts. 125, 126, 128, 132, 134 and 135 in force before their latest amendment.

The expected figures are transcribed by hand from docs/research/2014-early-wordings.md (sections
"Art. 125" ... "Art. 135", all marked "full"), NOT read from data/articles.yaml. That research
reconstructs each earlier wording from the amending laws' own texts in quyse/kz-laws:

  L292  rus/137849.md, Law No. 292-VI of 27.12.2019, Art. 1 item 2 sub-items 24)-32)
        ("слова «X» заменить словами «Y»": X is the earlier term); in force 2020-01-07 (approximate)
  L170  rus/123164.md, Law No. 170-VI of 02.07.2018, Art. 1 item 1 sub-items 2)-3) (Internet limb of
        Art. 132 part 2 and item 1-1 of Art. 134 part 3); in force 2019-01-03 (approximate)

Units after loading: imprisonment and restriction of freedom in MONTHS (3 years = 36).
"""

from __future__ import annotations

from collections import Counter

import pytest
from figures import DAY, D, additional_key, y

from kzlaw.engine import choose_version, version_ends

CODE = "kz-cc-2014"
CODE_START = D("2015-01-01")
L170_DAY = D("2019-01-03")
L292_DAY = D("2020-01-07")


def imp(lo, hi):
    return ("imprisonment", None if lo is None else y(lo), y(hi), "months")


def restr(lo, hi):
    return ("restriction_of_freedom", None if lo is None else y(lo), y(hi), "months")


CONF = ("forfeiture_of_property", True, None)
CONF_OPT = ("forfeiture_of_property", False, None)
LIFE_BAN = ("deprivation_of_right", True, "life")

ALL_125_2 = ["1", "2", "3", "4", "5", "6", "7", "8"]
ALL_126_2 = ALL_125_2 + ["9"]

# (article, first day) -> {part: (alternatives, additional, circumstance items or None)}
# Items: the numbered circumstances the research gives for the part (None: not itemised / basic part).
EARLY = {
    # Art. 125: penalties untouched by L292; part 2 items 1-8 only (9, 10 added by L292)
    ("125", CODE_START): {
        "1": ([imp(4, 7)], [], None),
        "2": ([imp(7, 12)], [CONF_OPT], ALL_125_2),
        "3": ([imp(10, 15)], [CONF_OPT], ["1", "2", "3"]),
    },
    # Art. 126: penalties untouched; part 2 items 1-9 only (10, 11 added by L292)
    ("126", CODE_START): {
        "1": ([restr(None, 3), imp(None, 3)], [], None),
        "2": ([imp(None, 5)], [CONF_OPT], ALL_126_2),
        "3": ([imp(5, 10)], [CONF_OPT], ["1", "2", "3"]),
    },
    # Art. 128: 3-5, 5-7, 7-10, 10-15 years, confiscation mandatory
    ("128", CODE_START): {
        "1": ([imp(3, 5)], [CONF], None),
        "2": ([imp(5, 7)], [CONF], [str(i) for i in range(1, 13)]),
        "3": ([imp(7, 10)], [CONF], None),
        "4": ([imp(10, 15)], [CONF], ["1", "2"]),
    },
    # Art. 132, version A (2015) and B (L170): same penalties
    ("132", CODE_START): {
        "1": ([imp(2, 6)], [], None),
        "2": ([imp(3, 7)], [LIFE_BAN], None),
        "3": ([imp(4, 8)], [LIFE_BAN], None),
        "4": ([imp(5, 10)], [LIFE_BAN], None),
        "5": ([imp(10, 15)], [LIFE_BAN], None),
    },
    ("132", L170_DAY): {
        "1": ([imp(2, 6)], [], None),
        "2": ([imp(3, 7)], [LIFE_BAN], None),
        "3": ([imp(4, 8)], [LIFE_BAN], None),
        "4": ([imp(5, 10)], [LIFE_BAN], None),
        "5": ([imp(10, 15)], [LIFE_BAN], None),
    },
    # Art. 134, version A (2015): part 3 items 1, 2; version B (L170): items 1, 1-1, 2
    ("134", CODE_START): {
        "1": ([imp(3, 5)], [CONF], None),
        "2": ([imp(5, 7)], [CONF], None),
        "3": ([imp(6, 10)], [CONF], ["1", "2"]),
        "4": ([imp(7, 12)], [CONF, LIFE_BAN], ["1", "2"]),
    },
    ("134", L170_DAY): {
        "1": ([imp(3, 5)], [CONF], None),
        "2": ([imp(5, 7)], [CONF], None),
        "3": ([imp(6, 10)], [CONF], ["1", "1-1", "2"]),
        "4": ([imp(7, 12)], [CONF, LIFE_BAN], ["1", "2"]),
    },
    # Art. 135: 5-7, 7-10, 10-12, 12-15 years, confiscation mandatory
    ("135", CODE_START): {
        "1": ([imp(5, 7)], [CONF], None),
        "2": ([imp(7, 10)], [CONF], [str(i) for i in range(1, 14)]),
        "3": ([imp(10, 12)], [CONF], None),
        "4": ([imp(12, 15)], [CONF], ["1", "2"]),
    },
}

# The first days of the versions read in the research, oldest first (research: "Dates"); the
# wordings of the later official editions follow them.
FIRST_DAYS = {
    "125": [CODE_START, L292_DAY],
    "126": [CODE_START, L292_DAY],
    "128": [CODE_START, L292_DAY],
    "132": [CODE_START, L170_DAY, L292_DAY],
    "134": [CODE_START, L170_DAY, L292_DAY],
    "135": [CODE_START, L292_DAY],
}

# The part and fact of the Internet limb added by L170 (Art. 132 part 2; Art. 134 part 3 item 1-1).
INTERNET_LIMB = {"132": ("2", "telecom_networks"), "134": ("3", "telecom_networks")}

VERSIONS = list(EARLY)
VERSION_IDS = [f"art{a}-{d}" for a, d in VERSIONS]
PARTS = [(a, d, p) for (a, d), parts in EARLY.items() for p in parts]
PART_IDS = [f"art{a}-{d}-part{p}" for a, d, p in PARTS]


def _article(dataset, number):
    return dataset.by_id[CODE].by_number[number]


def _version_from(dataset, number, first_day):
    code = dataset.by_id[CODE]
    art = _article(dataset, number)
    for version, (start, _end) in zip(art.versions, version_ends(code, art), strict=True):
        if start == first_day:
            return version
    pytest.fail(f"Art. {number}: no version starting {first_day}")


@pytest.mark.parametrize("article", list(FIRST_DAYS), ids=[f"art{a}" for a in FIRST_DAYS])
def test_first_days_of_the_versions(shipped, article):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    starts = [start for start, _end in version_ends(code, art)]
    assert starts[: len(FIRST_DAYS[article])] == FIRST_DAYS[article]  # later wordings: test_data_tables
    assert art.earlier_wording_encoded is True  # covered from the code's start: no gap left


@pytest.mark.parametrize(("article", "first_day"), VERSIONS, ids=VERSION_IDS)
def test_early_version_has_the_research_parts(shipped, article, first_day):
    version = _version_from(shipped, article, first_day)
    assert [p.part for p in version.parts] == list(EARLY[(article, first_day)])
    assert version.status == "primary" and version.law
    assert version.date_approximate is (first_day != CODE_START)
    cited = {s.document for s in version.sources}
    assert "quyse/kz-laws rus/81097.md" in cited
    assert "quyse/kz-laws rus/137849.md" in cited  # L292, whose replaced words give the earlier terms
    if article in ("132", "134"):
        assert "quyse/kz-laws rus/123164.md" in cited  # L170
    assert version.notes, "the reconstruction must be explained in notes"


@pytest.mark.parametrize(("article", "first_day", "part"), PARTS, ids=PART_IDS)
def test_early_penalties(shipped, article, first_day, part):
    found = _version_from(shipped, article, first_day).part(part)
    alternatives, additional, items = EARLY[(article, first_day)][part]
    got = Counter((a.kind, a.min, a.max, a.unit) for a in found.penalty.alternatives)
    assert got == Counter(alternatives), f"Art. {article} ({first_day}) part {part}: {sorted(got.elements(), key=repr)}"
    got_extra = Counter(additional_key(a) for a in found.penalty.additional)
    assert got_extra == Counter(additional), f"Art. {article} ({first_day}) part {part}: {got_extra}"
    assert found.offence == "crime"
    assert found.sources
    if items is not None:
        assert [c.item for c in found.circumstances] == items


@pytest.mark.parametrize(("article", "first_day"), VERSIONS, ids=VERSION_IDS)
def test_version_chosen_in_the_early_period(shipped, article, first_day):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    version = _version_from(shipped, article, first_day)
    days = FIRST_DAYS[article]
    following = days[days.index(first_day) + 1]
    assert choose_version(code, art, first_day) is version
    assert choose_version(code, art, following - DAY) is version
    assert choose_version(code, art, following) is not version
    if first_day == CODE_START:
        assert choose_version(code, art, D("2016-05-01")) is version


@pytest.mark.parametrize("article", list(FIRST_DAYS), ids=[f"art{a}" for a in FIRST_DAYS])
def test_latest_amendment_first_day_picks_the_292_vi_version(shipped, article):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    on_first_day = choose_version(code, art, L292_DAY)
    assert on_first_day is not None and "292-VI" in on_first_day.law
    before = choose_version(code, art, L292_DAY - DAY)
    assert before is not None and before is not on_first_day


@pytest.mark.parametrize("article", ["132", "134"])
def test_law_170_vi_first_day(shipped, article):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    on_first_day = choose_version(code, art, L170_DAY)
    assert on_first_day is not None and "170-VI" in on_first_day.law
    assert choose_version(code, art, L170_DAY - DAY) is _version_from(shipped, article, CODE_START)


@pytest.mark.parametrize("article", ["132", "134"])
def test_internet_limb_only_from_law_170_vi(shipped, article):
    part, fact = INTERNET_LIMB[article]
    early = _version_from(shipped, article, CODE_START).part(part)
    later = _version_from(shipped, article, L170_DAY).part(part)
    assert fact not in repr([c.when for c in early.circumstances])
    assert fact in repr([c.when for c in later.circumstances])
