"""`kzlaw sentence`: several offences, each after its own General Part steps, and the total by
Art. 58 of the 2014 code (cumulative offences). Pure: no I/O, no printing.

Built on the engine (the code and wording of the day), kzlaw.general (each offence's steps)
and kzlaw.sentencing (Arts. 53-55); nothing imports this module but the command line.

The total is a range, as every penalty here: for each kind of punishment that some offence
allows, the minimum is the highest of the offences' minima of that kind (the total is never
milder than the most severe single punishment), and the maximum is the highest of the maxima
(absorption) or their sum (addition, partial or full), at most the caps of the case that applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from kzlaw import text as words
from kzlaw.errors import InputError, did_you_mean
from kzlaw.general import Adjusted, Step, adjust, category_of, pick
from kzlaw.model import Alternative, Code, CumulativeCase, Dataset, Penalty
from kzlaw.record import Record
from kzlaw.sentencing import Given, check, mitigate


class Offence(Record):
    """One offence of the set: its article and part, the Special Part range and its steps."""

    article: str
    part: str
    category: str | None
    penalty: Penalty
    adjusted: Adjusted

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "part": self.part,
            "category": self.category,
            "penalty": self.penalty.to_json(),
            "adjusted_penalty": self.adjusted.penalty.to_json(),
            "steps": [s.to_json() for s in self.adjusted.steps],
        }


class Total(Record):
    rule: str  # "absorption" | "addition"
    article: str
    penalty: Penalty
    life: bool
    steps: tuple[Step, ...]

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "article": self.article,
            "penalty": {"alternatives": [a.to_json() for a in self.penalty.alternatives]},
            "life": self.life,
            "steps": [s.to_json() for s in self.steps],
        }


class Sentence(Record):
    code: Code
    date: dt.date | None
    offences: tuple[Offence, ...]
    total: Total
    sentencing: Given

    def to_json(self) -> dict:
        return {
            "code": self.code.id,
            "date": self.date.isoformat() if self.date else None,
            "offences": [o.to_json() for o in self.offences],
            "total": self.total.to_json(),
        }


def parse_spec(spec: str) -> tuple[str, str]:
    """`188:3` -> ("188", "3"); anything else is an InputError."""
    article, sep, part = spec.partition(":")
    if not sep or not article or not part or ":" in part:
        raise InputError(
            f"{spec!r} is not ARTICLE:PART.", code="bad_reference", fix="Write the article and part, such as 120:1."
        )
    return article, part


def sentence(
    dataset: Dataset,
    specs: Iterable[str],
    *,
    code: str | None = None,
    date: dt.date | None = None,
    stage: str | None = None,
    offender_age: int | None = None,
    sentencing: Given | None = None,
    as_of: dt.date | None = None,
) -> Sentence:
    """The range of each offence after its own General Part steps, and the total by Art. 58."""
    from kzlaw.engine import _check_stage, check_days, choose_code, find_article, named_version
    from kzlaw.facts import derive, parse_mapping

    specs = list(specs)
    if not specs:
        raise InputError("No offence given.", code="usage", fix="Give ARTICLE:PART, such as 120:1.")
    _check_stage(stage)
    check_days(date, as_of)
    chosen = choose_code(dataset, code, date)
    given = sentencing or Given()
    facts = derive(
        dataset.vocabulary,
        parse_mapping(dataset.vocabulary, {} if offender_age is None else {"offender_age": offender_age}),
    )
    if not given.empty:
        check(chosen, given, facts)
    offences = []
    for spec in specs:
        number, part_no = parse_spec(spec)
        article = find_article(chosen, number, dataset)
        version = named_version(chosen, article, date)
        try:
            part = version.part(part_no)
        except KeyError:
            parts = ", ".join(p.part for p in version.parts)
            raise InputError(
                f"Art. {number} of {chosen.id} has no part {part_no!r}.",
                code="unknown_part",
                fix=did_you_mean(part_no, [p.part for p in version.parts]) or f"Its parts: {parts}.",
            ) from None
        additional = tuple(a for a in part.penalty.additional if a.when is None)
        adjusted = adjust(dataset, chosen, number, part, facts, additional=additional, stage=stage, date=date,
                          as_of=as_of)  # fmt: skip
        if adjusted is None:
            raise InputError(
                f"{chosen.id} has no General Part in the dataset.", code="unknown_code", fix="Use kz-cc-2014."
            )
        if not given.empty:
            adjusted = mitigate(dataset, chosen, number, part, adjusted, facts, (), given, stage=stage, date=date,
                                as_of=as_of)  # fmt: skip
        category, _ = category_of(chosen, part, date)
        offences.append(Offence(number, part_no, category, Penalty(part.penalty.alternatives, additional), adjusted))
    return Sentence(chosen, date, tuple(offences), total(chosen, offences, date), given)


def _fits(case: CumulativeCase, offences: list[Offence]) -> bool:
    cats = [o.category for o in offences]
    if case.only:
        return all(c in case.categories for c in cats)
    some = [o for o in offences if o.category in case.categories]
    if case.max_imprisonment_at_least is not None:
        some = [o for o in some if (o.penalty.max_imprisonment() or 0) >= case.max_imprisonment_at_least]
    return bool(some)


def _number(x: Fraction | int | float) -> int | float:
    x = Fraction(x)
    return int(x) if x.denominator == 1 else float(x)


def total(code: Code, offences: list[Offence], date: dt.date | None) -> Total:
    """The total punishment for cumulative offences (Art. 58): the first case of the rule that fits."""
    general = code.general_part
    rule = pick(general.cumulative, date) if general else None
    if rule is None:
        raise InputError(
            f"The rules on cumulative offences are not encoded for {code.id}.",
            code="unknown_code",
            fix="Use kz-cc-2014.",
        )
    case = next((c for c in rule.cases if _fits(c, offences)), None)
    steps: list[Step] = []
    live = [o for o in offences if o.adjusted.punishable]
    if case is None:
        raise InputError(
            "No case of Art. 58 fits these offences.", code="bad_reference", fix="Check the categories of the parts."
        )
    cite = f"Art. {rule.article} part {case.part} of {code.id}"
    cats = ", ".join(f"Art. {o.article} part {o.part}: {o.category}" for o in offences)
    by_kind: dict[tuple[str, str | None], list[Alternative]] = {}
    for o in live:
        for alt in o.adjusted.penalty.alternatives:
            by_kind.setdefault((alt.kind, alt.unit), []).append(alt)
    life = ("life_imprisonment", None) in by_kind
    alts = []
    for (kind, unit), found in by_kind.items():
        if kind == "life_imprisonment":
            alts.append(Alternative(kind, None, None, None))
            continue
        mins = [a.min for a in found if a.min is not None]
        tops = [a.max for a in found]
        if None in tops:
            top = None
        elif case.method == "addition":
            top = _number(sum(Fraction(t) for t in tops))
        else:
            top = max(tops)
        alts.append(Alternative(kind, max(mins) if mins else None, top, unit))
    how = (
        "the less severe punishment absorbed by the more severe: each kind at most the highest maximum"
        if case.method == "absorption"
        else "partial or full addition: each kind at most the sum of the maxima"
    )
    penalty = Penalty(tuple(alts))
    steps.append(Step("cumulative", cite, f"{case.text or ''} ({cats}): {how}: {words.penalty(penalty)}", penalty))
    if case.caps:
        capped = []
        said = []
        for alt in alts:
            cap = next((c for c in case.caps if c.kind == alt.kind and c.unit == alt.unit), None)
            if cap is not None and (alt.max is None or alt.max > cap.max):
                new_min = alt.min if alt.min is None or alt.min <= cap.max else cap.max
                alt = Alternative(alt.kind, new_min, cap.max, alt.unit)
                said.append(f"{words.KINDS[alt.kind]} at most {words.amount(cap.max, cap.unit)}: reached")
            elif cap is not None:
                said.append(f"{words.KINDS[alt.kind]} at most {words.amount(cap.max, cap.unit)}: not reached")
            capped.append(alt)
        penalty = Penalty(tuple(capped))
        if said:
            steps.append(Step("total_cap", cite, "; ".join(said) + f": {words.penalty(penalty)}", penalty))
    if life and rule.life_part:
        steps.append(
            Step(
                "life",
                f"Art. {rule.article} part {rule.life_part} of {code.id}",
                "if life imprisonment is imposed for an offence of the set, the total is life imprisonment",
            )
        )
    if case.part == "4" and any(o.category == "misdemeanour" for o in offences):
        steps.append(
            Step(
                "cumulative",
                cite,
                "with a misdemeanour punished by a fine, the total is by absorption (part 4, second paragraph):"
                " not applied here",
            )
        )
    dropped = [o for o in offences if not o.adjusted.punishable]
    if dropped:
        steps.append(
            Step(
                "cumulative",
                cite,
                "not punishable and left out: " + ", ".join(f"Art. {o.article} part {o.part}" for o in dropped),
            )
        )
    return Total(case.method, cite, penalty, life, tuple(steps))
