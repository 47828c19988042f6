"""The law as data: codes, articles, dated versions, parts, penalties, conditions.

Every object is a frozen dataclass built by `kzlaw.dataset` from the YAML file;
nothing here reads files or prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from functools import cached_property

from kzlaw.record import Record


class Tri(Enum):
    """A three-valued truth: a fact not given is unknown, which is not false."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


# ---- conditions: a small declarative tree the engine interprets -------------


class FactIs(Record):
    """A bool fact is true."""

    fact: str


class ActIn(Record):
    """The list of acts contains one of these acts."""

    acts: tuple[str, ...]


class Compare(Record):
    """A fact compared with a value (`victim_age < 14`); with unit "mci" the value is a number
    of monthly calculation indices, turned into tenge with the MCI of the offence day."""

    fact: str
    op: str
    value: object
    unit: str | None = None


class AllOf(Record):
    items: tuple[Condition, ...]


class AnyOf(Record):
    items: tuple[Condition, ...]


class Not(Record):
    item: Condition


Condition = FactIs | ActIn | Compare | AllOf | AnyOf | Not

COMPARISONS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


def condition_facts(condition: Condition | None) -> list[str]:
    """The fact names a condition reads, in the order they appear, without repeats."""
    seen: dict[str, None] = {}

    def walk(c: Condition) -> None:
        if isinstance(c, FactIs | Compare):
            seen.setdefault(c.fact, None)
        elif isinstance(c, ActIn):
            seen.setdefault("act", None)
        elif isinstance(c, Not):
            walk(c.item)
        elif isinstance(c, AllOf | AnyOf):
            for item in c.items:
                walk(item)

    if condition is not None:
        walk(condition)
    return list(seen)


# ---- vocabulary ----------------------------------------------------------------


class FactDef(Record):
    """One fact of the vocabulary: its type, its meaning, and how it follows from others."""

    name: str
    type: str  # "bool" | "int" | "acts"
    meaning: str
    min: int | None = None
    max: int | None = None
    derived: Compare | None = None
    implies: tuple[str, ...] = ()


class ActDef(Record):
    name: str
    meaning: str


class Vocabulary(Record):
    facts: tuple[FactDef, ...]
    acts: tuple[ActDef, ...]

    @cached_property
    def by_name(self) -> dict[str, FactDef]:
        return {f.name: f for f in self.facts}

    @cached_property
    def act_names(self) -> frozenset[str]:
        return frozenset(a.name for a in self.acts)


# ---- penalties --------------------------------------------------------------------


class Alternative(Record):
    """One punishment the court may choose; imprisonment and similar terms are in months."""

    kind: str
    min: int | None
    max: int | None
    unit: str | None

    def to_json(self) -> dict:
        return {"kind": self.kind, "min": self.min, "max": self.max, "unit": self.unit}


class Additional(Record):
    """An additional punishment (deprivation of a right, confiscation), mandatory or optional."""

    kind: str
    mandatory: bool
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    life: bool = False
    scope: str | None = None
    with_: tuple[str, ...] = ()
    when: Condition | None = None

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "mandatory": self.mandatory}
        if self.life:
            out["life"] = True
        if self.min is not None or self.max is not None:
            out.update(min=self.min, max=self.max, unit=self.unit)
        if self.scope:
            out["scope"] = self.scope
        if self.with_:
            out["with"] = list(self.with_)
        return out


class Penalty(Record):
    alternatives: tuple[Alternative, ...]
    additional: tuple[Additional, ...] = ()

    def to_json(self, additional: tuple[Additional, ...] | None = None) -> dict:
        extra = self.additional if additional is None else additional
        return {
            "alternatives": [a.to_json() for a in self.alternatives],
            "additional": [a.to_json() for a in extra],
        }

    def max_imprisonment(self) -> int | None:
        """The longest term of imprisonment among the alternatives, in months (None if none)."""
        terms = [a.max for a in self.alternatives if a.kind == "imprisonment" and a.max is not None]
        return max(terms) if terms else None


# ---- sources, parts, versions, articles ---------------------------------------------


class Source(Record):
    document: str
    address: str
    status: str  # "primary" | "secondary"

    def to_json(self) -> dict:
        return {"document": self.document, "address": self.address, "status": self.status}


