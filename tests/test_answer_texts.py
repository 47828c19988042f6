"""`engine.assess_text`, the batch's fast path, against `assess(...).to_json_text()`.

The fast path reuses the JSON text of each article's answer for every later fact set that
agrees on the facts the answer reads (narrowed acts, the offender's age up to the age from
which all answer alike, the General Part's facts). If it keyed an answer on too little, some
line would get another line's answer; these tests run many varied lines through one shared
cache and compare every line with the answer worked out for it alone.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from kzlaw import engine
from kzlaw.errors import InputError
from kzlaw.facts import derive, parse_mapping


def _lines(dataset, n: int, seed: int, *, dates: bool) -> list[dict]:
    """Fact sets as a batch of exercises gives them: acts, ages, a few circumstances, sometimes
    a date, a stage, a day to judge the limitation on, or named articles."""
    vocabulary = dataset.vocabulary
    acts = sorted(vocabulary.act_names)
    flags = [f.name for f in vocabulary.facts if f.type == "bool"]
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        line: dict = {}
        if rng.random() < 0.9:
            line["act"] = rng.sample(acts, rng.choice((1, 1, 2, 3)))
        for name in rng.sample(flags, rng.randint(0, 4)):
            line[name] = rng.random() < 0.6
        if rng.random() < 0.85:
            line["offender_age"] = rng.choice((None, *range(12, 20), rng.randint(20, 70)))
        if rng.random() < 0.6:
            line["victim_age"] = rng.randint(3, 40)
        if dates and rng.random() < 0.4:
            line["date"] = dt.date(rng.randint(1998, 2024), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.2:
            line["stage"] = rng.choice(("attempt", "preparation"))
        if dates and rng.random() < 0.2:
            line["as_of"] = dt.date(rng.randint(2015, 2030), 6, 1)
        if rng.random() < 0.1:
            code = rng.choice(dataset.codes)
            line["articles"] = [a.number for a in rng.sample(code.articles, min(2, len(code.articles)))]
            line["code"] = code.id
        lines.append({k: v for k, v in line.items() if v is not None})
    return lines


def _split(line: dict) -> tuple[dict, dict]:
    """A generated line's facts, and its options as keyword arguments of assess."""
    options = {k: line[k] for k in ("code", "date", "stage", "as_of", "articles") if k in line}
    return {k: v for k, v in line.items() if k not in options}, options


def _both(dataset, line: dict) -> tuple[str | None, str | None]:
    """(fast text, text of the answer worked out alone); None where the line is an input error."""
    facts, options = _split(line)
    try:
        fast = engine.assess_text(dataset, facts, **options)
    except InputError as e:
        fast = f"error: {e}"
    try:
        alone = engine.assess(dataset, facts, **options).to_json_text()
    except InputError as e:
        alone = f"error: {e}"
    return fast, alone


@pytest.mark.parametrize("seed", [1, 2])
def test_every_line_of_a_varied_batch_gets_its_own_answer_on_the_shipped_dataset(shipped, seed):
    dataset = shipped
    lines = _lines(dataset, 1500, seed, dates=True)
    answered = 0
    for line in lines:
        fast, alone = _both(dataset, line)
        assert fast == alone, line
        answered += not fast.startswith("error")
    assert answered > 1000  # most lines are answers, not errors


def test_every_line_gets_its_own_answer_on_a_small_dataset(mini):
    for line in _lines(mini, 800, 3, dates=False):
        fast, alone = _both(mini, line)
        assert fast == alone, line


def test_the_fast_text_is_the_assessment_document(shipped):
    """Not only equal to to_json_text: the same JSON document as to_json, key for key."""
    dataset = shipped
    for line in _lines(dataset, 300, 4, dates=True):
        facts, options = _split(line)
        try:
            fast = engine.assess_text(dataset, facts, **options)
        except InputError:
            continue
        assert json.loads(fast) == engine.assess(dataset, facts, **options).to_json()


def test_adults_of_any_age_share_an_answer_and_minors_do_not(shipped):
    """The fast path treats every age from 18 alike; the answers show why that is sound."""
    dataset = shipped

    def matches(age: int) -> list[dict]:
        text = engine.assess_text(dataset, {"act": ["sexual_intercourse"], "violence": True, "offender_age": age})
        return json.loads(text)["matches"]

    assert matches(18) == matches(19) == matches(64)
    assert matches(15) != matches(18)  # a minor's caps and halved limitation
    assert matches(13) != matches(15)  # not liable at 13


def test_a_match_text_is_the_json_of_the_match(shipped):
    dataset = shipped
    seen = 0
    for line in _lines(dataset, 200, 5, dates=True):
        facts, options = _split(line)
        try:
            result = engine.assess(dataset, facts, **options)
        except InputError:
            continue
        for match in result.matches:
            assert engine._match_text(match) == json.dumps(match.to_json(), ensure_ascii=False)
            seen += 1
    assert seen > 50


def test_derive_gives_the_same_facts_whatever_came_before(shipped):
    """derive keeps what implications add per state of the facts they involve."""
    dataset = shipped
    vocabulary = dataset.vocabulary
    first = derive(vocabulary, parse_mapping(vocabulary, {"organized_group": True, "victim_age": 15}))
    assert first["group_conspiracy"] is True and first["group"] is True
    assert first["victim_under_16"] is True and first["victim_under_14"] is False
    again = derive(vocabulary, parse_mapping(vocabulary, {"group": False}))
    assert again["group_conspiracy"] is False and again["organized_group"] is False
    with pytest.raises(InputError, match="contradicts"):
        derive(vocabulary, parse_mapping(vocabulary, {"organized_group": True, "group": False}))


@pytest.mark.parametrize("acts", [[[]], [["insult"]], [1], ["insult", "insult"], [], ["insult", "no_such_act"]])
def test_the_acts_fast_path_leaves_odd_lists_to_the_full_check(shipped, acts):
    vocabulary = shipped.vocabulary
    try:
        typed = parse_mapping(vocabulary, {"act": acts})
    except InputError as e:
        assert e.code in ("bad_value", "unknown_act")
    else:
        assert typed == {"act": ["insult"]}  # a repeated act is given once


def test_a_match_with_an_own_sanction_has_it_in_its_text(shipped):
    """Art. 189 part 3 item 2 (a state official using the position) carries its own sanction."""
    facts = {"act": ["embezzlement"], "state_functions_person": True, "official_position": True, "offender_age": 40}
    result = engine.assess(shipped, facts, date=dt.date(2026, 1, 1))
    match = next(m for m in result.matches if m.article == "189")
    assert match.sanction is not None and match.sanction.item == "2"
    assert engine._match_text(match) == json.dumps(match.to_json(), ensure_ascii=False)
    assert json.loads(engine.assess_text(shipped, facts, date=dt.date(2026, 1, 1))) == result.to_json()
