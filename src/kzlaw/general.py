"""The General Part applied to a Special Part range. Pure: no I/O, no printing.

A range from the Special Part is only the start. In order, each a named step with the
article of the General Part that makes it (so a student can follow the reasoning):

1. the Special Part range of the part that applies;
2. the gravity category of the part (2014 Arts. 10-11, 1997 Art. 10);
3. an unfinished crime: the cap on an attempt or a preparation, and whether that
   stage of a crime of that category is punishable at all (2014 Arts. 24, 56);
4. an offender under 18: the caps on each kind of punishment and the kinds that
   cannot be imposed (2014 Arts. 80-81, 1997 Arts. 78-79);
5. the limitation period, halved for minors, and whether it has run out by the day
   asked about, with the offences that have none (2014 Arts. 71, 88);
6. fines in MCI also in tenge, at the MCI of the day the code names.

The rules are data (kzlaw.model.GeneralPart); this module only interprets them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from kzlaw import text as words
from kzlaw.model import (
    Additional,
    Alternative,
    Code,
    Dataset,
    LimitationRule,
    MinorsCap,
    Part,
    Penalty,
    Tri,
    condition_facts,
)
from kzlaw.record import Record

#: the main punishments from the most severe down (1997 Art. 45, 2014 Art. 40)
SEVERITY = (
    "life_imprisonment",
    "imprisonment",
    "restriction_of_freedom",
    "arrest",
    "correctional_labor",
    "public_works",
    "fine",
)
CATEGORY_WORDS = {
    "misdemeanour": "criminal misdemeanour",
    "minor": "crime of minor gravity",
    "medium": "crime of medium gravity",
    "grave": "grave crime",
    "especially_grave": "especially grave crime",
}
STAGES = ("attempt", "preparation")


class Step(Record):
    """One rule applied: its name, the article that makes it, what it did, and the range after it."""

    step: str
    article: str
    text: str
    penalty: Penalty | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    def to_json(self) -> dict:
        out: dict = {"step": self.step, "article": self.article, "text": self.text}
        if self.penalty is not None:
            out["penalty"] = self.penalty.to_json()
        out.update(self.extra)
        return out


class Limitation(Record):
    """The limitation period of the offence and whether it has run out (None: cannot tell)."""

    article: str
    category: str | None
    months: Fraction | None  # None: no limitation period at all (an exception)
    halved_for_minor: bool
    expires_on: dt.date | None
    lapsed: bool | None
    exception: str | None = None

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "category": self.category,
            "years": None if self.months is None else _number(self.months / 12),
            "halved_for_minor": self.halved_for_minor,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "lapsed": self.lapsed,
            "exception": self.exception,
        }


class Adjusted(Record):
    category: str | None
    penalty: Penalty
    punishable: bool
    limitation: Limitation | None
    steps: tuple[Step, ...]
    missing: tuple[str, ...]


def _number(x: Fraction) -> int | float:
    """A whole number as int; a fraction exactly as float (all fractions here are halves and quarters)."""
    return int(x) if x.denominator == 1 else float(x)


def pick(rules: tuple, date: dt.date | None):
    """The dated rule in force on `date` (the newest without a date; None when none was yet)."""
    if not rules:
        return None
    if date is None:
        return rules[-1]
    chosen = None
    for rule in rules:
        if rule.valid_from is None or rule.valid_from <= date:
            chosen = rule
    return chosen


def _cite(code: Code, article: str) -> str:
    return f"Art. {article} of {code.id}"


def facts_read(code: Code, article: str, part: str) -> tuple[str, ...]:
    """Every fact the code's General Part reads for one article and part: the offender's age,
    the conditions of the no-limitation exceptions that list the article, and the conditions
    of the minors' rules."""
    key = (id(code), article, part)
    cached = _READ.get(key)
    if cached is not None and cached[0] is code:
        return cached[1]
    names: dict[str, None] = {"offender_age": None}
    general = code.general_part
    number = int(article.split("-")[0])
    for rule in general.limitation if general else ():
        for exc in rule.exceptions:  # as limitation_of reads them: only those that list the article
            if _refers(exc.articles, article, part) or any(int(lo) <= number <= int(hi) for lo, hi in exc.ranges):
                names.update(dict.fromkeys(condition_facts(exc.when)))
    for rule in general.minors if general else ():
        for ban in rule.no_imprisonment:
            names.update(dict.fromkeys(condition_facts(ban.when)))
    if len(_READ) > 4096:
        _READ.clear()
    _READ[key] = (code, tuple(names))
    return tuple(names)


