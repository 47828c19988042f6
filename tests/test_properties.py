"""Properties (hypothesis): any input gives a result or a clean error, never a crash.

(a) the engine on random fact mappings, (b) the CLI on random --fact strings,
(c) datasets generated in Python: valid ones load, broken ones give located DatasetErrors.
"""

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kzlaw
from kzlaw import Assessment, DatasetError, InputError
from kzlaw.cli import app

HERE = Path(__file__).parent
MINI_PATH = str(HERE / "data" / "mini.yaml")
MINI = kzlaw.load(MINI_PATH)
FACT_NAMES = [f.name for f in MINI.vocabulary.facts]
ACT_NAMES = [a.name for a in MINI.vocabulary.acts]

SETTINGS = settings(max_examples=75, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
DATASET_SETTINGS = settings(SETTINGS, max_examples=30)

# ---- (a) the engine on random facts ------------------------------------------------------------

# numbers written as text, in any script: "13", " -1 ", "١٢", "²"
numeric_text = st.text(st.characters(categories=("Nd", "No")) | st.sampled_from("- +"), min_size=1, max_size=4)
json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12) | numeric_text
)
json_values = st.recursive(
    json_scalars | st.sampled_from(ACT_NAMES) | st.sampled_from(["true", "no", "13", " 7 ", "-1", "assault,access"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
fact_names = st.sampled_from(FACT_NAMES) | st.text(max_size=15)
fact_mappings = st.dictionaries(fact_names, json_values, max_size=6)


@SETTINGS
@given(facts=fact_mappings, code=st.sampled_from([None, "old", "new"]))
@example(facts={"victim_age": "\u00b2"}, code=None)  # "²".isdigit() is true, int("²") fails
def test_assess_returns_an_assessment_or_raises_input_error(facts, code):
    try:
        result = kzlaw.assess(MINI, facts, code=code)
    except InputError as error:
        assert str(error).strip()
        return
    assert isinstance(result, Assessment)
    for name in result.facts:
        assert name in FACT_NAMES


@SETTINGS
@given(facts=st.dictionaries(st.sampled_from(FACT_NAMES), json_values, min_size=1, max_size=8))
def test_assess_with_known_fact_names_only(facts):
    try:
        result = kzlaw.assess(MINI, facts, code="old")
    except InputError:
        return
    assert isinstance(result, Assessment)
    for match in result.matches:
        assert match.status in ("applies", "possible")


# ---- (b) the CLI on random --fact strings ----------------------------------------------------------

fact_values = (
    st.text(max_size=10)
    | st.integers().map(str)
    | st.sampled_from(["true", "false", "", "assault", "assault,access", ",", "²", "١٢", "--5", " 13 ", "1e3", "0x10"])
)
fact_options = st.one_of(
    st.text(max_size=20),
    st.builds(lambda n, v: f"{n}={v}", st.sampled_from(FACT_NAMES) | st.text(max_size=8), fact_values),
    st.builds(lambda n, v: f"{n}={v}", st.sampled_from(["offender_age", "victim_age"]), numeric_text),
    st.sampled_from(FACT_NAMES),
)


@SETTINGS
@given(options=st.lists(fact_options, min_size=1, max_size=3), as_json=st.booleans())
@example(options=["offender_age=\u00b2"], as_json=False)
@example(options=["victim_age=--5"], as_json=True)
def test_cli_fact_strings_exit_0_or_2_and_never_crash(options, as_json):
    args = ["--data", MINI_PATH, "assess", *(f"--fact={o}" for o in options)] + (["--json"] if as_json else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 2), (args, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert result.stderr.strip()
        assert result.stdout == ""


# ---- (c) generated datasets ----------------------------------------------------------------------

BOOL_FACTS = ["violence", "threat", "group", "victim_death"]
ACTS = ["assault", "access"]
UNITS = {
    "imprisonment": ["months", "years"],
    "restriction_of_freedom": ["months", "years"],
    "correctional_labor": ["months", "years", "mci"],
    "arrest": ["months", "days"],
    "fine": ["mci", "months_of_income"],
    "public_works": ["hours"],
}


def _source(address):
    return [{"document": "generated", "address": address, "status": "primary"}]


@st.composite
def alternatives(draw):
    kind = draw(st.sampled_from([*UNITS, "life_imprisonment"]))
    if kind == "life_imprisonment":
        return {"kind": kind}
    hi = draw(st.integers(1, 500))
    alt = {"kind": kind, "max": hi, "unit": draw(st.sampled_from(UNITS[kind]))}
    if draw(st.booleans()):
        alt["min"] = draw(st.integers(0, hi))
    return alt


@st.composite
def conditions(draw, depth=1):
    leaf = (
        st.sampled_from(BOOL_FACTS)
        | st.builds(lambda a: {"act": a}, st.sampled_from(ACTS))
        | st.builds(
            lambda op, n: {"fact": "victim_age", op: n},
            st.sampled_from(["lt", "le", "gt", "ge", "eq", "ne"]),
            st.integers(0, 120),
        )
    )
    if depth == 0:
        return draw(leaf)
    return draw(
        leaf
        | st.builds(
            lambda k, cs: {k: cs},
            st.sampled_from(["all", "any"]),
            st.lists(conditions(depth - 1), min_size=1, max_size=2),
        )
        | st.builds(lambda c: {"not": c}, conditions(depth - 1))
    )


@st.composite
def articles(draw, number):
    parts = []
    for i in range(1, draw(st.integers(1, 3)) + 1):
        part = {
            "part": str(i),
            "penalty": {"alternatives": draw(st.lists(alternatives(), min_size=1, max_size=2))},
            "sources": _source(f"Art. {number} part {i}"),
        }
        if i > 1:
            part["circumstances"] = [
                {"item": chr(ord("a") + j), "text": f"circumstance {j}", "when": c}
                for j, c in enumerate(draw(st.lists(conditions(0), min_size=1, max_size=2)))
            ]
        parts.append(part)
    return {
        "article": str(number),
        "versions": [
            {
                "title": f"Article {number}",
                "summary": "generated",
                "elements": draw(conditions(1)),
                "sources": _source(f"Art. {number}"),
                "parts": parts,
            }
        ],
    }


@st.composite
def datasets(draw):
    numbers = sorted(draw(st.sets(st.integers(1, 400), min_size=1, max_size=3)))
    arts = [draw(articles(n)) for n in numbers]
    lower = draw(st.lists(st.sampled_from(numbers), unique=True, max_size=len(numbers)))
    return {
        "format": 1,
        "facts": [
            {"name": "offender_age", "type": "int", "min": 0, "max": 120, "meaning": "offender's age"},
            {"name": "victim_age", "type": "int", "min": 0, "max": 120, "meaning": "victim's age"},
            {
                "name": "victim_minor",
                "type": "bool",
                "meaning": "victim under 18",
                "derived": {"fact": "victim_age", "lt": 18},
            },
            {"name": "act", "type": "acts", "meaning": "what was done"},
            *({"name": n, "type": "bool", "meaning": n.replace("_", " ")} for n in BOOL_FACTS),
        ],
        "acts": [{"name": a, "meaning": a} for a in ACTS],
        "codes": [
            {
                "id": "gen",
                "title": "A generated code",
                "in_force": {"from": dt.date(2000, 1, 1)},
                "edition": "generated",
                "sources": _source("whole"),
                "liability": {
                    "general_age": 16,
                    "lower_ages": [{"age": 14, "articles": [{"article": str(n)} for n in lower]}],
                    "sources": _source("Art. 15"),
                },
                "articles": arts,
            }
        ],
    }


def _write(data):
    """A fresh file for each example: load() caches by path and modification time."""
    handle, name = tempfile.mkstemp(suffix=".yaml", prefix="kzlaw-prop-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        yaml.dump(data, out, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)
    return name


def _required_keys(data):
    """(container, key) for keys the format requires, all over a generated dataset."""
    found = [(data, "facts"), (data, "acts"), (data, "codes")]
    found += [(f, k) for f in data["facts"] for k in ("name", "type", "meaning")]
    for code in data["codes"]:
        found += [(code, k) for k in ("id", "title", "in_force", "edition", "sources", "liability", "articles")]
        found += [(code["liability"], "general_age")]
        for art in code["articles"]:
            found += [(art, "article"), (art, "versions")]
            for version in art["versions"]:
                found += [(version, k) for k in ("title", "summary", "elements", "parts", "sources")]
                for part in version["parts"]:
                    found += [(part, "part"), (part, "penalty"), (part, "sources")]
                    found += [(alt, "kind") for alt in part["penalty"]["alternatives"]]
                    found += [(c, k) for c in part.get("circumstances", []) for k in ("text", "when")]
    return found


def _ranged(data):
    return [
        alt
        for code in data["codes"]
        for art in code["articles"]
        for v in art["versions"]
        for part in v["parts"]
        for alt in part["penalty"]["alternatives"]
        if "max" in alt
    ]


def _fact_slots(data):
    """(container, key) of every fact name in a condition: a bare name or the `fact` of a comparison."""
    slots = []

    def walk(container, key):
        cond = container[key]
        if isinstance(cond, str):
            slots.append((container, key))
        elif isinstance(cond, dict):
            if "fact" in cond:
                slots.append((cond, "fact"))
            for op in ("all", "any"):
                for i in range(len(cond.get(op, []))):
                    walk(cond[op], i)
            if "not" in cond:
                walk(cond, "not")

    for code in data["codes"]:
        for art in code["articles"]:
            for version in art["versions"]:
                walk(version, "elements")
                for part in version["parts"]:
                    for circumstance in part.get("circumstances", []):
                        walk(circumstance, "when")
    return slots


def _assert_located(path, data_text_lines):
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert 1 <= problem.line <= data_text_lines + 1, str(problem)
        assert problem.column >= 1
        assert problem.file == path
        assert problem.message
    assert [str(p) for p in kzlaw.validate(path)] == [str(p) for p in problems]
    return problems


@DATASET_SETTINGS
@given(data=datasets())
def test_generated_valid_datasets_load(data):
    path = _write(data)
    try:
        assert kzlaw.validate(path) == []
        dataset = kzlaw.load(path)
        code = dataset.codes[0]
        assert [a.number for a in code.articles] == [a["article"] for a in data["codes"][0]["articles"]]
        result = kzlaw.assess(dataset, {"act": ["assault"], "violence": True, "victim_age": 10})
        assert isinstance(result, Assessment)
    finally:
        os.unlink(path)


@DATASET_SETTINGS
@given(data=datasets(), how=st.sampled_from(["drop_key", "min_above_max", "rename_fact"]), pick=st.randoms())
def test_generated_broken_datasets_give_located_dataset_errors(data, how, pick):
    if how == "drop_key":
        container, key = pick.choice(_required_keys(data))
        del container[key]
    elif how == "min_above_max":
        ranged = _ranged(data)
        if not ranged:
            container, key = pick.choice(_required_keys(data))
            del container[key]
        else:
            alt = pick.choice(ranged)
            alt["min"] = alt["max"] + pick.randint(1, 50)
    else:
        slots = _fact_slots(data)
        if slots:
            container, key = pick.choice(slots)
            container[key] = renamed = container[key] + "_renamed"
        else:  # every condition names acts only
            data["codes"][0]["articles"][0]["versions"][0]["elements"] = renamed = "no_such_fact"
    path = _write(data)
    try:
        lines = len(Path(path).read_text(encoding="utf-8").splitlines())
        problems = _assert_located(path, lines)
        if how == "min_above_max" and _ranged(data):
            assert any("above max" in p.message for p in problems), [str(p) for p in problems]
        if how == "rename_fact":
            assert any(f"unknown fact {renamed!r}" in p.message and p.fix for p in problems), [str(p) for p in problems]
    finally:
        os.unlink(path)


@settings(SETTINGS, max_examples=60)
@given(text=st.text(max_size=200))
def test_any_text_as_a_dataset_gives_problems_with_a_line(text):
    handle, path = tempfile.mkstemp(suffix=".yaml", prefix="kzlaw-prop-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    try:
        problems = kzlaw.validate(path)
        assert problems
        assert all(p.line >= 1 and p.column >= 1 for p in problems)
        with pytest.raises(DatasetError):
            kzlaw.load(path)
    finally:
        os.unlink(path)
