"""Sentencing rules of the 2014 code's General Part applied after the other General Part steps.
Pure: no I/O, no printing.

In order, each a named step with its article (appended to a match's `steps`, before the
limitation and money steps, which read the range after them):

1. `circumstances` (Arts. 53-54): the mitigating and aggravating circumstances counted,
   and those not counted because the part names them as elements (Art. 53(3), Art. 54(2));
2. `milder_kind` (Art. 55(1) item 1): no imprisonment for a minor or medium crime when the
   damage was compensated and the part has a milder principal punishment;
3. `mitigation` (Art. 55(2)): with a mitigating circumstance and no aggravating one, the
   principal punishment at most a fraction of its maximum, by category;
4. `agreement` (Art. 55(3)): a procedural agreement fulfilled: the caps of part 3;
5. `exceptional` (Art. 55(4), (9)): the minimum is no longer binding, a milder kind may be
   chosen; a life-only sanction may give 20 to 25 years.

With part 2 or 3 the minimum is not binding either (Art. 55(6)); with a stage, the caps count
from the Art. 56 limits (Art. 55(7)). The rules are data (kzlaw.model.MitigationRule and the
circumstance lists); this module only interprets them. It imports kzlaw.general, never the
reverse, and the engine calls it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from kzlaw import text as words
from kzlaw.errors import InputError, did_you_mean
from kzlaw.general import CATEGORY_WORDS, SEVERITY, Adjusted, Step, money_step, pick
from kzlaw.model import Alternative, CircumstanceList, Code, Dataset, MitigationCaps, MitigationRule, Part, Penalty, Tri
from kzlaw.record import Record


class Given(Record):
    """What the user says of the sentencing: named circumstances, an agreement, exceptional circumstances."""

    mitigating: tuple[str, ...] = ()
    aggravating: tuple[str, ...] = ()
    agreement: bool = False
    exceptional: bool = False

    @property
    def empty(self) -> bool:
        return not (self.mitigating or self.aggravating or self.agreement or self.exceptional)

    def to_json(self) -> dict:
        return {
            "mitigating": list(self.mitigating),
            "aggravating": list(self.aggravating),
            "agreement": self.agreement,
            "exceptional": self.exceptional,
        }


def check(code: Code, given: Given, facts: Mapping[str, Any]) -> None:
    """Every named circumstance is on the code's lists (else InputError with a did-you-mean)."""
    general = code.general_part
    for kind, names in (("mitigating", given.mitigating), ("aggravating", given.aggravating)):
        listed: CircumstanceList | None = getattr(general, kind, None) if general else None
        if listed is None:
            if names:
                raise InputError(
                    f"{code.id} has no list of {kind} circumstances in the dataset.",
                    code="unknown_circumstance",
                    fix="Use kz-cc-2014, or leave out --" + kind + ".",
                )
            continue
        for name in names:
            if name not in listed.by_name:
                other = general.aggravating if kind == "mitigating" else general.mitigating
                hint = (
                    f"{name} is an {'aggravating' if kind == 'mitigating' else 'mitigating'} circumstance."
                    if other is not None and name in other.by_name
                    else did_you_mean(name, listed.by_name)
                    or _containing(name, listed.by_name)
                    or "See `kzlaw facts` for the names."
                )
                raise InputError(f"Unknown {kind} circumstance {name!r}.", code="unknown_circumstance", fix=hint)
            item = listed.by_name[name]
            if item.when is not None and _holds(item.when, facts) is Tri.FALSE:
                raise InputError(
                    f"The {kind} circumstance {name!r} contradicts the facts given ({item.text}).",
                    code="contradiction",
                    fix="Drop it, or correct the facts.",
                )


def _containing(name: str, names: Iterable[str]) -> str:
    """ "Did you mean X?" for the one name that contains `name` (group -> group_offence)."""
    found = [n for n in names if name and name in n]
    return f"Did you mean {found[0]}?" if len(found) == 1 else ""


def circumstances_json(dataset: Dataset) -> list[dict]:
    """Every listed circumstance of every code, for `kzlaw facts`."""
    out = []
    for code in dataset.codes:
        general = code.general_part
        for listed in (general.mitigating, general.aggravating) if general else ():
            if listed is None:
                continue
            for item in listed.items:
                out.append(
                    {
                        "name": item.name,
                        "kind": listed.kind,
                        "code": code.id,
                        "article": listed.article,
                        "part": item.part,
                        "item": item.item,
                        "text": item.text,
                        "facts": list(item.facts),
                        "derived": item.when is not None,
                    }
                )
    return out


