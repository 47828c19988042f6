"""A dataset split into files: `include:` merges each file's articles, chapters, facts, acts and
ages into its code; chapters, official titles and footnote laws reach show, articles and search;
amounts compared in MCI use the MCI of the offence day. A made-up dataset of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzlaw import dataset as ds
from kzlaw.cli import app
from kzlaw.engine import assess
from kzlaw.search import search

MINI = Path(__file__).parent / "data" / "mini.yaml"

MCI = """mci:
  - {from: 2015-01-01, tenge: 1000, law: test budget, sources: [{document: test, address: x, status: primary}]}
  - {from: 2020-01-01, tenge: 2000, law: test budget, sources: [{document: test, address: x, status: primary}]}
"""

FRAGMENT = """format: 1
code: new
chapters:
  - chapter: "6"
    title: Against property
    title_ru: "Против собственности"
    title_kk: "Меншікке қарсы"
    articles: "188-190"
facts:
  - {name: damage_tenge, type: int, min: 0, max: 1000000000000, meaning: damage in tenge}
acts:
  - {name: theft, meaning: secret taking}
liability:
  lower_ages:
    - age: 14
      articles: [{article: "188", parts: ["2"]}]
articles:
  - article: "188"
    chapter: "6"
    versions:
      - title: Theft
        title_ru: Кража
        title_kk: Ұрлық
        summary: secretly taking another's property
        elements: {act: theft}
        history:
          - {law: "Law of 03.07.2017 No. 86-VI", in_force: 2017-07-14, date_approximate: true, text: part 2 reworded}
        checked: {edition: 2026-03-08, commit: b3c9d813a352af93c7138301108a569b56edd0b4, readings: 2}
        sources: [{document: test, address: Art. 188, status: primary}]
        parts:
          - part: "1"
            offence: misdemeanour
            penalty: {alternatives: [{kind: fine, max: 5, unit: times_damage}]}
            sources: [{document: test, address: Art. 188 part 1, status: primary}]
          - part: "2"
            offence: crime
            circumstances:
              - {item: "1", text: in a large amount, when: {fact: damage_tenge, gt: 100, unit: mci}}
            penalty:
              alternatives: [{kind: imprisonment, max: 5, unit: years}]
              additional: [{kind: expulsion, mandatory: false}]
            sources: [{document: test, address: Art. 188 part 2, status: primary}]
  - article: "120"
    chapter: "6"
    versions:
      - title: Robbery
        summary: open taking
        elements: {act: theft}
        sources: [{document: test, address: Art. 120, status: primary}]
        parts:
          - part: "1"
            penalty: {alternatives: [{kind: imprisonment, max: 2, unit: years}]}
            sources: [{document: test, address: Art. 120 part 1, status: primary}]
"""


@pytest.fixture
def split(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("KZLAW_NO_CACHE", "1")
    monkeypatch.delenv("KZLAW_DATA", raising=False)
    monkeypatch.setattr(ds, "_LOADED", {})
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "ch06.yaml").write_text(FRAGMENT, encoding="utf-8")
    text = MINI.read_text(encoding="utf-8").replace(
        "format: 1\n", "format: 1\ninclude:\n  - parts/ch06.yaml\n" + MCI, 1
    )
    main = tmp_path / "main.yaml"
    main.write_text(text, encoding="utf-8")
    return main


def _run(main: Path, *args: str):
    return CliRunner().invoke(app, ["--data", str(main), *args])


def test_included_articles_join_their_code_in_number_order_with_their_chapter_and_ages(split):
    data = ds.load(split)
    code = data.by_id["new"]
    assert [a.number for a in code.articles] == ["110", "120", "130", "188"]
    assert [c.number for c in code.chapters] == ["6"] and code.chapters[0].title_kk == "Меншікке қарсы"
    theft = code.by_number["188"]
    assert theft.chapter == "6" and theft.latest.title_ru == "Кража"
    assert theft.latest.history[0].in_force.isoformat() == "2017-07-14"
    assert theft.latest.checked.readings == 2
    assert code.liability.min_age("188", "2") == 14 and code.liability.min_age("188", "1") == 16
    assert "damage_tenge" in data.vocabulary.by_name and "theft" in data.vocabulary.act_names


@pytest.mark.parametrize(
    ("damage", "date", "part"),
    [
        (100_001, "2019-06-01", "2"),  # over 100 MCI of 1,000 tenge
        (100_000, "2019-06-01", "1"),  # not over
        (150_000, "2019-06-01", "2"),
        (150_000, "2020-06-01", "1"),  # the MCI doubled: 150,000 is not over 100 MCI of 2,000
        (200_001, "2020-06-01", "2"),
    ],
)
def test_an_amount_in_tenge_is_measured_in_the_mci_of_the_offence_day(split, damage, date, part):
    import datetime as dt

    data = ds.load(split)
    result = assess(data, {"act": ["theft"], "damage_tenge": damage}, code="new", date=dt.date.fromisoformat(date))
    assert [(m.article, m.part) for m in result.matches if m.article == "188"] == [("188", part)]


def test_an_amount_not_given_leaves_the_aggravated_part_open(split):
    import datetime as dt

    result = assess(ds.load(split), {"act": ["theft"]}, code="new", date=dt.date(2021, 1, 1))
    (match,) = [m for m in result.matches if m.article == "188"]
    assert match.part == "1" and "damage_tenge" in json.dumps(match.to_json())


def test_articles_lists_one_chapter_and_rejects_an_unknown_one(split):
    listed = _run(split, "articles", "--code", "new", "--chapter", "6", "--json")
    assert listed.exit_code == 0, listed.stderr
    rows = json.loads(listed.stdout)["articles"]
    assert [(r["article"], r["chapter"], r["title_ru"]) for r in rows] == [("120", "6", None), ("188", "6", "Кража")]
    wrong = _run(split, "articles", "--code", "new", "--chapter", "7")
    assert wrong.exit_code == 2 and wrong.stdout == ""
    assert "no chapter '7'" in wrong.stderr and "6" in wrong.stderr


def test_show_prints_the_official_titles_chapter_footnote_and_edition_checked(split):
    shown = _run(split, "show", "188", "--code", "new")
    assert shown.exit_code == 0, shown.stderr
    out = shown.stdout
    for expected in (
        "Кража",
        "Ұрлық",
        "chapter 6: Against property",
        "Law of 03.07.2017 No. 86-VI, in force about 2017-07-14: part 2 reworded",
        "Checked against the official edition of 2026-03-08 (commit b3c9d81), 2 independent readings",
        "fine up to 5 times the damage",
        "expulsion of a foreigner or stateless person from Kazakhstan, optional",
    ):
        assert expected in out, expected
    doc = json.loads(_run(split, "show", "188", "--code", "new", "--json").stdout)
    assert doc["title_ru"] == "Кража" and doc["chapter"]["title_ru"] == "Против собственности"
    assert doc["history"] == [
        {
            "law": "Law of 03.07.2017 No. 86-VI",
            "in_force": "2017-07-14",
            "date_approximate": True,
            "text": "part 2 reworded",
        }
    ]
    assert doc["checked"]["readings"] == 2


@pytest.mark.parametrize("query", [["кража"], ["кражи"], ["Кражу"], ["ұрлық"]])
def test_search_finds_an_article_by_its_russian_or_kazakh_title(split, query):
    hits = search(ds.load(split), query, code="new")
    assert hits and hits[0].article == "188", [(h.article, h.score) for h in hits]
