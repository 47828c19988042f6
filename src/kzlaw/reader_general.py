"""YAML -> model for the General Part rules and the MCI table (see docs/dataset.md, "General Part").

Part of the reader: the same `_Reader` primitives, so problems are located the same way.
"""

from __future__ import annotations

from typing import Any

from kzlaw.model import (
    CategoryLevel,
    CategoryRule,
    CircumstanceItem,
    CircumstanceList,
    CumulativeCase,
    CumulativeRule,
    GeneralPart,
    LimitationException,
    LimitationPeriod,
    LimitationRule,
    MciRate,
    MinorsCap,
    MinorsRule,
    MitigationCaps,
    MitigationRule,
    MitigationTier,
    NoImprisonment,
    StageRule,
    StagesRule,
    TotalCap,
)

CATEGORIES = ("misdemeanour", "minor", "medium", "grave", "especially_grave")
_DATED = ("valid_from", "date_approximate", "law")


def _variants(r, value: Any, path: tuple, what: str) -> list[tuple[dict, tuple]]:
    """A rule is one mapping (for the code's whole period) or a list of dated mappings, oldest first."""
    items = value if isinstance(value, list) else [value]
    out = []
    last = None
    for i, item in enumerate(items):
        p = path + (i,) if isinstance(value, list) else path
        if not isinstance(item, dict):
            r.problem(p, f"{what} must be a mapping, not {type(item).__name__}", "See docs/dataset.md, General Part.")
            continue
        start = r.date(item.get("valid_from"), p + ("valid_from",), "valid_from")
        if i and start is None:
            r.problem(p, f"each later {what} needs a valid_from", "Give the day its wording came into force.")
        if last is not None and start is not None and start <= last:
            r.problem(p + ("valid_from",), f"{what} variants are out of order", "List them oldest first.")
        last = start if start is not None else last
        out.append((item, p))
    return out


def _dated(r, m: dict, p: tuple) -> dict:
    return {
        "valid_from": r.date(m.get("valid_from"), p + ("valid_from",), "valid_from"),
        "date_approximate": bool(
            r.boolean(m.get("date_approximate"), p + ("date_approximate",), "date_approximate", default=False)
        ),
        "law": r.text(m.get("law"), p + ("law",), "law", optional=True),
    }


def _category(r, value: Any, p: tuple, *, optional: bool = False) -> str | None:
    return r.choice(value, p, "category", CATEGORIES, optional=optional)


def _fraction(r, value: Any, p: tuple) -> tuple[int, int] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) and x > 0 for x in value)
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    r.problem(p, f"a fraction must be [numerator, denominator], such as [3, 4], not {value!r}", "Write it as [3, 4].")
    return None


def _refs(r, value: Any, p: tuple) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return r.article_refs(value, p, items=True)


def _categories(r, value: Any, path: tuple) -> tuple[CategoryRule, ...]:
    rules = []
    for m, p in _variants(r, value, path, "categories rule"):
        r.mapping(
            m,
            p,
            "a categories rule",
            ("article", "levels", "without_imprisonment", "sources"),
            ("life_imprisonment", "notes", "negligent_levels", *_DATED),
        )
        levels = _levels(r, m.get("levels"), p + ("levels",))
        negligent = _levels(r, m["negligent_levels"], p + ("negligent_levels",)) if m.get("negligent_levels") else ()
        rule = CategoryRule(
            article=r.text(m.get("article"), p + ("article",), "article") or "",
            levels=tuple(levels),
            without_imprisonment=_category(r, m.get("without_imprisonment"), p + ("without_imprisonment",)) or "",
            life_imprisonment=_category(r, m.get("life_imprisonment"), p + ("life_imprisonment",), optional=True),
            sources=r.sources(m.get("sources"), p + ("sources",), "the categories rule"),
            notes=r.notes(m.get("notes"), p + ("notes",)),
            negligent_levels=negligent,
            **_dated(r, m, p),
        )
        rules.append(rule)
    return tuple(rules)


