"""Facts + the law as data -> an assessment. Pure: no I/O, no printing.

Which articles apply, which part of each, whether the offender is old enough to be
liable (Art. 15), and the penalty range, each with the reasons that produced it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kzlaw.errors import InputError
from kzlaw.facts import derive, parse_mapping
from kzlaw.model import (
    COMPARISONS,
    ActIn,
    Additional,
    AllOf,
    Article,
    Code,
    Compare,
    Condition,
    Dataset,
    FactIs,
    Not,
    Part,
    Penalty,
    Tri,
    Version,
    condition_facts,
)

_T, _F, _U = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN


# ---- three-valued evaluation ---------------------------------------------------------


def evaluate(condition: Condition, facts: Mapping[str, Any]) -> tuple[Tri, frozenset[str]]:
    """The truth of a condition over known facts, and the facts that make it true."""
    if isinstance(condition, FactIs):
        value = facts.get(condition.fact)
        if value is None:
            return _U, frozenset()
        return (_T if value else _F), frozenset((condition.fact,))
    if isinstance(condition, ActIn):
        acts = facts.get("act")
        if acts is None:
            return _U, frozenset()
        return (_T if any(a in acts for a in condition.acts) else _F), frozenset(("act",))
    if isinstance(condition, Compare):
        value = facts.get(condition.fact)
        if value is None:
            return _U, frozenset()
        return (_T if COMPARISONS[condition.op](value, condition.value) else _F), frozenset((condition.fact,))
    if isinstance(condition, Not):
        value, why = evaluate(condition.item, facts)
        return {_T: _F, _F: _T, _U: _U}[value], why
    results = [evaluate(item, facts) for item in condition.items]
    decisive = _F if isinstance(condition, AllOf) else _T
    hits = [why for value, why in results if value is decisive]
    if hits:
        return decisive, frozenset().union(*hits)
    if any(value is _U for value, _ in results):
        return _U, frozenset()
    return (_T if isinstance(condition, AllOf) else _F), frozenset().union(*(why for _, why in results))


# ---- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One article that applies (or may apply) to the facts, with the part chosen and why."""

    code: str
    article: str
    title: str
    part: str
    status: str  # "applies" | "possible"
    liable: bool | None
    min_age: int
    penalty: Penalty
    additional: tuple[Additional, ...]
    because: tuple[str, ...]
    missing: tuple[str, ...]
    version: Version
    circumstances: tuple[str, ...] = ()  # the texts of the circumstances that chose the part
    general: Any = None  # kzlaw.general.Adjusted: the General Part applied to the range

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "title": self.title,
            "part": self.part,
            "status": self.status,
            "liable": self.liable,
            "min_age": self.min_age,
            "penalty": self.penalty.to_json(self.additional),
            "because": list(self.because),
            "missing": list(self.missing),
            "circumstances": list(self.circumstances),
            "version": self.version.to_json(),
            **(self._general_json() if self.general is not None else {}),
        }

    def _general_json(self) -> dict:
        g = self.general
        return {
            "category": g.category,
            "punishable": g.punishable,
            "adjusted_penalty": g.penalty.to_json(),
            "limitation": g.limitation.to_json() if g.limitation else None,
            "steps": [s.to_json() for s in g.steps],
        }


@dataclass(frozen=True)
class Assessment:
    code: Code
    date: dt.date | None
    facts: dict[str, Any]
    matches: tuple[Match, ...]
    stage: str | None = None
    as_of: dt.date | None = None

    def to_json(self) -> dict:
        return {
            "code": self.code.id,
            "date": self.date.isoformat() if self.date else None,
            "stage": self.stage,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "edition": self.code.edition,
            "facts": self.facts,
            "matches": [m.to_json() for m in self.matches],
        }


# ---- choosing the code and the version --------------------------------------------------


