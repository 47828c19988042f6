"""Ranked search over the articles: numbers, titles (English, and the official Russian and
Kazakh ones), summaries, acts, circumstances and notes.

Pure: no I/O, no printing. Each article is searched in its newest version. Words are
matched after a light English stemming ("slandering" and "slander" meet at "sland"),
then by prefix ("porn" finds "pornographic") and by similarity, so that a typing error
("pornografic") still finds the article. A number ("120", "132-1") finds that article
first. The per-article index is built once per dataset, on the first search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from kzlaw.errors import InputError
from kzlaw.model import ActIn, AllOf, AnyOf, Condition, Dataset, Not, Version

# How much a query word found in each field counts; a number beats every text field.
WEIGHTS = {
    "number": 100.0,
    "title": 10.0,
    "summary": 5.0,
    "acts": 4.0,
    "circumstances": 3.0,
    "notes": 1.0,
}
# Added in proportion to the share of the title's words the query matched.
TITLE_COVERAGE = 10.0

# Grammatical words that say nothing about an article; dropped from a query unless it has nothing else.
STOP_WORDS = frozenset(
    "a an and any are as at be by for from in into is it its of on or that the their this to was were "
    "with without art article part".split()
)

_TOKEN = re.compile(r"\d+(?:-\d+)*|[^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:-\d+)*")
_VOWELS = frozenset("aeiouy")
_INFLECTIONS = ("ing", "ed")
# Longest first; each is stripped at most once per pass, two passes ("sexually" -> "sexual" -> "sexu").
_DERIVATIONS = tuple(
    "isation ization ation ition ically ously ness ment ical ity ive ous ion ist ism ic al er ly y e".split()
)
_DERIVATIONS_BY_LAST = {c: tuple(x for x in _DERIVATIONS if x[-1] == c) for c in {x[-1] for x in _DERIVATIONS}}
_MIN_STEM = 3
_FUZZY = 0.8  # the least SequenceMatcher ratio between two stems that counts as the same word
_FUZZY_SHORT = 0.86  # the same for stems under 6 letters, where one letter weighs more ("libel", "liber")


@dataclass(frozen=True)
class Hit:
    """One article found: its score (higher is better) and what the query matched."""

    code: str
    article: str
    title: str
    score: float
    matched: tuple[str, ...]  # the query words that found this article, in query order
    fields: tuple[str, ...] = ()  # the fields they were found in, heaviest first
    title_words: tuple[str, ...] = ()  # the words of the title that matched, as written there

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "code": self.code,
            "title": self.title,
            "score": self.score,
            "matched": list(self.matched),
            "fields": list(self.fields),
        }


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English stemmer: the same stem for the forms of a word ("raped", "rapes", "rape").

    Not a linguist's stemmer: it only has to give a word and its forms the same stem, both
    in the query and in the index, so over-stripping is harmless.
    """
    w = word.lower()
    if len(w) <= _MIN_STEM or not w.isalpha():
        return w
    if not w.isascii():
        return _stem_cyrillic(w)
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in _INFLECTIONS:
        rest = w[: -len(suffix)]
        if w.endswith(suffix) and len(rest) >= _MIN_STEM and _VOWELS & set(rest):
            w = rest
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] not in "lsz":
                w = w[:-1]  # "committ" -> "commit"
            break
    for _ in range(2):
        for suffix in _DERIVATIONS_BY_LAST.get(w[-1], ()):
            if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
                w = w[: -len(suffix)]
                break
        else:
            break
    return w


# Russian and Kazakh endings (case, number, gender; Kazakh plural and case suffixes), longest first.
_CYRILLIC_ENDINGS = tuple(
    sorted(
        (
            "иями ями ами ого его ому ему ыми ими ией ией ая яя ое ее ые ие ый ий ой ей ую юю ах ях ам ям ом ем "
            "ов ев ию ия ие ии ь а я ы и е у ю о й "
            "лары лері дары дері тары тері ның нің дың дің тың тің ға ге қа ке на не да де та те ды ді ты ті"
        ).split(),
        key=len,
        reverse=True,
    )
)