class Circumstance(Record):
    """A circumstance that raises the act to a graver part ("by a group of persons").

    `penalty` is the item's own sanction, where the text gives one ("а в случаях,
    предусмотренных пунктом 2), - наказываются ..."): it replaces the part's penalty
    when this circumstance holds.
    """

    item: str | None
    text: str
    when: Condition
    penalty: Penalty | None = None

    def to_json(self) -> dict:
        out: dict = {"item": self.item, "text": self.text}
        if self.penalty is not None:
            out["penalty"] = self.penalty.to_json()
        return out


class Part(Record):
    """A part of an article: a basic offence, or one that aggravates another part."""

    part: str
    penalty: Penalty
    circumstances: tuple[Circumstance, ...] = ()
    elements: Condition | None = None  # own elements of a basic part that is a separate offence
    qualifies: tuple[str, ...] | None = None  # the parts whose offences this one aggravates ("acts under parts 1 or 2")
    offence: str | None = None  # "crime" | "misdemeanour"
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    negligent: bool = False  # the offence is committed through negligence (its own category scale)

    @property
    def is_basic(self) -> bool:
        return not self.circumstances

    def with_sanction_of(self, circumstance: Circumstance) -> Part:
        """This part with the own sanction of one of its circumstance items in place of its penalty."""
        assert circumstance.penalty is not None
        return self._replace(penalty=circumstance.penalty)


class Amendment(Record):
    """A later change to an article that the dataset knows of but does not encode as a version.

    A sentence of what the sources say it did, so that an answer for a later date can
    warn that the encoded wording may be outdated, never silently.
    """

    law: str
    date: dt.date
    text: str
    date_approximate: bool = False
    status: str = "secondary"
    sources: tuple[Source, ...] = ()

    def to_json(self) -> dict:
        return {
            "law": self.law,
            "date": self.date.isoformat(),
            "date_approximate": self.date_approximate,
            "status": self.status,
            "text": self.text,
        }