_READ: dict[tuple, tuple[Code, tuple[str, ...]]] = {}


def category_of(code: Code, part: Part, date: dt.date | None = None) -> tuple[str | None, str]:
    """The gravity category of a part, and the article of the General Part that decides it."""
    general = code.general_part
    rule = pick(general.categories, date) if general else None
    if rule is None:
        return None, ""
    cite = _cite(code, rule.article)
    if part.offence == "misdemeanour":
        return "misdemeanour", cite
    kinds = {a.kind for a in part.penalty.alternatives}
    if "life_imprisonment" in kinds and rule.life_imprisonment:
        return rule.life_imprisonment, cite
    most = part.penalty.max_imprisonment()
    levels = rule.negligent_levels if part.negligent and rule.negligent_levels else rule.levels
    if most is None:
        if "life_imprisonment" in kinds:
            return levels[-1].category, cite
        return rule.without_imprisonment, cite
    for level in levels:
        if level.max_imprisonment is None or most <= level.max_imprisonment:
            return level.category, cite
    return levels[-1].category, cite


def _cap(alt: Alternative, top: Fraction | int | None, floor: int | None = None) -> Alternative:
    """The alternative with its maximum lowered to `top` (its minimum kept only while it fits)."""
    if top is None:
        return alt
    new_max = Fraction(top) if alt.max is None else min(Fraction(alt.max), Fraction(top))
    new_min = alt.min if alt.min is not None and alt.min <= new_max else floor
    if new_min is not None and new_min > new_max:
        new_min = None
    return Alternative(alt.kind, new_min, _number(Fraction(new_max)), alt.unit)


def evaluate_condition(condition, facts) -> Tri:
    """A condition of the dataset on the facts: true, false or unknown."""
    return _evaluate(condition, facts)


def _evaluate(condition, facts):
    from kzlaw.engine import evaluate

    return evaluate(condition, facts)[0]


def _refers(refs: tuple[tuple[str, tuple[str, ...]], ...], article: str, part: str) -> bool:
    return any(a == article and (not parts or part in parts) for a, parts in refs)


def add_months(day: dt.date, months: Fraction) -> dt.date:
    """The same day `months` later (half months as 15 days); the 29th of February becomes the 28th."""
    whole = int(months)
    days = int((months - whole) * 30)
    year, month = divmod(day.month - 1 + whole, 12)
    year += day.year
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d) + dt.timedelta(days=days)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def limitation_of(
    code: Code,
    rule: LimitationRule,
    article: str,
    part: str,
    category: str | None,
    facts: Mapping[str, Any],
    date: dt.date | None,
    as_of: dt.date,
    minor: bool,
) -> tuple[Limitation, str, list[str]]:
    """The limitation period of an offence (2014 Art. 71): (result, explanation, unknown facts that decide it)."""
    cite = _cite(code, rule.article)
    missing: list[str] = []
    number = int(article.split("-")[0])
    undecided = []
    for exc in rule.exceptions:
        if exc.category is not None and exc.category != category:
            continue
        if not exc.articles and not exc.ranges:
            undecided.append(exc.text)  # the data names no articles: the tool cannot tell
            continue
        listed = _refers(exc.articles, article, part) or any(int(lo) <= number <= int(hi) for lo, hi in exc.ranges)
        if not listed:
            continue
        value = Tri.TRUE if exc.when is None else _evaluate(exc.when, facts)
        if value is Tri.TRUE:
            result = Limitation(cite, category, None, False, None, False if date else None, exc.text)
            return result, f"no limitation period: {exc.text} ({cite}, part 6)", missing
        if value is Tri.UNKNOWN:
            missing += [n for n in condition_facts(exc.when) if facts.get(n) is None]
    period = next((p for p in rule.periods if p.category == category), None)
    if period is None:
        return Limitation(cite, category, None, False, None, None), f"no period is encoded for {category}", missing
    months = Fraction(period.years * 12)
    said = f"{words.years(period.years)} for a {CATEGORY_WORDS.get(category or '', category)} ({cite})"
    if undecided:
        said = (
            f"unless the offence is one of: {'; '.join(undecided)} (no limitation; the data lists no articles); " + said
        )
    halved = False
    if minor and rule.minors_fraction:
        months *= Fraction(*rule.minors_fraction)
        halved = True
        minors_cite = _cite(code, rule.minors_article or rule.article)
        share = f"{rule.minors_fraction[0]}/{rule.minors_fraction[1]}"
        said += f", times {share} for a minor ({minors_cite}): {words.months_fraction(months)}"
    if date is None:
        return (
            Limitation(cite, category, months, halved, None, None),
            said + "; give --date (the day of the offence) to know when it runs out",
            missing,
        )
    expires = add_months(date, months)
    lapsed = as_of >= expires
    # the last day and the day asked about are two different days: say which is which
    said += f"; it runs from {date} to {expires - dt.timedelta(days=1)} (its last day), "
    said += f"so on {as_of} (the day asked about) it has {'run out' if lapsed else 'not yet run out'}"
    return Limitation(cite, category, months, halved, expires, lapsed), said, missing


