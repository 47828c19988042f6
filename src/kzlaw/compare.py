"""The penalties of several articles side by side, every part: rows, JSON, CSV and a text chart.

Pure: no I/O, no printing. A reference names an article, optionally its code and the
day whose wording to use, so that articles of both codes, or two wordings of one
article, can be compared.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from kzlaw import text as words
from kzlaw.engine import choose_code, find_article, version_ends, version_on
from kzlaw.errors import InputError
from kzlaw.facts import parse_date
from kzlaw.model import Additional, Alternative, Dataset, Penalty, Version, condition_facts

# The kinds of the main punishments in a fixed order, the contract's.
KIND_ORDER = (
    "imprisonment",
    "life_imprisonment",
    "restriction_of_freedom",
    "correctional_labor",
    "arrest",
    "fine",
    "public_works",
)

CSV_HEADER = (
    "code",
    "article",
    "title",
    "part",
    "kind",
    "min",
    "max",
    "unit",
    "additional",
    "valid_from",
    "valid_to",
    # added after the first eleven (scripts may read columns by position)
    "ref",
    "date",
    "date_approximate",
    "source_status",
    "category",
    "amended_later",
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Row:
    """One part of one compared article: its penalty and the longest imprisonment it allows."""

    ref: str  # the reference as given ("273@kz-cc-1997")
    position: int  # which reference, counting from 0 (the same article may be named twice)
    code: str
    article: str
    title: str
    part: str
    version: Version
    valid_from: dt.date  # the first day this wording was in force
    valid_to: dt.date | None  # the last day, None while in force
    date: dt.date | None  # the day asked for, None for the newest wording
    penalty: Penalty
    max_imprisonment: int | None  # months; None when the part has no term of imprisonment
    warnings: tuple = ()  # later changes to this wording known but not encoded (as `assess` warns)
    category: str | None = None

    @property
    def label(self) -> str:
        """How the row's reference is named in a table: the article and code, and its wording's first
        day when the same article is compared in two wordings."""
        return f"{self.article} ({self.code}, from {self.valid_from})"

    @property
    def life(self) -> bool:
        return any(a.kind == "life_imprisonment" for a in self.penalty.alternatives)

    @property
    def imprisonment(self) -> tuple[Alternative, ...]:
        return tuple(a for a in self.penalty.alternatives if a.kind == "imprisonment")


@dataclass(frozen=True)
class Comparison:
    """The compared articles, one row per reference and part, in the order the references were given."""

    rows: tuple[Row, ...]
    date: dt.date | None = None
    editions: tuple[tuple[str, str], ...] = ()  # (code id, what text was encoded) for each code used

    def groups(self) -> list[list[Row]]:
        """The rows of each reference, in the order the references were given."""
        out: dict[int, list[Row]] = {}
        for row in self.rows:
            out.setdefault(row.position, []).append(row)
        return list(out.values())

    def kinds(self) -> tuple[str, ...]:
        """The kinds of main punishment present in any part, in KIND_ORDER (others after, by name)."""
        present = {a.kind for row in self.rows for a in row.penalty.alternatives}
        known = [k for k in KIND_ORDER if k in present]
        return (*known, *sorted(present - set(KIND_ORDER)))

    def to_json(self) -> dict:
        articles = []
        for group in self.groups():
            first = group[0]
            version = first.version.to_json()
            version["in_force"] = {
                "from": first.valid_from.isoformat(),
                "to": first.valid_to.isoformat() if first.valid_to else None,
            }
            articles.append(
                {
                    "ref": first.ref,
                    "code": first.code,
                    "article": first.article,
                    "title": first.title,
                    "date": first.date.isoformat() if first.date else None,
                    "edition": dict(self.editions).get(first.code),
                    "version": version,
                    "amended_later": [a.to_json() for a in first.warnings],
                    "parts": [
                        {"part": r.part, "penalty": r.penalty.to_json(), "max_imprisonment": r.max_imprisonment}
                        for r in group
                    ],
                }
            )
        return {"date": self.date.isoformat() if self.date else None, "kinds": list(self.kinds()), "articles": articles}

    def csv_rows(self) -> list[list]:
        """A header, then one row per article, part and alternative; empty cells are None."""
        out: list[list] = [list(CSV_HEADER)]
        for row in self.rows:
            for alt in row.penalty.alternatives:
                extra = [a for a in row.penalty.additional if not a.with_ or alt.kind in a.with_]
                out.append(
                    [
                        row.code,
                        row.article,
                        row.title,
                        row.part,
                        alt.kind,
                        alt.min,
                        alt.max,
                        alt.unit,
                        "; ".join(_short(a) for a in extra) or None,
                        row.valid_from.isoformat(),
                        row.valid_to.isoformat() if row.valid_to else None,
                        row.ref,
                        row.date.isoformat() if row.date else None,
                        "true" if row.version.date_approximate else "false",
                        row.version.status,
                        row.category,
                        "; ".join(f"{a.law} ({a.date})" for a in row.warnings) or None,
                    ]
                )
        return out


def _short(extra: Additional) -> str:
    """An additional punishment in a few words: "deprivation_of_right 10 to 20 years, mandatory, when parent"."""
    said = extra.kind + (" for life" if extra.life else "")
    span = words.span(extra.min, extra.max, extra.unit)
    if span:
        said += f" {span}"
    said += ", mandatory" if extra.mandatory else ", optional"
    if extra.when is not None:
        said += f", when {' / '.join(condition_facts(extra.when))}"
    return said


# ---- resolving the references ----------------------------------------------------------------


def parse_ref(ref: str) -> tuple[str, str | None, dt.date | None]:
    """`ARTICLE`, `ARTICLE@CODE`, `ARTICLE@CODE@YYYY-MM-DD` or `ARTICLE@YYYY-MM-DD` -> (article, code, date)."""
    pieces = [p.strip() for p in ref.strip().split("@")]
    article, rest = pieces[0], pieces[1:]
    code: str | None = None
    day: dt.date | None = None
    if rest and not _DATE.fullmatch(rest[0]):
        code = rest.pop(0)
    if rest:
        day = parse_date(rest.pop(0), f" in {ref!r}")
    if not article or code == "" or rest:
        raise InputError(
            f"Cannot read the article reference {ref!r}.",
            code="bad_reference",
            fix="Write ARTICLE, ARTICLE@CODE, ARTICLE@CODE@YYYY-MM-DD or ARTICLE@YYYY-MM-DD, such as 273@kz-cc-1997.",
        )
    return article, code, day


def _every_wording(dataset: Dataset, refs: list[str], code: str | None) -> list[str]:
    """`ARTICLE@*` and `ARTICLE@CODE@*` stand for one reference per encoded wording of the article,
    oldest first, each dated on the first day of that wording."""
    out = []
    for ref in refs:
        head, star, tail = ref.strip().rpartition("@")
        if tail.strip() != "*" or not star:
            out.append(ref)
            continue
        number, ref_code, _ = parse_ref(head)
        chosen = choose_code(dataset, ref_code or code, None)
        article = find_article(chosen, number, dataset)
        for start, _end in version_ends(chosen, article):
            out.append(f"{article.number}@{chosen.id}@{start.isoformat()}")
    return out


def compare(dataset: Dataset, refs: list[str], *, code: str | None = None, date: dt.date | None = None) -> Comparison:
    """The penalties of every part of the named articles, in the order named.

    A reference is `ARTICLE` (in `code`, else the code in force on `date`, else the
    newest code), `ARTICLE@CODE`, `ARTICLE@CODE@YYYY-MM-DD` or `ARTICLE@YYYY-MM-DD`;
    `ARTICLE@*` or `ARTICLE@CODE@*` is every encoded wording of the article.
    A date, in the reference or in `date` (the reference's wins), picks the code in
    force on that day when no code is named, and the article's wording in force on
    that day; without a date the newest wording is used. An unknown code or article,
    or an article not in force on the day, is an InputError.
    """
    if not refs:
        raise InputError(
            "Name at least one article to compare.",
            code="no_articles",
            fix="Such as: 120 121, or 273@kz-cc-1997 311@kz-cc-2014.",
        )
    rows: list[Row] = []
    editions: dict[str, str] = {}
    for position, ref in enumerate(_every_wording(dataset, refs, code)):
        number, ref_code, ref_day = parse_ref(ref)
        day = ref_day or date
        chosen = choose_code(dataset, ref_code or code, day)
        article = find_article(chosen, number, dataset)
        version = version_on(chosen, article, day)
        start, end = version_ends(chosen, article)[article.versions.index(version)]
        editions[chosen.id] = chosen.edition
        from kzlaw.engine import later_amendments
        from kzlaw.general import category_of

        warnings = later_amendments(version, day)
        for part in version.parts:
            rows.append(
                Row(
                    ref=ref.strip(),
                    position=position,
                    code=chosen.id,
                    article=article.number,
                    title=version.title,
                    part=part.part,
                    version=version,
                    valid_from=start,
                    valid_to=end,
                    date=day,
                    penalty=part.penalty,
                    max_imprisonment=part.penalty.max_imprisonment(),
                    warnings=warnings,
                    category=category_of(chosen, part, day)[0],
                )
            )
    return Comparison(tuple(rows), date, tuple(editions.items()))


# ---- the chart --------------------------------------------------------------------------------

_TICK_STEPS = (1, 2, 5, 10, 20, 50)


def chart(comparison: Comparison, width: int = 60) -> list[str]:
    """Terms of imprisonment as bars on one axis in years, one line per part that has any.

    `█` covers a term from its minimum to its maximum; `▒` marks a term given only as
    "up to", drawn from zero; "life" after the frame marks life imprisonment. The last
    two lines are the axis, with a tick and the number of years at every step.

    The axis runs from 0 to `top` years (the longest term rounded up to a whole step) over
    at most `width` cells, as many whole cells per year as fit (`axis_cells`); cell i covers
    the terms from i * top / cells to (i + 1) * top / cells (`bar_cells`). No lines when no
    part has imprisonment.
    """
    if width < 10:
        raise ValueError("a chart needs at least 10 columns")
    rows = [r for r in comparison.rows if r.imprisonment or r.life]
    if not rows:
        return []
    longest = max((a.max or a.min or 0 for r in rows for a in r.imprisonment), default=0)
    step, top_years, cells = axis_cells(longest, width)
    top = top_years * 12

    several_codes = len({r.code for r in rows}) > 1
    labels = [f"Art. {r.article} part {r.part}" + (f" ({r.code})" if several_codes else "") for r in rows]
    pad = max(len(label) for label in labels)
    any_life = any(r.life for r in rows)
    lines = []
    for label, row in zip(labels, rows, strict=True):
        bar = [" "] * cells
        if row.imprisonment:
            lo = min(a.min or 0 for a in row.imprisonment)
            hi = max(a.max or a.min or 0 for a in row.imprisonment)
            mark = "▒" if any(a.min is None for a in row.imprisonment) else "█"
            first, last = bar_cells(lo, hi, top, cells)
            bar[first:last] = mark * (last - first)
        said = [words.span(a.min, a.max, a.unit) for a in row.imprisonment]
        if row.life:
            said.append("life imprisonment")
        life = (" life" if row.life else "     ") if any_life else ""
        lines.append(f"{label:<{pad}} │{''.join(bar)}│{life}  {'; or '.join(said)}")

    axis = ["─"] * cells
    numbers = [" "] * (cells + 1)
    for k in range(top_years // step + 1):
        column = k * step * cells // top_years
        if column < cells:
            axis[column] = "┬"
        label = str(k * step)
        numbers[column + 1 : column + 1 + len(label)] = label  # + 1: the frame's corner comes first
    lines.append(f"{'':<{pad}} └{''.join(axis)}┘")
    lines.append(f"{'':<{pad}} {''.join(numbers).rstrip()} years")
    return lines


def axis_cells(longest: int, width: int) -> tuple[int, int, int]:
    """(tick step in years, top of the axis in years, cells) for terms up to `longest` months.

    The step is the smallest of 1, 2, 5, 10, 20, 50 years that leaves about 6 cells or more
    between ticks; the cells are a whole number per year when `width` allows it, else a
    whole number per step.
    """
    years = max(1, math.ceil(longest / 12))
    step = next((s for s in _TICK_STEPS if years / s <= width / 6), _TICK_STEPS[-1])
    top_years = max(step, math.ceil(years / step) * step)
    if width >= top_years:
        cells = width // top_years * top_years
    else:
        cells = width // (top_years // step) * (top_years // step)
    return step, top_years, cells


def bar_cells(lo: int, hi: int, top: int, cells: int) -> tuple[int, int]:
    """The cells [first, last) that a term from `lo` to `hi` months fills on an axis of `top` months."""
    first = min(cells - 1, math.floor(lo * cells / top))
    last = max(first + 1, min(cells, math.ceil(hi * cells / top)))
    return first, last
