"""Cross-checks over the 2014 Special Part that no single typing error can pass: properties
every encoded article must have, whatever its chapter (the figures themselves are checked
against the second reading's tables in test_data_tables.py)."""

from __future__ import annotations

import pytest

from kzlaw import load
from kzlaw.model import ActIn, AllOf, AnyOf, Not

DATA = load()
CODE = DATA.by_id["kz-cc-2014"]
CHAPTERED = [a for a in CODE.articles if a.chapter is not None]
IDS = [a.number for a in CHAPTERED]
# Art. 10(2) of the 2014 code: a criminal misdemeanour is punished by a fine, correctional labour,
# public works, arrest or expulsion; never by deprivation or restriction of liberty.
NOT_FOR_MISDEMEANOURS = {"imprisonment", "life_imprisonment", "restriction_of_freedom"}


def _acts(condition) -> set[str]:
    if isinstance(condition, ActIn):
        return set(condition.acts)
    if isinstance(condition, Not):
        return _acts(condition.item)
    if isinstance(condition, AllOf | AnyOf):
        return set().union(*(_acts(c) for c in condition.items))
    return set()


@pytest.mark.parametrize("article", CHAPTERED, ids=IDS)
def test_a_misdemeanour_carries_no_deprivation_or_restriction_of_liberty(article):
    for part in article.latest.parts:
        if part.offence == "misdemeanour":
            kinds = {a.kind for a in part.penalty.alternatives}
            assert not kinds & NOT_FOR_MISDEMEANOURS, f"Art. {article.number} part {part.part}"


@pytest.mark.parametrize("article", CHAPTERED, ids=IDS)
def test_every_part_says_crime_or_misdemeanour_and_item_numbers_are_unique(article):
    for part in article.latest.parts:
        assert part.offence in ("crime", "misdemeanour"), f"Art. {article.number} part {part.part}"
        items = [c.item for c in part.circumstances if c.item]
        assert len(items) == len(set(items)), f"Art. {article.number} part {part.part}: {items}"


@pytest.mark.parametrize("article", CHAPTERED, ids=IDS)
def test_the_current_wording_names_its_titles_footnote_and_edition(article):
    v = article.latest
    assert v.title_ru and v.title_kk, f"Art. {article.number}: official titles"
    assert v.checked is not None, f"Art. {article.number}: the edition it was checked against"
    dated = [h.in_force for h in v.history if h.in_force]
    assert dated == sorted(dated), f"Art. {article.number}: footnote laws oldest first"
    if dated and v.valid_from:  # the wording holds from the latest amending law
        assert v.valid_from == max(dated), f"Art. {article.number}: {v.valid_from} vs {max(dated)}"


def test_every_act_is_the_element_of_at_least_one_part():
    used: set[str] = set()
    for code in DATA.codes:
        for article in code.articles:
            for v in article.versions:
                used |= _acts(v.elements)
                for part in v.parts:
                    used |= _acts(part.elements)
                    for c in part.circumstances:
                        used |= _acts(c.when)
    assert set(DATA.vocabulary.act_names) - used == set()


def test_every_chapter_named_by_an_article_has_titles_in_three_languages():
    for chapter in CODE.chapters:
        assert chapter.title and chapter.title_ru and chapter.title_kk, chapter.number
    assert {a.chapter for a in CHAPTERED} <= {c.number for c in CODE.chapters}