def _levels(r, value: Any, path: tuple) -> tuple[CategoryLevel, ...]:
    levels = []
    for i, item in enumerate(r.seq(value, path, "levels", empty_ok=False)):
        lm = r.mapping(item, path + (i,), "a level", ("category",), ("max_imprisonment",))
        if lm is None:
            continue
        category = _category(r, lm.get("category"), path + (i, "category"))
        bound = r.integer(lm.get("max_imprisonment"), path + (i, "max_imprisonment"), "max_imprisonment", optional=True)
        if category:
            levels.append(CategoryLevel(category, bound))
    if levels and levels[-1].max_imprisonment is not None:
        r.problem(
            path,
            "the last level needs no bound (it takes everything above)",
            "Remove max_imprisonment from the last level.",
        )
    bounds = [lv.max_imprisonment for lv in levels[:-1]]
    if None in bounds or bounds != sorted(bounds):
        r.problem(
            path,
            "levels must go from the mildest up, each with a higher bound",
            "Give max_imprisonment in months, rising.",
        )
    return tuple(levels)


def _limitation(r, value: Any, path: tuple) -> tuple[LimitationRule, ...]:
    rules = []
    for m, p in _variants(r, value, path, "limitation rule"):
        r.mapping(
            m,
            p,
            "a limitation rule",
            ("article", "periods", "sources"),
            ("minors_fraction", "minors_article", "exceptions", "notes", *_DATED),
        )
        periods = []
        for i, item in enumerate(r.seq(m.get("periods"), p + ("periods",), "periods", empty_ok=False)):
            q = p + ("periods", i)
            pm = r.mapping(item, q, "a period", ("category", "years"), ("max_if_evading",))
            if pm is None:
                continue
            category = _category(r, pm.get("category"), q + ("category",))
            years = r.integer(pm.get("years"), q + ("years",), "years")
            most = r.integer(pm.get("max_if_evading"), q + ("max_if_evading",), "max_if_evading", optional=True)
            if category and years is not None:
                periods.append(LimitationPeriod(category, years, most))
        exceptions = []
        for i, item in enumerate(r.seq(m.get("exceptions"), p + ("exceptions",), "exceptions")):
            q = p + ("exceptions", i)
            em = r.mapping(item, q, "an exception", ("text",), ("articles", "ranges", "category", "when", "sources"))
            if em is None:
                continue
            ranges = []
            for j, rg in enumerate(r.seq(em.get("ranges"), q + ("ranges",), "ranges")):
                rm = r.mapping(rg, q + ("ranges", j), "a range", ("from", "to"), ("text",))
                if rm is not None:
                    r.text(rm.get("text"), q + ("ranges", j, "text"), "text", optional=True)
                    lo = r.number(rm.get("from"), q + ("ranges", j, "from"), "from")
                    hi = r.number(rm.get("to"), q + ("ranges", j, "to"), "to")
                    if lo and hi:
                        ranges.append((lo, hi))
            when = r.condition(em["when"], q + ("when",)) if em.get("when") is not None else None
            exceptions.append(
                LimitationException(
                    text=r.text(em.get("text"), q + ("text",), "text") or "",
                    articles=_refs(r, em.get("articles"), q + ("articles",)),
                    ranges=tuple(ranges),
                    category=_category(r, em.get("category"), q + ("category",), optional=True),
                    when=when,
                    sources=r.sources(em.get("sources"), q + ("sources",), "the exception", required=False),
                )
            )
        fraction = (
            _fraction(r, m["minors_fraction"], p + ("minors_fraction",))
            if m.get("minors_fraction") is not None
            else None
        )
        rules.append(
            LimitationRule(
                article=r.text(m.get("article"), p + ("article",), "article") or "",
                periods=tuple(periods),
                minors_fraction=fraction,
                minors_article=r.text(
                    m.get("minors_article"), p + ("minors_article",), "minors_article", optional=True
                ),
                exceptions=tuple(exceptions),
                sources=r.sources(m.get("sources"), p + ("sources",), "the limitation rule"),
                notes=r.notes(m.get("notes"), p + ("notes",)),
                **_dated(r, m, p),
            )
        )
    return tuple(rules)


