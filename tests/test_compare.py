"""Comparing articles: references, dated versions, JSON, CSV rows and the text chart."""

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from kzlaw import InputError
from kzlaw.compare import CSV_HEADER, Comparison, axis_cells, bar_cells, chart, compare, parse_ref
from kzlaw.model import Alternative, Penalty


def _rows(comparison):
    return [(r.code, r.article, r.part, r.max_imprisonment) for r in comparison.rows]


def test_one_row_per_reference_and_part_in_the_order_named(mini):
    result = compare(mini, ["110", "10@old"])
    assert _rows(result) == [
        ("new", "110", "1", 96),
        ("old", "10", "1", 60),
        ("old", "10", "2", 120),
        ("old", "10", "3", 180),
    ]


def test_without_a_code_the_newest_code_is_used(mini):
    with pytest.raises(InputError) as caught:
        compare(mini, ["10"])
    assert caught.value.code == "unknown_article"
    assert _rows(compare(mini, ["10"], code="old"))[0][:2] == ("old", "10")


def test_a_code_in_the_reference_beats_the_code_option(mini):
    assert [r.code for r in compare(mini, ["110@new", "10"], code="old").rows] == ["new", "old", "old", "old"]


@pytest.mark.parametrize(
    ("refs", "date", "title", "parts", "valid_from"),
    [
        (["20@old@2005-06-01"], None, "Computer access (old wording)", 1, dt.date(1998, 1, 1)),
        (["20@2005-06-01"], None, "Computer access (old wording)", 1, dt.date(1998, 1, 1)),
        (["20"], dt.date(2005, 6, 1), "Computer access (old wording)", 1, dt.date(1998, 1, 1)),
        (["20@old"], None, "Computer access", 4, dt.date(2010, 1, 1)),
        (["20@2012-01-01"], dt.date(2005, 6, 1), "Computer access", 4, dt.date(2010, 1, 1)),  # the ref's date wins
    ],
)
def test_a_date_picks_the_code_and_the_version_in_force(mini, refs, date, title, parts, valid_from):
    result = compare(mini, refs, date=date)
    assert {r.title for r in result.rows} == {title}
    assert len(result.rows) == parts
    assert result.rows[0].valid_from == valid_from
    assert result.rows[0].code == "old"


@pytest.mark.parametrize(
    ("ref", "error"),
    [
        ("130@new@2021-01-01", "not_in_force"),  # the article was repealed
        ("110@new@2010-01-01", "not_in_force"),  # the code was not yet in force
        ("10@older", "unknown_code"),
        ("99@old", "unknown_article"),
        ("", "bad_reference"),
        ("10@", "bad_reference"),
        ("@old", "bad_reference"),
        ("10@old@2010-01-01@x", "bad_reference"),
        ("10@old@2010-13-45", "bad_date"),
    ],
)
def test_bad_references_are_input_errors(mini, ref, error):
    with pytest.raises(InputError) as caught:
        compare(mini, [ref])
    assert caught.value.code == error


def test_no_references_is_an_input_error(mini):
    with pytest.raises(InputError):
        compare(mini, [])


def test_parse_ref():
    assert parse_ref("273@kz-cc-1997") == ("273", "kz-cc-1997", None)
    assert parse_ref(" 34-1@2010-05-01 ") == ("34-1", None, dt.date(2010, 5, 1))
    assert parse_ref("120@kz-cc-2014@2020-01-07") == ("120", "kz-cc-2014", dt.date(2020, 1, 7))


