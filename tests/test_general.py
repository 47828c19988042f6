"""The General Part engine (kzlaw.general) on the tests' own dataset, tests/data/general.yaml.

Each rule is checked at its boundaries: the category bounds, the stage fractions, the
minors' ages and caps, the last day of a limitation period, the MCI year change and
the dated variants of a rule. The dataset's rules are made up (see its header).
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from kzlaw import InputError, assess, load
from kzlaw.general import add_months, pick

HERE = Path(__file__).parent
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def general():
    return load(HERE / "data" / "general.yaml")


def run(dataset, article, *, code="g", stage=None, date=None, as_of=None, **facts):
    """The one match of `article` (its elements taken as given) with the General Part applied."""
    result = assess(
        dataset,
        facts,
        code=code,
        articles=[article],
        stage=stage,
        date=D(date) if date else None,
        as_of=D(as_of) if as_of else None,
    )
    assert len(result.matches) == 1, result.matches
    return result.matches[0]


def names(match):
    return [s.step for s in match.general.steps]


def step(match, name):
    found = [s for s in match.general.steps if s.step == name]
    assert len(found) == 1, names(match)
    return found[0]


def ranges(match):
    """{kind: (min, max)} of the range after every step."""
    return {a.kind: (a.min, a.max) for a in match.general.penalty.alternatives}


# ---- category (Arts. 10-11) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "category"),
    [
        ("201", "minor"),  # max 24 months: exactly at the bound
        ("202", "medium"),  # 25 months: one month above
        ("203", "medium"),  # 60
        ("204", "grave"),  # 61
        ("205", "grave"),  # 144
        ("206", "especially_grave"),  # 145
        ("207", "minor"),  # no imprisonment at all
        ("208", "especially_grave"),  # life imprisonment
        ("209", "misdemeanour"),  # a part marked as a misdemeanour
    ],
)
def test_category_at_each_bound_and_one_month_above(general, article, category):
    m = run(general, article)
    assert m.general.category == category
    s = step(m, "category")
    assert s.article == "Art. 11 of g"
    assert dict(s.extra)["category"] == category
    assert m.to_json()["category"] == category


@pytest.mark.parametrize(
    ("article", "said"),
    [
        ("201", "the maximum imprisonment is 2 years"),
        ("202", "the maximum imprisonment is 2 years 1 month"),
        ("207", "no term of imprisonment"),
        ("209", "the part is a criminal misdemeanour"),
    ],
)
def test_category_step_says_why(general, article, said):
    assert said in step(run(general, article), "category").text


@pytest.mark.parametrize(
    ("article", "category"),
    [
        ("402", "medium"),
        ("410", "grave"),  # life next to 8-10 years: this code gives life no category, the term decides
        ("411", "especially_grave"),  # life only: the gravest level
        ("420", "minor"),  # fine only
    ],
)
def test_category_of_a_code_without_a_life_rule(general, article, category):
    m = run(general, article, code="h")
    assert m.general.category == category
    assert step(m, "category").article == "Art. 10 of h"


def test_a_code_without_general_part_has_no_steps(general):
    m = run(general, "1", code="plain")
    assert m.general is None
    out = m.to_json()
    for key in ("category", "punishable", "adjusted_penalty", "limitation", "steps"):
        assert key not in out


# ---- stage (Arts. 24, 56) -----------------------------------------------------------------


def test_attempt_three_quarters_of_the_maximum_min_kept(general):
    m = run(general, "301", stage="attempt")  # 5-8 years; newest variant: 3/4
    assert ranges(m) == {"imprisonment": (60, 72)}
    s = step(m, "stage")
    assert s.article == "Art. 56 of g"
    assert "3/4" in s.text
    assert s.penalty == m.general.penalty
    assert m.general.punishable is True
    # the Special Part range stays as it was
    assert m.to_json()["penalty"]["alternatives"] == [{"kind": "imprisonment", "min": 60, "max": 96, "unit": "months"}]
    assert m.to_json()["adjusted_penalty"]["alternatives"] == [
        {"kind": "imprisonment", "min": 60, "max": 72, "unit": "months"}
    ]


def test_preparation_half_of_the_maximum_min_dropped(general):
    m = run(general, "301", stage="preparation")  # half of 96 is 48, under the minimum of 60
    assert ranges(m) == {"imprisonment": (None, 48)}
    assert "1/2" in step(m, "stage").text


def test_attempt_caps_every_principal_punishment(general):
    m = run(general, "302", stage="attempt")
    assert ranges(m) == {"fine": (200, 750), "restriction_of_freedom": (None, 36), "imprisonment": (24, 36)}


def test_attempt_caps_only_the_most_severe_kind(general):
    m = run(general, "402", code="h", stage="attempt")
    assert ranges(m) == {"fine": (200, 1000), "restriction_of_freedom": (None, 48), "imprisonment": (24, 36)}
    assert "most severe" in step(m, "stage").text


def test_most_severe_kind_when_it_is_a_fine(general):
    m = run(general, "420", code="h", stage="attempt")  # fine 100-500 only
    assert ranges(m) == {"fine": (100, 375)}


def test_life_imprisonment_removed_for_an_unfinished_crime(general):
    attempt = run(general, "208", stage="attempt")  # 15-20 years or life
    assert ranges(attempt) == {"imprisonment": (180, 180)}
    preparation = run(general, "208", stage="preparation")
    assert ranges(preparation) == {"imprisonment": (None, 120)}
    old = run(general, "410", code="h", stage="attempt")  # 8-10 years or life, most severe kind
    assert ranges(old) == {"imprisonment": (None, 90)}


def test_a_quarter_of_an_odd_month_is_kept_exactly(general):
    m = run(general, "202", stage="attempt")  # 3/4 of 25 months
    assert m.general.penalty.alternatives[0].max == 18.75
    assert m.to_json()["adjusted_penalty"]["alternatives"][0]["max"] == 18.75


@pytest.mark.parametrize(
    ("article", "stage", "punishable"),
    [
        ("201", "attempt", False),  # minor
        ("209", "attempt", False),  # misdemeanour
        ("202", "attempt", True),  # medium
        ("302", "preparation", False),  # medium
        ("301", "preparation", True),  # grave
        ("208", "preparation", True),  # especially grave
    ],
)
def test_which_stages_are_punishable(general, article, stage, punishable):
    m = run(general, article, stage=stage)
    assert m.general.punishable is punishable
    assert m.to_json()["punishable"] is punishable
    if not punishable:
        assert m.general.penalty.alternatives == ()
        assert "not punishable" in step(m, "stage").text


def test_preparation_punishable_in_one_code_not_the_other(general):
    assert run(general, "402", code="h", stage="preparation").general.punishable is True  # medium in h
    assert run(general, "420", code="h", stage="preparation").general.punishable is False  # minor in h


def test_a_stage_not_punishable_skips_the_minors_step_but_not_limitation(general):
    m = run(general, "302", stage="preparation", date="2021-03-01", as_of="2021-04-01", offender_age=15)
    assert names(m) == ["special_part", "category", "stage", "limitation"]
    assert m.general.limitation.months == 60 / 2  # medium, halved for a minor


def test_no_stage_no_stage_step(general):
    m = run(general, "301")
    assert "stage" not in names(m)
    assert ranges(m) == {"imprisonment": (60, 96)}


def test_unknown_stage_is_an_input_error(general):
    with pytest.raises(InputError) as caught:
        run(general, "301", stage="completed")
    assert caught.value.code == "bad_value"


@pytest.mark.parametrize(("date", "top", "share"), [("2017-12-31", 64, "2/3"), ("2018-01-01", 72, "3/4")])
def test_the_stage_rule_in_force_on_the_offence_date(general, date, top, share):
    m = run(general, "301", stage="attempt", date=date, as_of="2019-01-01")
    assert ranges(m) == {"imprisonment": (60, top)}
    assert share in step(m, "stage").text


# ---- minors (Arts. 80-81) ---------------------------------------------------------------------


@pytest.mark.parametrize(("age", "minor"), [(13, False), (14, True), (15, True), (16, True), (17, True), (18, False)])
def test_minors_rules_only_from_14_to_17(general, age, minor):
    m = run(general, "206", date="2021-03-01", as_of="2021-03-02", offender_age=age)  # 5 to 12 years 1 month
    assert ("minors" in names(m)) is minor
    assert ranges(m) == {"imprisonment": (60, 120 if minor else 145)}
    lim = m.general.limitation
    assert lim.halved_for_minor is minor
    assert lim.months == (90 if minor else 180)  # especially grave: 15 years, 7.5 for a minor
    if minor:
        s = step(m, "minors")
        assert s.article == "Art. 81 of g"
        assert f"offender aged {age}" in s.text
        assert "81(7)" in s.text


def test_excluded_kinds_are_dropped_and_the_additional_capped(general):
    m = run(general, "303", offender_age=15)  # 10-15 years or life; ban 5-10 years
    assert ranges(m) == {"imprisonment": (120, 120)}
    [ban] = m.general.penalty.additional
    assert (ban.kind, ban.min, ban.max, ban.unit, ban.mandatory) == ("deprivation_of_right", 12, 24, "months", True)
    text = step(m, "minors").text
    assert "no life imprisonment for a minor (Art. 46(4))" in text
    assert "81(2)" in text


def test_each_kind_capped_and_arrest_dropped(general):
    m = run(general, "209", offender_age=16)
    assert ranges(m) == {"fine": (5, 100), "correctional_labor": (None, 100), "public_works": (10, 75)}
    text = step(m, "minors").text
    assert "no arrest for a minor (Art. 45(3))" in text
    assert "81(3)" in text and "81(5)" in text


def test_the_articles_minimum_dropped_when_above_the_cap(general):
    m = run(general, "304", offender_age=15)  # 12-15 years
    assert ranges(m) == {"imprisonment": (None, 120)}


def test_a_cap_for_named_articles_wins_over_the_general_one(general):
    m = run(general, "305", offender_age=15)  # 12-15 years, with its own cap of 12
    assert ranges(m) == {"imprisonment": (144, 144)}


def test_no_imprisonment_for_a_minor_category(general):
    m = run(general, "201", offender_age=15)  # fine 200-500 or up to 2 years
    assert ranges(m) == {"fine": (5, 100)}
    assert "no imprisonment for a crime of minor gravity (Art. 81)" in step(m, "minors").text


@pytest.mark.parametrize(
    ("death", "kinds"),
    [
        (False, {"restriction_of_freedom": (None, 24)}),
        (True, {"restriction_of_freedom": (None, 24), "imprisonment": (None, 60)}),
        (None, {"restriction_of_freedom": (None, 24), "imprisonment": (None, 60)}),
    ],
)
def test_no_imprisonment_with_a_condition(general, death, kinds):
    facts = {"offender_age": 15} | ({} if death is None else {"victim_death": death})
    m = run(general, "203", **facts)  # medium: no imprisonment unless the victim died
    assert ranges(m) == kinds
    text = step(m, "minors").text
    if death is None:
        assert "victim_death" in m.general.missing
        assert "victim_death" in m.missing
        assert "if that holds" in text
    else:
        assert "victim_death" not in m.general.missing
    if death is False:
        assert "no imprisonment for a crime of medium gravity (unless the victim died) (Art. 81)" in text


def test_a_condition_in_words_is_shown_not_applied(general):
    m = run(general, "301", offender_age=15)  # grave: "no imprisonment if a first offence"
    assert ranges(m) == {"imprisonment": (60, 96)}
    text = step(m, "minors").text
    assert "a first offence" in text
    assert "not applied" in text


@pytest.mark.parametrize(("date", "shown"), [("2004-12-31", False), ("2005-01-01", True)])
def test_the_minors_rule_in_force_on_the_offence_date(general, date, shown):
    m = run(general, "410", code="h", date=date, as_of="2005-06-01", offender_age=15)  # 8-10 years or life
    assert ("minors" in names(m)) is shown
    if shown:
        assert step(m, "minors").article == "Art. 79 of h"


# ---- limitation (Arts. 71, 88) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "category", "months", "expires"),
    [
        ("209", "misdemeanour", 12, "2022-03-01"),
        ("201", "minor", 24, "2023-03-01"),
        ("203", "medium", 60, "2026-03-01"),
        ("301", "grave", 120, "2031-03-01"),
        ("208", "especially_grave", 180, "2036-03-01"),
    ],
)
def test_the_period_by_category(general, article, category, months, expires):
    m = run(general, article, date="2021-03-01", as_of="2021-03-02")
    lim = m.general.limitation
    assert (lim.category, lim.months, lim.halved_for_minor, lim.exception) == (category, months, False, None)
    assert lim.expires_on == D(expires)
    assert lim.lapsed is False
    s = step(m, "limitation")
    assert s.article == "Art. 71 of g"
    out = m.to_json()["limitation"]
    assert out["years"] == months // 12
    assert out["expires_on"] == expires
    assert out["article"] == "Art. 71 of g"


@pytest.mark.parametrize(
    ("article", "years", "expires"), [("301", 5, "2026-03-01"), ("209", 0.5, "2021-09-01"), ("201", 1, "2022-03-01")]
)
def test_the_period_halved_for_a_minor(general, article, years, expires):
    m = run(general, article, date="2021-03-01", as_of="2021-03-02", offender_age=15)
    out = m.to_json()["limitation"]
    assert (out["years"], out["halved_for_minor"], out["expires_on"]) == (years, True, expires)
    assert "times 1/2 for a minor (Art. 88 of g)" in step(m, "limitation").text


@pytest.mark.parametrize(
    ("age", "as_of", "lapsed"),
    [
        (30, "2031-02-28", False),  # the last day of the 10 years
        (30, "2031-03-01", True),
        (15, "2026-02-28", False),  # the last day of the 5 years of a minor
        (15, "2026-03-01", True),
    ],
)
def test_the_last_day_of_the_period(general, age, as_of, lapsed):
    m = run(general, "301", date="2021-03-01", as_of=as_of, offender_age=age)
    lim = m.general.limitation
    assert lim.lapsed is lapsed
    assert lim.expires_on - dt.timedelta(days=1) == D(as_of) if not lapsed else lim.expires_on == D(as_of)
    text = step(m, "limitation").text
    assert f"to {lim.expires_on - dt.timedelta(days=1)} (its last day)" in text
    assert f"on {as_of} (the day asked about) it has {'run out' if lapsed else 'not yet run out'}" in text


@pytest.mark.parametrize(("as_of", "lapsed"), [("2021-02-27", False), ("2021-02-28", True)])
def test_a_period_from_29_february(general, as_of, lapsed):
    m = run(general, "209", date="2020-02-29", as_of=as_of)  # 1 year; no 29 February in 2021
    assert m.general.limitation.expires_on == D("2021-02-28")
    assert m.general.limitation.lapsed is lapsed


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2020-02-29", 12, "2021-02-28"),
        ("2020-02-29", 48, "2024-02-29"),
        ("2020-02-29", 30, "2022-08-29"),
        ("2021-01-31", 1, "2021-02-28"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2021-12-31", 6, "2022-06-30"),
        ("2021-11-15", 2, "2022-01-15"),
        ("2021-03-01", Fraction(1, 2), "2021-03-16"),  # half a month is 15 days
        ("2021-03-01", Fraction(61, 2), "2023-09-16"),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(D(day), Fraction(months)) == D(expected)


def test_without_an_offence_date_the_period_but_no_end(general):
    m = run(general, "301", offender_age=15)
    lim = m.general.limitation
    assert (lim.months, lim.expires_on, lim.lapsed) == (60, None, None)
    assert "give --date" in step(m, "limitation").text


def test_as_of_defaults_to_today(general):
    long_ago = run(general, "209", date="2015-06-01")  # a year from 2015
    assert long_ago.general.limitation.lapsed is True
    recent = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    assert run(general, "209", date=recent).general.limitation.lapsed is False


def test_an_exception_by_article(general):
    m = run(general, "306", date="2015-06-01", as_of="2040-01-01")  # medium, but listed
    lim = m.general.limitation
    assert (lim.months, lim.exception, lim.lapsed, lim.expires_on) == (None, "torture (made up)", False, None)
    assert m.to_json()["limitation"]["years"] is None
    assert "no limitation period: torture (made up)" in step(m, "limitation").text
    assert run(general, "306").general.limitation.lapsed is None  # no date: cannot tell


@pytest.mark.parametrize(("group", "part", "months"), [(True, "2", None), (False, "1", 120)])
def test_an_exception_for_one_part_only(general, group, part, months):
    m = run(general, "307", date="2021-03-01", as_of="2021-03-02", group=group)
    assert m.part == part
    assert m.general.limitation.months == months


@pytest.mark.parametrize(
    ("facts", "months", "missing"),
    [({"victim_age": 15}, None, False), ({"victim_age": 30}, 120, False), ({}, 120, True)],
)
def test_an_exception_with_a_condition(general, facts, months, missing):
    m = run(general, "308", date="2021-03-01", as_of="2021-03-02", **facts)
    lim = m.general.limitation
    assert lim.months == months
    assert (lim.exception is not None) is (months is None)
    assert ("victim_minor" in m.general.missing) is missing
    assert ("victim_minor" in m.missing) is missing


@pytest.mark.parametrize(
    ("article", "months"),
    [
        ("303", None),  # especially grave, in the range
        ("304", None),
        ("305", None),
        ("301", 120),  # in the range, but grave
        ("206", 180),  # especially grave, out of the range
        ("208", 180),
    ],
)
def test_an_exception_by_range_and_category(general, article, months):
    m = run(general, article, date="2021-03-01", as_of="2021-03-02")
    assert m.general.limitation.months == months


def test_the_limitation_rule_of_the_other_code(general):
    m = run(general, "410", code="h", date="2010-03-01", as_of="2010-03-02", offender_age=15)  # grave in h
    lim = m.general.limitation
    assert (lim.article, lim.months, lim.expires_on) == ("Art. 69 of h", 90, D("2017-09-01"))
    assert "Art. 85 of h" in step(m, "limitation").text


# ---- money (MCI) ---------------------------------------------------------------------------


def money(match):
    s = step(match, "money")
    extra = dict(s.extra)
    return s, extra.get("mci"), {a["kind"]: (a["min_tenge"], a["max_tenge"]) for a in extra.get("amounts", [])}


@pytest.mark.parametrize(
    ("date", "tenge", "since"),
    [
        ("2015-12-31", 1000, "2015-01-01"),  # the last day of a year
        ("2016-01-01", 1100, "2016-01-01"),  # the first day of the next
        ("2016-06-30", 1100, "2016-01-01"),
        ("2016-07-01", 1100, "2016-01-01"),  # the 1200 of 1 July is not for fines
        ("2016-12-31", 1100, "2016-01-01"),
        ("2017-01-01", 1300, "2017-01-01"),
    ],
)
def test_fines_at_the_mci_of_the_offence_day(general, date, tenge, since):
    m = run(general, "209", date=date, as_of="2017-06-01")  # fine and correctional labour up to 100 MCI
    s, mci, amounts = money(m)
    assert mci == {"tenge": tenge, "from": since, "known": True}
    assert amounts == {"fine": (None, 100 * tenge), "correctional_labor": (None, 100 * tenge)}
    assert s.article == "MCI"
    assert "the MCI of the offence" in s.text


def test_money_after_the_minors_caps(general):
    m = run(general, "209", date="2016-01-01", as_of="2016-02-01", offender_age=15)
    _, _, amounts = money(m)
    assert amounts["fine"] == (5 * 1100, 100 * 1100)


def test_without_an_offence_date_the_mci_of_as_of(general):
    m = run(general, "209", as_of="2016-03-01")
    _, mci, amounts = money(m)
    assert mci["tenge"] == 1100
    assert amounts["fine"] == (None, 110000)


@pytest.mark.parametrize(("as_of", "tenge"), [("2015-12-31", 1000), ("2016-01-01", 1100), ("2016-07-01", 1100)])
def test_fines_at_the_mci_of_sentencing(general, as_of, tenge):
    m = run(general, "420", code="h", date="2010-01-01", as_of=as_of)  # fine 100-500 MCI
    s, mci, amounts = money(m)
    assert mci["tenge"] == tenge
    assert amounts == {"fine": (100 * tenge, 500 * tenge)}
    assert f"sentencing (taken as {as_of})" in s.text


def test_no_mci_before_the_table(general):
    m = run(general, "420", code="h", date="2010-01-01", as_of="2014-12-31")
    s = step(m, "money")
    assert "no MCI value is encoded for 2014-12-31" in s.text
    assert "amounts" not in dict(s.extra)
    assert "amounts" not in m.to_json()["steps"][-1]


def test_no_money_step_without_amounts_in_mci(general):
    assert "money" not in names(run(general, "301", date="2021-03-01", as_of="2022-01-01"))


# ---- pick: the dated variant in force -------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    valid_from: dt.date | None


def test_pick():
    first, second = Rule("first", None), Rule("second", D("2018-01-01"))
    assert pick((first, second), None) is second  # no date: the newest
    assert pick((first, second), D("2017-12-31")) is first
    assert pick((first, second), D("2018-01-01")) is second
    assert pick((first, second), D("2030-01-01")) is second
    assert pick((), D("2020-01-01")) is None
    late = Rule("late", D("2005-01-01"))
    assert pick((late,), D("2004-12-31")) is None  # none was yet in force
    assert pick((late,), D("2005-01-01")) is late


# ---- the steps as a whole ---------------------------------------------------------------------


def test_the_steps_in_order_each_with_its_article(general):
    m = run(general, "301", stage="attempt", date="2021-03-01", as_of="2022-01-01", offender_age=15)
    assert [(s.step, s.article) for s in m.general.steps] == [
        ("special_part", "Art. 301 part 1 of g"),
        ("category", "Art. 11 of g"),
        ("stage", "Art. 56 of g"),
        ("minors", "Art. 81 of g"),
        ("limitation", "Art. 71 of g"),
    ]
    out = m.to_json()
    assert [s["step"] for s in out["steps"]] == ["special_part", "category", "stage", "minors", "limitation"]
    assert all(s["article"] for s in out["steps"])
    assert out["steps"][0]["penalty"] == out["penalty"]
    assert out["category"] == "grave"
    assert out["punishable"] is True
    assert out["limitation"]["years"] == 5
    assert out["adjusted_penalty"]["alternatives"] == [{"kind": "imprisonment", "min": 60, "max": 72, "unit": "months"}]


def test_the_money_step_comes_last(general):
    m = run(general, "209", date="2021-03-01", as_of="2022-01-01", offender_age=15)
    assert names(m) == ["special_part", "category", "minors", "limitation", "money"]


def test_the_assessment_says_the_stage_and_the_day(general):
    result = assess(general, {"act": ["harm"]}, code="g", articles=["301"], stage="attempt", as_of=D("2022-01-01"))
    out = result.to_json()
    assert (out["stage"], out["as_of"]) == ("attempt", "2022-01-01")


@pytest.mark.parametrize(
    ("most", "negligent", "category"),
    [(60, True, "minor"), (61, True, "medium"), (120, True, "medium"), (60, False, "medium"), (24, True, "minor")],
)
def test_a_negligent_part_takes_the_negligent_scale(general, most, negligent, category):
    from kzlaw.general import category_of
    from kzlaw.model import Alternative, CategoryLevel, Part, Penalty

    code = general.by_id["g"]
    scale = (CategoryLevel("minor", 60), CategoryLevel("medium", None))
    rules = tuple(r._replace(negligent_levels=scale) for r in code.general_part.categories)
    code = code._replace(general_part=code.general_part._replace(categories=rules))
    part = Part(
        "1", Penalty((Alternative("imprisonment", None, most, "months"),)), offence="crime", negligent=negligent
    )
    assert category_of(code, part)[0] == category
    assert (
        category_of(general.by_id["g"], part._replace(negligent=False))[0]
        == category_of(code, part._replace(negligent=False))[0]
    )