def _minors(r, value: Any, path: tuple) -> tuple[MinorsRule, ...]:
    from kzlaw.reader import UNITS

    rules = []
    for m, p in _variants(r, value, path, "minors rule"):
        r.mapping(
            m,
            p,
            "a minors rule",
            ("article", "ages", "caps", "sources"),
            ("no_imprisonment", "notes", "wording_known_from", *_DATED),
        )
        ages = r.mapping(m.get("ages"), p + ("ages",), "ages", ("from", "below")) or {}
        lo = r.integer(ages.get("from"), p + ("ages", "from"), "from")
        below = r.integer(ages.get("below"), p + ("ages", "below"), "below")
        caps = []
        for i, item in enumerate(r.seq(m.get("caps"), p + ("caps",), "caps", empty_ok=False)):
            q = p + ("caps", i)
            cm = r.mapping(
                item, q, "a cap", ("kind", "article"), ("min", "max", "unit", "excluded", "articles", "text")
            )
            if cm is None:
                continue
            kind = r.choice(cm.get("kind"), q + ("kind",), "kind", (*UNITS, "deprivation_of_right"))
            excluded = bool(r.boolean(cm.get("excluded"), q + ("excluded",), "excluded", default=False))
            cmin = r.integer(cm.get("min"), q + ("min",), "min", optional=True)
            cmax = r.integer(cm.get("max"), q + ("max",), "max", optional=True)
            unit = cm.get("unit")
            if excluded:
                for key in ("min", "max", "unit"):
                    if cm.get(key) is not None:
                        r.problem(q + (key,), f"an excluded kind takes no {key}", f"Remove `{key}` or `excluded`.")
            elif kind == "life_imprisonment":
                r.problem(q, "life imprisonment has no term to cap", "Write `excluded: true`, or leave the kind out.")
            elif kind:
                allowed = tuple(u for u in UNITS.get(kind, ("months",)) if not (u or "").startswith("times_"))
                if unit not in allowed or unit == "years":
                    r.problem(
                        q + ("unit",),
                        f"unit {unit!r} does not fit a cap on {kind}",
                        f"Use {', '.join(u for u in allowed if u and u != 'years')} (years as months).",
                    )
                if cmax is None:
                    r.problem(q, f"a cap on {kind} needs max (or `excluded: true`)", "Give max.")
            if cmin is not None and cmax is not None and cmin > cmax:
                r.problem(q + ("min",), f"min {cmin} is above max {cmax}", "Swap them or fix the range.")
            if kind:
                caps.append(
                    MinorsCap(
                        kind,
                        r.text(cm.get("article"), q + ("article",), "article") or "",
                        cmin,
                        cmax,
                        unit,
                        excluded,
                        _refs(r, cm.get("articles"), q + ("articles",)),
                        r.text(cm.get("text"), q + ("text",), "text", optional=True),
                    )
                )
        bans = []
        for i, item in enumerate(r.seq(m.get("no_imprisonment"), p + ("no_imprisonment",), "no_imprisonment")):
            q = p + ("no_imprisonment", i)
            nm = r.mapping(item, q, "a ban on imprisonment", ("category",), ("when", "text", "only_if_text"))
            if nm is None:
                continue
            category = _category(r, nm.get("category"), q + ("category",))
            when = r.condition(nm["when"], q + ("when",)) if nm.get("when") is not None else None
            if category:
                bans.append(
                    NoImprisonment(
                        category,
                        when,
                        r.text(nm.get("text"), q + ("text",), "text", optional=True),
                        r.text(nm.get("only_if_text"), q + ("only_if_text",), "only_if_text", optional=True),
                    )
                )
        rules.append(
            MinorsRule(
                article=r.text(m.get("article"), p + ("article",), "article") or "",
                age_from=lo or 0,
                age_below=below or 18,
                caps=tuple(caps),
                no_imprisonment=tuple(bans),
                sources=r.sources(m.get("sources"), p + ("sources",), "the minors rule"),
                notes=r.notes(m.get("notes"), p + ("notes",)),
                wording_known_from=r.date(
                    m.get("wording_known_from"), p + ("wording_known_from",), "wording_known_from"
                ),
                **_dated(r, m, p),
            )
        )
    return tuple(rules)


