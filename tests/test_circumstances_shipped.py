"""The shipped lists of Arts. 53 and 54 of the 2014 code against the official text (edition
08.03.2026, kazakhstan-law/codes rus/sec004.md): the names scripts use and their items."""

import pytest
from typer.testing import CliRunner

from kzlaw import load
from kzlaw.cli import app
from kzlaw.sentencing import circumstances_json


@pytest.fixture(scope="module")
def listed():
    return {(c["kind"], c["name"]): c for c in circumstances_json(load()) if c["code"] == "kz-cc-2014"}


@pytest.mark.parametrize(
    ("kind", "name", "item"),
    [
        ("mitigating", "minor_offender", 2),  # несовершеннолетие виновного
        ("mitigating", "pregnancy", 3),  # беременность
        ("mitigating", "young_child", 4),  # наличие малолетнего ребенка
        ("mitigating", "damage_compensated", 6),  # добровольное возмещение имущественного ущерба
        ("mitigating", "repentance", 11),  # чистосердечное раскаяние, явка с повинной
        ("aggravating", "recidivism", 1),  # неоднократность, рецидив, опасный рецидив
        ("aggravating", "group_offence", 3),  # в составе группы лиц
        ("aggravating", "special_cruelty", 9),  # с особой жестокостью
        ("aggravating", "intoxication", 12),  # в состоянии опьянения
    ],
)
def test_the_names_of_the_issue_and_their_items(listed, kind, name, item):
    c = listed[(kind, name)]
    assert c["item"] == item
    assert c["article"] == ("53" if kind == "mitigating" else "54")


def test_every_item_of_both_lists_in_order(listed):
    mitigating = [c["item"] for (k, _), c in listed.items() if k == "mitigating" and c["item"]]
    aggravating = [c["item"] for (k, _), c in listed.items() if k == "aggravating"]
    assert mitigating == list(range(1, 12))  # Art. 53(1): 11 items
    assert aggravating == list(range(1, 17))  # Art. 54(1): 16 items
    assert listed[("mitigating", "minor_offender")]["derived"] is True


def test_facts_lists_them():
    result = CliRunner().invoke(app, ["facts", "--json"])
    assert result.exit_code == 0, result.output
    import json

    names = {c["name"] for c in json.loads(result.stdout)["circumstances"]}
    assert {"repentance", "recidivism", "other_mitigating"} <= names
