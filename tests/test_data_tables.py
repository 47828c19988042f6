"""The 2014 Special Part against fact tables typed from a second, independent reading of the
official text (tests/tables/chNN.tsv): every part's offence type, penalty alternatives,
additional punishments and age of liability; and every part of a chapter is in its table.

Table format (tab-separated): article, part, offence, alternatives, additional, age.
Alternatives: `kind min-max unit` joined by `;` (min empty for "up to"); additional: `kind!`
(mandatory) or `kind?` (optional) with `min-max unit` or `life`, or `-` for none.
A part written `3:2` is the own sanction of item 2 of part 3 (2014 Art. 189 part 3).

Earlier wordings (tests/tables/earlier-*.tsv): the article is written `N@YYYY-MM-DD`, the wording
in force on that day, read in the edition the version names.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kzlaw import load

TABLES = sorted((Path(__file__).parent / "tables").glob("ch*.tsv"))
EARLIER = sorted((Path(__file__).parent / "tables").glob("earlier-*.tsv"))
CODE = load().by_id["kz-cc-2014"]
_MONTHS = {"years": 12, "months": 1}


def _term(lo: str, hi: str, unit: str | None) -> tuple:
    factor = _MONTHS.get(unit or "", 1)
    unit = "months" if unit in _MONTHS else unit
    return (int(lo) * factor if lo else None, int(hi) * factor if hi else None, unit)


def _alternative(text: str) -> tuple:
    m = re.fullmatch(r"([a-z_]+)(?: (\d*)-(\d+) ([a-z_]+))?", text.strip())
    assert m, f"not an alternative: {text!r}"
    kind, lo, hi, unit = m.groups()
    return (kind, *(_term(lo, hi, unit) if hi else (None, None, None)))


def _additional(text: str) -> tuple:
    m = re.fullmatch(r"([a-z_]+)([!?])(?: (?:(life)|(\d*)-(\d+) ([a-z_]+)))?", text.strip())
    assert m, f"not an additional punishment: {text!r}"
    kind, mark, life, lo, hi, unit = m.groups()
    term = _term(lo, hi, unit) if hi else (None, None, None)
    return (kind, mark == "!", bool(life), *term)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            assert len(cells) == 6, f"{path.name}:{n}: six tab-separated columns, not {len(cells)}"
            rows.append((n, [c.strip() for c in cells]))
    return rows


def _alts_of(part) -> list[tuple]:
    out = []
    for a in part.penalty.alternatives:
        unit = "months" if a.unit in _MONTHS else a.unit
        out.append((a.kind, a.min, a.max, unit))
    return sorted(out, key=repr)


def _adds_of(part) -> list[tuple]:
    out = []
    for a in part.penalty.additional:
        unit = "months" if a.unit in _MONTHS else a.unit
        out.append((a.kind, a.mandatory, bool(a.life), a.min, a.max, unit))
    return sorted(out, key=repr)


CASES = [
    pytest.param(path, n, cells, id=f"{path.stem}:{cells[0]}.{cells[1]}") for path in TABLES for n, cells in _rows(path)
]


def _version(article: str):
    """The article's current version, or for `N@DAY` the one in force on that day."""
    from kzlaw.engine import choose_version

    number, _, day = article.partition("@")
    art = CODE.by_number.get(number)
    if art is None or not day:
        return art, art.latest if art else None
    return art, choose_version(CODE, art, dt.date.fromisoformat(day))


EARLIER_CASES = [
    pytest.param(path, n, cells, id=f"{path.stem}:{cells[0]}.{cells[1]}")
    for path in EARLIER
    for n, cells in _rows(path)
]


@pytest.mark.parametrize(("path", "line", "cells"), CASES + EARLIER_CASES)
def test_each_part_has_the_figures_of_the_second_reading(path, line, cells):
    article, part_no, offence, alternatives, additional, age = cells
    art, version = _version(article)
    assert art is not None and version is not None, f"{path.name}:{line}: article {article} is not in the data"
    article = art.number
    part_no, _, item = part_no.partition(":")
    part = version.part(part_no)
    where = f"{path.name}:{line} (Art. {article} part {part_no}{' item ' + item if item else ''})"
    if item:
        # "-": a circumstance with a sanction of its own but no item number in the text (2014 Art. 437 part 3)
        owners = [c for c in part.circumstances if (c.item or "-") == item and c.penalty is not None]
        assert owners, f"{where}: the item has no sanction of its own in the data"
        part = part.with_sanction_of(owners[0])
    assert part.offence == offence, where
    assert _alts_of(part) == sorted(map(_alternative, alternatives.split(";")), key=repr), where
    wanted = [] if additional == "-" else sorted(map(_additional, additional.split(";")), key=repr)
    assert _adds_of(part) == wanted, where
    day = cells[0].partition("@")[2]
    on = dt.date.fromisoformat(day) if day else None
    assert CODE.liability.min_age(article, part_no, on) == int(age), where


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_every_part_of_the_tabled_articles_is_in_the_table(path):
    tabled = {(c[0], c[1]) for _, c in _rows(path) if ":" not in c[1]}
    own = {(c[0], c[1]) for _, c in _rows(path) if ":" in c[1]}
    encoded_own = {
        (a, f"{p.part}:{c.item or '-'}")
        for a in {a for a, _ in tabled}
        for p in CODE.by_number[a].latest.parts
        for c in p.circumstances
        if c.penalty is not None
    }
    assert own == encoded_own
    articles = {a for a, _ in tabled}
    encoded = {(a, p.part) for a in articles for p in CODE.by_number[a].latest.parts}
    assert encoded == tabled
    # ch06.tsv (or ch06-a.tsv, ch06-b.tsv ...): chapter 6; every article of it is in one of its tables
    chapter = str(int(path.stem[2:4]))
    tables = [p for p in TABLES if p.stem[:4] == path.stem[:4]]
    together = {c[0] for t in tables for _, c in _rows(t)}
    in_force = {a.number for a in CODE.articles if a.chapter == chapter and a.latest.valid_to is None}
    assert in_force <= together  # a repealed article (373, 374 since 2023) has no current wording to table


@pytest.mark.parametrize("path", EARLIER, ids=[p.stem for p in EARLIER])
def test_every_part_of_a_tabled_earlier_wording_is_in_the_table(path):
    rows = [c for _, c in _rows(path)]
    for article in {c[0] for c in rows}:
        _, version = _version(article)
        assert version is not None, f"{path.name}: no wording of {article}"
        tabled = {c[1] for c in rows if c[0] == article and ":" not in c[1]}
        assert {p.part for p in version.parts} == tabled, f"{path.name}: {article}"
        assert version.checked is not None and version.checked.readings >= 2, f"{path.name}: {article} checked twice"