def choose_code(dataset: Dataset, code: str | None = None, date: dt.date | None = None) -> Code:
    """`--code`, else the code in force on `--date`, else the newest code in the dataset."""
    if code is not None:
        found = dataset.by_id.get(code)
        if found is None:
            import difflib

            close = difflib.get_close_matches(code, list(dataset.by_id), n=1)
            raise InputError(
                f"Unknown code {code!r}.",
                code="unknown_code",
                fix=f"Did you mean {close[0]}?" if close else f"Use one of: {', '.join(dataset.by_id)}.",
            )
        if date is not None and not found.in_force_on(date):
            raise InputError(
                f"{found.id} was not in force on {date}: it was in force {_span(found)}.",
                code="not_in_force",
                fix="Give a date in that period, or leave out --code.",
            )
        return found
    if date is not None:
        for candidate in dataset.codes:
            if candidate.in_force_on(date):
                return candidate
        raise InputError(
            f"No code in the dataset was in force on {date}.",
            code="not_in_force",
            fix="Codes: " + "; ".join(f"{c.id} {_span(c)}" for c in dataset.codes) + ".",
        )
    return max(dataset.codes, key=lambda c: c.in_force_from)


def _span(code: Code) -> str:
    return f"from {code.in_force_from} to {code.in_force_to}" if code.in_force_to else f"from {code.in_force_from}"


def version_ends(code: Code, article: Article) -> list[tuple[dt.date, dt.date | None]]:
    """The (first day, last day) each version of an article was in force; None for still in force."""
    spans = []
    for i, version in enumerate(article.versions):
        start = version.valid_from or code.in_force_from
        if version.valid_to is not None:
            end = version.valid_to
        elif i + 1 < len(article.versions):
            end = article.versions[i + 1].valid_from - dt.timedelta(days=1)
        else:
            end = code.in_force_to
        spans.append((start, end))
    return spans


def choose_version(code: Code, article: Article, date: dt.date | None) -> Version | None:
    """The version in force on `date`; without a date the newest (None if none was in force)."""
    if date is None:
        return article.latest
    for version, (start, end) in zip(article.versions, version_ends(code, article), strict=True):
        if start <= date and (end is None or date <= end):
            return version
    return None


def in_force_now(code: Code, article: Article) -> bool:
    """False when the article's newest version ended before the code did (the article left the code)."""
    end = version_ends(code, article)[-1][1]
    return end is None or (code.in_force_to is not None and end >= code.in_force_to)


def find_article(code: Code, number: str) -> Article:
    article = code.by_number.get(str(number).strip())
    if article is None:
        import difflib

        close = difflib.get_close_matches(str(number), list(code.by_number), n=1, cutoff=0.5)
        raise InputError(
            f"Article {number} is not in {code.id} in this dataset.",
            code="unknown_article",
            fix=f"Did you mean {close[0]}?" if close else "Run `kzlaw articles` for the list.",
        )
    return article


def version_on(code: Code, article: Article, date: dt.date | None) -> Version:
    """Like choose_version, but a clear InputError when the article was not in force on `date`."""
    version = choose_version(code, article, date)
    if version is None:
        spans = "; ".join(f"{s} to {e or 'today'}" for s, e in version_ends(code, article))
        raise InputError(
            f"Article {article.number} of {code.id} was not in force on {date} (encoded wording in force: {spans}).",
            code="not_in_force",
            fix="Give a date in one of those periods.",
        )
    return version


# ---- assessing one article ---------------------------------------------------------------


def _elements(version: Version, part: Part) -> Condition:
    if part.is_basic:
        return part.elements if part.elements is not None else version.elements
    return _elements(version, version.part(part.qualifies or "1"))


def _chain(version: Version, part: Part) -> list[Part]:
    """The aggravated parts from this one down to its basic part (the basic part excluded)."""
    chain = []
    while not part.is_basic:
        chain.append(part)
        part = version.part(part.qualifies or "1")
    return chain


