"""A circumstance item with its own sanction ("а в случаях, предусмотренных пунктом 2), - ..."):
it replaces the part's penalty when it holds, is a hint when unknown, and shows in `show`.

The tests' own dataset: tests/data/mini.yaml with Art. 10 part 2 item b given a sanction of its own.
"""

import json
from pathlib import Path

import pytest
import yaml

from kzlaw import assess, load
from kzlaw.cli import app

HERE = Path(__file__).parent
OWN = {
    "alternatives": [
        {"kind": "fine", "min": 10, "max": 20, "unit": "times_damage"},
        {"kind": "imprisonment", "min": 5, "max": 10, "unit": "years"},
    ],
    "additional": [{"kind": "deprivation_of_right", "mandatory": True, "life": True}],
}


@pytest.fixture(scope="module")
def own_file(tmp_path_factory):
    data = yaml.safe_load((HERE / "data" / "mini.yaml").read_text(encoding="utf-8"))
    article = next(a for a in data["codes"][0]["articles"] if a["article"] == "10")
    part2 = article["versions"][0]["parts"][1]
    part2["circumstances"][1]["penalty"] = OWN
    path = tmp_path_factory.mktemp("own") / "own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def own(own_file):
    return load(own_file)


def _art10(result):
    (m,) = [m for m in result.matches if m.article == "10"]
    return m


def test_the_item_that_holds_brings_its_own_sanction(own):
    m = _art10(assess(own, {"act": ["assault"], "violence": True, "group": True}, code="old"))
    assert m.part == "2"
    assert [(a.kind, a.min, a.max, a.unit) for a in m.penalty.alternatives] == [
        ("fine", 10, 20, "times_damage"),
        ("imprisonment", 60, 120, "months"),
    ]
    assert [(a.kind, a.life) for a in m.additional] == [("deprivation_of_right", True)]
    assert m.sanction is not None and m.sanction.item == "b"
    assert m.to_json()["own_sanction"]["item"] == "b"


def test_another_item_keeps_the_parts_sanction_and_names_the_unknown_item(own):
    m = _art10(assess(own, {"act": ["assault"], "violence": True, "victim_age": 16}, code="old"))
    assert m.part == "2" and m.sanction is None
    assert [(a.kind, a.min, a.max) for a in m.penalty.alternatives] == [("imprisonment", 60, 120)]
    assert "group" in m.missing  # knowing it would change the sanction
    assert "own_sanction" not in m.to_json()


def test_item_known_false_is_no_hint(own):
    m = _art10(assess(own, {"act": ["assault"], "violence": True, "victim_age": 16, "group": False}, code="old"))
    assert m.sanction is None and "group" not in m.missing


def test_the_general_part_works_on_the_own_sanction(tmp_path):
    """tests/data/general.yaml, Art. 307 part 2 (by a group, 4-8 years: grave) with a sanction of
    its own of 13-15 years for the item: the category follows the sanction that applies."""
    data = yaml.safe_load((HERE / "data" / "general.yaml").read_text(encoding="utf-8"))
    for code in data["codes"]:
        for article in code.get("articles", []):
            if article["article"] == "307":
                item = article["versions"][0]["parts"][1]["circumstances"][0]
                item["penalty"] = {"alternatives": [{"kind": "imprisonment", "min": 13, "max": 15, "unit": "years"}]}
    path = tmp_path / "general-own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    dataset = load(path)
    grave = assess(dataset, {"group": False}, code="g", articles=["307"]).matches[0]
    own = assess(dataset, {"group": True}, code="g", articles=["307"]).matches[0]
    assert (own.part, own.sanction.text) == ("2", "by a group")
    assert own.general.category == "especially_grave"
    assert own.general.penalty.alternatives[0].max == 180
    assert grave.general is None or grave.part == "1"


def test_show_lists_the_own_sanction(own_file):
    from typer.testing import CliRunner

    done = CliRunner().invoke(app, ["--data", str(own_file), "show", "10", "--code", "old", "--json"])
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    text = json.dumps(doc)
    assert '"times_damage"' in text and '"life": true' in text