class Version(Record):
    """An article's wording as in force between two dates."""

    title: str
    summary: str
    elements: Condition
    parts: tuple[Part, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None
    status: str = "primary"
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    amendments: tuple[Amendment, ...] = ()  # later changes known but not encoded
    title_ru: str | None = None  # the official Russian title
    title_kk: str | None = None  # the official Kazakh title
    history: tuple[HistoryEntry, ...] = ()  # the article's footnote: every law that amended it
    checked: Checked | None = None  # the edition this wording was read and checked against
    # the first day this wording is known to be the text: before it (from valid_from) the
    # sources do not give the text, and this wording stands in for it (answers warn)
    wording_known_from: dt.date | None = None

    def part(self, number: str) -> Part:
        for p in self.parts:
            if p.part == number:
                return p
        raise KeyError(number)

    def to_json(self) -> dict:
        return {
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "date_approximate": self.date_approximate,
            "law": self.law,
            "status": self.status,
            "wording_known_from": self.wording_known_from.isoformat() if self.wording_known_from else None,
        }


class HistoryEntry(Record):
    """One law of an article's footnote: it amended the article and took effect on `in_force`."""

    law: str
    in_force: dt.date | None = None
    date_approximate: bool = False
    text: str = ""

    def to_json(self) -> dict:
        return {
            "law": self.law,
            "in_force": self.in_force.isoformat() if self.in_force else None,
            "date_approximate": self.date_approximate,
            "text": self.text,
        }


class Checked(Record):
    """Which official edition a version's figures were read from, and by how many readings."""

    edition: dt.date
    commit: str
    readings: int = 1

    def to_json(self) -> dict:
        return {"edition": self.edition.isoformat(), "commit": self.commit, "readings": self.readings}


class Chapter(Record):
    """A chapter of a code's Special Part."""

    number: str
    title: str
    title_ru: str | None = None
    title_kk: str | None = None
    articles: str = ""  # the range in words, e.g. "99-131"

    def to_json(self) -> dict:
        return {
            "chapter": self.number,
            "title": self.title,
            "title_ru": self.title_ru,
            "title_kk": self.title_kk,
            "articles": self.articles,
        }


class ArticleRef(Record):
    code: str
    article: str

    def to_json(self) -> dict:
        return {"code": self.code, "article": self.article}


class Article(Record):
    """An article of a code: its number and its dated versions, oldest first."""

    number: str
    versions: tuple[Version, ...]
    replaces: tuple[ArticleRef, ...] = ()
    earlier_wording_encoded: bool = True  # False: in the code before its first version, in a wording not encoded
    chapter: str | None = None  # the Special Part chapter's number

    @property
    def latest(self) -> Version:
        return self.versions[-1]


class LowerAge(Record):
    """Art. 15: an age below the general one from which these articles (or parts) are punished."""

    age: int
    articles: tuple[tuple[str, tuple[str, ...]], ...]  # (article, parts or () for every part)
    not_encoded: str = ""
    # beside each article, the days it is on the list: (first, last), None = open; () = always
    spans: tuple[tuple[dt.date | None, dt.date | None], ...] = ()


class Liability(Record):
    general_age: int
    lower_ages: tuple[LowerAge, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()

    def min_age(self, article: str, part: str | None = None, date: dt.date | None = None) -> int:
        """The age from which the offender is liable under this article and part (Art. 15) on
        `date` (None: as the list stands now, its last wording)."""
        age = self.general_age
        for lower in self.lower_ages:
            for i, (number, parts) in enumerate(lower.articles):
                if number != article or not (not parts or part is None or part in parts):
                    continue
                first, last = lower.spans[i] if i < len(lower.spans) else (None, None)
                if date is None:
                    if last is not None:
                        continue  # no longer on the list
                elif (first is not None and date < first) or (last is not None and date > last):
                    continue
                age = min(age, lower.age)
        return age

    def list_days(self) -> tuple[dt.date, ...]:
        """The days on which the lower-age list changes (the first day an entry holds or stops)."""
        one = dt.timedelta(days=1)
        days = set()
        for lower in self.lower_ages:
            for first, last in lower.spans:
                if first is not None:
                    days.add(first)
                if last is not None:
                    days.add(last + one)
        return tuple(sorted(days))


class Code(Record):
    """One criminal code (1997 or 2014) as encoded: its rules and its articles in code order."""

    id: str
    title: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    edition: str
    liability: Liability
    articles: tuple[Article, ...]
    sources: tuple[Source, ...] = ()
    general_part: GeneralPart | None = None
    chapters: tuple[Chapter, ...] = ()

    @cached_property
    def by_number(self) -> Mapping[str, Article]:
        if isinstance(self.articles, LazyArticles):
            return self.articles.by_number()
        return {a.number: a for a in self.articles}

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class Dataset(Record):
    path: str
    vocabulary: Vocabulary
    codes: tuple[Code, ...]
    mci: tuple[MciRate, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Code]:
        return {c.id: c for c in self.codes}

    def successors(self, code: str, article: str) -> list[ArticleRef]:
        """The articles of other codes that name (code, article) in `replaces`."""
        target = ArticleRef(code, article)
        return [
            ArticleRef(c.id, number)
            for c in self.codes
            for number, replaces in _numbers_and_replaces(c.articles)
            if target in replaces
        ]


def _numbers_and_replaces(articles) -> Iterable[tuple[str, tuple[ArticleRef, ...]]]:
    if isinstance(articles, LazyArticles):  # without unpickling every article
        return zip(articles.numbers, articles.replaces, strict=True)
    return ((a.number, a.replaces) for a in articles)


@contextlib.contextmanager
def collector_paused(*, keep: bool = True) -> Iterator[None]:
    """Make a dataset's objects with the cyclic garbage collector paused, then (`keep`: the
    dataset is kept) freeze them out of later collections. They are many, small and none of them
    garbage: the collector's passes over them while they were being made took two thirds of the
    time of reading a big dataset back. (Freezing also takes in whatever else the process holds
    at that moment.)"""
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_on:
            gc.enable()


class LazyArticles(Sequence):
    """A code's articles as the per-user cache keeps them: each pickled on its own and unpickled
    the first time it is asked for, so that a command reading a few articles of a big dataset
    reads only those. It stands for the tuple of articles: equal to it, with the same hash.
    Numbers and `replaces` are kept as they are, for lookups that need nothing else, and so are
    two summaries that let the engine skip articles without reading them: `needs`, per article
    the acts one of which some version's basic offence needs (None: a version needs none), and
    `unencoded_before`, the first day an article's wording is encoded when it was in the code
    before (None otherwise)."""

    __slots__ = ("numbers", "replaces", "_blobs", "_items", "_index", "needs", "unencoded_before", "cuts")

    def __init__(
        self,
        numbers: tuple[str, ...],
        replaces: tuple,
        blobs: tuple[bytes, ...],
        needs: tuple | None = None,
        unencoded_before: tuple | None = None,
        cuts: tuple | None = None,
    ) -> None:
        self.numbers = numbers
        self.replaces = replaces
        self._blobs = blobs
        self._items: list[Article | None] = [None] * len(blobs)
        self._index: dict[str, int] | None = None
        self.needs = needs
        self.unencoded_before = unencoded_before
        self.cuts = cuts  # the days on which some version starts or ends (kzlaw.engine.date_span)

    @classmethod
    def of(
        cls,
        articles: Iterable[Article],
        needs: tuple | None = None,
        unencoded_before: tuple | None = None,
        cuts: tuple | None = None,
    ):
        import pickle

        articles = tuple(articles)
        return cls(
            tuple(a.number for a in articles),
            tuple(a.replaces for a in articles),
            tuple(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL) for a in articles),
            needs,
            unencoded_before,
            cuts,
        )

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        item = self._items[i]
        if item is None:
            import pickle

            with collector_paused():
                item = self._items[i] = pickle.loads(self._blobs[i])  # noqa: S301 - our own cache
        return item

    def __iter__(self) -> Iterator[Article]:
        for i in range(len(self._blobs)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyArticles | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self):
        return (LazyArticles, (self.numbers, self.replaces, self._blobs, self.needs, self.unencoded_before, self.cuts))

    def __repr__(self) -> str:
        return f"LazyArticles({len(self)} articles)"

    def by_number(self) -> Mapping[str, Article]:
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.numbers)}
        return _ByNumber(self, self._index)