def _holds(condition, facts: Mapping[str, Any]) -> Tri:
    from kzlaw.general import evaluate_condition

    return evaluate_condition(condition, facts)


def _cite(code: Code, article: str, part: str | None = None) -> str:
    return f"Art. {article}" + (f" part {part}" if part else "") + f" of {code.id}"


def _fraction_of(caps: MitigationCaps, category: str | None) -> tuple[Fraction, str] | None:
    """The fraction of the category, and a word on the reading when it depends on an attack on life
    or health (not a fact of the vocabulary): then the larger, the cap that holds either way."""
    tiers = [t for t in caps.tiers if category in t.categories]
    if not tiers:
        return None
    fractions = {Fraction(*t.fraction) for t in tiers}
    top = max(fractions)
    if len(fractions) == 1:
        return top, ""
    said = ", ".join(
        f"{t.fraction[0]}/{t.fraction[1]}"
        + {True: " if an attack on life or health", False: " if not"}.get(t.life_or_health, "")
        for t in tiers
    )
    return top, f" ({said}: whether the crime is an attack on life or health is not known, so the larger applies)"


def _floor(x: Fraction) -> int | float:
    """A capped term in its unit: exact when whole or a half or quarter, else rounded down to 1/100."""
    if x.denominator in (1, 2, 4):
        return int(x) if x.denominator == 1 else float(x)
    return math.floor(x * 100) / 100


def _capped(penalty: Penalty, base: Penalty, f: Fraction, free_min: bool, of: str = "principal") -> Penalty:
    """Each principal punishment at most `f` of its maximum in `base` (the Special Part range, or the
    Art. 56 limits of a stage), or only the most severe kind when `of` is "most_severe" (the 2015
    wording of Art. 55); its minimum dropped when `free_min` (Art. 55(6))."""
    tops = {(a.kind, a.unit): a.max for a in base.alternatives if a.max is not None}
    severest = _severest(base) if of == "most_severe" else None
    alts = []
    for alt in penalty.alternatives:
        top = tops.get((alt.kind, alt.unit)) if severest is None or alt.kind == severest else None
        new_max = alt.max
        if top is not None:
            cap = _floor(Fraction(top) * f)
            new_max = cap if alt.max is None else min(alt.max, cap)
        new_min = None if free_min else alt.min
        if new_min is not None and new_max is not None and new_min > new_max:
            new_min = None
        alts.append(Alternative(alt.kind, new_min, new_max, alt.unit))
    return Penalty(tuple(alts), penalty.additional)


def _severest(penalty: Penalty) -> str | None:
    """The most severe kind among a range's alternatives that have a maximum to count from."""
    kinds = [a.kind for a in penalty.alternatives if a.max is not None and a.kind in SEVERITY]
    return min(kinds, key=SEVERITY.index, default=None)


def _of_words(caps: MitigationCaps, base: Penalty) -> str:
    if caps.of != "most_severe":
        return ""
    kind = _severest(base)
    return f" of the most severe kind ({kind.replace('_', ' ')})" if kind else " of the most severe kind"


def _uncovered(caps: MitigationCaps, category: str | None, rule: MitigationRule) -> str:
    """Why no cap applies: the wording in force does not cover the category (Art. 55(2) before 2020
    speaks only of crimes, not of misdemeanours)."""
    covered = sorted(
        {c for t in caps.tiers for c in t.categories},
        key=lambda c: list(CATEGORY_WORDS).index(c) if c in CATEGORY_WORDS else 99,
    )
    since = f" (wording in force from {rule.valid_from.isoformat()})" if rule.valid_from else ""
    return (
        f"not applied: part {caps.part}{since} covers only {', '.join(CATEGORY_WORDS.get(c, c) for c in covered)},"
        f" not a {CATEGORY_WORDS.get(category or '', category)}"
    )


def _base(steps: Iterable[Step]) -> Penalty | None:
    """The range the caps count from: the Art. 56 limits of a stage, else the Special Part's (Art. 55(7))."""
    found = None
    for s in steps:
        if s.step in ("special_part", "stage") and s.penalty is not None:
            found = s.penalty
    return found


