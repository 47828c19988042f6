"""Penalties and facts in words, as a person reads them. Pure functions, no rich."""

from __future__ import annotations

from kzlaw.model import Additional, Alternative, Penalty

KINDS = {
    "imprisonment": "imprisonment",
    "life_imprisonment": "life imprisonment",
    "restriction_of_freedom": "restriction of freedom",
    "correctional_labor": "correctional labour",
    "arrest": "arrest",
    "fine": "fine",
    "public_works": "public works",
    "deprivation_of_right": "deprivation of the right to hold certain positions or engage in certain activity",
    "forfeiture_of_property": "forfeiture of property",
    "confiscation_of_materials": "confiscation of the materials and the means of making them",
    "deprivation_of_title": "deprivation of a special, military or honorary title, class rank, diplomatic rank,"
    " qualification class and state awards",
    "expulsion": "expulsion of a foreigner or stateless person from Kazakhstan",
    "deprivation_of_citizenship": "deprivation of citizenship",
}


def months(n: int | float) -> str:
    """36 -> "3 years", 18 -> "1 year 6 months", 6 -> "6 months", 4.5 -> "4.5 months"."""
    if n != int(n):
        whole, rest = divmod(n, 12)
        return (f"{int(whole)} year{'s' if whole != 1 else ''} " if whole else "") + f"{rest:g} months"
    n = int(n)
    years, rest = divmod(n, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


def amount(n: int, unit: str | None) -> str:
    if unit == "months":
        return months(n)
    label = {
        "mci": "MCI",
        "months_of_income": "months' income",
        "hours": "hours",
        "days": "days",
        "times_bribe": "times the bribe",
        "times_damage": "times the damage",
        "times_income": "times the income",
        "times_amount": "times the amount",
    }.get(unit or "", "")
    if unit == "days" and n == 1:
        label = "day"
    return f"{n:,g} {label}".strip() if n != int(n) else f"{int(n):,} {label}".strip()


def span(lo: int | None, hi: int | None, unit: str | None) -> str:
    """ "3 to 5 years", "up to 2 years", "20 years", "6 months to 2 years"."""
    if hi is None and lo is None:
        return ""
    if lo is None:
        return f"up to {amount(hi, unit)}"
    if hi is None:
        return f"at least {amount(lo, unit)}"
    if lo == hi:
        return amount(hi, unit)
    if unit == "months" and lo == int(lo) and hi == int(hi) and lo % 12 == 0 and hi % 12 == 0:
        return f"{lo // 12} to {hi // 12} years"
    if unit != "months":
        return f"{amount(lo, None)} to {amount(hi, unit)}"
    return f"{amount(lo, unit)} to {amount(hi, unit)}"


def alternative(alt: Alternative) -> str:
    """ "imprisonment 3 to 5 years", "fine up to 100 MCI", "life imprisonment"."""
    words = span(alt.min, alt.max, alt.unit)
    return f"{KINDS[alt.kind]} {words}".strip()


def additional(extra: Additional) -> str:
    name = KINDS[extra.kind]
    if extra.life:
        name = f"lifetime {name}"
    if extra.scope and extra.scope not in name:
        name += f" ({extra.scope})"
    words = span(extra.min, extra.max, extra.unit)
    if words:
        name += f" for {words}"
    if extra.with_:
        name += f", with {' or '.join(KINDS[k] for k in extra.with_)}"
    if extra.when is not None:
        name += f", only if {condition(extra.when)}"
    return f"{name}, {'mandatory' if extra.mandatory else 'optional'}"


_OPS = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def condition(c) -> str:
    """A condition in the fact names a user types: "(a or b) and c", "not d", "damage_tenge > 1000 MCI"."""
    from kzlaw.model import ActIn, AllOf, AnyOf, Compare, FactIs, Not

    if isinstance(c, FactIs):
        return c.fact
    if isinstance(c, ActIn):
        return "act " + " or ".join(c.acts)
    if isinstance(c, Compare):
        unit = " MCI" if c.unit == "mci" else ""
        return f"{c.fact} {_OPS[c.op]} {c.value}{unit}"
    if isinstance(c, Not):
        inner = condition(c.item)
        return f"not {inner}" if isinstance(c.item, FactIs) else f"not ({inner})"
    joiner = " and " if isinstance(c, AllOf) else " or "
    assert isinstance(c, AllOf | AnyOf)
    return joiner.join(f"({condition(i)})" if isinstance(i, AllOf | AnyOf) else condition(i) for i in c.items)


def penalty(p: Penalty, extras: tuple[Additional, ...] | None = None) -> str:
    """The whole penalty in one line: alternatives joined by "or", then the additional punishments."""
    main = "; or ".join(alternative(a) for a in p.alternatives)
    added = p.additional if extras is None else extras
    if added:
        main += "; plus " + "; ".join(additional(a) for a in added)
    return main


SHORT = {
    "deprivation_of_right": "ban",
    "forfeiture_of_property": "forfeiture of property",
    "confiscation_of_materials": "confiscation",
}


def additional_short(extra: Additional) -> str:
    """ "ban 10 to 20 years, mandatory", "lifetime ban, optional", "confiscation, mandatory"."""
    name = ("lifetime " if extra.life else "") + SHORT.get(extra.kind, KINDS[extra.kind])
    words = span(extra.min, extra.max, extra.unit)
    return f"{name} {words}".strip() + (", mandatory" if extra.mandatory else ", optional")


def years(n: int) -> str:
    return f"{n} year{'s' if n != 1 else ''}"


def months_fraction(n) -> str:
    """A period in months that may be a half: 30 -> "2 years 6 months", 7.5 -> "7.5 months"."""
    if n == int(n):
        return months(int(n))
    return f"{float(n):g} months"


def tenge(lo, hi) -> str:
    def t(x):
        return f"{float(x):,.0f}" if x == int(x) else f"{float(x):,.2f}"

    if lo is None:
        return f"up to {t(hi)} tenge"
    if hi is None:
        return f"at least {t(lo)} tenge"
    return f"{t(lo)} to {t(hi)} tenge"
