"""The fact vocabulary at work: parse what a user gives, check types, derive what follows.

A fact not given is unknown: it is simply absent from the resulting mapping.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from kzlaw.errors import InputError, did_you_mean
from kzlaw.model import COMPARISONS, FactDef, Vocabulary

_TRUE = {"true", "yes", "1", "on", "y"}
_FALSE = {"false", "no", "0", "off", "n"}


#: the days kzlaw reads: well before the first code and far enough ahead for any limitation period
#: to end (an "open-ended" 9999-12-31 from exported data is not the day of an offence)
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def parse_date(value: Any, where: str = "") -> dt.date | None:
    """A date given by a user (option, batch line, compare reference) as YYYY-MM-DD; None stays None."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else None
    try:
        if text is None or len(text) != 10:
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"Cannot read the date {_shown(value)}{where}.",
            code="bad_date",
            fix="Write dates as YYYY-MM-DD, such as 2010-05-01.",
        ) from None
    return check_date(day, where)


def check_date(day: dt.date | None, where: str = "") -> dt.date | None:
    """The day itself when kzlaw can reason about it (FIRST_DAY to LAST_DAY), else an InputError."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(
            f"The date {day}{where} is out of range: kzlaw reads days from {FIRST_DAY} to {LAST_DAY}.",
            code="bad_date",
            fix="Give the real day (an open-ended date such as 9999-12-31 is no day of an offence; leave it out).",
        )
    return day


def _shown(value: Any) -> str:
    """A value as it appears in a message: its repr, cut short (a line may carry megabytes)."""
    if isinstance(value, int) and value.bit_length() > 200:  # repr of a huge int is slow, past 4,300 digits an error
        return f"a number of {_digits(value)} digits"
    if value is None or isinstance(value, bool):  # as the JSON or YAML that gave it, not Python's None/True
        return "null" if value is None else str(value).lower()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _digits(value: int) -> str:
    """About how many decimal digits a huge int has, without converting it to text."""
    return f"about {int(abs(value).bit_length() * 0.30103):,}"


def _fact_def(vocabulary: Vocabulary, name: str) -> FactDef:
    fact = vocabulary.by_name.get(name)
    if fact is None:
        raise InputError(
            f"Unknown fact {_shown(name)}.",
            code="unknown_fact",
            fix=did_you_mean(name, vocabulary.by_name) or "Run `kzlaw facts` for the list of facts.",
        )
    return fact


def coerce(vocabulary: Vocabulary, name: str, value: Any) -> Any:
    """One fact's value in its type (bool, int in range, list of known acts), or an InputError."""
    fact = _fact_def(vocabulary, name)
    if fact.type == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise InputError(
            f"Fact {name} must be true or false, not {_shown(value)}.",
            code="bad_value",
            fix=f"Write {name}=true or {name}=false.",
        )
    if fact.type == "int":
        number = value
        lo = 0 if fact.min is None else fact.min
        hi = fact.max
        if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            digits = value.strip().lstrip("+-").lstrip("0")
            if len(digits) > 30:  # out of any range; and past 4,300 digits int() refuses the text
                raise InputError(
                    f"Fact {name} must be between {lo} and {hi}, not a number of {len(digits):,} digits.",
                    code="bad_value",
                    fix=f"Give {name} in whole years from {lo} to {hi}.",
                )
            number = int(value.strip())
        if isinstance(number, bool) or not isinstance(number, int):
            raise InputError(
                f"Fact {name} must be a whole number, not {_shown(value)}.", code="bad_value", fix=f"Write {name}=15."
            )
        if number < lo or (hi is not None and number > hi):
            raise InputError(
                f"Fact {name} must be between {lo} and {hi}, not {_shown(number)}.",
                code="bad_value",
                fix=f"Give {name} in whole years from {lo} to {hi}.",
            )
        return number
    # a list of acts
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise InputError(
            f"Fact {name} must be a list of acts, not {_shown(value)}.",
            code="bad_value",
            fix=f"Write {name}=insult,defamation.",
        )
    acts = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if item not in vocabulary.act_names:
            raise InputError(
                f"Unknown act {_shown(item)}.",
                code="unknown_act",
                fix=did_you_mean(item, vocabulary.act_names) or "Run `kzlaw facts` for the acts.",
            )
        if item not in acts:
            acts.append(item)
    if not acts:
        raise InputError(f"Fact {name} lists no act.", code="bad_value", fix="Name at least one act.")
    return acts


def parse_assignments(vocabulary: Vocabulary, assignments: Iterable[str]) -> dict[str, Any]:
    """`--fact NAME=VALUE` strings; a bare NAME means NAME=true."""
    facts: dict[str, Any] = {}
    for text in assignments:
        name, sep, value = text.partition("=")
        name = name.strip().replace("-", "_")
        if not name:
            raise InputError(f"Cannot read --fact {_shown(text)}.", code="bad_value", fix="Write --fact NAME=VALUE.")
        merge(facts, vocabulary, name, value if sep else True)
    return facts


def merge(facts: dict[str, Any], vocabulary: Vocabulary, name: str, value: Any) -> None:
    """Add one fact; list facts accumulate, a second different value for a scalar is an error."""
    value = coerce(vocabulary, name, value)
    if name not in facts:
        facts[name] = value
    elif isinstance(value, list):
        facts[name] = facts[name] + [v for v in value if v not in facts[name]]
    elif facts[name] != value:
        raise InputError(
            f"Fact {name} is given twice, as {_shown(facts[name])} and {_shown(value)}.",
            code="contradiction",
            fix="Give each fact once.",
        )