def mitigate(
    dataset: Dataset,
    code: Code,
    article: str,
    part: Part,
    adjusted: Adjusted,
    facts: Mapping[str, Any],
    because: tuple[str, ...],
    given: Given,
    *,
    stage: str | None = None,
    date: dt.date | None = None,
    as_of: dt.date | None = None,
) -> Adjusted:
    """Arts. 53-55 of the code applied to a match's General Part result: the new steps go before
    the limitation step, and the money step is worked out again for the range after them."""
    general = code.general_part
    if general is None or not adjusted.punishable:
        return adjusted
    new: list[Step] = []
    penalty = adjusted.penalty
    mitigating, aggravating = _counted(code, facts, because, given, new)
    rule = pick(general.mitigation, date)
    base = _base(adjusted.steps) or penalty
    category = adjusted.category
    if rule is not None and (mitigating or aggravating or given.agreement or given.exceptional):
        warn = "; ".join(rule.exclusions)
        warn = f"; check first: {warn} ({_cite(code, rule.article, '8')})" if warn else ""
        # part 1: no imprisonment when the damage was compensated and a milder kind is in the part
        if rule.no_imprisonment_circumstance in mitigating and category in rule.no_imprisonment_categories:
            kinds = {a.kind for a in penalty.alternatives}
            if "imprisonment" in kinds and kinds - {"imprisonment", "life_imprisonment"}:
                penalty = Penalty(
                    tuple(a for a in penalty.alternatives if a.kind != "imprisonment"), penalty.additional
                )
                new.append(
                    Step(
                        "milder_kind",
                        _cite(code, rule.article, rule.no_imprisonment_part),
                        f"{CATEGORY_WORDS[category]} and the damage compensated ({rule.no_imprisonment_circumstance}),"
                        " and the part has a milder principal punishment: no imprisonment",
                        penalty,
                    )
                )
        # part 2
        caps = rule.mitigating
        if caps is not None and mitigating:
            cite = _cite(code, rule.article, caps.part)
            if aggravating:
                new.append(
                    Step(
                        "mitigation",
                        cite,
                        f"not applied: an aggravating circumstance is counted ({', '.join(aggravating)})",
                    )
                )
            elif not part.is_basic and caps.excludes_qualified:
                new.append(
                    Step(
                        "mitigation",
                        cite,
                        "not applied: the part is a qualified one, so aggravating circumstances are elements of the"
                        f" offence ({caps.text or 'part 2, last paragraph'})",
                    )
                )
            else:
                found = _fraction_of(caps, category)
                if found is None:
                    new.append(Step("mitigation", cite, _uncovered(caps, category, rule)))
                else:
                    f, reading = found
                    penalty = _capped(penalty, base, f, rule.below_minimum_part is not None, caps.of)
                    new.append(
                        Step(
                            "mitigation",
                            cite,
                            f"a mitigating circumstance ({', '.join(mitigating)}) and no aggravating one: a"
                            f" {CATEGORY_WORDS.get(category or '', category)} at most"
                            f" {f.numerator}/{f.denominator} of the maximum{_of_words(caps, base)}{reading}"
                            f"{_from(stage, rule)}"
                            f"{_free(code, rule)}: {words.penalty(penalty)}{warn}",
                            penalty,
                            extra=(("fraction", [f.numerator, f.denominator]),),
                        )
                    )
                    warn = ""
        # part 3
        caps = rule.agreement
        if caps is not None and given.agreement:
            cite = _cite(code, rule.article, caps.part)
            found = _fraction_of(caps, category)
            if found is None:
                new.append(Step("agreement", cite, _uncovered(caps, category, rule)))
            else:
                f, reading = found
                penalty = _capped(penalty, base, f, rule.below_minimum_part is not None, caps.of)
                new.append(
                    Step(
                        "agreement",
                        cite,
                        f"a procedural agreement fulfilled (or an expedited investigation): a"
                        f" {CATEGORY_WORDS.get(category or '', category)} at most {f.numerator}/{f.denominator}"
                        f" of the maximum{_of_words(caps, base)}{reading}{_from(stage, rule)}{_free(code, rule)}:"
                        f" {words.penalty(penalty)}{warn}",
                        penalty,
                        extra=(("fraction", [f.numerator, f.denominator]),),
                    )
                )
                warn = ""
        # parts 4 and 9
        if given.exceptional and rule.exceptional_part:
            cite = _cite(code, rule.article, rule.exceptional_part)
            alts = tuple(Alternative(a.kind, None, a.max, a.unit) for a in penalty.alternatives)
            said = f"exceptional circumstances: {rule.exceptional_text}; the minimum is no longer binding"
            life_only = bool(penalty.alternatives) and all(a.kind == "life_imprisonment" for a in penalty.alternatives)
            if life_only and rule.life_only_part and rule.life_only_max:
                alts = (*alts, Alternative("imprisonment", rule.life_only_min, rule.life_only_max, "months"))
                said += (
                    f"; the sanction is life imprisonment only, so also imprisonment for"
                    f" {words.span(rule.life_only_min, rule.life_only_max, 'months')}"
                    f" ({_cite(code, rule.article, rule.life_only_part)})"
                )
            penalty = Penalty(alts, penalty.additional)
            new.append(Step("exceptional", cite, f"{said}: {words.penalty(penalty)}{warn}", penalty))
    if not new:
        return adjusted
    if rule is not None and rule is not general.mitigation[-1] and rule.valid_from is not None:
        # an earlier wording of the article: say which, once, on its first step
        first = next((i for i, s in enumerate(new) if s.article.startswith(f"Art. {rule.article} ")), None)
        if first is not None:
            new[first] = new[first]._replace(text=new[first].text + _wording(rule))
    steps = list(adjusted.steps)
    at = next((i for i, s in enumerate(steps) if s.step in ("limitation", "money")), len(steps))
    steps[at:at] = new
    steps = [s for s in steps if s.step != "money"]
    money = money_step(dataset, code, penalty, date, as_of)
    if money is not None:
        steps.append(money)
    return adjusted._replace(penalty=penalty, steps=tuple(steps))