class _ByNumber(Mapping):
    """Code.by_number over lazy articles: an article is unpickled when it is looked up."""

    def __init__(self, articles: LazyArticles, index: dict[str, int]) -> None:
        self._articles = articles
        self._index = index

    def __getitem__(self, number: str) -> Article:
        return self._articles[self._index[number]]

    def __contains__(self, number: object) -> bool:
        return number in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


# ---- the General Part: rules that change a Special Part range -------------------------
#
# Each rule is a dated variant (valid_from, date_approximate, law) so that a code's
# General Part can change over time like its articles; kzlaw.general picks the one
# in force on the offence date and applies it.


class CategoryLevel(Record):
    category: str
    max_imprisonment: int | None  # months; None for the gravest level (anything above)


class CategoryRule(Record):
    """Gravity of a crime by the maximum imprisonment of its part (2014 Art. 11, 1997 Art. 10)."""

    article: str
    levels: tuple[CategoryLevel, ...]
    without_imprisonment: str
    life_imprisonment: str | None = None
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    negligent_levels: tuple[CategoryLevel, ...] = ()  # the scale for negligent crimes, when it differs
    law: str | None = None


class LimitationPeriod(Record):
    category: str
    years: int
    max_if_evading: int | None = None


class LimitationException(Record):
    """Offences with no limitation period (2014 Art. 71(6)): by article, range, category, condition."""

    text: str
    articles: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ranges: tuple[tuple[str, str], ...] = ()
    category: str | None = None
    when: Condition | None = None
    sources: tuple[Source, ...] = ()