def _stem_cyrillic(w: str) -> str:
    """Russian or Kazakh: strip one inflectional ending, keeping at least four letters ("кражи" -> "краж")."""
    for ending in _CYRILLIC_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            return w[: -len(ending)]
    return w


def tokens(text: str) -> list[str]:
    """The words and numbers of a text, lower-case ("Art. 132-1" -> ["art", "132-1"])."""
    return _TOKEN.findall(text.lower())


# ---- the index ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    code: str
    article: str
    title: str
    rank: tuple[int, int]  # newest code first, then the code's own order
    title_words: tuple[tuple[str, str], ...]  # (word as written, its stem)


class _Index:
    """Every article's stems by field, with postings from stem to (article, field)."""

    def __init__(self, dataset: Dataset) -> None:
        self.entries: list[_Entry] = []
        self.postings: dict[str, list[tuple[int, str]]] = {}
        self.numbers: dict[str, list[int]] = {}
        self.by_code: dict[str, frozenset[int]] = {}
        self._similar: dict[str, list[tuple[str, float]]] = {}
        acts = {a.name: a.meaning for a in dataset.vocabulary.acts}
        newest_first = sorted(dataset.codes, key=lambda c: c.in_force_from, reverse=True)
        for code_rank, code in enumerate(newest_first):
            members = []
            for position, article in enumerate(code.articles):
                version = article.latest
                index = len(self.entries)
                members.append(index)
                title_words = tuple((w, stem(w)) for w in _TOKEN.findall(version.title))
                self.entries.append(_Entry(code.id, article.number, version.title, (code_rank, position), title_words))
                self.numbers.setdefault(article.number.lower(), []).append(index)
                seen: set[tuple[str, str]] = set()
                for older in article.versions:  # every wording: a word of an earlier title still finds it
                    for field, text in _fields(older, acts).items():
                        for s in {stem(t) for t in set(tokens(text))}:
                            if (s, field) not in seen:
                                seen.add((s, field))
                                self.postings.setdefault(s, []).append((index, field))
            self.by_code[code.id] = frozenset(members)
        self.terms = list(self.postings)

    def similar(self, query: str) -> list[tuple[str, float]]:
        """The indexed stems that a query stem stands for, with a similarity in (0, 1]."""
        found = self._similar.get(query)
        if found is None:
            found = [(t, s) for t in self.terms if (s := similarity(query, t)) > 0]
            if len(self._similar) > 4096:
                self._similar.clear()
            self._similar[query] = found
        return found


def _fields(version: Version, acts: dict[str, str]) -> dict[str, str]:
    named: dict[str, None] = {}
    for condition in (version.elements, *(p.elements for p in version.parts)):
        for act in _acts(condition):
            named.setdefault(act, None)
    return {
        "title": " ".join(t for t in (version.title, version.title_ru, version.title_kk) if t),
        "summary": version.summary,
        "acts": " ".join(f"{a.replace('_', ' ')} {acts.get(a, '')}" for a in named),
        "circumstances": " ".join(c.text for p in version.parts for c in p.circumstances),
        "notes": " ".join((*version.notes, *(n for p in version.parts for n in p.notes))),
    }


def _acts(condition: Condition | None) -> list[str]:
    if isinstance(condition, ActIn):
        return list(condition.acts)
    if isinstance(condition, Not):
        return _acts(condition.item)
    if isinstance(condition, AllOf | AnyOf):
        return [a for item in condition.items for a in _acts(item)]
    return []


_CACHE: dict[int, tuple[Dataset, _Index]] = {}


def _index(dataset: Dataset) -> _Index:
    cached = _CACHE.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    if len(_CACHE) >= 8:
        _CACHE.clear()
    built = _Index(dataset)
    _CACHE[id(dataset)] = (dataset, built)  # the dataset is kept so that its id is not reused
    return built