def adjust(
    dataset: Dataset,
    code: Code,
    article: str,
    part: Part,
    facts: Mapping[str, Any],
    *,
    additional: tuple[Additional, ...],
    stage: str | None = None,
    date: dt.date | None = None,
    as_of: dt.date | None = None,
) -> Adjusted | None:
    """Apply the code's General Part to the Special Part range of one part (None: the code has none)."""
    general = code.general_part
    if general is None:
        return None
    as_of = as_of or dt.date.today()
    steps: list[Step] = []
    missing: list[str] = []
    penalty = Penalty(part.penalty.alternatives, additional)
    steps.append(
        Step(
            "special_part",
            f"Art. {article} part {part.part} of {code.id}",
            f"Special Part range: {words.penalty(penalty)}",
            penalty,
        )
    )

    category, cite = category_of(code, part, date)
    if category is not None:
        most = part.penalty.max_imprisonment()
        life = any(a.kind == "life_imprisonment" for a in part.penalty.alternatives)
        if most:
            basis = f"the maximum imprisonment is {words.months(most)}" + (", or life imprisonment" if life else "")
        else:
            basis = "the punishment is life imprisonment" if life else "no term of imprisonment"
        if category == "misdemeanour":
            basis = "the part is a criminal misdemeanour"
        steps.append(Step("category", cite, f"{CATEGORY_WORDS[category]}: {basis}", extra=(("category", category),)))

    punishable = True
    if stage:
        rules = pick(general.stages, date)
        rule = getattr(rules, stage) if rules else None
        if rule is None:
            steps.append(Step("stage", "", f"the rules on the {stage} stage are not encoded for {code.id}"))
        elif category not in rule.punishable:
            punishable = False
            steps.append(
                Step(
                    "stage",
                    _cite(code, rule.article),
                    f"the {stage} of a {CATEGORY_WORDS.get(category or '', category)} is not punishable"
                    f" (only of: {', '.join(CATEGORY_WORDS[c] for c in rule.punishable)})"
                    + (f"; {rule.text}" if rule.text else ""),
                )
            )
            penalty = Penalty((), ())
        else:
            f = Fraction(*rule.fraction)
            alts = [a for a in penalty.alternatives if not (rule.no_life and a.kind == "life_imprisonment")]
            life_only = (
                rule.life_only_months is not None
                and bool(penalty.alternatives)
                and all(a.kind == "life_imprisonment" for a in penalty.alternatives)
            )
            if life_only:  # the term is given as such, not capped by the fraction
                alts = [Alternative("imprisonment", rule.life_only_months, rule.life_only_months, "months")]
            if life_only:
                pass
            elif rule.of == "most_severe":
                severest = min((a.kind for a in alts), key=SEVERITY.index, default=None)
                alts = [_cap(a, a.max * f) if a.kind == severest and a.max is not None else a for a in alts]
            else:
                alts = [_cap(a, a.max * f) if a.max is not None else a for a in alts]
            penalty = Penalty(tuple(alts), penalty.additional)
            whose = "the most severe kind" if rule.of == "most_severe" else "each punishment"
            no_life = "; no life imprisonment" if rule.no_life else ""
            if life_only:
                no_life += (
                    f"; the sanction is life imprisonment only, so imprisonment for"
                    f" {words.months(rule.life_only_months)} (Art. {rule.article}(4))"
                )
            elif rule.no_life and not alts:
                no_life += (
                    "; the sanction is life imprisonment only and this wording gives no other term for the"
                    f" {stage}, so no punishment of the sanction remains"
                )
            steps.append(
                Step(
                    "stage",
                    _cite(code, rule.article),
                    f"{stage}: at most {rule.fraction[0]}/{rule.fraction[1]} of the maximum of {whose}{no_life}",
                    penalty,
                )
            )

    age = facts.get("offender_age")
    rule = pick(general.minors, date)
    minor = rule is not None and age is not None and rule.age_from <= age < rule.age_below
    if minor and punishable:
        said = []
        alts = []
        for alt in penalty.alternatives:
            cap = _minors_cap(rule.caps, alt.kind, alt.unit, article, part.part)
            if cap is None:
                alts.append(alt)
            elif cap.excluded:
                said.append(f"no {words.KINDS[alt.kind]} for a minor (Art. {cap.article})")
            else:
                capped = _cap(alt, cap.max, cap.min)
                alts.append(capped)
                limit = f"{words.KINDS[alt.kind]} at most {words.amount(cap.max, cap.unit)} (Art. {cap.article})"
                said.append(f"{limit}: {words.alternative(capped)}" if capped != alt else f"{limit}: unchanged")
        for ban in rule.no_imprisonment:
            if ban.category != category:
                continue
            condition = f" ({ban.text})" if ban.text else ""
            if ban.only_if_text:
                said.append(
                    f"no imprisonment for a {CATEGORY_WORDS[category]} if {ban.only_if_text}{condition}: not applied"
                )
                continue
            value = Tri.TRUE if ban.when is None else _evaluate(ban.when, facts)
            if value is Tri.TRUE:
                alts = [a for a in alts if a.kind != "imprisonment"]
                said.append(f"no imprisonment for a {CATEGORY_WORDS[category]}{condition} (Art. {rule.article})")
            elif value is Tri.UNKNOWN:
                missing += [n for n in condition_facts(ban.when) if facts.get(n) is None]
                said.append(f"no imprisonment for a {CATEGORY_WORDS[category]}{condition}, if that holds")
        extras = []
        for extra in penalty.additional:
            cap = _minors_cap(rule.caps, extra.kind, extra.unit or "months", article, part.part)
            if cap is not None and not cap.excluded and extra.kind == "deprivation_of_right":
                new = extra._replace(
                    life=False,
                    min=cap.min,
                    max=cap.max if extra.max is None else min(extra.max, cap.max),
                    unit=cap.unit,
                )
                if new != extra:
                    said.append(f"{words.additional(new)} (Art. {cap.article})")
                extras.append(new)
            else:
                extras.append(extra)
        penalty = Penalty(tuple(alts), tuple(extras))
        text = f"offender aged {age}: " + ("; ".join(said) if said else "no cap changes this range")
        if not alts:
            text += "; none of this part's punishments can be imposed on a minor"
            if {a.kind for a in part.penalty.alternatives} == {"life_imprisonment"}:
                # a life-only sanction: the law does not leave a minor unpunished, but the term the
                # court gives instead is not in the data; say so, with the minors' limit of imprisonment
                cap = _minors_cap(rule.caps, "imprisonment", "months", article, part.part)
                limit = (
                    f" (imprisonment of a minor is at most {words.amount(cap.max, cap.unit)}, Art. {cap.article})"
                    if cap is not None and cap.max is not None and not cap.excluded
                    else ""
                )
                text += (
                    ": the only punishment is life imprisonment, which is not imposed on a minor; the term of"
                    f" imprisonment the court gives instead is not worked out here{limit}: confirm with the text"
                )
        known = rule.wording_known_from
        if known is not None and (date or dt.date.today()) < known:
            text += (
                f" (warning: the wording of this rule in force on {date} is not in the dataset; the figures"
                f" known from {known} are used, and may not be that day's)"
            )
        steps.append(Step("minors", _cite(code, rule.article), text, penalty))

    limitation = None
    lim_rule = pick(general.limitation, date)
    if lim_rule is not None:
        limitation, said, unknown = limitation_of(
            code, lim_rule, article, part.part, category, facts, date, as_of, minor
        )
        missing += unknown
        steps.append(Step("limitation", limitation.article, said, extra=(("limitation", limitation.to_json()),)))

    money = _money(dataset, general.mci_at, penalty, date, as_of)
    if money is not None:
        steps.append(money)
    return Adjusted(category, penalty, punishable, limitation, tuple(steps), tuple(dict.fromkeys(missing)))