class LimitationRule(Record):
    article: str
    periods: tuple[LimitationPeriod, ...]
    minors_fraction: tuple[int, int] | None = None
    minors_article: str | None = None
    exceptions: tuple[LimitationException, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None


class MinorsCap(Record):
    """The limit of one kind of punishment for an offender under 18 (or its exclusion)."""

    kind: str
    article: str
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    excluded: bool = False
    articles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # only for these articles (a higher cap)
    text: str | None = None


class NoImprisonment(Record):
    """Imprisonment is not imposed on a minor for this category (when the condition holds)."""

    category: str
    when: Condition | None = None
    text: str | None = None
    only_if_text: str | None = None  # a condition in words the vocabulary cannot check


class MinorsRule(Record):
    article: str
    age_from: int
    age_below: int
    caps: tuple[MinorsCap, ...]
    no_imprisonment: tuple[NoImprisonment, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None
    wording_known_from: dt.date | None = None  # before it, these figures stand in for a text not read


class StageRule(Record):
    """The cap on an unfinished crime: a fraction of the maximum; which categories are punishable."""

    fraction: tuple[int, int]
    of: str  # "principal": every alternative; "most_severe": the most severe kind only
    no_life: bool
    punishable: tuple[str, ...]
    article: str
    text: str | None = None
    sources: tuple[Source, ...] = ()
    life_only_months: int | None = None  # a sanction of life imprisonment only gives this term instead


class StagesRule(Record):
    attempt: StageRule
    preparation: StageRule
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None


class CircumstanceItem(Record):
    """One mitigating (2014 Art. 53) or aggravating (Art. 54) circumstance, by the name scripts use."""

    name: str
    text: str
    item: int | None = None  # the item of the article's list (None: not on the list, e.g. Art. 53(2))
    part: str = "1"
    facts: tuple[str, ...] = ()  # facts of the vocabulary that state it: an element of the part when they chose it
    when: Condition | None = None  # derived from facts (a minor offender): counted without being named


class CircumstanceList(Record):
    """The list of one article of the General Part: its items, in the code's order, and its sources."""

    kind: str  # "mitigating" | "aggravating"
    article: str
    items: tuple[CircumstanceItem, ...]
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()

    @cached_property
    def by_name(self) -> dict[str, CircumstanceItem]:
        return {i.name: i for i in self.items}


class MitigationTier(Record):
    """A cap as a fraction of the maximum, for some categories (and, where the text says so, only
    for a crime that is, or is not, an attack on life or health)."""

    categories: tuple[str, ...]
    fraction: tuple[int, int]
    life_or_health: bool | None = None  # None: either


class MitigationCaps(Record):
    part: str
    tiers: tuple[MitigationTier, ...]
    text: str | None = None
    # "principal": every principal punishment; "most_severe": the most severe kind only (2015 wording)
    of: str = "principal"
    # part 2, last paragraph (from 2025): not applied where aggravating circumstances are elements
    excludes_qualified: bool = True


class MitigationRule(Record):
    """Art. 55 of the 2014 code: a milder punishment than the Special Part's."""

    article: str
    mitigating: MitigationCaps | None  # part 2: a mitigating circumstance and no aggravating one
    agreement: MitigationCaps | None  # part 3: a procedural agreement fulfilled (or expedited investigation)
    below_minimum_part: str | None  # part 6: with part 2 or 3, the minimum is not binding
    stage_part: str | None  # part 7: with preparation or attempt, the caps count from the Art. 56 limits
    exceptional_part: str | None  # part 4
    exceptional_text: str | None
    no_imprisonment_part: str | None  # part 1 item 1
    no_imprisonment_categories: tuple[str, ...]
    no_imprisonment_circumstance: str | None  # the mitigating circumstance it needs
    life_only_part: str | None  # part 9: exceptional circumstances and a life-only sanction
    life_only_min: int | None  # months
    life_only_max: int | None
    exclusions: tuple[str, ...]  # part 8: the persons the article does not cover (shown, not applied)
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None


class TotalCap(Record):
    kind: str
    unit: str
    max: int


class CumulativeCase(Record):
    """One case of Art. 58 of the 2014 code: which offences it covers, the method, the caps."""

    part: str
    method: str  # "absorption" | "addition" (partial or full)
    categories: tuple[str, ...] = ()  # with `only`: every offence is of these; else some offence is
    only: bool = False
    max_imprisonment_at_least: int | None = None  # some offence of `categories` whose sanction reaches this (months)
    caps: tuple[TotalCap, ...] = ()
    text: str | None = None


class CumulativeRule(Record):
    """Art. 58 of the 2014 code: the total punishment for several offences, the first case that fits."""

    article: str
    cases: tuple[CumulativeCase, ...]
    life_part: str | None = None  # life imprisonment for one offence: the total is life imprisonment
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    date_approximate: bool = False
    law: str | None = None


class GeneralPart(Record):
    categories: tuple[CategoryRule, ...] = ()
    limitation: tuple[LimitationRule, ...] = ()
    minors: tuple[MinorsRule, ...] = ()
    stages: tuple[StagesRule, ...] = ()
    mitigating: CircumstanceList | None = None
    aggravating: CircumstanceList | None = None
    mitigation: tuple[MitigationRule, ...] = ()
    cumulative: tuple[CumulativeRule, ...] = ()
    mci_at: str = "offence"  # the day whose MCI counts a fine: "offence" or "sentencing"
    notes: tuple[str, ...] = ()


class MciRate(Record):
    """The monthly calculation index in tenge from a day on, set by that year's budget law."""

    valid_from: dt.date
    tenge: int
    law: str
    fines: bool = True
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