def _wording(rule: MitigationRule) -> str:
    """Which wording of the article an earlier day takes (the text in force then, not today's)."""
    law = f", {rule.law}" if rule.law else ", the original wording"
    day = rule.valid_from.isoformat() + (" (approximate day)" if rule.date_approximate else "")
    return f" [Art. {rule.article} as worded from {day}{law}]"


def _from(stage: str | None, rule) -> str:
    if stage and rule.stage_part:
        return f" (counted from the Art. 56 limits of the {stage}, part {rule.stage_part})"
    return ""


def _free(code: Code, rule) -> str:
    if rule.below_minimum_part:
        return f"; the minimum is not binding ({_cite(code, rule.article, rule.below_minimum_part)})"
    return ""


def _counted(
    code: Code, facts: Mapping[str, Any], because: tuple[str, ...], given: Given, steps: list[Step]
) -> tuple[list[str], list[str]]:
    """The circumstances counted (Arts. 53-54), with a step that says which and why the others are not."""
    general = code.general_part
    counted: dict[str, list[str]] = {"mitigating": [], "aggravating": []}
    said = []
    for kind, names in (("mitigating", given.mitigating), ("aggravating", given.aggravating)):
        listed = getattr(general, kind, None)
        if listed is None:
            continue
        for item in listed.items:
            named = item.name in names
            derived = item.when is not None and _holds(item.when, facts) is Tri.TRUE
            if not (named or derived):
                continue
            element = [f for f in item.facts if f in because]
            where = f"Art. {listed.article}" + (f"(1) item {item.item}" if item.item else f"({item.part})")
            if element:
                again = "53(3)" if kind == "mitigating" else "54(2)"
                said.append(
                    f"{item.name} ({where}) is an element of this part ({', '.join(element)}):"
                    f" not counted again (Art. {again})"
                )
                continue
            counted[kind].append(item.name)
            said.append(f"{kind} {item.name} ({where}{', from the facts' if derived and not named else ''})")
    if said:
        articles = " and ".join(f"Art. {x.article}" for x in (general.mitigating, general.aggravating) if x is not None)
        steps.append(
            Step(
                "circumstances",
                f"{articles} of {code.id}",
                "; ".join(said),
                extra=(("mitigating", counted["mitigating"]), ("aggravating", counted["aggravating"])),
            )
        )
    return counted["mitigating"], counted["aggravating"]
