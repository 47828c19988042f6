"""The JSON documents of the contract, built from the model. Pure functions returning dicts."""

from __future__ import annotations

import datetime as dt

from kzlaw.engine import unencoded_on, version_ends
from kzlaw.general import category_of
from kzlaw.model import Article, Code, Dataset, Version


def version(code: Code, article: Article, v: Version) -> dict:
    start, end = version_ends(code, article)[article.versions.index(v)]
    out = v.to_json()
    out["in_force"] = {"from": start.isoformat(), "to": end.isoformat() if end else None}
    return out


def article(dataset: Dataset, code: Code, art: Article, v: Version, date: dt.date | None = None) -> dict:
    """`show --json`: the contract's keys, plus summary, version, versions, links and notes."""
    return {
        "article": art.number,
        "code": code.id,
        "date": date.isoformat() if date else None,
        "edition": code.edition,
        "title": v.title,
        "summary": v.summary,
        "min_age": min(code.liability.min_age(art.number, p.part) for p in v.parts),
        "parts": [
            {
                "part": p.part,
                "circumstances": [c.to_json() for c in p.circumstances],
                "qualifies": list(p.qualifies) if p.qualifies else None,
                "offence": p.offence,
                "min_age": code.liability.min_age(art.number, p.part),
                "category": category_of(code, p, date)[0],
                "penalty": p.penalty.to_json(),
                "sources": [s.to_json() for s in p.sources],
                "notes": list(p.notes),
            }
            for p in v.parts
        ],
        "sources": [s.to_json() for s in v.sources],
        "notes": list(v.notes),
        "amendments": [a.to_json() for a in v.amendments],
        "version": version(code, art, v),
        "versions": [version(code, art, other) for other in art.versions],
        "replaces": [r.to_json() for r in art.replaces],
        "replaced_by": [r.to_json() for r in dataset.successors(code.id, art.number)],
    }


def articles(code: Code, rows: list[tuple[Article, Version | None]], date: dt.date | None) -> dict:
    """`articles --json`: `in_force` says whether the article was law on the day, `encoded` whether
    the dataset holds its wording of that day (law whose wording is missing is in force, not encoded)."""
    return {
        "code": code.id,
        "date": date.isoformat() if date else None,
        "edition": code.edition,
        "articles": [
            {
                "article": a.number,
                "title": (v or a.latest).title,
                "summary": (v or a.latest).summary,
                "min_age": code.liability.min_age(a.number),
                "in_force": v is not None or unencoded_on(code, a, date),
                "encoded": v is not None,
                "versions": len(a.versions),
            }
            for a, v in rows
        ],
    }


def facts(dataset: Dataset) -> dict:
    vocab = dataset.vocabulary
    return {
        "facts": [
            {
                "name": f.name,
                "type": "list of enum" if f.type == "acts" else f.type,
                "meaning": f.meaning,
                "min": f.min,
                "max": f.max,
                "derived": f.derived is not None,
                "derived_from": f.derived.fact if f.derived else None,
                "implies": list(f.implies),
            }
            for f in vocab.facts
        ],
        "acts": [{"name": a.name, "meaning": a.meaning} for a in vocab.acts],
    }