def test_to_json(mini):
    doc = json.loads(json.dumps(compare(mini, ["20@old", "20@old@2005-06-01"]).to_json()))
    new, old = doc["articles"]
    assert (new["ref"], new["code"], new["article"], new["title"]) == ("20@old", "old", "20", "Computer access")
    assert new["version"]["in_force"] == {"from": "2010-01-01", "to": "2014-12-31"}
    assert old["version"]["in_force"] == {"from": "1998-01-01", "to": "2009-12-31"}
    assert old["date"] == "2005-06-01"
    assert new["edition"] == old["edition"] == "test edition"
    assert [p["part"] for p in new["parts"]] == ["1", "2", "3", "4"]
    assert [p["max_imprisonment"] for p in new["parts"]] == [12, 36, 24, 60]
    assert old["parts"] == [
        {
            "part": "1",
            "penalty": {"alternatives": [{"kind": "fine", "min": 200, "max": 500, "unit": "mci"}], "additional": []},
            "max_imprisonment": None,
        }
    ]


def test_the_same_article_twice_stays_two_entries(mini):
    assert len(compare(mini, ["110", "110"]).to_json()["articles"]) == 2


def test_csv_rows_one_per_article_part_and_alternative(mini):
    rows = compare(mini, ["20@old", "10@old"]).csv_rows()
    assert rows[0] == list(CSV_HEADER)
    # Art. 20: part 1 has a fine and imprisonment, parts 2-4 one each; Art. 10: three parts.
    assert len(rows) == 1 + 5 + 3
    assert [(r[1], r[3], r[4]) for r in rows[1:3]] == [("20", "1", "fine"), ("20", "1", "imprisonment")]
    assert rows[2][5:8] == [None, 12, "months"]
    assert rows[1][9:11] == ["2010-01-01", "2014-12-31"]
    assert rows[1][11:] == ["20@old", None, "false", "primary", None, None]  # mini's old code has no categories
    assert [r[8] for r in rows[1:]] == [None] * 7 + ["deprivation_of_right 10 to 20 years, mandatory, when parent"]


def test_csv_rows_round_trip_through_the_csv_module(mini):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(compare(mini, ["10@old", "110"]).csv_rows())
    read = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [(r["article"], r["part"], r["min"], r["max"], r["valid_to"]) for r in read] == [
        ("10", "1", "36", "60", "2014-12-31"),
        ("10", "2", "60", "120", "2014-12-31"),
        ("10", "3", "96", "180", "2014-12-31"),
        ("110", "1", "60", "96", ""),
    ]


def test_kinds_in_a_fixed_order(mini):
    # The data lists the fine first; the order is the contract's, imprisonment first.
    assert compare(mini, ["20@old"]).kinds() == ("imprisonment", "fine")
    assert compare(mini, ["130"]).kinds() == ("fine",)


# ---- the chart ------------------------------------------------------------------------------------


def _bars(lines):
    """The cells of each bar line, between the frame's two `│`."""
    out = []
    for line in lines[:-2]:
        start = line.index("│") + 1
        out.append(line[start : line.index("│", start)])
    return out


def _filled(cells, mark="█"):
    return [i for i, c in enumerate(cells) if c == mark]


def test_chart_bars_on_a_common_axis_in_years(mini):
    lines = chart(compare(mini, ["10@old"]), width=60)
    # The longest term is 15 years: ticks every 2 years up to 16, 3 cells a year, 48 cells.
    assert axis_cells(180, 60) == (2, 16, 48)
    bars = _bars(lines)
    assert [len(b) for b in bars] == [48, 48, 48]
    assert _filled(bars[0]) == list(range(9, 15))  # 3 to 5 years
    assert _filled(bars[1]) == list(range(15, 30))  # 5 to 10 years
    assert _filled(bars[2]) == list(range(24, 45))  # 8 to 15 years
    assert lines[0].startswith("Art. 10 part 1 │")
    assert lines[0].endswith("3 to 5 years")
    axis, numbers = lines[-2:]
    ticks = axis[axis.index("└") + 1 : axis.index("┘")]
    assert _filled(ticks, "┬") == list(range(0, 48, 6))
    corner = axis.index("└")
    assert numbers[corner + 1] == "0"
    assert numbers[corner + 1 + 18 : corner + 1 + 20] == "6 "
    assert numbers[corner + 1 + 48 :].startswith("16 years")


