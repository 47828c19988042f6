"""Helpers shared by the data tests: units as the loader gives them, and checks every article's
versions must pass."""

from __future__ import annotations

import datetime as dt

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)

#: the 1997 code's articles in the dataset (the seed's ten and five more of the same themes)
ARTICLES_1997 = [
    "120",
    "121",
    "122",
    "123",
    "124",
    "128",
    "129",
    "130",
    "132",
    "132-1",
    "133",
    "227",
    "270",
    "273",
    "273-1",
]


def y(n: int) -> int:
    """Years as months, the unit of imprisonment and restriction of freedom after loading."""
    return 12 * n


def additional_key(extra) -> tuple:
    """An additional punishment as (kind, mandatory, term): term "life", None, or (min, max) in months."""
    if extra.life:
        term = "life"
    elif extra.min is None and extra.max is None:
        term = None
    else:
        assert extra.unit == "months", f"{extra.kind}: unit {extra.unit!r} (expected months after loading)"
        term = (extra.min, extra.max)
    return (extra.kind, extra.mandatory, term)


def unsourced(versions) -> list[str]:
    """The versions, parts and part sources that lack a source, an address or a status."""
    found = []
    for i, version in enumerate(versions):
        if not version.sources:
            found.append(f"version {i}")
        found += [f"version {i} part {p.part}" for p in version.parts if not p.sources]
        found += [
            f"version {i} part {p.part} source {s.document!r} without address or status"
            for p in version.parts
            for s in p.sources
            if not s.address or s.status not in ("primary", "secondary")
        ]
    return found