def assess_article(
    code: Code, article: Article, version: Version, facts: Mapping[str, Any], *, elements_given: bool = False
) -> Match | None:
    """The part of one article that the facts reach, or None when its elements fail."""
    rows = []  # (part, elements truth, elements why, circumstances truth, why, texts)
    for part in version.parts:
        elements = _elements(version, part)
        if elements_given and elements is version.elements:
            e_val, e_why = _T, frozenset()
        else:
            e_val, e_why = evaluate(elements, facts)
        c_val, c_why, texts = _T, frozenset(), []
        for link in _chain(version, part):
            hits = [(evaluate(c.when, facts), c) for c in link.circumstances]
            true = [(why, c) for (val, why), c in hits if val is _T]
            if true:
                c_why |= frozenset().union(*(why for why, _ in true))
                texts += [c.text for _, c in true]
            elif any(val is _U for (val, _), _c in hits):
                c_val = _F if c_val is _F else _U
            else:
                c_val = _F
        rows.append((part, e_val, e_why, c_val, c_why, texts))
    applies = [r for r in rows if r[1] is _T and r[3] is _T]
    possible = [r for r in rows if r[1] is _U and r[3] is _T]
    if applies:
        status, chosen = "applies", applies[-1]
    elif possible:
        status, chosen = "possible", possible[-1]
    else:
        return None
    part, e_val, e_why, _, c_why, texts = chosen
    because = c_why if not part.is_basic else e_why
    missing: dict[str, None] = {}
    if status == "possible":
        for name in _unknown(_elements(version, part), facts):
            missing.setdefault(name, None)
    index = version.parts.index(part)
    for other, o_e, _, o_c, _, _ in rows[index + 1 :]:
        if o_e is _F or o_c is _F:
            continue
        if o_e is _U:
            for name in _unknown(_elements(version, other), facts):
                missing.setdefault(name, None)
        for link in _chain(version, other):
            for c in link.circumstances:
                for name in _unknown(c.when, facts):
                    missing.setdefault(name, None)
    additional = []
    for extra in part.penalty.additional:
        if extra.when is None:
            additional.append(extra)
            continue
        value, _ = evaluate(extra.when, facts)
        if value is _T:
            additional.append(extra)
        elif value is _U:
            for name in _unknown(extra.when, facts):
                missing.setdefault(name, None)
    min_age = code.liability.min_age(article.number, part.part)
    age = facts.get("offender_age")
    liable = None if age is None else age >= min_age
    order = condition_facts(AllOf((version.elements, *(c.when for p in version.parts for c in p.circumstances))))
    return Match(
        code.id,
        article.number,
        version.title,
        part.part,
        status,
        liable,
        min_age,
        part.penalty,
        tuple(additional),
        _ordered(because, order),
        tuple(missing),
        version,
        tuple(texts),
    )


def _unknown(condition: Condition, facts: Mapping[str, Any]) -> list[str]:
    return [name for name in condition_facts(condition) if facts.get(name) is None]


def _ordered(names: Iterable[str], order: list[str]) -> tuple[str, ...]:
    rank = {n: i for i, n in enumerate(order)}
    return tuple(sorted(names, key=lambda n: (rank.get(n, -1), n)))


# ---- assessing a fact set ---------------------------------------------------------------------


def assess(
    dataset: Dataset,
    facts: Mapping[str, Any],
    *,
    code: str | None = None,
    date: dt.date | None = None,
    articles: Iterable[str] = (),
    stage: str | None = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Which articles of the chosen code apply to the facts, with part, liability and penalty.

    `facts` are typed and checked here, and derived facts added. With `articles`, only
    those are assessed and their basic elements are taken as given. `stage` ("attempt" or
    "preparation") and `as_of` (the day the limitation period is judged on, default
    today) feed the General Part steps (kzlaw.general), which run when the code has them.
    """
    if stage is not None and stage not in ("attempt", "preparation"):
        raise InputError(f"Unknown stage {stage!r}.", code="bad_value", fix="Use attempt or preparation.")
    chosen = choose_code(dataset, code, date)
    known = derive(dataset.vocabulary, parse_mapping(dataset.vocabulary, facts))
    only = [str(a) for a in articles]
    matches: list[Match] = []
    if only:
        for number in only:
            article = find_article(chosen, number)
            version = version_on(chosen, article, date)
            match = assess_article(chosen, article, version, known, elements_given=True)
            if match is not None:
                matches.append(match)
    else:
        for article in chosen.articles:
            version = choose_version(chosen, article, date)
            if version is None or (date is None and not in_force_now(chosen, article)):
                continue
            match = assess_article(chosen, article, version, known)
            if match is not None:
                matches.append(match)
        matches.sort(key=lambda m: m.status != "applies")
    if chosen.general_part is not None:
        matches = [_with_general(dataset, chosen, m, known, stage, date, as_of) for m in matches]
    return Assessment(chosen, date, known, tuple(matches), stage, as_of)


def _with_general(dataset, code, match, facts, stage, date, as_of) -> Match:
    from dataclasses import replace

    from kzlaw.general import adjust

    part = match.version.part(match.part)
    adjusted = adjust(
        dataset, code, match.article, part, facts, additional=match.additional, stage=stage, date=date, as_of=as_of
    )
    more = tuple(n for n in adjusted.missing if n not in match.missing)
    return replace(match, general=adjusted, missing=match.missing + more)