def _stage(r, value: Any, p: tuple, what: str) -> StageRule | None:
    m = r.mapping(
        value, p, what, ("fraction", "of", "no_life", "punishable", "article", "sources"), ("text", "life_only_months")
    )
    if m is None:
        return None
    fraction = _fraction(r, m.get("fraction"), p + ("fraction",))
    of = r.choice(m.get("of"), p + ("of",), "of", ("principal", "most_severe"))
    punishable = tuple(
        c
        for i, x in enumerate(r.seq(m.get("punishable"), p + ("punishable",), "punishable"))
        if (c := _category(r, x, p + ("punishable", i)))
    )
    no_life = r.boolean(m.get("no_life"), p + ("no_life",), "no_life")
    if fraction is None or of is None or no_life is None:
        return None
    return StageRule(
        fraction,
        of,
        no_life,
        punishable,
        r.text(m.get("article"), p + ("article",), "article") or "",
        r.text(m.get("text"), p + ("text",), "text", optional=True),
        r.sources(m.get("sources"), p + ("sources",), what),
        r.integer(m.get("life_only_months"), p + ("life_only_months",), "life_only_months", optional=True),
    )


def _stages(r, value: Any, path: tuple) -> tuple[StagesRule, ...]:
    rules = []
    for m, p in _variants(r, value, path, "stages rule"):
        r.mapping(m, p, "a stages rule", ("attempt", "preparation"), ("notes", *_DATED))
        attempt = _stage(r, m.get("attempt"), p + ("attempt",), "the attempt rule")
        preparation = _stage(r, m.get("preparation"), p + ("preparation",), "the preparation rule")
        if attempt and preparation:
            rules.append(StagesRule(attempt, preparation, r.notes(m.get("notes"), p + ("notes",)), **_dated(r, m, p)))
    return tuple(rules)


def _circumstances(r, value: Any, path: tuple, kind: str) -> CircumstanceList | None:
    """The list of mitigating (2014 Art. 53) or aggravating (Art. 54) circumstances, in the code's order."""
    if value is None:
        return None
    m = r.mapping(value, path, "a list of circumstances", ("article", "items", "sources"), ("notes",))
    if m is None:
        return None
    items = []
    seen: set[str] = set()
    for i, item in enumerate(r.seq(m.get("items"), path + ("items",), "items", empty_ok=False)):
        q = path + ("items", i)
        im = r.mapping(item, q, "a listed circumstance", ("name", "text"), ("item", "part", "facts", "when"))
        if im is None:
            continue
        name = r.text(im.get("name"), q + ("name",), "name") or ""
        if name in seen:
            r.problem(q + ("name",), f"the circumstance {name!r} is listed twice", "Give each its own name.")
        seen.add(name)
        facts = tuple(
            str(f)
            for j, f in enumerate(r.seq(im.get("facts"), q + ("facts",), "facts"))
            if r.condition(str(f), q + ("facts", j)) is not None
        )
        items.append(
            CircumstanceItem(
                name=name,
                text=r.text(im.get("text"), q + ("text",), "text") or "",
                item=r.integer(im.get("item"), q + ("item",), "item", optional=True),
                part=str(im.get("part", "1")),
                facts=facts,
                when=r.condition(im["when"], q + ("when",)) if im.get("when") is not None else None,
            )
        )
    return CircumstanceList(
        kind=kind,
        article=r.text(m.get("article"), path + ("article",), "article") or "",
        items=tuple(items),
        sources=r.sources(m.get("sources"), path + ("sources",), f"the {kind} circumstances"),
        notes=r.notes(m.get("notes"), path + ("notes",)),
    )


def _caps(r, value: Any, p: tuple) -> MitigationCaps | None:
    if value is None:
        return None
    m = r.mapping(value, p, "mitigation caps", ("part", "tiers"), ("text", "of", "excludes_qualified"))
    if m is None:
        return None
    tiers = []
    for i, item in enumerate(r.seq(m.get("tiers"), p + ("tiers",), "tiers", empty_ok=False)):
        q = p + ("tiers", i)
        tm = r.mapping(item, q, "a tier", ("categories", "fraction"), ("life_or_health",))
        if tm is None:
            continue
        categories = tuple(
            c
            for j, x in enumerate(r.seq(tm.get("categories"), q + ("categories",), "categories", empty_ok=False))
            if (c := _category(r, x, q + ("categories", j)))
        )
        fraction = _fraction(r, tm.get("fraction"), q + ("fraction",))
        life = tm.get("life_or_health")
        if life is not None:
            life = r.boolean(life, q + ("life_or_health",), "life_or_health")
        if fraction:
            tiers.append(MitigationTier(categories, fraction, life))
    of = r.choice(m.get("of", "principal"), p + ("of",), "of", ("principal", "most_severe")) or "principal"
    excludes = r.boolean(m.get("excludes_qualified"), p + ("excludes_qualified",), "excludes_qualified", default=True)
    return MitigationCaps(
        str(m.get("part")),
        tuple(tiers),
        r.text(m.get("text"), p + ("text",), "text", optional=True),
        of,
        bool(excludes),
    )


