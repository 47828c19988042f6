"""Sentencing (kzlaw.sentencing): Arts. 53-55 of the 2014 code as steps, on the tests' own
dataset tests/data/sentencing.yaml (its rules carry the figures of the 08.03.2026 text).

Each rule at its boundaries: mitigation with and without an aggravating circumstance, a
qualified part, every category's fraction, the agreement caps, a stage (Art. 55(7)), the
life-only sanction (Art. 55(9), Art. 56(4)), and unknown names.
"""

import datetime as dt
from pathlib import Path

import pytest

from kzlaw import InputError, assess, load
from kzlaw.sentencing import Given

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def ds():
    return load(HERE / "data" / "sentencing.yaml")


def match_on(ds, article, day, as_of, *, stage=None, mitigating=(), aggravating=(), agreement=False,
             exceptional=False, **facts):  # fmt: skip
    """The one match of a made-up article of code `s` on `day` (also used by test_sentencing_dated)."""
    given = Given(tuple(mitigating), tuple(aggravating), agreement, exceptional)
    result = assess(ds, facts, code="s", articles=[article], stage=stage, date=day, as_of=as_of, sentencing=given)
    assert len(result.matches) == 1
    return result.matches[0]


def run(ds, article, **kw):
    return match_on(ds, article, dt.date(2020, 1, 1), dt.date(2020, 6, 1), **kw)


def steps(match):
    return {s.step: s for s in match.general.steps}


def ranges(match):
    return {a.kind: (a.min, a.max) for a in match.general.penalty.alternatives}


@pytest.mark.parametrize(
    ("article", "top"),
    [
        ("306", 12),  # minor: 1/2 of 24 months
        ("301", 24),  # medium: 1/2 of 48
        ("302", 90),  # grave: 2/3 or 3/4 of 120, the larger while life or health is unknown
        ("303", 144),  # especially grave: 3/4 or 4/5 of 180
    ],
)
def test_mitigation_caps_by_category(ds, article, top):
    m = run(ds, article, mitigating=["repentance"])
    s = steps(m)["mitigation"]
    assert s.article == "Art. 55 part 2 of s"
    assert ranges(m)["imprisonment"] == (None, top)  # the minimum is not binding (part 6)
    assert "part 6" in s.text


def test_mitigation_caps_a_fine_too_and_keeps_life(ds):
    m = run(ds, "301", mitigating=["repentance"])
    assert ranges(m)["fine"] == (None, 250)
    m = run(ds, "303", mitigating=["repentance"])
    assert "life_imprisonment" in ranges(m)


def test_an_aggravating_circumstance_blocks_mitigation(ds):
    m = run(ds, "301", mitigating=["repentance"], aggravating=["recidivism"])
    assert "not applied" in steps(m)["mitigation"].text
    assert ranges(m)["imprisonment"] == (24, 48)


def test_a_qualified_part_blocks_mitigation(ds):
    m = run(ds, "302", mitigating=["repentance"], aggravating=["group_offence"], group=True)
    assert m.part == "2"
    s = steps(m)
    assert "qualified" in s["mitigation"].text
    # the group is an element of the part: not counted again as aggravating (Art. 54(2))
    assert s["circumstances"].text.startswith("mitigating repentance")
    assert "not counted again" in s["circumstances"].text
    assert dict(s["circumstances"].extra)["aggravating"] == []


def test_the_minor_offender_counts_from_the_age(ds):
    m = run(ds, "301", offender_age=17, mitigating=["repentance"])
    assert dict(steps(m)["circumstances"].extra)["mitigating"] == ["minor_offender", "repentance"]
    with pytest.raises(InputError, match="contradicts"):
        run(ds, "301", offender_age=30, mitigating=["minor_offender"])


def test_agreement_caps(ds):
    assert ranges(run(ds, "302", agreement=True))["imprisonment"] == (None, 60)  # grave: 1/2 of 120
    assert ranges(run(ds, "303", agreement=True))["imprisonment"] == (None, 135)  # 3/4 of 180


def test_mitigation_and_agreement_the_lower_cap_holds(ds):
    m = run(ds, "302", mitigating=["repentance"], agreement=True)
    assert ranges(m)["imprisonment"] == (None, 60)
    assert [s.step for s in m.general.steps][-3:] == ["circumstances", "mitigation", "agreement"]


def test_a_stage_caps_count_from_the_art_56_limits(ds):
    # attempt: 3/4 of 120 = 90; then 3/4 of 90 (the larger fraction) = 67.5
    m = run(ds, "302", stage="attempt", mitigating=["repentance"])
    assert ranges(m)["imprisonment"] == (None, 67.5)
    assert "Art. 56 limits" in steps(m)["mitigation"].text


def test_life_only_attempt_is_25_years(ds):
    m = run(ds, "304", stage="attempt")
    assert ranges(m) == {"imprisonment": (300, 300)}
    assert "life imprisonment only" in steps(m)["stage"].text