def _minors_cap(caps: tuple[MinorsCap, ...], kind: str, unit: str | None, article: str, part: str) -> MinorsCap | None:
    """The cap on a kind for this article: one naming the article wins over the general one."""
    fitting = [c for c in caps if c.kind == kind and (c.excluded or c.unit == unit)]
    special = [c for c in fitting if c.articles and _refers(c.articles, article, part)]
    general = [c for c in fitting if not c.articles]
    return (special or general or [None])[0]


def money_step(
    dataset: Dataset, code: Code, penalty: Penalty, date: dt.date | None, as_of: dt.date | None
) -> Step | None:
    """The `money` step for a range (public for kzlaw.sentencing, which changes the range after it)."""
    general = code.general_part
    if general is None:
        return None
    return _money(dataset, general.mci_at, penalty, date, as_of or dt.date.today())


def _money(dataset: Dataset, at: str, penalty: Penalty, date: dt.date | None, as_of: dt.date) -> Step | None:
    """Fines (and correctional labour) in MCI, also in tenge at the MCI of the day the code names."""
    amounts = [a for a in penalty.alternatives if a.unit == "mci"]
    if not amounts:
        return None
    day = date if (at == "offence" and date) else as_of
    which = (
        "the offence" if (at == "offence" and date) else ("sentencing (taken as " if at == "sentencing" else "today (")
    )
    rate = None
    for r in dataset.mci:
        if r.fines and r.valid_from <= day:
            rate = r
    if rate is None:
        text = f"no MCI value is encoded for {day}: amounts stay in MCI"
        return Step("money", "MCI", text)
    # each year's budget law sets that year's MCI: past the newest year encoded, the MCI is not known
    newest = max((r.valid_from for r in dataset.mci if r.fines), default=rate.valid_from)
    known = not (rate.valid_from == newest and day.year > newest.year)
    label = which if which == "the offence" else f"{which}{day})"
    lines = []
    data = []
    for a in amounts:
        lo = None if a.min is None else Fraction(a.min) * rate.tenge
        hi = None if a.max is None else Fraction(a.max) * rate.tenge
        lines.append(f"{words.KINDS[a.kind]} {words.span(a.min, a.max, 'mci')} = {words.tenge(lo, hi)}")
        data.append(
            {
                "kind": a.kind,
                "min_tenge": None if lo is None else _number(lo),
                "max_tenge": None if hi is None else _number(hi),
            }
        )
    text = "; ".join(lines) + f" (MCI {rate.tenge:,} tenge from {rate.valid_from}, {rate.law}; the MCI of {label})"
    if not known:
        text += (
            f"; warning: the MCI of {day.year} is not in the dataset (not yet set, or not encoded): "
            f"the amounts use the newest one encoded, of {rate.valid_from.year}, and will differ"
        )
    mci = {"tenge": rate.tenge, "from": rate.valid_from.isoformat(), "known": known}
    return Step("money", "MCI", text, extra=(("amounts", data), ("mci", mci)))