def test_chart_up_to_terms_start_at_zero_with_their_own_mark(mini):
    bars = _bars(chart(compare(mini, ["20@old"]), width=60))
    # Longest 5 years: 12 cells a year; part 1 is up to 1 year, part 4 up to 5.
    assert _filled(bars[0], "▒") == list(range(0, 12))
    assert _filled(bars[3], "▒") == list(range(0, 60))
    assert not any("█" in b for b in bars)


def test_chart_marks_life_imprisonment_and_keeps_the_frames_aligned(mini):
    result = compare(mini, ["10@old"])
    terms = (Alternative("imprisonment", 180, 240, "months"), Alternative("life_imprisonment", None, None, None))
    life = Penalty(terms)
    rows = (*result.rows, replace(result.rows[-1], part="4", penalty=life, max_imprisonment=240))
    lines = chart(Comparison(rows), width=60)
    assert lines[3].endswith("│ life  15 to 20 years; or life imprisonment")
    assert "life" not in lines[0]
    assert len({line.rindex("│") for line in lines[:-2]}) == 1
    assert len({line.index("│") for line in lines[:-2]}) == 1


def test_chart_names_the_code_when_codes_differ(mini):
    lines = chart(compare(mini, ["10@old", "110"]))
    assert lines[0].startswith("Art. 10 part 1 (old)")
    assert lines[3].startswith("Art. 110 part 1 (new)")


def test_chart_is_empty_without_imprisonment(mini):
    assert chart(compare(mini, ["130"])) == []


def test_chart_never_exceeds_the_width(mini):
    result = compare(mini, ["10@old", "20@old", "110"])
    for width in (10, 17, 40, 61, 100):
        assert {len(b) for b in _bars(chart(result, width=width))} <= set(range(1, width + 1))
    with pytest.raises(ValueError):
        chart(result, width=5)


@pytest.mark.parametrize(
    ("lo", "hi", "cells"),
    [(36, 60, (9, 15)), (0, 12, (0, 3)), (180, 180, (45, 46)), (0, 0, (0, 1)), (192, 192, (47, 48))],
)
def test_bar_cells(lo, hi, cells):
    assert bar_cells(lo, hi, 192, 48) == cells


def test_shipped_contract_example(shipped):
    result = compare(shipped, ["273@kz-cc-1997", "311@kz-cc-2014"])
    assert {(r.code, r.article) for r in result.rows} == {("kz-cc-1997", "273"), ("kz-cc-2014", "311")}
    assert result.rows[0].max_imprisonment == 24


def test_two_wordings_of_one_article_have_their_own_labels_and_dates(mini):
    result = compare(mini, ["20@old@2005-01-01", "20@old@2012-01-01"])
    first, second = result.groups()
    assert first[0].label != second[0].label and "from 2010-01-01" in second[0].label
    rows = result.csv_rows()
    assert {(r[11], r[12]) for r in rows[1:]} == {
        ("20@old@2005-01-01", "2005-01-01"),
        ("20@old@2012-01-01", "2012-01-01"),
    }


def test_a_wording_changed_later_is_flagged_in_the_rows_json_and_csv(tmp_path):
    from kzlaw import load

    text = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    marker = "            summary: a violent assault, harsher\n"
    assert marker in text
    text = text.replace(
        marker,
        marker
        + "            amendments:\n"
        + "              - {law: Law of 2024, date: 2024-06-16, text: raised, status: secondary,"
        + " sources: [{document: news, address: x, status: secondary}]}\n",
    )
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    result = compare(load(path), ["110", "110@2020-01-01"])
    today, before = result.groups()
    assert [a.law for a in today[0].warnings] == ["Law of 2024"] and before[0].warnings == ()
    doc = result.to_json()
    assert doc["articles"][0]["amended_later"][0]["law"] == "Law of 2024" and doc["articles"][1]["amended_later"] == []
    rows = result.csv_rows()
    assert rows[1][16] == "Law of 2024 (2024-06-16)" and rows[2][16] is None
