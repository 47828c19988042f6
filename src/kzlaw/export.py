"""The whole dataset in long form for analysis: one row per part of every version of every
article (`kzlaw export`), as JSON Lines or CSV that pandas and R read directly.

Terms are in one unit per column (imprisonment and restriction of freedom in months, arrest
in days, public works in hours, fines and correctional labour in MCI or as a multiple), and
each additional punishment is a column saying whether it is mandatory, optional or absent.
Pure: rows are dicts; the command writes them.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzlaw.engine import version_ends
from kzlaw.general import category_of
from kzlaw.model import Dataset, Part

#: main punishment kind -> (column prefix, units it is counted in for that column)
MAIN = {
    "imprisonment": ("imprisonment", "months"),
    "restriction_of_freedom": ("restriction_of_freedom", "months"),
    "arrest": ("arrest", "days"),
    "public_works": ("public_works", "hours"),
    "correctional_labor": ("correctional_labor", "mci"),
    "fine": ("fine", "mci"),
}
ADDITIONAL = (
    "forfeiture_of_property",
    "confiscation_of_materials",
    "deprivation_of_right",
    "deprivation_of_title",
    "expulsion",
    "deprivation_of_citizenship",
)

COLUMNS = (
    "code",
    "article",
    "chapter",
    "title",
    "title_ru",
    "title_kk",
    "version",
    "in_force_from",
    "in_force_to",
    "date_approximate",
    "law",
    "source_status",
    "checked_edition",
    "amended_later",
    "part",
    "qualifies",
    "offence",
    "category",
    "min_age",
    *(f"{prefix}_{end}_{unit}" for prefix, unit in MAIN.values() for end in ("min", "max")),
    # the 1997 code's other units
    "arrest_min_months",
    "arrest_max_months",
    "correctional_labor_min_months",
    "correctional_labor_max_months",
    "fine_min_months_of_income",
    "fine_max_months_of_income",
    "fine_multiple_min",
    "fine_multiple_max",
    "fine_multiple_of",
    "life_imprisonment",
    *ADDITIONAL,
    "deprivation_of_right_min_months",
    "deprivation_of_right_max_months",
    "deprivation_of_right_life",
    "replaces",
    "source",
)


def rows(dataset: Dataset, code: str | None = None) -> Iterator[dict]:
    """Every part of every version of every article, in code and number order."""
    for c in dataset.codes:
        if code is not None and c.id != code:
            continue
        for article in c.articles:
            spans = version_ends(c, article)
            replaces = " ".join(f"{r.article}@{r.code}" for r in article.replaces)
            for index, (version, (start, end)) in enumerate(zip(article.versions, spans, strict=True), 1):
                head = {
                    "code": c.id,
                    "article": article.number,
                    "chapter": article.chapter,
                    "title": version.title,
                    "title_ru": version.title_ru,
                    "title_kk": version.title_kk,
                    "version": index,
                    "in_force_from": start.isoformat(),
                    "in_force_to": end.isoformat() if end else None,
                    "date_approximate": version.date_approximate,
                    "law": version.law,
                    "source_status": version.status,
                    "checked_edition": version.checked.edition.isoformat() if version.checked else None,
                    "amended_later": bool(version.amendments),
                }
                for part in version.parts:
                    yield {
                        **head,
                        **_part(c, part, start),
                        "min_age": c.liability.min_age(article.number, part.part),
                        "replaces": replaces or None,
                        "source": "; ".join(f"{s.document}, {s.address}" for s in (part.sources or version.sources)),
                    }


def _part(code, part: Part, day) -> dict:
    out: dict = {
        "part": part.part,
        "qualifies": " ".join(part.qualifies) if part.qualifies else None,
        "offence": part.offence,
        "category": category_of(code, part, day)[0],
        "life_imprisonment": False,
    }
    for alt in part.penalty.alternatives:
        if alt.kind == "life_imprisonment":
            out["life_imprisonment"] = True
        elif alt.unit and alt.unit.startswith("times_"):
            out["fine_multiple_min"], out["fine_multiple_max"] = alt.min, alt.max
            out["fine_multiple_of"] = alt.unit.removeprefix("times_")
        elif alt.kind in MAIN:
            prefix = MAIN[alt.kind][0]
            out[f"{prefix}_min_{alt.unit}"], out[f"{prefix}_max_{alt.unit}"] = alt.min, alt.max
    for extra in part.penalty.additional:
        out[extra.kind] = "mandatory" if extra.mandatory else "optional"
        if extra.kind == "deprivation_of_right":
            out["deprivation_of_right_life"] = extra.life
            out["deprivation_of_right_min_months"] = extra.min
            out["deprivation_of_right_max_months"] = extra.max
    return out
