"""Facts + the law as data -> an assessment. Pure: no I/O, no printing.

Which articles apply, which part of each, whether the offender is old enough to be
liable (Art. 15), and the penalty range, each with the reasons that produced it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from kzlaw.errors import InputError, did_you_mean, kind_of
from kzlaw.facts import check_date, derive, parse_date, parse_mapping
from kzlaw.model import (
    COMPARISONS,
    ActIn,
    Additional,
    AllOf,
    Amendment,
    AnyOf,
    Article,
    Code,
    Compare,
    Condition,
    Dataset,
    FactIs,
    LazyArticles,
    Not,
    Part,
    Penalty,
    Tri,
    Version,
    condition_facts,
)
from kzlaw.record import Record

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
        operand = condition.value if condition.unit is None else _in_tenge(condition.value, facts)
        if value is None or operand is None:
            return _U, frozenset()
        return (_T if COMPARISONS[condition.op](value, operand) else _F), frozenset((condition.fact,))
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


MCI_KEY = "\0mci"  # the facts as conditions see them carry the day's MCI in tenge under this key


def _in_tenge(count, facts: Mapping[str, Any]):
    rate = facts.get(MCI_KEY)
    return None if rate is None else count * rate


def with_mci(dataset: Dataset, facts: Mapping[str, Any], date: dt.date | None) -> Mapping[str, Any]:
    """The facts with the MCI of the offence day (today when no day is given), for amounts
    that articles measure in MCI (`{fact: damage_tenge, gt: 2000, unit: mci}`)."""
    day = date or dt.date.today()
    rate = None
    for r in dataset.mci:
        if r.fines and r.valid_from <= day:
            rate = r.tenge
    if rate is None:
        return facts
    return {**facts, MCI_KEY: rate}


# ---- results ------------------------------------------------------------------------------


class Match(Record):
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
    warnings: tuple[Amendment, ...] = ()  # later changes to the article, known but not encoded
    assumed: str = ""  # said when the day is before the version's wording_known_from
    sanction: Any = None  # the Circumstance whose own sanction replaced the part's penalty

    @property
    def part_used(self) -> Part:
        """The part as punished: with the own sanction of a circumstance item when one holds."""
        part = self.version.part(self.part)
        return part if self.sanction is None else own_sanction_part(part, self.sanction)

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
            **({"warnings": [a.to_json() for a in self.warnings]} if self.warnings else {}),
            **({"wording_assumed": self.assumed} if self.assumed else {}),
            **({"own_sanction": self.sanction.to_json()} if self.sanction is not None else {}),
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


class Assessment(Record):
    code: Code
    date: dt.date | None
    facts: dict[str, Any]
    matches: tuple[Match, ...]
    stage: str | None = None
    as_of: dt.date | None = None
    not_encoded: tuple[Article, ...] = ()  # articles in the code that day whose wording of that day is missing
    reachable: tuple[Article, ...] = ()  # those of them that the facts' acts may reach: the answer is incomplete
    notices: tuple[tuple[str, str], ...] = ()  # (code, message): days in the future

    @property
    def complete(self) -> bool:
        """False when an article the facts may reach could not be assessed (its wording is not encoded)."""
        return not self.reachable

    def to_json(self) -> dict:
        return {
            "code": self.code.id,
            "date": self.date.isoformat() if self.date else None,
            "stage": self.stage,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            **({"notices": [{"code": c, "message": m} for c, m in self.notices]} if self.notices else {}),
            "edition": self.code.edition,
            "facts": self.facts,
            "matches": [m.to_json() for m in self.matches],
            **({"not_encoded": self._not_encoded_json()} if self.not_encoded else {}),
            "complete": self.complete,
        }

    def _not_encoded_json(self) -> list[dict]:
        return _not_encoded_json(self.code, self.not_encoded, self.reachable)

    def to_json_text(self) -> str:
        """`to_json` as one line of JSON text, reusing the text of every match seen before (batch speed)."""
        import json

        matches = ", ".join(_match_text(m) for m in self.matches)
        return (
            f"{_head_text(self.code, self.date, self.stage, self.as_of)}"
            f'{json.dumps(self.facts, ensure_ascii=False)}, "matches": [{matches}]'
            f"{_not_encoded_text(self.code, self.not_encoded, self.reachable)}}}"
        )


def _not_encoded_item(code: Code, article: Article) -> dict:
    """An article whose wording of the day is missing, as the answer names it (without `reachable`)."""
    return {
        "article": article.number,
        "title": article.versions[0].title,
        "encoded_from": version_ends(code, article)[0][0].isoformat(),
    }


def _not_encoded_json(code: Code, articles: tuple[Article, ...], reachable: tuple[Article, ...]) -> list[dict]:
    reach = {id(r) for r in reachable}
    return [{**_not_encoded_item(code, a), "reachable": id(a) in reach} for a in articles]


def reachable_unencoded(articles: tuple[Article, ...], acts: Iterable[str] | None) -> tuple[Article, ...]:
    """The articles (whose wording of the day is missing) that facts with these acts may reach:
    judged by the acts of the earliest encoded wording, every one when the acts are unknown."""
    if acts is None:
        return articles
    needs = _memo(
        _TEXTS, ("needs", id(articles)), (articles,), lambda: tuple(_plan(a.versions[0]).acts for a in articles)
    )
    acts = acts if isinstance(acts, (set, frozenset)) else frozenset(acts)
    return tuple(a for a, need in zip(articles, needs, strict=True) if need is None or not need.isdisjoint(acts))


def _head_text(code: Code, date: dt.date | None, stage: str | None, as_of: dt.date | None) -> str:
    """An assessment's JSON text up to the facts' value: code, date, stage, as_of, edition."""
    import json

    head = json.dumps(
        [code.id, date.isoformat() if date else None, stage, as_of.isoformat() if as_of else None],
        ensure_ascii=False,
    )[1:-1].split(", ")
    found = notices(date, as_of)
    said = ""
    if found:
        said = '"notices": ' + json.dumps([{"code": c, "message": m} for c, m in found], ensure_ascii=False) + ", "
    return (
        f'{{"code": {head[0]}, "date": {head[1]}, "stage": {head[2]}, "as_of": {head[3]}, {said}'
        f'"edition": {_edition_text(code)}, "facts": '
    )


def notices(date: dt.date | None, as_of: dt.date | None) -> tuple[tuple[str, str], ...]:
    """What an answer about days in the future must say: the law there is the law encoded today."""
    today = dt.date.today()
    found = []
    if date is not None and date > today:
        found.append(
            (
                "future_date",
                f"The day of the offence, {date}, is in the future: the answer applies the law as "
                "encoded today, which may have changed by then.",
            )
        )
    if as_of is not None and as_of > today:
        found.append(
            (
                "future_as_of",
                f"The day asked about, {as_of}, is in the future: the limitation and the MCI are "
                "judged by the law as encoded today.",
            )
        )
    return tuple(found)


def check_days(date: dt.date | None, as_of: dt.date | None) -> None:
    """Both days within the range kzlaw reads, and the day asked about not before the offence."""
    check_date(date)
    check_date(as_of)
    if date is not None and as_of is not None and as_of < date:
        raise InputError(
            f"The day asked about ({as_of}) is before the day of the offence ({date}).",
            code="bad_date",
            fix='Give --as-of (or "as_of") on or after --date: the limitation period runs from the offence.',
        )


def _not_encoded_text(code: Code, articles: tuple[Article, ...], reachable: tuple[Article, ...]) -> str:
    """The `not_encoded` and `complete` members of an assessment's JSON text, with their commas."""
    import json

    complete = ', "complete": ' + ("false" if reachable else "true")
    if not articles:
        return complete

    def parts() -> tuple[str, ...]:  # each item's text up to its "reachable" value, made once
        return tuple(
            json.dumps(_not_encoded_item(code, a), ensure_ascii=False)[:-1] + ', "reachable": ' for a in articles
        )

    texts = _memo(_TEXTS, ("unencoded", id(code), id(articles)), (code, articles), parts)
    reach = {id(a) for a in reachable}
    items = ", ".join(p + ("true}" if id(a) in reach else "false}") for a, p in zip(articles, texts, strict=True))
    return f', "not_encoded": [{items}]{complete}'