def _mitigation(r, value: Any, path: tuple) -> tuple[MitigationRule, ...]:
    rules = []
    for m, p in _variants(r, value, path, "mitigation rule"):
        r.mapping(
            m,
            p,
            "a mitigation rule",
            ("article", "sources"),
            (
                "mitigating",
                "agreement",
                "below_minimum_part",
                "stage_part",
                "exceptional",
                "no_imprisonment",
                "life_only",
                "exclusions",
                "notes",
                *_DATED,
            ),
        )
        exc = r.mapping(m.get("exceptional"), p + ("exceptional",), "exceptional", ("part", "text"), ()) or {}
        ban = (
            r.mapping(
                m.get("no_imprisonment"),
                p + ("no_imprisonment",),
                "no imprisonment",
                ("part", "categories", "circumstance"),
                (),
            )  # fmt: skip
            or {}
        )
        life = (
            r.mapping(m.get("life_only"), p + ("life_only",), "life only", ("part", "min", "max"), ())
            if m.get("life_only") is not None
            else None
        ) or {}
        q = p + ("no_imprisonment",)
        rules.append(
            MitigationRule(
                article=r.text(m.get("article"), p + ("article",), "article") or "",
                mitigating=_caps(r, m.get("mitigating"), p + ("mitigating",)),
                agreement=_caps(r, m.get("agreement"), p + ("agreement",)),
                below_minimum_part=_part_no(m.get("below_minimum_part")),
                stage_part=_part_no(m.get("stage_part")),
                exceptional_part=_part_no(exc.get("part")),
                exceptional_text=exc.get("text"),
                no_imprisonment_part=_part_no(ban.get("part")),
                no_imprisonment_categories=tuple(
                    c
                    for j, x in enumerate(r.seq(ban.get("categories"), q + ("categories",), "categories"))
                    if (c := _category(r, x, q + ("categories", j)))
                ),
                no_imprisonment_circumstance=ban.get("circumstance"),
                life_only_part=_part_no(life.get("part")),
                life_only_min=r.integer(life.get("min"), p + ("life_only", "min"), "min", optional=True),
                life_only_max=r.integer(life.get("max"), p + ("life_only", "max"), "max", optional=True),
                exclusions=tuple(
                    r.text(x, p + ("exclusions", j), "exclusion") or ""
                    for j, x in enumerate(r.seq(m.get("exclusions"), p + ("exclusions",), "exclusions"))
                ),
                sources=r.sources(m.get("sources"), p + ("sources",), "the mitigation rule"),
                notes=r.notes(m.get("notes"), p + ("notes",)),
                **_dated(r, m, p),
            )
        )
    return tuple(rules)


