"""The original (2015) wordings of 2014 Arts. 212, 311 and 372, in force before Law No. 180-VI.

The expected figures are transcribed by hand from the amending law and the current code (NOT read from
data/articles.yaml):

  CODE  quyse/kz-laws rus/81097.md, commit 0396b99450a1821acf98c9ae2c5ecac0f46cd0c8: Arts. 212, 311, 372
        and their footnotes, each naming Law No. 180-VI of 12.07.2018 as the only amending law.
  L180  quyse/kz-laws rus/123552.md, commit c87ea9876e2f17c8050396a178eb2566da422af0, Art. 1 item 1
        sub-items 78) (Art. 212 part 1), 142) (Art. 311) and 200) (Art. 372): each only inserts, after
        «размере, либо», the words «привлечением к общественным работам на срок до шестисот часов, либо».
        In force ten calendar days after publication: 2018-07-23 (approximate).

So the 2015 sanction is the current one without "public works up to 600 hours"; nothing else changed.
Units after loading: imprisonment and restriction of freedom in MONTHS (2 years = 24).
"""

from __future__ import annotations

from collections import Counter

import pytest
from figures import DAY, D, additional_key, y

from kzlaw.engine import choose_version, version_ends

CODE = "kz-cc-2014"
CODE_START = D("2015-01-01")
L180_DAY = D("2018-07-23")
EARLY_DAY = D("2016-05-01")


FINE_2000 = ("fine", None, 2000, "mci")
CORR_2000 = ("correctional_labor", None, 2000, "mci")
RESTR_2 = ("restriction_of_freedom", None, y(2), "months")
IMP_2 = ("imprisonment", None, y(2), "months")
WORKS_600 = ("public_works", None, 600, "hours")

# article -> {part: (2015 alternatives, 2015 additional (kind, mandatory, term))}
EARLY = {
    # CODE Art. 212 part 1 minus L180 sub-item 78); part 2 untouched (3-7 years + mandatory ban up to 3)
    "212": {
        "1": ([FINE_2000, CORR_2000, RESTR_2, IMP_2], [("deprivation_of_right", True, (None, y(2)))]),
        "2": ([("imprisonment", y(3), y(7), "months")], [("deprivation_of_right", True, (None, y(3)))]),
    },
    # CODE Art. 311 minus L180 sub-item 142); confiscation "или без таковой"
    "311": {
        "1": ([FINE_2000, CORR_2000, RESTR_2, IMP_2], [("forfeiture_of_property", False, None)]),
    },
    # CODE Art. 372 minus L180 sub-item 200)
    "372": {
        "1": ([FINE_2000, CORR_2000, RESTR_2, IMP_2], []),
    },
}
# The part whose sanction L180 changed (it gained public works up to 600 hours).
CHANGED_PART = {"212": "1", "311": "1", "372": "1"}

ARTICLES = list(EARLY)
PARTS = [(a, p) for a, parts in EARLY.items() for p in parts]


def _article(dataset, number):
    return dataset.by_id[CODE].by_number[number]


def _first_days(dataset, number):
    code = dataset.by_id[CODE]
    art = _article(dataset, number)
    return [start for start, _end in version_ends(code, art)]


def _original(dataset, number):
    art = _article(dataset, number)
    return art.versions[_first_days(dataset, number).index(CODE_START)]


@pytest.mark.parametrize("article", ARTICLES)
def test_versions_start_in_2015_and_with_law_180_vi(shipped, article):
    # later wordings may follow (Art. 372 from Law No. 188-VII, 2023-03-05)
    assert _first_days(shipped, article)[:2] == [CODE_START, L180_DAY]
    assert _article(shipped, article).earlier_wording_encoded is True


@pytest.mark.parametrize("article", ARTICLES)
def test_original_version_metadata(shipped, article):
    version = _original(shipped, article)
    assert version.status == "primary" and version.date_approximate is False
    assert "226-V" in version.law and "original" in version.law
    assert [p.part for p in version.parts] == list(EARLY[article])
    cited = {s.document for s in version.sources}
    assert {"quyse/kz-laws rus/81097.md", "quyse/kz-laws rus/123552.md"} <= cited
    assert any("c87ea9876e2f17c8050396a178eb2566da422af0" in s.address for s in version.sources)
    assert version.notes, "the reconstruction must be explained in notes"


@pytest.mark.parametrize(("article", "part"), PARTS, ids=[f"art{a}-part{p}" for a, p in PARTS])
def test_original_penalties(shipped, article, part):
    found = _original(shipped, article).part(part)
    alternatives, additional = EARLY[article][part]
    got = Counter((a.kind, a.min, a.max, a.unit) for a in found.penalty.alternatives)
    assert got == Counter(alternatives), f"Art. {article} part {part}: {sorted(got.elements(), key=repr)}"
    got_extra = Counter(additional_key(a) for a in found.penalty.additional)
    assert got_extra == Counter(additional), f"Art. {article} part {part}: {got_extra}"
    assert found.offence == "crime"
    assert found.sources


@pytest.mark.parametrize("article", ARTICLES)
def test_law_180_vi_added_only_public_works(shipped, article):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    later = choose_version(code, art, L180_DAY)
    part = CHANGED_PART[article]
    before = Counter(
        (a.kind, a.min, a.max, a.unit) for a in _original(shipped, article).part(part).penalty.alternatives
    )
    after = Counter((a.kind, a.min, a.max, a.unit) for a in later.part(part).penalty.alternatives)
    assert after - before == Counter([WORKS_600]) and not before - after


@pytest.mark.parametrize("article", ARTICLES)
def test_version_chosen_on_2016_05_01(shipped, article):
    code = shipped.by_id[CODE]
    art = _article(shipped, article)
    original = _original(shipped, article)
    assert choose_version(code, art, EARLY_DAY) is original
    assert choose_version(code, art, CODE_START) is original
    assert choose_version(code, art, L180_DAY - DAY) is original
    on_180 = choose_version(code, art, L180_DAY)
    assert on_180 is not original and "180-VI" in on_180.law
    alternatives = [
        a.kind for a in choose_version(code, art, EARLY_DAY).part(CHANGED_PART[article]).penalty.alternatives
    ]
    assert "public_works" not in alternatives