_TEXTS: dict = {}


def _edition_text(code: Code) -> str:
    import json

    return _memo(_TEXTS, ("edition", id(code)), (code,), lambda: json.dumps(code.edition, ensure_ascii=False))


def _match_text(match: Match) -> str:
    """`json.dumps(match.to_json())`, with the big members (penalty, version, the General Part's
    answer, warnings) as text made once for each object behind them (batch speed)."""
    import json

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    text = json.encoder.encode_basestring  # json.dumps(str, ensure_ascii=False), without its setup

    def names(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(map(text, values)) + "]"

    penalty = _memo(
        _TEXTS,
        ("penalty", id(match.penalty), *map(id, match.additional)),
        (match.penalty, *match.additional),
        lambda: dumps(match.penalty.to_json(match.additional)),
    )
    version = _memo(_TEXTS, ("version", id(match.version)), (match.version,), lambda: dumps(match.version.to_json()))
    general = ""
    if match.general is not None:
        general = _memo(
            _TEXTS,
            ("general", id(match.general)),
            (match.general,),
            lambda: ", " + dumps(match._general_json())[1:-1],
            limit=16384,
        )
    warnings = ""
    if match.warnings:
        warnings = _memo(
            _TEXTS,
            ("warnings", *map(id, match.warnings)),
            match.warnings,
            lambda: ', "warnings": ' + dumps([a.to_json() for a in match.warnings]),
        )
    if match.assumed:
        warnings += f', "wording_assumed": {text(match.assumed)}'
    if match.sanction is not None:
        warnings += f', "own_sanction": {dumps(match.sanction.to_json())}'
    liable = "null" if match.liable is None else "true" if match.liable else "false"
    return (
        f'{{"article": {text(match.article)}, "title": {text(match.title)}, "part": {text(match.part)}, '
        f'"status": {text(match.status)}, "liable": {liable}, "min_age": {int(match.min_age)}, '
        f'"penalty": {penalty}, "because": {names(match.because)}, "missing": {names(match.missing)}, '
        f'"circumstances": {names(match.circumstances)}, "version": {version}{general}{warnings}}}'
    )


# ---- choosing the code and the version --------------------------------------------------


def choose_code(dataset: Dataset, code: str | None = None, date: dt.date | None = None) -> Code:
    """`--code`, else the code in force on `--date`, else the newest code in the dataset."""
    if code is not None and not isinstance(code, str):
        raise InputError(
            f"A code is text such as kz-cc-2014, not {kind_of(code)}.",
            code="unknown_code",
            fix=f"Use one of: {', '.join(dataset.by_id)}.",
        )
    if code is not None:
        found = dataset.by_id.get(code)
        if found is None:
            raise InputError(
                f"Unknown code {code!r}.",
                code="unknown_code",
                fix=did_you_mean(code, dataset.by_id) or f"Use one of: {', '.join(dataset.by_id)}.",
            )
        if date is not None and not found.in_force_on(date):
            raise InputError(
                f"{found.id} was not in force on {date}: it was in force {_span(found)}.",
                code="not_in_force",
                fix="Give a date in that period, or another code.",
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


def find_article(code: Code, number: str, dataset: Dataset | None = None) -> Article:
    """The article of a code; an InputError naming the code that has it, or the nearest number."""
    number = str(number).strip()
    article = code.by_number.get(number)
    if article is None:
        elsewhere = [c.id for c in (dataset.codes if dataset else ()) if number in c.by_number]
        if elsewhere:
            fix = f"It is in {elsewhere[0]}: add --code {elsewhere[0]} (or write {number}@{elsewhere[0]} in compare)."
        else:
            fix = _nearest_article(number, code) or "Run `kzlaw articles` for the list."
        raise InputError(f"Article {number} is not in {code.id} in this dataset.", code="unknown_article", fix=fix)
    return article


# What people type for an article number: 132.1, 132/1 or 132_1 for 132-1; the letter O for a zero,
# l or I for a one (12O for 120). Tried before the spelling distance, which would pick 312 for 12O.
_SEPARATORS = str.maketrans({".": "-", "/": "-", "_": "-", " ": "-", "O": "0", "o": "0", "l": "1", "I": "1"})


def _nearest_article(number: str, code: Code) -> str:
    mended = number.translate(_SEPARATORS).strip("-")
    if mended != number and mended in code.by_number:
        return f"Did you mean {mended}?"
    return did_you_mean(number, code.by_number, cutoff=0.5)


def unencoded_on(code: Code, article: Article, date: dt.date | None) -> bool:
    """True when the article was in the code on `date` but its wording of that day is not encoded."""
    if date is None or article.earlier_wording_encoded or not code.in_force_on(date):
        return False
    return date < version_ends(code, article)[0][0]


def named_version(code: Code, article: Article, date: dt.date | None) -> Version:
    """The wording of an article named to be assessed (`--article`): `version_on`, and without a
    date the article must still be in the code today (a repealed article does not apply today)."""
    version = version_on(code, article, date)
    if date is None and not in_force_now(code, article):
        spans = "; ".join(f"{s} to {e or 'today'}" for s, e in version_ends(code, article))
        raise InputError(
            f"Article {article.number} of {code.id} is not in force today: it left the code "
            f"(encoded wording in force: {spans}).",
            code="not_in_force",
            fix='Give the day of the offence (--date, or "date" in a batch line) in one of those periods.',
        )
    return version


def version_on(code: Code, article: Article, date: dt.date | None) -> Version:
    """Like choose_version, but a clear InputError when the article was not in force on `date`."""
    version = choose_version(code, article, date)
    if version is None and unencoded_on(code, article, date):
        first = version_ends(code, article)[0][0]
        raise InputError(
            f"The wording of Art. {article.number} of {code.id} in force on {date} is not in the dataset: "
            f"the earliest encoded wording is from {first} (the sources hold no earlier text).",
            code="not_encoded",
            fix=f"Give a date from {first} on, or see `kzlaw show {article.number} --code {code.id}`.",
        )
    if version is None:
        spans = "; ".join(f"{s} to {e or 'today'}" for s, e in version_ends(code, article))
        raise InputError(
            f"Article {article.number} of {code.id} was not in force on {date} (encoded wording in force: {spans}).",
            code="not_in_force",
            fix="Give a date in one of those periods.",
        )
    return version


# ---- assessing one article ---------------------------------------------------------------


def _routes(version: Version, part: Part) -> list[tuple[Condition, tuple[Part, ...], str]]:
    """The ways a part can hold: (the elements of a basic offence, the aggravated parts on the
    way up, the number of the basic part the route starts from).

    A basic part has one route, its own. A part that aggravates "acts under parts 1 or 2"
    has the routes of part 1 and of part 2, each followed by itself.
    """
    if part.is_basic:
        return [(part.elements if part.elements is not None else version.elements, (), part.part)]
    return [
        (elements, (*links, part), root)
        for below in (part.qualifies or ("1",))
        for elements, links, root in _routes(version, version.part(below))
    ]


def compile_condition(condition: Condition):
    """A condition as a function facts -> Tri: the same logic as `evaluate`, without the reasons.

    Built once per condition (the engine asks for the reasons only of the part it chose).
    """
    if isinstance(condition, FactIs):
        name = condition.fact

        def fact_is(facts):
            value = facts.get(name)
            return _U if value is None else (_T if value else _F)

        return fact_is
    if isinstance(condition, ActIn):
        wanted = frozenset(condition.acts)

        def act_in(facts):
            acts = facts.get("act")
            return _U if acts is None else (_F if wanted.isdisjoint(acts) else _T)

        return act_in
    if isinstance(condition, Compare) and condition.unit is not None:
        name, test, count = condition.fact, COMPARISONS[condition.op], condition.value

        def compare_mci(facts):
            value, operand = facts.get(name), _in_tenge(count, facts)
            return _U if value is None or operand is None else (_T if test(value, operand) else _F)

        return compare_mci
    if isinstance(condition, Compare):
        name, test, operand = condition.fact, COMPARISONS[condition.op], condition.value

        def compare(facts):
            value = facts.get(name)
            return _U if value is None else (_T if test(value, operand) else _F)

        return compare
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)
        flip = {_T: _F, _F: _T, _U: _U}
        return lambda facts: flip[inner(facts)]
    items = tuple(compile_condition(c) for c in condition.items)
    decisive, other = (_F, _T) if isinstance(condition, AllOf) else (_T, _F)

    def junction(facts):
        result = other
        for item in items:
            value = item(facts)
            if value is decisive:
                return decisive
            if value is _U:
                result = _U
        return result

    return junction


def required_acts(condition: Condition | None) -> frozenset[str] | None:
    """Acts of which one must be among the facts' acts for the condition to hold (None: no such need)."""
    if isinstance(condition, ActIn):
        return frozenset(condition.acts)
    if isinstance(condition, AllOf):
        for item in condition.items:
            found = required_acts(item)
            if found is not None:
                return found
        return None
    if isinstance(condition, AnyOf):
        branches = [required_acts(item) for item in condition.items]
        return None if any(b is None for b in branches) else frozenset().union(*branches)
    return None


def needed_acts(version: Version) -> frozenset[str] | None:
    """The acts of which one must be given for some basic offence of the version (None: no such need)."""
    needs = [required_acts(part.elements or version.elements) for part in version.parts if part.is_basic]
    return None if any(n is None for n in needs) else frozenset().union(*needs)


class _Plan:
    """An article version prepared once for many fact sets: compiled conditions and fixed lookups."""

    def __init__(self, version: Version) -> None:
        # per part: its routes, each (elements, elements fn, own elements?, ((circumstance, fn), ...)
        # per link, the basic part it starts from)
        self.rows = []
        for part in version.parts:
            routes = tuple(
                (
                    elements,
                    compile_condition(elements),
                    elements is not version.elements,
                    tuple(tuple((c, compile_condition(c.when)) for c in link.circumstances) for link in links),
                    root,
                )
                for elements, links, root in _routes(version, part)
            )
            self.rows.append((part, routes))
        # the basic offences: an article with several (2014 Art. 312 parts 1 and 2) answers for each
        self.roots = tuple(p.part for p in version.parts if p.is_basic)
        self.acts = needed_acts(version)
        self.order = condition_facts(
            AllOf((version.elements, *(c.when for p in version.parts for c in p.circumstances)))
        )
        # every fact the answer can depend on: conditions anywhere in the version, and the age for liability
        conditions = [version.elements]
        for p in version.parts:
            conditions += [p.elements] if p.elements is not None else []
            conditions += [c.when for c in p.circumstances]
            conditions += [a.when for a in p.penalty.additional if a.when is not None]
        self.reads = tuple(condition_facts(AllOf(tuple(conditions))))  # liability is settled per fact set
        # the acts the conditions name: other acts among the facts cannot change the answer
        self.acts_read = frozenset(_acts_named(AllOf(tuple(conditions))))
        # the acts are the only list among the facts (conditions read other facts as scalars)
        self.scalars = tuple(n for n in self.reads if n != "act")

    def key(self, facts: Mapping[str, Any]) -> tuple:
        """What the answer reads of the facts: the acts narrowed to those the conditions name, and
        the value of every other fact read."""
        return (self.acts_key(facts.get("act")), *map(facts.get, self.scalars))

    def acts_key(self, acts: Iterable[str] | None) -> frozenset[str] | None:
        return None if acts is None or not self.acts_read else self.acts_read.intersection(acts)


def _acts_named(condition: Condition) -> Iterable[str]:
    if isinstance(condition, ActIn):
        yield from condition.acts
    elif isinstance(condition, Not):
        yield from _acts_named(condition.item)
    elif isinstance(condition, AllOf | AnyOf):
        for item in condition.items:
            yield from _acts_named(item)


#: which route of a part speaks for it: one that holds, then one whose elements are unknown, ...
_RANK = {
    (e, c): i
    for i, (e, c) in enumerate(
        [(_T, _T), (_U, _T), (_T, _U), (_U, _U), (_F, _T), (_T, _F), (_F, _U), (_U, _F), (_F, _F)]
    )
}


def _memo(store: dict, key: tuple, owners: tuple, make, limit: int = 65536):
    """A value worked out once for `key` and kept in `store` (emptied when it grows past `limit`).

    Keys hold ids of model objects; the objects themselves (`owners`) are kept beside the value
    and checked, so that a reused id can never answer for another object.
    """
    found = store.get(key)
    if found is not None:
        kept = found[0]
        if kept[0] is owners[0] and (len(owners) == 1 or all(a is b for a, b in zip(kept, owners))):  # noqa: B905
            return found[1]
    if len(store) > limit:
        store.clear()
    value = make()
    store[key] = (owners, value)
    return value


_PLANS: dict = {}
_MATCHES: dict = {}
_LIABLE: dict = {}
_READS: dict = {}
_UNENCODED: dict = {}
_IN_FORCE: dict = {}
_SPANS: dict = {}
_ROWS: dict = {}
_ADJUSTED: dict = {}
_JOINED: dict = {}


def _plan(version: Version) -> _Plan:
    return _memo(_PLANS, (id(version),), (version,), lambda: _Plan(version))


def assess_article(
    code: Code,
    article: Article,
    version: Version,
    facts: Mapping[str, Any],
    *,
    elements_given: bool = False,
    date: dt.date | None = None,
) -> tuple[Match, ...]:
    """The part of one article that the facts reach, for each basic offence of the article that
    holds or may hold (most articles have one); () when the elements fail.

    An article with two basic offences (2014 Art. 312: making child pornography, part 1;
    involving minors in it, part 2) gives a match for each, unless both reach the same part.
    The answer depends only on the facts the version reads, so it is kept for the next
    fact set that agrees on them (a batch of many similar cases).
    """
    plan = _plan(version)
    key = (id(version), elements_given, plan.key(facts))
    matches = _memo(
        _MATCHES, key, (version,), lambda: _assess_roots(code, article, version, plan, facts, elements_given)
    )
    age = facts.get("offender_age")
    dated = bool(code.liability.lower_ages) and any(lower.spans for lower in code.liability.lower_ages)
    out = []
    for match in matches:
        min_age = code.liability.min_age(article.number, match.part, date) if dated else match.min_age
        liable = None if age is None else age >= min_age
        if liable is not match.liable or min_age != match.min_age:
            match = _memo(
                _LIABLE,
                (id(match), liable, min_age),
                (match,),
                lambda m=match, v=liable, a=min_age: m._replace(liable=v, min_age=a),
            )
        out.append(match)
    return tuple(out)


def _assess_roots(code, article, version, plan, facts, elements_given) -> tuple[Match, ...]:
    if len(plan.roots) < 2:
        match = _assess_article(code, article, version, plan, facts, elements_given)
        return () if match is None else (match,)
    found: dict[str, Match] = {}
    for root in plan.roots:
        match = _assess_article(code, article, version, plan, facts, elements_given, root)
        if match is None:
            continue
        kept = found.get(match.part)
        # two basic offences reaching one part: one match, that applies if either route does
        if kept is None or (kept.status != "applies" and match.status == "applies"):
            found[match.part] = match
    return tuple(sorted(found.values(), key=lambda m: m.status != "applies"))


def _assess_article(code, article, version, plan, facts, elements_given, root=None) -> Match | None:
    acts = facts.get("act")
    if not elements_given and acts is not None and plan.acts is not None and plan.acts.isdisjoint(acts):
        return None  # no basic offence of this article is among the acts: every part fails
    rows = []  # (part, elements truth, circumstances truth, elements, links, the routes not yet failed)
    for part, routes in plan.rows:
        best = None
        alive = []
        for elements, fn, own, links, start in routes:
            if root is not None and start != root:
                continue
            e_val = _T if elements_given and not own else fn(facts)
            c_val = _T
            for link in links:
                values = [f(facts) for _, f in link]
                if _T in values:
                    continue
                c_val = _F if (c_val is _F or _U not in values) else _U
            route = (part, e_val, c_val, elements, links)
            if e_val is not _F and c_val is not _F:
                alive.append(route)
            if best is None or _RANK[(e_val, c_val)] < _RANK[(best[1], best[2])]:
                best = route
        if best is not None:  # None: no route of this part starts from the basic offence asked for
            rows.append((*best, alive))
    applies = [r for r in rows if r[1] is _T and r[2] is _T]
    possible = [r for r in rows if r[1] is _U and r[2] is _T]
    if applies:
        status, chosen = "applies", applies[-1]
    elif possible:
        status, chosen = "possible", possible[-1]
    else:
        return None
    part, e_val, _, elements, links, _alive = chosen
    texts: list[str] = []
    if part.is_basic:
        because = (
            frozenset()
            if e_val is not _T or (elements_given and elements is version.elements)
            else (evaluate(elements, facts)[1])
        )
    else:
        because = frozenset()
        for link in links:
            for circumstance, f in link:
                if f(facts) is _T:
                    because |= evaluate(circumstance.when, facts)[1]
                    texts.append(circumstance.text)
    missing: dict[str, None] = {}
    if status == "possible":
        for name in _unknown(elements, facts):
            missing.setdefault(name, None)
    # an item of the chosen part with its own sanction: it replaces the part's penalty when it
    # holds (the first such item that holds, in the text's order); unknown, it is a hint
    sanction = None
    for circumstance in part.circumstances:
        if circumstance.penalty is None:
            continue
        value, _ = evaluate(circumstance.when, facts)
        if value is _T and sanction is None:
            sanction = circumstance
        elif value is _U:
            for name in _unknown(circumstance.when, facts):
                missing.setdefault(name, None)
    punished = part if sanction is None else own_sanction_part(part, sanction)
    index = next(i for i, row in enumerate(rows) if row[0] is part)
    for *_best, alive in rows[index + 1 :]:
        for _other, o_e, _o_c, o_elements, o_links in alive:
            if o_e is _U:
                for name in _unknown(o_elements, facts):
                    missing.setdefault(name, None)
            for link in o_links:
                for circumstance, f in link:
                    if f(facts) is _U:  # one that already holds or fails cannot change the answer
                        for name in _unknown(circumstance.when, facts):
                            missing.setdefault(name, None)
    additional = []
    for extra in punished.penalty.additional:
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
    return Match(
        code.id,
        article.number,
        version.title,
        part.part,
        status,
        liable,
        min_age,
        punished.penalty,
        tuple(additional),
        _ordered(because, plan.order),
        tuple(missing),
        version,
        tuple(texts),
        sanction=sanction,
    )


_OWN: dict = {}


def own_sanction_part(part: Part, circumstance) -> Part:
    """`part` with `circumstance`'s own sanction as its penalty, one object per pair (memo keys use ids)."""
    return _memo(_OWN, (id(part), id(circumstance)), (part, circumstance), lambda: part.with_sanction_of(circumstance))


def _unknown(condition: Condition, facts: Mapping[str, Any]) -> list[str]:
    reads = _memo(_READS, (id(condition),), (condition,), lambda: condition_facts(condition))
    return [name for name in reads if facts.get(name) is None]


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
    sentencing: Any = None,
) -> Assessment:
    """Which articles of the chosen code apply to the facts, with part, liability and penalty.

    `facts` are typed and checked here, and derived facts added. With `articles`, only
    those are assessed and their basic elements are taken as given. `stage` ("attempt" or
    "preparation") and `as_of` (the day the limitation period is judged on, default
    today) feed the General Part steps (kzlaw.general), which run when the code has them.
    Dates may be `datetime.date` or text YYYY-MM-DD; `articles` one number or several.
    `sentencing` (a kzlaw.sentencing.Given: named mitigating and aggravating circumstances, a
    procedural agreement, exceptional circumstances) adds the steps of Arts. 53-55.
    """
    _check_stage(stage)
    date, as_of = _day(date, "date"), _day(as_of, "as_of")
    check_days(date, as_of)
    chosen = choose_code(dataset, code, date)
    known = derive(dataset.vocabulary, parse_mapping(dataset.vocabulary, facts))
    if sentencing is not None and not sentencing.empty:
        from kzlaw.sentencing import check

        check(chosen, sentencing, known)
    else:
        sentencing = None
    result = _assess_known(dataset, chosen, known, date, _numbers(articles), stage, as_of)
    if sentencing is None or chosen.general_part is None:
        return result
    from kzlaw.sentencing import mitigate

    matches = tuple(
        m._replace(
            general=mitigate(
                dataset,
                chosen,
                m.article,
                m.version.part(m.part),
                m.general,
                known,
                m.because,
                sentencing,
                stage=stage,
                date=date,
                as_of=as_of,
            )
        )
        for m in result.matches
    )
    return result._replace(matches=matches)