def _cumulative(r, value: Any, path: tuple) -> tuple[CumulativeRule, ...]:
    """Art. 58: the cases in the order they are tried, the first that fits the offences wins."""
    from kzlaw.reader import UNITS

    rules = []
    for m, p in _variants(r, value, path, "cumulative rule"):
        r.mapping(m, p, "a cumulative rule", ("article", "cases", "sources"), ("life_part", "notes", *_DATED))
        cases = []
        for i, item in enumerate(r.seq(m.get("cases"), p + ("cases",), "cases", empty_ok=False)):
            q = p + ("cases", i)
            cm = r.mapping(
                item,
                q,
                "a case",
                ("part", "method"),
                ("categories", "only", "max_imprisonment_at_least", "caps", "text"),
            )
            if cm is None:
                continue
            caps = []
            for j, c in enumerate(r.seq(cm.get("caps"), q + ("caps",), "caps")):
                km = r.mapping(c, q + ("caps", j), "a total cap", ("kind", "unit", "max"), ())
                if km is None:
                    continue
                kind = r.choice(km.get("kind"), q + ("caps", j, "kind"), "kind", tuple(UNITS))
                top = r.integer(km.get("max"), q + ("caps", j, "max"), "max")
                if kind and top is not None:
                    caps.append(TotalCap(kind, str(km.get("unit")), top))
            cases.append(
                CumulativeCase(
                    part=str(cm.get("part")),
                    method=r.choice(cm.get("method"), q + ("method",), "method", ("absorption", "addition"))
                    or "absorption",
                    categories=tuple(
                        c
                        for j, x in enumerate(r.seq(cm.get("categories"), q + ("categories",), "categories"))
                        if (c := _category(r, x, q + ("categories", j)))
                    ),
                    only=bool(r.boolean(cm.get("only"), q + ("only",), "only", default=False)),
                    max_imprisonment_at_least=r.integer(
                        cm.get("max_imprisonment_at_least"),
                        q + ("max_imprisonment_at_least",),
                        "max_imprisonment_at_least",
                        optional=True,
                    ),
                    caps=tuple(caps),
                    text=r.text(cm.get("text"), q + ("text",), "text", optional=True),
                )
            )
        rules.append(
            CumulativeRule(
                article=r.text(m.get("article"), p + ("article",), "article") or "",
                cases=tuple(cases),
                life_part=_part_no(m.get("life_part")),
                sources=r.sources(m.get("sources"), p + ("sources",), "the cumulative rule"),
                notes=r.notes(m.get("notes"), p + ("notes",)),
                **_dated(r, m, p),
            )
        )
    return tuple(rules)


def _part_no(value: Any) -> str | None:
    return None if value is None else str(value)


def general_part(r, value: Any, path: tuple, articles: set[str]) -> GeneralPart | None:
    """A code's General Part: categories, limitation, minors, stages and mitigation (lists of dated
    rules), and the lists of mitigating and aggravating circumstances."""
    m = r.mapping(
        value,
        path,
        "the general part",
        (),
        (
            "categories",
            "limitation",
            "minors",
            "stages",
            "mitigating",
            "aggravating",
            "mitigation",
            "cumulative",
            "mci_at",
            "notes",
        ),
    )
    if m is None:
        return None

    def rule(key, read):
        value = m.get(key)
        if value is None or value == []:  # nothing, as everywhere in the format
            return ()
        if not value:
            r.problem(path + (key,), f"{key} is empty", f"Give the rule, or remove `{key}`.")
            return ()
        return read(r, value, path + (key,))

    return GeneralPart(
        categories=rule("categories", _categories),
        limitation=rule("limitation", _limitation),
        minors=rule("minors", _minors),
        stages=rule("stages", _stages),
        mitigating=_circumstances(r, m.get("mitigating"), path + ("mitigating",), "mitigating"),
        aggravating=_circumstances(r, m.get("aggravating"), path + ("aggravating",), "aggravating"),
        mitigation=rule("mitigation", _mitigation),
        cumulative=rule("cumulative", _cumulative),
        mci_at=r.choice(m.get("mci_at", "offence"), path + ("mci_at",), "mci_at", ("offence", "sentencing"))
        or "offence",
        notes=r.notes(m.get("notes"), path + ("notes",)),
    )


def mci_rates(r, value: Any, path: tuple) -> tuple[MciRate, ...]:
    """The MCI in tenge by the day it took effect, oldest first."""
    rates: list[MciRate] = []
    for i, item in enumerate(r.seq(value, path, "mci")):
        p = path + (i,)
        m = r.mapping(item, p, "an MCI value", ("from", "tenge", "law", "sources"), ("fines", "notes"))
        if m is None:
            continue
        start = r.date(m.get("from"), p + ("from",), "from")
        tenge = r.integer(m.get("tenge"), p + ("tenge",), "tenge")
        if start is None or tenge is None:
            if start is None:
                r.problem(p + ("from",), "an MCI value needs the day it took effect", "Write from: YYYY-MM-DD.")
            continue
        if rates and start <= rates[-1].valid_from:
            r.problem(p + ("from",), "MCI values are out of order", "List them oldest first.")
        rates.append(
            MciRate(
                start,
                tenge,
                r.text(m.get("law"), p + ("law",), "law") or "",
                bool(r.boolean(m.get("fines"), p + ("fines",), "fines", default=True)),
                r.sources(m.get("sources"), p + ("sources",), "the MCI value"),
                r.notes(m.get("notes"), p + ("notes",)),
            )
        )
    return tuple(rates)
