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
        "title_ru": v.title_ru,
        "title_kk": v.title_kk,
        "chapter": chapter(code, art),
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
        "history": [h.to_json() for h in v.history],
        "checked": v.checked.to_json() if v.checked else None,
        "version": version(code, art, v),
        "versions": [version(code, art, other) for other in art.versions],
        "replaces": [r.to_json() for r in art.replaces],
        "replaced_by": [r.to_json() for r in dataset.successors(code.id, art.number)],
    }


def chapter(code: Code, art: Article) -> dict | None:
    """The article's chapter as JSON (None when the data gives none)."""
    for c in code.chapters:
        if c.number == art.chapter:
            return c.to_json()
    return None


def profile(code: Code, article: Article, version: Version, date: dt.date | None) -> dict:
    """What a researcher filters articles by: the categories and kinds of punishment of its parts,
    the longest imprisonment (months) and whether life imprisonment is possible, and the lowest
    age of liability of any part."""
    from kzlaw.general import category_of

    categories = {category_of(code, part, date)[0] for part in version.parts} - {None}
    kinds = dict.fromkeys(a.kind for part in version.parts for a in part.penalty.alternatives)
    terms = [m for part in version.parts if (m := part.penalty.max_imprisonment()) is not None]
    order = ("misdemeanour", "minor", "medium", "grave", "especially_grave")
    return {
        "categories": sorted(categories, key=lambda c: order.index(c) if c in order else len(order)),
        "kinds": list(kinds),
        "max_imprisonment_months": max(terms) if terms else None,
        "life": "life_imprisonment" in kinds,
        "min_age": min(code.liability.min_age(article.number, part.part) for part in version.parts),
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
                "chapter": a.chapter,
                "title": (v or a.latest).title,
                "title_ru": (v or a.latest).title_ru,
                "title_kk": (v or a.latest).title_kk,
                "summary": (v or a.latest).summary,
                "min_age": code.liability.min_age(a.number),
                "in_force": v is not None or unencoded_on(code, a, date),
                "encoded": v is not None,
                "versions": len(a.versions),  # the count (kept for scripts); `wordings` lists them
                "wordings": [version(code, a, other) for other in a.versions],
                **{k: x for k, x in profile(code, a, v or a.latest, date).items() if k != "min_age"},
            }
            for a, v in rows
        ],
    }


def facts_of(dataset: Dataset, v: Version) -> tuple[set[str], set[str]]:
    """The facts and acts a wording reads: its conditions' facts, the facts they are derived
    from, and the facts that imply them (a victim's age decides victim_minor)."""
    from kzlaw.model import condition_facts
    from kzlaw.search import _acts

    conditions = [v.elements, *(p.elements for p in v.parts)]
    conditions += [c.when for p in v.parts for c in p.circumstances]
    conditions += [a.when for p in v.parts for a in p.penalty.additional if a.when is not None]
    names = {n for c in conditions if c is not None for n in condition_facts(c)}
    acts = {a for c in conditions if c is not None for a in _acts(c)}
    by_name = dataset.vocabulary.by_name
    grown = True
    while grown:
        before = len(names)
        names |= {by_name[n].derived.fact for n in list(names) if n in by_name and by_name[n].derived}
        names |= {f.name for f in dataset.vocabulary.facts if set(f.implies) & names}
        grown = len(names) > before
    if acts:
        names.add("act")
    return names, acts


def facts(dataset: Dataset, only: tuple[set[str], set[str]] | None = None) -> dict:
    from kzlaw.sentencing import circumstances_json

    vocab = dataset.vocabulary
    names, acts = only if only is not None else (None, None)
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
            if names is None or f.name in names
        ],
        "acts": [{"name": a.name, "meaning": a.meaning} for a in vocab.acts if acts is None or a.name in acts],
        "circumstances": circumstances_json(dataset),
    }