def similarity(query: str, term: str) -> float:
    """How well an indexed stem stands for a query stem: 1 for the same stem, less for a prefix
    ("porn" of "pornograph") or a near spelling ("pornograf"), 0 for another word."""
    if query == term:
        return 1.0
    if query.isdigit() or term.isdigit() or query[:1].isdigit() or term[:1].isdigit():
        return 0.0
    short, long_ = sorted((len(query), len(term)))
    # A query may be the start of a longer word from 3 letters ("sex" of "sexu"), a word of the text from 4.
    if (term.startswith(query) and short >= _MIN_STEM) or (query.startswith(term) and short >= 4):
        return 0.6 + 0.3 * short / long_
    if short < 4 or long_ - short > 3:
        return 0.0
    least = _FUZZY if short >= 6 else _FUZZY_SHORT
    matcher = SequenceMatcher(None, query, term)
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return 0.0
    ratio = matcher.ratio()
    return 0.9 * ratio if ratio >= least else 0.0


# ---- searching ------------------------------------------------------------------------------------


def search(dataset: Dataset, words: list[str], *, code: str | None = None, limit: int = 10) -> list[Hit]:
    """The articles that best match the words, best first (at most `limit`).

    Every code is searched when `code` is None, else that code only; each article in its
    newest version. A word counts once per field it is found in, weighted number > title >
    summary > acts > circumstances > notes (WEIGHTS) and by how well it matched
    (`similarity`); a title gains up to TITLE_COVERAGE more by the share of its words the
    query matched. Ties go to the newer code, then code order.
    """
    if limit < 1:
        raise InputError(f"Cannot show {limit} results.", code="bad_limit", fix="Give a limit of at least 1.")
    if code is not None:
        from kzlaw.engine import choose_code

        choose_code(dataset, code)  # an unknown code is an InputError with a suggestion
    query = [t for w in words for t in tokens(w)]
    if not query:
        raise InputError("Nothing to search for.", code="empty_query", fix="Give a word or an article number.")
    meaningful = [t for t in query if t not in STOP_WORDS]
    query = list(dict.fromkeys(meaningful or query))
    index = _index(dataset)
    allowed = index.by_code.get(code) if code is not None else None

    scores: dict[int, float] = {}
    matched: dict[int, dict[str, None]] = {}
    fields: dict[int, set[str]] = {}
    for word in query:
        best: dict[tuple[int, str], float] = {}
        if _NUMBER.fullmatch(word):
            for i in index.numbers.get(word, ()):
                best[(i, "number")] = 1.0
        for term, sim in index.similar(stem(word)):
            for i, field in index.postings[term]:
                if best.get((i, field), 0.0) < sim:
                    best[(i, field)] = sim
        for (i, field), sim in best.items():
            if allowed is not None and i not in allowed:
                continue
            scores[i] = scores.get(i, 0.0) + WEIGHTS[field] * sim
            matched.setdefault(i, {})[word] = None
            fields.setdefault(i, set()).add(field)

    # A title the query covers ("Insult" for "insult") beats one that only mentions a word of it.
    near: dict[str, float] = {}
    for word in query:
        for term, sim in index.similar(stem(word)):
            near[term] = max(near.get(term, 0.0), sim)
    title_words: dict[int, dict[str, str]] = {}
    for i in scores:
        if "title" not in fields[i]:
            continue
        entry = index.entries[i]
        found = title_words[i] = {}
        counted = {s: near.get(s, 0.0) for w, s in entry.title_words if w.lower() not in STOP_WORDS}
        for w, s in entry.title_words:
            if near.get(s, 0.0) > 0:
                found.setdefault(w.lower(), w)
        if counted:
            scores[i] += TITLE_COVERAGE * sum(counted.values()) / len(counted)

    ranked = sorted(scores, key=lambda i: (-round(scores[i], 6), index.entries[i].rank))
    hits = []
    for i in ranked[:limit]:
        entry = index.entries[i]
        hits.append(
            Hit(
                entry.code,
                entry.article,
                entry.title,
                round(scores[i], 2),
                tuple(matched[i]),
                tuple(f for f in WEIGHTS if f in fields[i]),
                tuple(title_words.get(i, {}).values()),
            )
        )
    return hits


def highlight_terms(hit: Hit) -> tuple[str, ...]:
    """The words of the hit's title to highlight, as written in the title ("Rape" for "raped")."""
    return hit.title_words
