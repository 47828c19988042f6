"""The engine on the tests' own small dataset: three-valued logic, parts, derived facts, liability."""

import pytest

from kzlaw import InputError, assess, load


def _only(result, article):
    found = [m for m in result.matches if m.article == article]
    assert len(found) == 1, result.matches
    return found[0]


def test_highest_part_whose_circumstances_hold(mini):
    m = _only(assess(mini, {"act": ["assault"], "violence": True, "victim_age": 13}, code="old"), "10")
    assert (m.status, m.part, m.because) == ("applies", "3", ("victim_under_14",))


def test_basic_part_names_the_elements_and_missing_lists_what_could_raise_it(mini):
    m = _only(assess(mini, {"act": ["assault"], "threat": True}, code="old"), "10")
    assert m.part == "1"
    assert set(m.because) == {"act", "threat"}
    assert m.missing == ("victim_minor", "group", "victim_under_14", "victim_death")


def test_unknown_elements_make_the_article_possible_not_false(mini):
    m = _only(assess(mini, {"act": ["assault"]}, code="old"), "10")
    assert m.status == "possible"
    assert m.missing[:2] == ("violence", "threat")


def test_failed_elements_leave_the_article_out(mini):
    result = assess(mini, {"act": ["assault"], "violence": False, "threat": False}, code="old")
    assert [m.article for m in result.matches] == []


def test_false_circumstance_is_not_missing(mini):
    m = _only(assess(mini, {"act": ["assault"], "violence": True, "victim_age": 30, "group": False}, code="old"), "10")
    assert m.part == "1"
    assert m.missing == ("victim_death",)


@pytest.mark.parametrize(
    ("given", "derived"),
    [
        ({"victim_age": 13}, {"victim_minor": True, "victim_under_14": True}),
        ({"victim_age": 14}, {"victim_minor": True, "victim_under_14": False}),
        ({"victim_age": 18}, {"victim_minor": False, "victim_under_14": False}),
        ({"victim_under_14": True}, {"victim_minor": True}),
        ({"victim_minor": False}, {"victim_under_14": False}),
        ({"organized_group": True}, {"group_conspiracy": True, "group": True}),
        ({"group": False}, {"group_conspiracy": False, "organized_group": False}),
    ],
)
def test_derived_facts(mini, given, derived):
    facts = assess(mini, given, code="old").facts
    for name, value in derived.items():
        assert facts[name] is value


@pytest.mark.parametrize(
    "given",
    [
        {"victim_age": 15, "victim_minor": False},
        {"victim_age": 10, "victim_under_14": False},
        {"organized_group": True, "group": False},
        {"victim_under_14": True, "victim_minor": False},
    ],
)
def test_contradiction_is_an_input_error(mini, given):
    with pytest.raises(InputError) as caught:
        assess(mini, given, code="old")
    assert caught.value.code == "contradiction"


@pytest.mark.parametrize(("age", "liable"), [(13, False), (14, True), (15, True), (None, None)])
def test_liability_from_the_lower_age(mini, age, liable):
    facts = {"act": ["assault"], "violence": True} | ({"offender_age": age} if age is not None else {})
    m = _only(assess(mini, facts, code="old"), "10")
    assert (m.min_age, m.liable) == (14, liable)


def test_lower_age_can_be_limited_to_parts(mini):
    one = _only(assess(mini, {"act": ["access"], "info_damage": True, "offender_age": 15}, code="old"), "20")
    two = _only(
        assess(mini, {"act": ["access"], "info_damage": True, "organized_group": True, "offender_age": 15}, code="old"),
        "20",
    )
    assert (one.part, one.min_age, one.liable) == ("1", 16, False)
    assert (two.part, two.min_age, two.liable) == ("2", 14, True)


def test_article_option_takes_the_basic_elements_as_given(mini):
    m = _only(assess(mini, {"victim_age": 16}, code="old", articles=["10"]), "10")
    assert (m.status, m.part, m.because) == ("applies", "2", ("victim_minor",))


def test_part_with_own_elements_is_a_separate_offence(mini):
    m = _only(assess(mini, {"act": ["malware"], "victim_death": True}, code="old"), "20")
    assert (m.part, m.because) == ("4", ("victim_death",))


def test_additional_punishment_with_a_condition(mini):
    facts = {"act": ["assault"], "violence": True, "victim_age": 10}
    without = _only(assess(mini, facts, code="old"), "10")
    with_parent = _only(assess(mini, facts | {"parent": True}, code="old"), "10")
    assert without.additional == () and "parent" in without.missing
    assert [a.kind for a in with_parent.additional] == ["deprivation_of_right"]
    assert (with_parent.additional[0].min, with_parent.additional[0].max) == (120, 240)


