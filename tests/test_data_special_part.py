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
# in force today: a repealed article (2014 Arts. 373, 374 since 2023) keeps only its old wording
CURRENT = [a for a in CHAPTERED if a.latest.valid_to is None]
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


@pytest.mark.parametrize("article", CURRENT, ids=[a.number for a in CURRENT])
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


# -- every part of every current wording is reachable from facts -----------------------------------


def _satisfy(condition, facts: dict, mci: int) -> bool:
    """Add facts that make `condition` true (the first way of each `any`); False if none is found."""
    from kzlaw.model import Compare, FactIs

    if condition is None:
        return True
    if isinstance(condition, FactIs):
        if facts.get(condition.fact) is False:
            return False
        facts[condition.fact] = True
        return True
    if isinstance(condition, ActIn):
        if not set(condition.acts) & set(facts.get("act", [])):
            facts.setdefault("act", []).append(condition.acts[0])
        return True
    if isinstance(condition, Compare):
        value = condition.value * (mci if condition.unit == "mci" else 1)
        if isinstance(value, bool):
            facts[condition.fact] = value if condition.op == "eq" else not value
            return True
        chosen = {"gt": value + 1, "ge": value, "lt": value - 1, "le": value, "eq": value, "ne": value + 1}
        old = facts.get(condition.fact)
        if isinstance(old, int) and not isinstance(old, bool) and condition.op in ("gt", "ge", "lt", "le"):
            # a larger amount still meets a lower threshold (the basic offence's "significant")
            pick = max if condition.op in ("gt", "ge") else min
            facts[condition.fact] = pick(old, chosen[condition.op])
        else:
            facts.setdefault(condition.fact, chosen[condition.op])
        return True
    if isinstance(condition, Not):
        inner = condition.item
        if isinstance(inner, FactIs) and facts.get(inner.fact) is not True:
            facts[inner.fact] = False
            return True
        return isinstance(inner, ActIn)
    if isinstance(condition, AllOf):
        return all(_satisfy(c, facts, mci) for c in condition.items)
    for item in condition.items:  # AnyOf
        trial = {k: list(v) if isinstance(v, list) else v for k, v in facts.items()}
        if _satisfy(item, trial, mci):
            facts.clear()
            facts.update(trial)
            return True
    return False


def _base_elements(version, part):
    """The basic elements a part's offence needs: its own, or those of the part it aggravates."""
    if not part.circumstances:
        return part.elements if part.elements is not None else version.elements
    first = (part.qualifies or ("1",))[0]
    return _base_elements(version, version.part(first))


def _meet_qualified_part(version, part, facts: dict, mci: int) -> bool:
    """Facts for the part an aggravated part builds on, where that part is itself aggravated
    (Art. 198 part 4: "the acts of parts two and three" by a criminal group)."""
    if not part.circumstances:
        return True
    base = version.part((part.qualifies or ("1",))[0])
    if not base.circumstances:
        return True
    return _meet_qualified_part(version, base, facts, mci) and _satisfy(base.circumstances[0].when, facts, mci)


REACH = (
    [
        pytest.param(a, p.part, None, id=f"{a.number}.{p.part}")
        for a in CHAPTERED
        if a.latest.valid_to is None
        for p in a.latest.parts
    ]
    + [  # the earlier wordings read in the official editions and checked twice (tests/tables/earlier-*.tsv)
        pytest.param(a, p.part, i, id=f"{a.number}@{v.valid_from}.{p.part}")
        for a in CHAPTERED
        for i, v in enumerate(a.versions[:-1])
        if v.checked is not None and v.checked.readings >= 2 and v.checked.commit
        for p in v.parts
    ]
)


@pytest.mark.parametrize(("article", "part_no", "index"), REACH)
def test_each_part_of_the_current_wording_applies_to_facts_made_for_it(article, part_no, index):
    """For some circumstance of the part (or its basic elements), facts made to meet just that
    lead the engine to this part: no part is unreachable or always taken over by a later one."""
    import datetime as dt

    from kzlaw.engine import assess, with_mci

    version = article.latest if index is None else article.versions[index]
    part = version.part(part_no)
    day = max(version.valid_from or CODE.in_force_from, dt.date(2015, 1, 1))
    mci = with_mci(DATA, {}, day).get("\0mci", 0)
    tried = []
    for circumstance in part.circumstances or (None,):
        facts: dict = {"offender_age": 30}
        assert _satisfy(_base_elements(version, part), facts, mci), "no facts meet the basic elements"
        assert _meet_qualified_part(version, part, facts, mci), "no facts meet the part it aggravates"
        if circumstance is not None and not _satisfy(circumstance.when, facts, mci):
            continue
        result = assess(DATA, facts, code=CODE.id, date=day)
        found = [m.part for m in result.matches if m.article == article.number and m.status == "applies"]
        if found and found[0] == part_no:
            return
        tried.append((facts, found))
    pytest.fail(f"Art. {article.number} part {part_no} is never the answer: {tried}")


def test_the_age_14_list_in_words_names_no_article_that_is_encoded():
    import re

    for lower in CODE.liability.lower_ages:
        named = set(re.findall(r"Art\. (\d+(?:-\d+)?)", lower.not_encoded))
        listed = {number for number, _ in lower.articles}
        assert not named & listed, f"encoded, and still in not_encoded: {sorted(named & listed)}"