def _day(value: Any, name: str) -> dt.date | None:
    """A date of the Python API: a date, text YYYY-MM-DD, or None (a datetime counts by its day)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return parse_date(value, f" given as {name}")
    raise InputError(
        f"{name} must be a date (datetime.date or text YYYY-MM-DD), not {kind_of(value)}.",
        code="bad_date",
        fix="Write dates as YYYY-MM-DD, such as 2010-05-01.",
    )


def _numbers(articles: Any) -> tuple[str, ...]:
    """Article numbers asked for, each once, in the order given: one number (text or int) or several."""
    if articles is None:
        return ()
    if isinstance(articles, str | int) and not isinstance(articles, bool):
        articles = [articles]
    try:
        numbers = [str(a).strip() for a in articles]
    except TypeError:
        raise InputError(
            f"articles must be an article number or a list of them, not {kind_of(articles)}.",
            code="bad_value",
            fix="Give articles=['120', '121'].",
        ) from None
    return tuple(dict.fromkeys(numbers))


def _check_stage(stage: str | None) -> None:
    if stage is not None and stage not in ("attempt", "preparation"):
        raise InputError(
            f"Unknown stage {stage!r}.",
            code="bad_value",
            fix=" ".join(
                x for x in (did_you_mean(stage, ("attempt", "preparation")), "Use attempt or preparation.") if x
            ),
        )


def _assess_known(dataset, chosen, known, date, only, stage, as_of) -> Assessment:
    """`assess` once the code is chosen and the facts are typed and derived."""
    matches: list[Match] = []
    seen = with_mci(dataset, known, date)
    if only:
        for number in only:
            article = find_article(chosen, number, dataset)
            version = named_version(chosen, article, date)
            matches.extend(assess_article(chosen, article, version, seen, elements_given=True, date=date))
    else:
        for article, version in _rows(chosen, date, known.get("act")):
            matches.extend(assess_article(chosen, article, version, seen, date=date))
        matches.sort(key=lambda m: m.status != "applies")
    if chosen.general_part is not None:
        matches = [_with_general(dataset, chosen, m, known, stage, date, as_of) for m in matches]
    matches = [_warned(m, date) for m in matches]
    unencoded = () if only else _unencoded(chosen, date)
    reachable = reachable_unencoded(unencoded, known.get("act")) if unencoded else ()
    found = notices(date, as_of)
    return Assessment(chosen, date, known, tuple(matches), stage, as_of, unencoded, reachable, found)


def _rows(code: Code, date: dt.date | None, acts: Iterable[str] | None) -> list[tuple[Article, Version]]:
    """The articles (with their versions of the day) that facts with these acts may reach."""
    arts = code.articles
    if acts is not None and isinstance(arts, LazyArticles) and arts.needs is not None:
        wanted = frozenset(acts)  # read only the articles the cache's act summary says may answer
        key = (id(code), date_span(code, date), wanted)
        return _memo(_ROWS, key, (code,), lambda: _rows_read(code, date, wanted), limit=4096)
    rows, by_act, open_rows = _in_force(code, date)
    if acts is not None:  # only the articles one of whose basic offences is among the acts
        wanted = set(open_rows).union(*(by_act.get(a, ()) for a in acts))
        rows = [rows[i] for i in sorted(wanted)]
    return [(article, version) for article, version, _needs in rows]


class _Texts:
    """The JSON texts worked out for one dataset (batch speed). Keys hold ids of the dataset's
    own objects, which live as long as the dataset this holder keeps."""

    LIMIT = 65536  # entries of a table before it is emptied
    FRAGMENTS = 20_000  # answers kept (a few KB each: at most about 70 MB a process)

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.codes: dict = {}  # (code, date) -> Code
        self.scopes: dict = {}  # (code, date, named?, articles or acts) -> (rows, age from which all answer alike)
        self.fragments: dict = {}  # (version, options, age, facts read) -> (applies, text), () if none
        self.heads: dict = {}  # (code, date, stage, as_of) -> (head text,)
        self.tails: dict = {}  # (code, date, acts) -> the not_encoded and complete members
        self.items: dict = {}  # (fact, value) -> '"fact": value'


_HOLDERS: dict[int, _Texts] = {}
_STAGES = (None, "attempt", "preparation")


def _texts(dataset: Dataset) -> _Texts:
    found = _HOLDERS.get(id(dataset))
    if found is None or found.dataset is not dataset:
        if len(_HOLDERS) > 8:
            _HOLDERS.clear()
        found = _HOLDERS[id(dataset)] = _Texts(dataset)
    return found


def assess_text(
    dataset: Dataset,
    facts: Mapping[str, Any],
    *,
    code: str | None = None,
    date: dt.date | None = None,
    articles: Iterable[str] = (),
    stage: str | None = None,
    as_of: dt.date | None = None,
    ignore: Iterable[str] = (),
) -> str:
    """`assess(...).to_json_text()`, built from the text of each article's answer (batch speed).

    An article's answer reads only some facts: those in the conditions of its version, those
    in the General Part's rules, and the offender's age up to the age from which every age
    answers alike. Its JSON text is made once for every fact set that agrees on those, so a
    line of a batch types its facts, looks up the text of each article its acts reach, and
    writes the facts; only a fact set unlike any before it runs the engine. Keys of `facts`
    in `ignore` are not facts (a batch line's options).
    """
    if stage not in _STAGES:
        _check_stage(stage)
    if date is not None or as_of is not None:
        check_days(date, as_of)
    texts = _texts(dataset)
    chosen = texts.codes.get((code, date)) if code is None or isinstance(code, str) else None
    if chosen is None:  # the first line with this code and date (or a code that is not text: an error)
        chosen = choose_code(dataset, code, date)
        if len(texts.codes) > texts.LIMIT:
            texts.codes.clear()
        texts.codes[(code, date)] = chosen
    known = derive(dataset.vocabulary, parse_mapping(dataset.vocabulary, facts, ignore=ignore))
    only = _numbers(articles) if articles else ()
    scope = only or known.get("act")
    if scope is not None:
        scope = tuple(scope)
    # named articles and acts are different scopes even when they are spelt alike ("insult")
    scope_key = (id(chosen), date_span(chosen, date), bool(only), scope)
    found = texts.scopes.get(scope_key)
    if found is None:
        found = _scope(dataset, chosen, date, only, scope)
        if len(texts.scopes) > texts.LIMIT:
            texts.scopes.clear()
        texts.scopes[scope_key] = found
    rows, alike_from = found
    age = known.get("offender_age")
    if age is not None and age > alike_from:
        age = alike_from
    # the options every article's answer depends on; today is the default date of both dates
    settled = (stage, date, as_of, dt.date.today() if date is None or as_of is None else None, bool(only))
    first: list[str] = []
    then: list[str] = []  # "possible" matches follow those that apply (not when articles are named)
    fragments = texts.fragments
    for article, version, plan, general, exact_age, acts_key in rows:
        key = (
            id(version),
            settled,
            known.get("offender_age") if exact_age else age,
            plan.acts_key(known.get("act")) if acts_key is False else acts_key,
            *map(known.get, plan.scalars),
            general(known) if general else (),
        )
        text = fragments.get(key)
        if text is None:
            text = _fragment(dataset, chosen, article, version, known, date, only, stage, as_of)
            if len(fragments) > texts.FRAGMENTS:
                fragments.clear()
            fragments[key] = text  # () when the article does not apply: known, not to be worked out again
        for applies, one in text:
            (first if applies or only else then).append(one)
    heads = texts.heads.get((id(chosen), date, stage, as_of))
    if heads is None:
        if len(texts.heads) > texts.LIMIT:
            texts.heads.clear()
        heads = texts.heads[(id(chosen), date, stage, as_of)] = _heads(chosen, date, stage, as_of)
    matches = ", ".join(first + then) if then else ", ".join(first)
    tail = ', "complete": true' if only else _tail(texts, chosen, date, known.get("act"))
    return f'{heads[0]}{_facts_text(texts.items, known)}, "matches": [{matches}]{tail}}}'


def _facts_text(items: dict, facts: Mapping[str, Any]) -> str:
    """`json.dumps(facts)`, from the text of each fact and value, each made once."""
    import json

    parts = []
    for name, value in facts.items():
        key = (name, tuple(value)) if isinstance(value, list) else (name, value)
        text = items.get(key)
        if text is None:
            if len(items) > _Texts.LIMIT:
                items.clear()
            text = items[key] = f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
        parts.append(text)
    return "{" + ", ".join(parts) + "}"


def _scope(dataset, code, date, only, acts) -> tuple[list[tuple], int]:
    """The articles an answer covers, each with its version of the day, the facts its answer reads
    (the age aside) and whether its own conditions read the exact age; and the age from which
    every age answers alike (liability needs the age up to the code's general age; the General
    Part treats every adult alike)."""
    if only:
        pairs = []
        for number in only:
            article = find_article(code, number, dataset)
            pairs.append((article, named_version(code, article, date)))
    else:
        pairs = _rows(code, date, acts)
    from kzlaw.general import facts_read

    rows = []
    for article, version in pairs:
        plan = _plan(version)
        general: dict[str, None] = {}
        if code.general_part is not None:  # what the General Part reads for any part of the article
            for part in version.parts:
                general.update(dict.fromkeys(facts_read(code, article.number, part.part)))
        more = tuple(n for n in general if n not in plan.reads and n != "offender_age")
        # with articles named, the acts vary from line to line (False: narrow them on each line)
        acts_key = False if only else plan.acts_key(acts)
        rows.append((article, version, plan, _reader(more), "offender_age" in plan.reads, acts_key))
    return rows, max(18, code.liability.general_age)


def _reader(names: tuple[str, ...]):
    """A function giving the values of these facts as a key (None when there are none)."""
    if not names:
        return None
    if "act" in names:
        return lambda facts: tuple(tuple(v) if isinstance(v := facts.get(n), list) else v for n in names)
    return lambda facts: tuple(map(facts.get, names))


def _fragment(dataset, code, article, version, known, date, only, stage, as_of) -> tuple[tuple[bool, str], ...]:
    """One article's matches as JSON text, each with whether it applies (() when the article does not)."""
    out = []
    for match in assess_article(
        code, article, version, with_mci(dataset, known, date), elements_given=bool(only), date=date
    ):
        if code.general_part is not None:
            match = _with_general(dataset, code, match, known, stage, date, as_of)
        match = _warned(match, date)
        out.append((match.status == "applies", _match_text(match)))
    return tuple(out)


def _heads(code: Code, date: dt.date | None, stage: str | None, as_of: dt.date | None) -> tuple[str]:
    """The text before the facts."""
    return (_head_text(code, date, stage, as_of),)


def _tail(texts: _Texts, code: Code, date: dt.date | None, acts: list[str] | None) -> str:
    """The `not_encoded` and `complete` members for facts with these acts (made once for each)."""
    key = (id(code), date_span(code, date), None if acts is None else tuple(acts))
    found = texts.tails.get(key)
    if found is None:
        unencoded = _unencoded(code, date)
        if len(texts.tails) > texts.LIMIT:
            texts.tails.clear()
        found = texts.tails[key] = _not_encoded_text(code, unencoded, reachable_unencoded(unencoded, acts))
    return found


def later_amendments(version: Version, date: dt.date | None) -> tuple[Amendment, ...]:
    """The changes made after this wording (known, not encoded) that were in force on `date` (default today)."""
    day = date or dt.date.today()
    return tuple(a for a in version.amendments if a.date <= day)


def _warned(match: Match, date: dt.date | None) -> Match:
    found = later_amendments(match.version, date) if match.version.amendments else ()
    if found:
        match = match._replace(warnings=found)
    said = assumed_wording(match.article, match.version, date)
    return match._replace(assumed=said) if said else match


def assumed_wording(number: str, version: Version, date: dt.date | None) -> str:
    """The warning for a day before the first day a version's wording is known, or ""."""
    known = version.wording_known_from
    if known is None or (date or dt.date.today()) >= known:
        return ""
    return (
        f"The wording of Art. {number} in force on {date} is not in the sources (they give it from {known}): "
        f"the wording known from {known} is used for the earlier days too, so its figures may not be that day's."
    )


def _unencoded(code: Code, date: dt.date | None) -> tuple[Article, ...]:
    """The articles of the code whose wording on `date` is not encoded (worked out once per day)."""

    def find() -> tuple[Article, ...]:
        arts = code.articles
        if isinstance(arts, LazyArticles) and arts.unencoded_before is not None:
            if date is None or not code.in_force_on(date):
                return ()
            return tuple(arts[i] for i, first in enumerate(arts.unencoded_before) if first and date < first)
        return tuple(a for a in arts if unencoded_on(code, a, date))

    return _memo(_UNENCODED, (id(code), date_span(code, date)), (code,), find, limit=256)


def date_span(code: Code, date: dt.date | None) -> int | None:
    """A key shared by every day on which the same version of every article of the code is in
    force (so the same articles are in force and the same lack an encoded wording): the number of
    days, among those on which some version starts or ends, that are on or before `date`. A few
    dozen spans cover the whole code, where a batch of dated lines has thousands of days."""
    if date is None:
        return None
    cuts = getattr(code.articles, "cuts", None)  # kept in the cache: no article is read for them
    if cuts is None:
        cuts = _memo(_SPANS, (id(code),), (code,), lambda: version_cuts(code))
    return bisect.bisect_right(cuts, date)


def version_cuts(code: Code) -> tuple[dt.date, ...]:
    """The days on which some version of some article of the code starts, or the day after one ends."""
    one = dt.timedelta(days=1)
    days = {code.in_force_from} | ({code.in_force_to + one} if code.in_force_to else set())
    for article in code.articles:
        for start, end in version_ends(code, article):
            days.add(start)
            if end is not None:
                days.add(end + one)
    days.update(code.liability.list_days())  # the Art. 15 list changes too
    return tuple(sorted(d for d in days if d is not None))


def article_needs(article: Article) -> frozenset[str] | None:
    """The acts one of which some version of the article needs (None: some version needs none)."""
    found: set[str] = set()
    for version in article.versions:
        needs = needed_acts(version)
        if needs is None:
            return None
        found |= needs
    return frozenset(found)


def _rows_read(code: Code, date: dt.date | None, acts: frozenset[str]) -> list[tuple[Article, Version]]:
    out = []
    for i, needs in enumerate(code.articles.needs):
        if needs is not None and needs.isdisjoint(acts):
            continue
        article = code.articles[i]
        version = choose_version(code, article, date)
        if version is None or (date is None and not in_force_now(code, article)):
            continue
        own = needed_acts(version)
        if own is None or not own.isdisjoint(acts):
            out.append((article, version))
    return out


def _in_force(code: Code, date: dt.date | None) -> tuple[list, dict[str, list[int]], list[int]]:
    """The articles to assess on a date, each with its version and the acts one of which it needs;
    an index from an act to the rows that need it; and the rows that need no particular act."""
    key = (id(code), date_span(code, date))
    return _memo(_IN_FORCE, key, (code,), lambda: _index_articles(code, date), limit=256)


def _index_articles(code: Code, date: dt.date | None) -> tuple[list, dict[str, list[int]], list[int]]:
    rows = []
    for article in code.articles:
        version = choose_version(code, article, date)
        if version is None or (date is None and not in_force_now(code, article)):
            continue
        rows.append((article, version, needed_acts(version)))  # plans are compiled when first used
    by_act: dict[str, list[int]] = {}
    for i, (_a, _v, needs) in enumerate(rows):
        for act in needs or ():
            by_act.setdefault(act, []).append(i)
    open_rows = [i for i, (_a, _v, needs) in enumerate(rows) if needs is None]
    return rows, by_act, open_rows


def _with_general(dataset, code, match, facts, stage, date, as_of) -> Match:

    from kzlaw.general import adjust, facts_read

    part = match.part_used
    # the General Part reads only a few facts: one answer serves every fact set that agrees on them
    names = facts_read(code, match.article, match.part)
    age = facts.get("offender_age")
    adult = age is not None and age >= 18  # every adult age gives the same steps
    read = tuple(
        tuple(v) if isinstance(v := facts.get(n), list) else v for n in names if not (adult and n == "offender_age")
    )
    key = (id(code), id(part), tuple(map(id, match.additional)), stage, date, as_of, adult, read)
    adjusted = _memo(
        _ADJUSTED,
        key,
        (code, part),
        limit=8192,
        make=lambda: adjust(
            dataset, code, match.article, part, facts, additional=match.additional, stage=stage, date=date, as_of=as_of
        ),
    )

    def joined() -> Match:
        more = tuple(n for n in adjusted.missing if n not in match.missing)
        return match._replace(general=adjusted, missing=match.missing + more)

    return _memo(_JOINED, (id(match), id(adjusted)), (match, adjusted), joined)