def test_code_by_date_and_default(mini):
    import datetime as dt

    assert assess(mini, {}).code.id == "new"
    assert assess(mini, {}, date=dt.date(2010, 5, 1)).code.id == "old"
    assert assess(mini, {}, date=dt.date(2015, 1, 1)).code.id == "new"
    with pytest.raises(InputError):
        assess(mini, {}, date=dt.date(1990, 1, 1))


def test_version_by_date(mini):
    import datetime as dt

    facts = {"act": ["access"], "info_damage": True}
    before = _only(assess(mini, facts, date=dt.date(2009, 12, 31)), "20")
    after = _only(assess(mini, facts, date=dt.date(2010, 1, 1)), "20")
    assert [a.kind for a in before.penalty.alternatives] == ["fine"]
    assert [a.kind for a in after.penalty.alternatives] == ["fine", "imprisonment"]


def test_article_that_left_the_code(mini):
    import datetime as dt

    assert [m.article for m in assess(mini, {"act": ["access"]}, code="new").matches] == []
    on = assess(mini, {"act": ["access"]}, date=dt.date(2020, 6, 30))
    assert [m.article for m in on.matches] == ["130"]
    with pytest.raises(InputError) as caught:
        assess(mini, {}, date=dt.date(2020, 7, 1), articles=["130"])
    assert "2015-01-01 to 2020-06-30" in str(caught.value)


# -- an article with two basic offences (2014 Art. 312) answers for each ------------------------


def _parts(result, article):
    return [(m.part, m.status) for m in result.matches if m.article == article]


def test_each_basic_offence_that_holds_is_a_match_of_its_own(mini):
    # old Art. 20: part 1 (access causing damage) and part 3 (malware, its own elements) are two offences
    both = {"act": ["access", "malware"], "info_damage": True}
    assert _parts(assess(mini, both, code="old", date="2012-01-01"), "20") == [("1", "applies"), ("3", "applies")]
    one = {"act": ["malware"], "info_damage": True}
    assert _parts(assess(mini, one, code="old", date="2012-01-01"), "20") == [("3", "applies")]


def test_each_basic_offence_is_raised_by_its_own_circumstances(mini):
    facts = {"act": ["access", "malware"], "info_damage": True, "organized_group": True, "victim_death": True}
    assert _parts(assess(mini, facts, code="old", date="2012-01-01"), "20") == [("2", "applies"), ("4", "applies")]


def test_with_the_acts_unknown_every_basic_offence_is_possible(mini):
    result = assess(mini, {"info_damage": True}, code="old", date="2012-01-01")
    assert _parts(result, "20") == [("1", "possible"), ("3", "possible")]


def test_one_that_applies_comes_before_one_that_may(mini):
    result = assess(mini, {"act": ["malware"]}, code="old", date="2012-01-01")
    # part 3 holds on the act alone; part 1 needs access, which is not among the acts given
    assert _parts(result, "20") == [("3", "applies")]


SHARED_PART = """
format: 1
facts:
  - {name: offender_age, type: int, min: 0, max: 120, meaning: age}
  - {name: act, type: acts, meaning: what was done}
  - {name: purpose, type: bool, meaning: with the purpose of part 1}
  - {name: official, type: bool, meaning: by an official}
  - {name: group, type: bool, meaning: by a group}
acts:
  - {name: damage_cameras, meaning: a made-up act}
codes:
  - id: t
    title: test
    in_force: {from: 2015-01-01}
    edition: test
    sources: &S [{document: test, address: made up, status: primary}]
    liability: {general_age: 16, sources: *S}
    articles:
      - article: "9"
        versions:
          - title: Two basic offences and one shared aggravation
            summary: test
            sources: *S
            elements: {act: damage_cameras}
            parts:
              - {part: "1", sources: *S, elements: {all: [{act: damage_cameras}, purpose]},
                 penalty: {alternatives: [{kind: imprisonment, max: 2, unit: years}]}}
              - {part: "2", sources: *S, elements: {all: [{act: damage_cameras}, official]},
                 penalty: {alternatives: [{kind: imprisonment, max: 3, unit: years}]}}
              - {part: "3", qualifies: ["1", "2"], sources: *S, circumstances: [{text: by a group, when: group}],
                 penalty: {alternatives: [{kind: imprisonment, max: 5, unit: years}]}}
"""


def test_a_part_reached_by_two_basic_offences_applies_if_either_route_holds(tmp_path):
    # 2014 Art. 428-1: part 3 aggravates parts 1 and 2; part 2 holds, part 1's purpose is unknown
    path = tmp_path / "shared.yaml"
    path.write_text(SHARED_PART)
    ds = load(path)
    facts = {"act": ["damage_cameras"], "official": True, "group": True, "offender_age": 30}
    assert _parts(assess(ds, facts, code="t", date="2020-01-01"), "9") == [("3", "applies")]
