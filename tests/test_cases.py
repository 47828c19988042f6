"""Legal cases in tests/cases/*.yaml, run through the engine on the shipped dataset.

Each file is a list of cases a lawyer can read and extend:

    - name: art120 part2e victim 17 is a minor      # unique over all files; the test id
      code: kz-cc-1997                               # the code to apply
      date: 2005-06-01                               # optional: the day of the offence
      note: ...                                      # optional: why, in words
      facts: {act: [sexual_intercourse], violence: true, victim_age: 17, offender_age: 30}
      expected:                                      # each must be among the matches
        - {article: "120", part: "2", status: applies, liable: true}
      absent: ["122"]                                # optional: articles that must not match

`status` is applies or possible; `liable` is true, false, or null (offender's age unknown).
Fact names and acts are those of `kzlaw facts`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from figures import ARTICLES_1997

from kzlaw import assess
from kzlaw.engine import choose_version

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "code", "date", "note", "facts", "expected", "absent"}
EXPECTED_KEYS = {"article", "part", "status", "liable"}


def _load_cases() -> list[dict]:
    cases, names = [], {}
    files = sorted(CASES_DIR.glob("*.yaml"))
    assert files, f"no case files in {CASES_DIR}"
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list) and data, f"{path.name}: expected a non-empty list of cases"
        for i, case in enumerate(data):
            where = f"{path.name} case {i + 1}"
            assert isinstance(case, dict), f"{where}: a case is a mapping"
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(CASE_KEYS)})"
            for key in ("name", "code", "facts", "expected"):
                assert key in case, f"{where}: missing {key!r}"
            name = case["name"]
            assert name not in names, f"{where}: name {name!r} already used in {names[name]}"
            names[name] = path.name
            assert isinstance(case["expected"], list), f"{where}: expected must be a list"
            assert case["expected"] or case.get("absent"), f"{where}: nothing to check"
            for entry in case["expected"]:
                assert isinstance(entry, dict) and set(entry) == EXPECTED_KEYS, (
                    f"{where}: each expected entry needs exactly {sorted(EXPECTED_KEYS)}, got {entry!r}"
                )
                assert entry["status"] in ("applies", "possible"), f"{where}: bad status {entry['status']!r}"
                assert entry["liable"] in (True, False, None), f"{where}: bad liable {entry['liable']!r}"
            if "date" in case:
                assert isinstance(case["date"], dt.date), f"{where}: date must be YYYY-MM-DD"
            cases.append(case)
    return cases


CASES = _load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(shipped, case):
    result = assess(shipped, case["facts"], code=case["code"], date=case.get("date"))
    found = {m.article: m for m in result.matches}
    shown = [(m.article, m.part, m.status, m.liable) for m in result.matches]
    for entry in case["expected"]:
        article = str(entry["article"])
        assert article in found, f"Art. {article} does not match; matches: {shown}"
        match = found[article]
        got = {"part": match.part, "status": match.status, "liable": match.liable}
        want = {"part": str(entry["part"]), "status": entry["status"], "liable": entry["liable"]}
        assert got == want, (
            f"Art. {article}: got {got}, expected {want} (because {match.because}, missing {match.missing})"
        )
    for article in case.get("absent", []):
        assert str(article) not in found, f"Art. {article} must not match; matches: {shown}"


SEED_ARTICLES_1997 = ARTICLES_1997


def test_every_part_of_every_seed_article_is_reached_by_a_case(shipped):
    """Each part of each version of the seed articles has a case in which it applies."""
    code = shipped.by_id["kz-cc-1997"]
    reached = set()
    for case in CASES:
        if case["code"] != code.id:
            continue
        for entry in case["expected"]:
            if entry["status"] != "applies":
                continue
            article = code.by_number.get(str(entry["article"]))
            if article is None:
                continue
            version = choose_version(code, article, case.get("date"))
            reached.add((article.number, id(version), str(entry["part"])))
    unreached = [
        f"Art. {number} version {i} part {part.part}"
        for number in SEED_ARTICLES_1997
        for i, version in enumerate(code.by_number[number].versions)
        for part in version.parts
        if (number, id(version), part.part) not in reached
    ]
    assert not unreached, f"no case reaches: {unreached}"