def test_exceptional_frees_the_minimum_and_gives_20_to_25_for_life_only(ds):
    m = run(ds, "301", exceptional=True)
    assert ranges(m)["imprisonment"] == (None, 48)
    assert "no longer binding" in steps(m)["exceptional"].text
    m = run(ds, "304", exceptional=True)
    assert ranges(m) == {"life_imprisonment": (None, None), "imprisonment": (240, 300)}


def test_damage_compensated_removes_imprisonment_for_a_medium_crime(ds):
    m = run(ds, "301", mitigating=["damage_compensated"])
    assert "milder_kind" in steps(m)
    assert "imprisonment" not in ranges(m)
    m = run(ds, "302", mitigating=["damage_compensated"])  # grave: part 1 does not apply
    assert "milder_kind" not in steps(m)


def test_the_money_step_reads_the_range_after_mitigation(ds):
    m = run(ds, "301", mitigating=["repentance"])
    assert [s.step for s in m.general.steps][-1] == "money"
    assert dict(steps(m)["money"].extra)["amounts"] == [{"kind": "fine", "min_tenge": None, "max_tenge": 250000}]


def test_without_sentencing_options_nothing_changes(ds):
    m = run(ds, "301")
    assert "mitigation" not in steps(m) and ranges(m)["imprisonment"] == (24, 48)


@pytest.mark.parametrize(
    ("kind", "name", "said"),
    [
        ("mitigating", "repentnce", "Did you mean repentance?"),
        ("mitigating", "recidivism", "recidivism is an aggravating circumstance"),
        ("aggravating", "group", "Did you mean group_offence?"),
    ],
)
def test_unknown_names_are_input_errors(ds, kind, name, said):
    with pytest.raises(InputError) as error:
        run(ds, "301", **{kind: [name]})
    assert error.value.code == "unknown_circumstance"
    assert said in str(error.value)


# ---- several offences (Art. 58) -------------------------------------------------------------


def total(ds, *specs, **kw):
    from kzlaw.cumulative import sentence

    return sentence(ds, specs, code="s", date=dt.date(2020, 1, 1), as_of=dt.date(2020, 6, 1), **kw)


def alts(penalty):
    return {a.kind: (a.min, a.max) for a in penalty.alternatives}


@pytest.mark.parametrize(
    ("specs", "rule", "part", "expected"),
    [
        # misdemeanours only: addition, at most 400 MCI and 50 days; here 200 MCI and 60 -> 50 days
        (("305:1", "305:1"), "addition", "2", {"fine": (20, 200), "arrest": (None, 50)}),
        # minor and medium only: absorption, the highest maximum of each kind
        (("301:1", "306:1"), "absorption", "2", {"fine": (100, 500), "imprisonment": (24, 48)}),
        # grave plus medium: addition, 120 + 48 = 168 months, under the 240 cap
        (("302:1", "301:1"), "addition", "3", {"imprisonment": (60, 168), "fine": (100, 500)}),
        # grave twice plus especially grave of up to 15 years: 120 + 120 + 180 = 420 -> 240
        (("302:1", "302:1", "303:1"), "addition", "3", {"imprisonment": (120, 240), "life_imprisonment": (None, None)}),
        # an especially grave crime of up to 20 years: addition, 240 + 120 = 360 -> 300 (25 years)
        (("307:1", "302:1"), "addition", "4", {"imprisonment": (180, 300)}),
    ],
)
def test_the_total_by_art_58(ds, specs, rule, part, expected):
    result = total(ds, *specs)
    assert result.total.rule == rule
    assert result.total.article == f"Art. 58 part {part} of s"
    assert alts(result.total.penalty) == expected


def test_a_cap_reached_and_not_reached(ds):
    steps = {s.step: s for s in total(ds, "302:1", "302:1", "302:1").total.steps}
    assert "reached" in steps["total_cap"].text and "not reached" not in steps["total_cap"].text
    steps = {s.step: s for s in total(ds, "302:1", "301:1").total.steps}
    assert "not reached" in steps["total_cap"].text


def test_life_absorbs_all(ds):
    result = total(ds, "304:1", "302:1")
    assert result.total.life is True
    assert "life" in {s.step for s in result.total.steps}
    assert result.to_json()["total"]["life"] is True


def test_each_offence_after_its_own_steps(ds):
    result = total(ds, "302:1", "301:1", sentencing=Given(mitigating=("repentance",)))
    assert [o.adjusted.penalty.max_imprisonment() for o in result.offences] == [90, 24]
    assert alts(result.total.penalty)["imprisonment"] == (None, 114)
    doc = result.to_json()
    assert set(doc) == {"code", "date", "offences", "total"}
    assert set(doc["offences"][0]) == {"article", "part", "category", "penalty", "adjusted_penalty", "steps"}
    assert set(doc["total"]) == {"rule", "article", "penalty", "life", "steps"}


@pytest.mark.parametrize(
    ("spec", "code"), [("302", "bad_reference"), ("302:9", "unknown_part"), ("999:1", "unknown_article")]
)
def test_bad_specs(ds, spec, code):
    with pytest.raises(InputError) as error:
        total(ds, spec)
    assert error.value.code == code