def parse_mapping(vocabulary: Vocabulary, data: Any, *, ignore: Iterable[str] = ()) -> dict[str, Any]:
    """A mapping of facts from a facts file or a batch line (keys in `ignore` are skipped)."""
    if not isinstance(data, Mapping):
        raise InputError(
            'Facts must be a mapping of fact names to values, such as {"victim_age": 13}.', code="bad_facts"
        )
    skip = ignore if isinstance(ignore, frozenset) else frozenset(ignore)
    rules = _rules(vocabulary)
    types, bounds = rules.types, rules.bounds
    facts: dict[str, Any] = {}
    for name, value in data.items():  # a mapping's names are distinct: no fact is given twice here
        if name in skip:
            continue
        if not isinstance(name, str):
            raise InputError(f"Fact name {_shown(name)} is not text.", code="unknown_fact")
        if value is None:
            continue  # null: explicitly unknown
        # the common cases first, as JSON gives them: true/false, a whole number in range, known acts
        kind = value.__class__
        if kind is bool:
            if types.get(name) is bool:
                facts[name] = value
                continue
        elif kind is int:
            if types.get(name) is int and bounds[name][0] <= value <= bounds[name][1]:
                facts[name] = value
                continue
        elif kind is list and types.get(name) is list and _known_acts(vocabulary, value):
            facts[name] = value
            continue
        merge(facts, vocabulary, name, value)
    return facts


def _known_acts(vocabulary: Vocabulary, value: list) -> bool:
    """Whether a list names acts of the vocabulary, each once, as they are (the common case)."""
    try:
        return bool(value) and vocabulary.act_names.issuperset(value) and len(set(value)) == len(value)
    except TypeError:  # an item that is not text (a list, say): coerce names the problem
        return False


def derive(vocabulary: Vocabulary, given: Mapping[str, Any]) -> dict[str, Any]:
    """Every fact given or derived (from ages and implications); a contradiction is an InputError."""
    rules = _rules(vocabulary)
    facts = dict(given)
    for fact, rule in rules.derived:
        if rule.fact not in facts:
            continue
        value = COMPARISONS[rule.op](facts[rule.fact], rule.value)
        if fact.name in given and given[fact.name] != value:
            raise InputError(
                f"Fact {fact.name}={str(given[fact.name]).lower()} contradicts {rule.fact}={facts[rule.fact]}.",
                code="contradiction",
                fix=f"Give one of them, or correct {rule.fact}.",
            )
        facts[fact.name] = value
    if not rules.touched.isdisjoint(facts):
        # what the implications add depends only on the facts they involve: worked out once per state
        state = tuple(map(facts.get, rules.involved))
        added = rules.closures.get(state)
        if added is None:
            known = {n: v for n, v in zip(rules.involved, state, strict=True) if v is not None}
            added = _closure(rules.implications, known)
            if len(rules.closures) > 4096:
                rules.closures.clear()
            rules.closures[state] = added
        facts.update(added)
    return {name: facts[name] for name in sorted(facts, key=rules.order.__getitem__)}  # all the vocabulary's


def _closure(implications: list, facts: dict[str, bool]) -> dict[str, bool]:
    """The facts that implications add to these (a implies b: a true makes b true, b false makes a
    false); a contradiction is an InputError."""
    added: dict[str, bool] = {}
    changed = True
    while changed:
        changed = False
        for fact, implied in implications:
            a, b = facts.get(fact.name), facts.get(implied)
            if a is True and b is False:
                raise InputError(
                    f"Fact {fact.name}=true contradicts {implied}=false ({fact.meaning}).",
                    code="contradiction",
                    fix=f"Drop {implied}=false or {fact.name}=true.",
                )
            if a is True and b is None:
                facts[implied] = added[implied] = True
                changed = True
            elif b is False and a is None:
                facts[fact.name] = added[fact.name] = False
                changed = True
    return added


class _Rules:
    """A vocabulary's rules gathered once: derivations, implications, the facts' order, the
    Python type of each fact, the bounds of each whole number (as coerce checks them), the facts
    that implications involve (in order, and as a set), and the closures worked out so far."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        facts = vocabulary.facts
        self.vocabulary = vocabulary
        self.derived = [(f, f.derived) for f in facts if f.derived is not None]
        self.implications = [(f, implied) for f in facts for implied in f.implies]
        self.order = {f.name: i for i, f in enumerate(facts)}
        self.types = {f.name: {"bool": bool, "int": int, "acts": list}[f.type] for f in facts}
        self.bounds = {
            f.name: (0 if f.min is None else f.min, float("inf") if f.max is None else f.max)
            for f in facts
            if f.type == "int"
        }
        self.involved = tuple(dict.fromkeys(n for f, implied in self.implications for n in (f.name, implied)))
        self.touched = frozenset(self.involved)
        self.closures: dict[tuple, dict[str, bool]] = {}  # state of the involved facts -> what they add


_RULES: dict[int, _Rules] = {}


def _rules(vocabulary: Vocabulary) -> _Rules:
    found = _RULES.get(id(vocabulary))
    if found is None or found.vocabulary is not vocabulary:
        found = _RULES[id(vocabulary)] = _Rules(vocabulary)
    return found
