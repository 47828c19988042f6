"""YAML -> model: check a dataset's text against the format and locate every problem.

The text is parsed once with PyYAML's C loader into plain data and checked in one
pass that collects every problem with its path; only when there are problems is
the file composed a second time to turn each path into a line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kzlaw.errors import Problem, did_you_mean
from kzlaw.model import (
    COMPARISONS,
    ActDef,
    ActIn,
    Additional,
    AllOf,
    Alternative,
    Amendment,
    AnyOf,
    Article,
    ArticleRef,
    Chapter,
    Checked,
    Circumstance,
    Code,
    Compare,
    Condition,
    Dataset,
    FactDef,
    FactIs,
    HistoryEntry,
    Liability,
    LowerAge,
    Not,
    Part,
    Penalty,
    Source,
    Version,
    Vocabulary,
)

FORMAT = 1

#: kind of main punishment -> units it may be given in (years and months are stored as months)
UNITS: dict[str, tuple[str | None, ...]] = {
    "imprisonment": ("months", "years"),
    "life_imprisonment": (None,),
    "restriction_of_freedom": ("months", "years"),
    "correctional_labor": ("months", "years", "mci"),
    "arrest": ("months", "days"),
    "fine": ("mci", "months_of_income", "times_bribe", "times_damage", "times_income", "times_amount"),
    "public_works": ("hours",),
}
ADDITIONAL_UNITS: dict[str, tuple[str | None, ...]] = {
    "deprivation_of_right": ("months", "years"),
    "forfeiture_of_property": (None,),
    "confiscation_of_materials": (None,),
    "deprivation_of_title": (None,),
    "expulsion": (None,),
    "deprivation_of_citizenship": (None,),
}
FACT_TYPES = ("bool", "int", "acts")
STATUSES = ("primary", "secondary")
OFFENCES = ("crime", "misdemeanour")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER = re.compile(r"^\d+(-\d+)*$")


def number_key(number: str) -> tuple[int, ...]:
    """Sort key of an article or part number: "3-1" comes after "3" and before "4"."""
    return tuple(int(x) for x in number.split("-"))


def parse(
    text: str, filename: str = "<dataset>", read: Callable[[str], str] | None = None
) -> tuple[Dataset | None, list[Problem]]:
    """Build the model from the text of a dataset file; return it and every problem found.

    A dataset may name further files under `include:` (paths relative to its own folder),
    each holding articles, chapters, facts, acts and age-of-liability entries of one code
    (`code: kz-cc-2014`); `read(path)` gives a file's text (the default reads it from disk).
    They are merged into the main file's data before it is checked, articles in number
    order, and every problem is reported at its place in the file it comes from.
    """
    data, problems = _load_yaml(text, filename)
    if problems:
        return None, problems
    texts = {filename: text}
    origins: dict[tuple, tuple[str, tuple]] = {}
    if isinstance(data, dict) and "include" in data:
        problems = _include(data, filename, read or _read_file, texts, origins)
        if problems:
            return None, problems
    reader = _Reader()
    dataset = reader.dataset(data, filename)
    if not reader.problems:
        return dataset, []
    by_file: dict[str, list[tuple[tuple, str, str]]] = {}
    for path, message, fix in reader.problems:
        where, inner = _origin(path, filename, origins)
        by_file.setdefault(where, []).append((inner, message, fix))
    located = []
    for where in texts:  # the main file first, then the included ones in `include` order
        if where in by_file:
            located.extend(_locate(texts[where], where, by_file[where]))
    return None, located


def _join(filename: str, relative: str) -> str:
    return str(Path(filename).parent / relative)


def _read_file(path: str) -> str:
    return Path(path).read_text(encoding="utf-8-sig")


def _load_yaml(text: str, filename: str) -> tuple[Any, list[Problem]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader), []  # noqa: S506 - a safe loader
    except ValueError as e:  # a scalar PyYAML reads as a date but no calendar has (2015-02-30)
        line = next((n for n, row in enumerate(text.splitlines(), 1) if _bad_date(row)), 1)
        return None, [Problem(filename, line, 1, f"not a valid date: {e}", "Write a real day as YYYY-MM-DD.")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return None, [
            Problem(
                filename,
                line,
                col,
                f"not valid YAML: {problem}",
                "Fix the YAML syntax at this place (indentation, quotes, colons).",
            )
        ]


_FRAGMENT_KEYS = ("format", "code", "chapters", "facts", "acts", "liability", "articles")


def _include(data: dict, filename: str, read, texts: dict, origins: dict) -> list[Problem]:
    """Merge the files named by `include:` into `data`; record where each merged item came from."""
    names = data.pop("include")
    main_problem = []

    def bad(where: str, path: tuple, message: str, fix: str) -> None:
        main_problem.extend(_locate(texts[where], where, [(path, message, fix)]))

    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        bad(filename, ("include",), "include must be a list of file paths", "Write include: [kz-cc-2014/ch01.yaml].")
        return main_problem
    codes = data.get("codes") if isinstance(data.get("codes"), list) else []
    by_id = {c.get("id"): (i, c) for i, c in enumerate(codes) if isinstance(c, dict)}
    merged: dict[int, list[tuple[Any, tuple[str, tuple] | None]]] = {}
    for k, name in enumerate(names):
        path = _join(filename, name)
        if path in texts:
            bad(filename, ("include", k), f"{name} is included twice", "Name each file once.")
            continue
        try:
            text = read(path)
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            bad(filename, ("include", k), f"cannot read the included file {name}: {reason}", "Fix the path.")
            continue
        texts[path] = text
        frag, problems = _load_yaml(text, path)
        if problems:
            main_problem.extend(problems)
            continue
        if not isinstance(frag, dict):
            bad(path, (), f"an included file must be a mapping, not {_kind(frag)}", "Start it with `code: ...`.")
            continue
        unknown = [key for key in frag if key not in _FRAGMENT_KEYS]
        for key in unknown:
            bad(
                path,
                (("key", key),),
                f"unknown key {key!r} in an included file",
                did_you_mean(str(key), _FRAGMENT_KEYS) or f"Use {', '.join(_FRAGMENT_KEYS)}.",
            )
        if frag.get("format", FORMAT) != FORMAT:
            bad(path, ("format",), f"format {frag.get('format')!r} is not supported", f"Write `format: {FORMAT}`.")
        if unknown or frag.get("format", FORMAT) != FORMAT:
            continue
        for key in ("facts", "acts"):
            items = frag.get(key) or []
            if not isinstance(items, list):
                bad(path, (key,), f"{key} must be a list", f"Write {key}: [] or a list of entries.")
                continue
            target = data.setdefault(key, [])
            if not isinstance(target, list):
                continue
            for j, item in enumerate(items):
                origins[(key, len(target))] = (path, (key, j))
                target.append(item)
        code_id = frag.get("code")
        if code_id not in by_id:
            bad(
                path,
                ("code",),
                f"code {code_id!r} is not in {Path(filename).name}",
                did_you_mean(str(code_id), [i for i in by_id if isinstance(i, str)]) or "Name one of its codes.",
            )
            continue
        ci, code = by_id[code_id]
        for key in ("chapters", "articles"):
            items = frag.get(key) or []
            if not isinstance(items, list):
                bad(path, (key,), f"{key} must be a list", f"Write {key}: [] or a list of entries.")
                continue
            if key == "chapters":
                target = code.setdefault("chapters", [])
                if isinstance(target, list):
                    for j, item in enumerate(items):
                        origins[("codes", ci, "chapters", len(target))] = (path, ("chapters", j))
                        target.append(item)
            else:
                merged.setdefault(ci, []).extend((item, (path, ("articles", j))) for j, item in enumerate(items))
        liability = frag.get("liability")
        if liability is not None:
            _merge_liability(liability, path, code, ci, origins, bad)
    for ci, extra in merged.items():
        code = codes[ci]
        own = code.get("articles") if isinstance(code.get("articles"), list) else []
        rows = [(item, None) for item in own] + extra
        rows.sort(key=lambda row: _article_key(row[0]))  # stable: the main file's order among equals
        code["articles"] = [item for item, _ in rows]
        for i, (_item, origin) in enumerate(rows):
            if origin is not None:
                origins[("codes", ci, "articles", i)] = origin
            else:
                origins.pop(("codes", ci, "articles", i), None)
    return main_problem


def _article_key(item: Any) -> tuple:
    number = item.get("article") if isinstance(item, dict) else None
    if isinstance(number, str) and _NUMBER.match(number):
        return (0, number_key(number))
    return (1, ())


def _merge_liability(liability: Any, path: str, code: dict, ci: int, origins: dict, bad) -> None:
    lower = liability.get("lower_ages") if isinstance(liability, dict) else None
    if not isinstance(liability, dict) or set(liability) - {"lower_ages"} or not isinstance(lower, list):
        bad(
            path,
            ("liability",),
            "liability in an included file holds only lower_ages",
            "Write liability: {lower_ages: [...]}.",
        )
        return
    main = code.get("liability")
    if not isinstance(main, dict):
        return  # the main file's own problem, reported there
    if main.get("lower_ages") is None:
        main["lower_ages"] = []
    ages = main["lower_ages"]
    if not isinstance(ages, list):
        return
    for i, entry in enumerate(lower):
        if (
            not isinstance(entry, dict)
            or set(entry) - {"age", "articles"}
            or not isinstance(entry.get("articles"), list)
        ):
            bad(
                path,
                ("liability", "lower_ages", i),
                "a lower age here is {age, articles}",
                "Write {age: 14, articles: [...]}.",
            )
            continue
        li = next((k for k, a in enumerate(ages) if isinstance(a, dict) and a.get("age") == entry.get("age")), None)
        if li is None:  # an age the main file does not list yet: a new entry, checked like any other
            li = len(ages)
            ages.append({"age": entry.get("age"), "articles": []})
            origins[("codes", ci, "liability", "lower_ages", li)] = (path, ("liability", "lower_ages", i))
        target = ages[li].setdefault("articles", [])
        for j, ref in enumerate(entry["articles"]):
            origins[("codes", ci, "liability", "lower_ages", li, "articles", len(target))] = (
                path,
                ("liability", "lower_ages", i, "articles", j),
            )
            target.append(ref)


def _origin(path: tuple, filename: str, origins: dict) -> tuple[str, tuple]:
    """The file and the path inside it of a problem found in the merged data."""
    for n in (7, 5, 4, 2):
        prefix = tuple(s[1] if isinstance(s, tuple) else s for s in path[:n])
        if len(path) >= n and prefix in origins:
            where, inner = origins[prefix]
            return where, inner + path[n:]
    return filename, path


def _locate(text: str, filename: str, found: list[tuple[tuple, str, str]]) -> list[Problem]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    problems = []
    for path, message, fix in found:
        node = root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                key_only = isinstance(step, tuple)
                name = step[1] if key_only else step
                match = next(((k, v) for k, v in node.value if k.value == name), None)
                if match is None:
                    break
                node = match[0] if key_only else match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                break
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        clean = tuple(s[1] if isinstance(s, tuple) else s for s in path)
        problems.append(Problem(filename, line, col, message, fix, clean))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


class _Reader:
    """One pass over the plain data: builds model objects and records (path, problem, fix)."""

    def __init__(self) -> None:
        self.problems: list[tuple[tuple, str, str]] = []
        self.numbers: dict[str, set[str]] = {}  # code id -> every article number met, built or not
        self.references: list[tuple[tuple, ArticleRef]] = []  # `replaces` entries, checked at the end
        self.vocabulary: Vocabulary | None = None
        self.chapter_refs: list[tuple[tuple, str]] = []  # (path, chapter) of the code being read

    # -- primitives ---------------------------------------------------------------

    def problem(self, path: tuple, message: str, fix: str = "") -> None:
        self.problems.append((path, message, fix))

    def mapping(
        self, value: Any, path: tuple, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.problem(
                path,
                f"{what} must be a mapping, not {_kind(value)}",
                f"Write it as `key: value` lines; see docs/dataset.md ({what}).",
            )
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.problem(
                    path + (("key", key),),
                    f"unknown key {key!r} in {what}",
                    did_you_mean(key, allowed) or f"Allowed keys: {', '.join(allowed)}.",
                )
        for key in required:
            if key not in value:
                self.problem(path, f"{what} has no {key!r}", f"Add `{key}:` here.")
        return value

    def seq(self, value: Any, path: tuple, what: str, *, empty_ok: bool = True) -> list:
        if value is None and empty_ok:
            return []
        if not isinstance(value, list):
            self.problem(path, f"{what} must be a list, not {_kind(value)}", "Write each item on a `- ` line.")
            return []
        if not value and not empty_ok:
            self.problem(path, f"{what} is empty", f"Give at least one item of {what}.")
        return value

    def text(self, value: Any, path: tuple, what: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"{what} must be text, not {_kind(value)}", f"Write {what} as a string.")
            return None
        return value.strip()

    def integer(self, value: Any, path: tuple, what: str, *, optional: bool = False) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(
                path,
                f"{what} must be a whole number of 0 or more, not {value!r}",
                f"Write {what} as a number such as 5.",
            )
            return None
        return value

    def boolean(self, value: Any, path: tuple, what: str, default: bool | None = None) -> bool | None:
        if value is None and default is not None:
            return default
        if not isinstance(value, bool):
            self.problem(path, f"{what} must be true or false, not {value!r}", f"Write `{what}: true` or `false`.")
            return default
        return value

    def date(self, value: Any, path: tuple, what: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.problem(
            path,
            f"{what} must be a date, not {value!r}",
            "Write dates as YYYY-MM-DD without quotes, such as 2015-01-01.",
        )
        return None

    def choice(self, value: Any, path: tuple, what: str, choices, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if value not in choices:
            hint = did_you_mean(value, [c for c in choices if c]) or ""
            self.problem(path, f"{what} {value!r} is not one of {', '.join(str(c) for c in choices)}", hint)
            return None
        return value

    def number(self, value: Any, path: tuple, what: str) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.problem(path, f"{what} {value} must be quoted text", f'Write it as "{value}".')
            return str(value)
        if not isinstance(value, str) or not _NUMBER.match(value):
            self.problem(path, f'{what} must be a number such as "120" or "3-1", not {value!r}', 'Quote it: "120".')
            return None
        return value

    def notes(self, value: Any, path: tuple) -> tuple[str, ...]:
        out = []
        for i, note in enumerate(self.seq(value, path, "notes")):
            text = self.text(note, path + (i,), "a note")
            if text:
                out.append(text)
        return tuple(out)

    def sources(self, value: Any, path: tuple, what: str, *, required: bool = True) -> tuple[Source, ...]:
        if value is None and required:
            self.problem(
                path[:-1], f"{what} has no sources", "Add `sources:` with the document and address this comes from."
            )
            return ()
        out = []
        for i, item in enumerate(self.seq(value, path, "sources", empty_ok=not required)):
            m = self.mapping(item, path + (i,), "a source", ("document", "address", "status"))
            if m is None:
                continue
            doc = self.text(m.get("document"), path + (i, "document"), "document")
            addr = self.text(m.get("address"), path + (i, "address"), "address")
            status = self.choice(m.get("status"), path + (i, "status"), "status", STATUSES)
            if doc and addr and status:
                out.append(Source(doc, addr, status))
        return tuple(out)

    # -- vocabulary and conditions ------------------------------------------------------

    def vocabulary_(self, facts: Any, acts: Any) -> Vocabulary:
        act_defs: list[ActDef] = []
        seen_acts: set[str] = set()
        for i, item in enumerate(self.seq(acts, ("acts",), "acts", empty_ok=False)):
            m = self.mapping(item, ("acts", i), "an act", ("name", "meaning"))
            if m is None:
                continue
            name = self._name(m.get("name"), ("acts", i, "name"), seen_acts, "act")
            meaning = self.text(m.get("meaning"), ("acts", i, "meaning"), "meaning")
            if name and meaning:
                act_defs.append(ActDef(name, meaning))
        raw = self.seq(facts, ("facts",), "facts", empty_ok=False)
        types = {f.get("name"): f.get("type") for f in raw if isinstance(f, dict) and isinstance(f.get("name"), str)}
        fact_defs: list[FactDef] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            p = ("facts", i)
            m = self.mapping(item, p, "a fact", ("name", "type", "meaning"), ("min", "max", "derived", "implies"))
            if m is None:
                continue
            name = self._name(m.get("name"), p + ("name",), seen, "fact")
            kind = self.choice(m.get("type"), p + ("type",), "type", FACT_TYPES)
            meaning = self.text(m.get("meaning"), p + ("meaning",), "meaning")
            lo = self.integer(m.get("min"), p + ("min",), "min", optional=True)
            hi = self.integer(m.get("max"), p + ("max",), "max", optional=True)
            if lo is not None and hi is not None and lo > hi:
                self.problem(p + ("min",), f"min {lo} is above max {hi}", "Swap them or fix the range.")
            derived = None
            if m.get("derived") is not None:
                d = self.mapping(m["derived"], p + ("derived",), "a derivation", ("fact",), tuple(COMPARISONS))
                ops = [k for k in (d or {}) if k in COMPARISONS]
                target = (d or {}).get("fact")
                operand = (d or {}).get(ops[0]) if len(ops) == 1 else None
                if (
                    d
                    and len(ops) == 1
                    and isinstance(target, str)
                    and types.get(target) == "int"
                    and isinstance(operand, int)
                    and not isinstance(operand, bool)
                ):
                    derived = Compare(target, ops[0], operand)
                elif d is not None:
                    self.problem(
                        p + ("derived",),
                        "a derivation compares one int fact with a whole number",
                        "Write it as {fact: victim_age, lt: 18}.",
                    )
            implies = []
            for j, other in enumerate(self.seq(m.get("implies"), p + ("implies",), "implies")):
                if not isinstance(other, str) or types.get(other) != "bool":
                    self.problem(
                        p + ("implies", j),
                        f"implies names {other!r}, which is not a bool fact",
                        did_you_mean(other, [n for n, t in types.items() if t == "bool"]),
                    )
                else:
                    implies.append(other)
            if name and kind and meaning:
                fact_defs.append(FactDef(name, kind, meaning, lo, hi, derived, tuple(implies)))
        vocabulary = Vocabulary(tuple(fact_defs), tuple(act_defs))
        self.vocabulary = vocabulary
        return vocabulary

    def _name(self, value: Any, path: tuple, seen: set[str], what: str) -> str | None:
        if not isinstance(value, str) or not _NAME.match(value):
            self.problem(path, f"{what} name must be snake_case text, not {value!r}", "Write it like victim_age.")
            return None
        if value in seen:
            self.problem(path, f"duplicate {what} {value!r}", f"Define each {what} once.")
            return None
        seen.add(value)
        return value

    def condition(self, value: Any, path: tuple) -> Condition | None:
        vocab = self.vocabulary
        assert vocab is not None
        if isinstance(value, str):
            fact = vocab.by_name.get(value)
            if fact is None:
                self.problem(
                    path,
                    f"condition names unknown fact {value!r}",
                    did_you_mean(value, vocab.by_name) or "Add it to `facts:` or use a defined fact.",
                )
                return None
            if fact.type != "bool":
                self.problem(
                    path,
                    f"{value} is a {fact.type} fact and cannot stand alone as a condition",
                    f"Compare it, e.g. {{fact: {value}, lt: 14}}.",
                )
                return None
            return FactIs(value)
        if not isinstance(value, dict) or not value:
            self.problem(
                path,
                f"a condition must be a fact name or a mapping, not {_kind(value)}",
                "Use a fact name, {all: [...]}, {any: [...]}, {not: ...}, {act: ...} or {fact: ..., lt: ...}.",
            )
            return None
        if "fact" in value:
            return self._compare(value, path)
        if len(value) != 1:
            self.problem(
                path,
                f"a condition has one key, not {', '.join(map(str, value))}",
                "Wrap several conditions in {all: [...]} or {any: [...]}.",
            )
            return None
        ((key, arg),) = value.items()
        if key in ("all", "any"):
            items = [
                self.condition(c, path + (key, i))
                for i, c in enumerate(self.seq(arg, path + (key,), key, empty_ok=False))
            ]
            if any(i is None for i in items) or not items:
                return None
            return (AllOf if key == "all" else AnyOf)(tuple(items))
        if key == "not":
            inner = self.condition(arg, path + ("not",))
            return Not(inner) if inner is not None else None
        if key == "act":
            names = arg if isinstance(arg, list) else [arg]
            if not names:
                self.problem(path + ("act",), "the act condition lists no act", "Name at least one act.")
                return None
            ok = True
            for i, name in enumerate(names):
                if not isinstance(name, str) or name not in vocab.act_names:
                    where = path + ("act", i) if isinstance(arg, list) else path + ("act",)
                    self.problem(
                        where,
                        f"condition names unknown act {name!r}",
                        did_you_mean(name, vocab.act_names) or "Add it to `acts:` or use a defined act.",
                    )
                    ok = False
            return ActIn(tuple(names)) if ok and names else None
        self.problem(
            path + (("key", key),),
            f"unknown condition {key!r}",
            did_you_mean(key, ("all", "any", "not", "act", "fact")) or "Use all, any, not, act or fact.",
        )
        return None

    def _compare(self, value: dict, path: tuple) -> Condition | None:
        vocab = self.vocabulary
        assert vocab is not None
        name = value["fact"]
        ops = [k for k in value if k not in ("fact", "unit")]
        unit = value.get("unit")
        if unit is not None and unit != "mci":
            self.problem(path + ("unit",), f"unknown comparison unit {unit!r}", "Write unit: mci, or leave it out.")
            return None
        fact = vocab.by_name.get(name) if isinstance(name, str) else None
        if fact is None:
            self.problem(
                path + ("fact",),
                f"condition names unknown fact {name!r}",
                did_you_mean(name, vocab.by_name) or "Add it to `facts:` or use a defined fact.",
            )
            return None
        if len(ops) != 1 or ops[0] not in COMPARISONS:
            self.problem(
                path,
                f"a comparison needs exactly one operator of {', '.join(COMPARISONS)}",
                "Write it as {fact: victim_age, lt: 14}.",
            )
            return None
        op, operand = ops[0], value[ops[0]]
        ok_type = (
            isinstance(operand, bool)
            if fact.type == "bool"
            else isinstance(operand, int) and not isinstance(operand, bool)
            if fact.type == "int"
            else False
        )
        if not ok_type or (fact.type == "bool" and op not in ("eq", "ne")):
            self.problem(
                path + (op,),
                f"cannot compare {fact.type} fact {name} with {op} {operand!r}",
                "Compare int facts with numbers; bool facts only with eq/ne true/false.",
            )
            return None
        if unit is not None and fact.type != "int":
            self.problem(
                path + ("unit",), f"{name} is a {fact.type} fact: only int facts compare in mci", "Leave unit out."
            )
            return None
        return Compare(name, op, operand, unit)

    # -- penalties, parts, versions, articles ------------------------------------------

    def penalty(self, value: Any, path: tuple) -> Penalty | None:
        m = self.mapping(value, path, "a penalty", ("alternatives",), ("additional",))
        if m is None:
            return None
        alternatives = []
        for i, item in enumerate(
            self.seq(m.get("alternatives"), path + ("alternatives",), "alternatives", empty_ok=False)
        ):
            alt = self.alternative(item, path + ("alternatives", i))
            if alt:
                alternatives.append(alt)
        kinds = {a.kind for a in alternatives}
        additional = []
        for i, item in enumerate(self.seq(m.get("additional"), path + ("additional",), "additional")):
            add = self.additional(item, path + ("additional", i), kinds)
            if add:
                additional.append(add)
        if not alternatives:
            return None
        return Penalty(tuple(alternatives), tuple(additional))

    def _range(self, m: dict, path: tuple, kind: str, units: dict) -> tuple[int | None, int | None, str | None, bool]:
        unit = m.get("unit")
        allowed = units.get(kind, ())
        ok = True
        if unit not in allowed:
            shown = ", ".join(str(u) for u in allowed if u) or "none (leave `unit` out)"
            self.problem(path + ("unit",), f"unit {unit!r} does not fit {kind}", f"Use {shown}.")
            ok = False
        lo = self.integer(m.get("min"), path + ("min",), "min", optional=True)
        hi = self.integer(m.get("max"), path + ("max",), "max", optional=True)
        if None in allowed and (lo is not None or hi is not None):
            self.problem(path, f"{kind} takes no min or max", "Remove min and max.")
            ok = False
        elif None not in allowed and hi is None and m.get("life") is not True:
            self.problem(path, f"{kind} has no max", "Give max (and min when the law states one).")
            ok = False
        if lo is not None and hi is not None and lo > hi:
            self.problem(path + ("min",), f"min {lo} is above max {hi}", "Swap them or fix the range.")
            ok = False
        if unit == "years":
            lo, hi, unit = (lo * 12 if lo is not None else None), (hi * 12 if hi is not None else None), "months"
        return lo, hi, unit, ok

    def alternative(self, value: Any, path: tuple) -> Alternative | None:
        m = self.mapping(value, path, "a penalty alternative", ("kind",), ("min", "max", "unit"))
        if m is None:
            return None
        kind = self.choice(m.get("kind"), path + ("kind",), "kind", tuple(UNITS))
        if kind is None:
            return None
        lo, hi, unit, ok = self._range(m, path, kind, UNITS)
        return Alternative(kind, lo, hi, unit) if ok else None

    def additional(self, value: Any, path: tuple, kinds: set[str]) -> Additional | None:
        m = self.mapping(
            value,
            path,
            "an additional punishment",
            ("kind", "mandatory"),
            ("min", "max", "unit", "life", "scope", "with", "when"),
        )
        if m is None:
            return None
        kind = self.choice(m.get("kind"), path + ("kind",), "kind", tuple(ADDITIONAL_UNITS))
        mandatory = self.boolean(m.get("mandatory"), path + ("mandatory",), "mandatory")
        life = self.boolean(m.get("life"), path + ("life",), "life", default=False)
        scope = self.text(m.get("scope"), path + ("scope",), "scope", optional=True)
        with_ = []
        for i, k in enumerate(self.seq(m.get("with"), path + ("with",), "with")):
            if not isinstance(k, str) or k not in kinds:
                self.problem(
                    path + ("with", i),
                    f"with names {k!r}, which is not an alternative of this penalty",
                    did_you_mean(k, kinds) or f"Use one of: {', '.join(sorted(kinds))}.",
                )
            else:
                with_.append(k)
        when = self.condition(m["when"], path + ("when",)) if m.get("when") is not None else None
        if kind is None or mandatory is None:
            return None
        if life:
            lo = hi = unit = None
            if kind != "deprivation_of_right":
                self.problem(path + ("life",), f"{kind} cannot be for life", "Remove `life`.")
            for key in ("min", "max", "unit"):
                if m.get(key) is not None:
                    self.problem(path + (key,), f"a lifetime {kind} takes no {key}", f"Remove `{key}` or `life`.")
        else:
            lo, hi, unit, ok = self._range(m, path, kind, ADDITIONAL_UNITS)
            if not ok:
                return None
        return Additional(kind, mandatory, lo, hi, unit, bool(life), scope, tuple(with_), when)

    def numbered(self, value: Any, path: tuple, what: str, read, number_of, duplicate_fix: str, order_fix: str):
        """Parts or articles: each read with the numbers met before it, none twice, in the code's order.

        Returns the built ones by number, and every number met (also of one that failed to build,
        so that a later reference to it is not reported as a second problem).
        """
        built: dict[str, Any] = {}
        seen: dict[str, None] = {}
        last: tuple[int, ...] = ()
        for i, item in enumerate(self.seq(value, path, f"{what}s", empty_ok=False)):
            thing = read(item, path + (i,), seen)
            if isinstance(item, dict) and isinstance(item.get(what), str):
                seen.setdefault(item[what], None)
            if thing is None:
                continue
            number = number_of(thing)
            if number in built:
                self.problem(path + (i, what), f"duplicate {what} {number}", duplicate_fix)
                continue
            if number_key(number) <= last:
                self.problem(path + (i, what), f"{what} {number} is out of order", order_fix)
            last = number_key(number)
            built[number] = thing
        return built, seen

    def part(self, value: Any, path: tuple, earlier: dict[str, None]) -> Part | None:
        m = self.mapping(
            value,
            path,
            "a part",
            ("part", "penalty"),
            ("circumstances", "elements", "qualifies", "offence", "sources", "notes", "negligent"),
        )
        if m is None:
            return None
        number = self.number(m.get("part"), path + ("part",), "part")
        penalty = self.penalty(m.get("penalty"), path + ("penalty",)) if "penalty" in m else None
        circumstances = []
        for i, item in enumerate(self.seq(m.get("circumstances"), path + ("circumstances",), "circumstances")):
            p = path + ("circumstances", i)
            c = self.mapping(item, p, "a circumstance", ("text", "when"), ("item", "penalty"))
            if c is None:
                continue
            item_no = c.get("item")
            if item_no is not None and (isinstance(item_no, bool) or not isinstance(item_no, str | int)):
                self.problem(
                    p + ("item",), f'item must be a label such as "a" or "1", not {item_no!r}', 'Write it as item: "a".'
                )
                item_no = None
            text = self.text(c.get("text"), p + ("text",), "text")
            when = self.condition(c.get("when"), p + ("when",)) if "when" in c else None
            own = self.penalty(c["penalty"], p + ("penalty",)) if c.get("penalty") is not None else None
            if text and when is not None:
                circumstances.append(Circumstance(None if item_no is None else str(item_no), text, when, own))
        elements = self.condition(m["elements"], path + ("elements",)) if m.get("elements") is not None else None
        qualifies: tuple[str, ...] | None = None
        if m.get("qualifies") is not None:
            raw = m["qualifies"]
            names = []
            for k, item in enumerate(raw if isinstance(raw, list) else [raw]):
                where = path + ("qualifies", k) if isinstance(raw, list) else path + ("qualifies",)
                name = self.number(item, where, "qualifies")
                if name is not None and name not in earlier:
                    self.problem(
                        where,
                        f"qualifies names part {name}, which is not an earlier part",
                        f"Name one of the parts above: {', '.join(earlier) or 'none'}.",
                    )
                elif name is not None:
                    names.append(name)
            if isinstance(raw, list) and not raw:
                self.problem(path + ("qualifies",), "qualifies lists no part", 'Name a part, such as "1".')
            qualifies = tuple(names) or None
        if circumstances and elements is not None:
            self.problem(
                path + ("elements",),
                "a part has either its own elements or circumstances, not both",
                "Put the aggravating facts under `circumstances` and the offence under `qualifies`.",
            )
        if not circumstances and m.get("qualifies") is not None:
            self.problem(
                path + ("qualifies",),
                "a part without circumstances cannot qualify another part",
                "List the circumstances that aggravate it.",
            )
        if circumstances and qualifies is None and m.get("qualifies") is None:
            qualifies = ("1",) if "1" in earlier else None
            if qualifies is None:
                self.problem(
                    path,
                    "an aggravated part needs a basic part 1 before it",
                    "Add part 1 or name the part it aggravates with `qualifies`.",
                )
        offence = self.choice(m.get("offence"), path + ("offence",), "offence", OFFENCES, optional=True)
        sources = self.sources(m.get("sources"), path + ("sources",), f"part {number}")
        notes = self.notes(m.get("notes"), path + ("notes",))
        negligent = self.boolean(m.get("negligent"), path + ("negligent",), "negligent", default=False)
        if number is None or penalty is None:
            return None
        return Part(
            number,
            penalty,
            tuple(circumstances),
            elements,
            qualifies if circumstances else None,
            offence,
            sources,
            notes,
            bool(negligent),
        )

    def version(self, value: Any, path: tuple) -> Version | None:
        m = self.mapping(
            value,
            path,
            "a version",
            ("title", "summary", "elements", "parts", "sources"),
            (
                "valid_from",
                "valid_to",
                "date_approximate",
                "law",
                "status",
                "notes",
                "amendments",
                "title_ru",
                "title_kk",
                "history",
                "checked",
                "wording_known_from",
            ),
        )
        if m is None:
            return None
        valid_from = self.date(m.get("valid_from"), path + ("valid_from",), "valid_from")
        known_from = self.date(m.get("wording_known_from"), path + ("wording_known_from",), "wording_known_from")
        valid_to = self.date(m.get("valid_to"), path + ("valid_to",), "valid_to")
        if valid_from and valid_to and valid_from > valid_to:
            self.problem(
                path + ("valid_to",),
                f"valid_to {valid_to} is before valid_from {valid_from}",
                "Fix the dates of this version.",
            )
        approximate = self.boolean(
            m.get("date_approximate"), path + ("date_approximate",), "date_approximate", default=False
        )
        law = self.text(m.get("law"), path + ("law",), "law", optional=True)
        status = self.choice(m.get("status", "primary"), path + ("status",), "status", STATUSES)
        title = self.text(m.get("title"), path + ("title",), "title")
        summary = self.text(m.get("summary"), path + ("summary",), "summary")
        elements = self.condition(m.get("elements"), path + ("elements",)) if "elements" in m else None
        parts, _ = self.numbered(
            m.get("parts"),
            path + ("parts",),
            "part",
            self.part,
            lambda p: p.part,
            "Give each part once.",
            "List the parts in the code's order (1, 2, 3, 3-1, 4).",
        )
        sources = self.sources(m.get("sources"), path + ("sources",), "the version")
        notes = self.notes(m.get("notes"), path + ("notes",))
        if None in (title, summary, elements, status) or not parts:
            return None
        amendments = tuple(
            a
            for i, item in enumerate(self.seq(m.get("amendments"), path + ("amendments",), "amendments"))
            if (a := self.amendment(item, path + ("amendments", i))) is not None
        )
        history = tuple(
            h
            for i, item in enumerate(self.seq(m.get("history"), path + ("history",), "history"))
            if (h := self.history_entry(item, path + ("history", i))) is not None
        )
        checked = self.checked(m["checked"], path + ("checked",)) if m.get("checked") is not None else None
        return Version(
            title,
            summary,
            elements,
            tuple(parts.values()),
            valid_from,
            valid_to,
            bool(approximate),
            law,
            status,
            sources,
            notes,
            amendments,
            self.text(m.get("title_ru"), path + ("title_ru",), "title_ru", optional=True),
            self.text(m.get("title_kk"), path + ("title_kk",), "title_kk", optional=True),
            history,
            checked,
            known_from,
        )

    def history_entry(self, value: Any, path: tuple) -> HistoryEntry | None:
        m = self.mapping(value, path, "a footnote law", ("law",), ("in_force", "date_approximate", "text"))
        if m is None:
            return None
        law = self.text(m.get("law"), path + ("law",), "law")
        day = self.date(m.get("in_force"), path + ("in_force",), "in_force")
        approximate = self.boolean(
            m.get("date_approximate"), path + ("date_approximate",), "date_approximate", default=False
        )
        text = self.text(m.get("text"), path + ("text",), "text", optional=True)
        if law is None:
            return None
        return HistoryEntry(law, day, bool(approximate), text or "")

    def checked(self, value: Any, path: tuple) -> Checked | None:
        m = self.mapping(value, path, "checked", ("edition", "commit"), ("readings",))
        if m is None:
            return None
        edition = self.date(m.get("edition"), path + ("edition",), "edition")
        commit = self.text(m.get("commit"), path + ("commit",), "commit")
        readings = self.integer(m.get("readings", 1), path + ("readings",), "readings")
        if commit is not None and not re.fullmatch(r"[0-9a-f]{7,40}", commit):
            self.problem(path + ("commit",), f"commit {commit!r} is not a git commit id", "Write the 40 hex digits.")
        if readings is not None and readings < 1:
            self.problem(path + ("readings",), "readings must be 1 or more", "Write readings: 1 (or 2 once checked).")
        if None in (edition, commit, readings):
            return None
        return Checked(edition, commit, readings)

    def chapters(self, value: Any, path: tuple) -> tuple[Chapter, ...]:
        out: dict[str, Chapter] = {}
        for i, item in enumerate(self.seq(value, path, "chapters")):
            p = path + (i,)
            m = self.mapping(item, p, "a chapter", ("chapter", "title"), ("title_ru", "title_kk", "articles"))
            if m is None:
                continue
            number = self.number(m.get("chapter"), p + ("chapter",), "chapter")
            title = self.text(m.get("title"), p + ("title",), "title")
            if number in out:
                self.problem(p + ("chapter",), f"duplicate chapter {number}", "Give each chapter once.")
                continue
            if number is None or title is None:
                continue
            out[number] = Chapter(
                number,
                title,
                self.text(m.get("title_ru"), p + ("title_ru",), "title_ru", optional=True),
                self.text(m.get("title_kk"), p + ("title_kk",), "title_kk", optional=True),
                self.text(m.get("articles"), p + ("articles",), "articles", optional=True) or "",
            )
        return tuple(sorted(out.values(), key=lambda c: number_key(c.number)))

    def amendment(self, value: Any, path: tuple) -> Amendment | None:
        m = self.mapping(
            value, path, "an amendment", ("law", "date", "text", "sources"), ("date_approximate", "status")
        )
        if m is None:
            return None
        law = self.text(m.get("law"), path + ("law",), "law")
        day = self.date(m.get("date"), path + ("date",), "date")
        if day is None and "date" in m:
            self.problem(path + ("date",), "an amendment needs the day it took effect", "Write date: YYYY-MM-DD.")
        text = self.text(m.get("text"), path + ("text",), "text")
        approximate = self.boolean(
            m.get("date_approximate"), path + ("date_approximate",), "date_approximate", default=False
        )
        status = self.choice(m.get("status", "secondary"), path + ("status",), "status", STATUSES)
        sources = self.sources(m.get("sources"), path + ("sources",), "the amendment")
        if None in (law, day, text, status):
            return None
        return Amendment(law, day, text, bool(approximate), status, sources)

    def article(self, value: Any, path: tuple) -> Article | None:
        m = self.mapping(
            value, path, "an article", ("article", "versions"), ("replaces", "earlier_wording_encoded", "chapter")
        )
        if m is None:
            return None
        number = self.number(m.get("article"), path + ("article",), "article")
        versions: list[Version] = []
        for i, item in enumerate(self.seq(m.get("versions"), path + ("versions",), "versions", empty_ok=False)):
            v = self.version(item, path + ("versions", i))
            if v is None:
                continue
            if versions:
                prev = versions[-1]
                if v.valid_from is None or (prev.valid_from and v.valid_from <= prev.valid_from):
                    self.problem(
                        path + ("versions", i, "valid_from"),
                        "each later version needs a valid_from after the one before",
                        "List versions oldest first, each with its date of entry into force.",
                    )
                elif prev.valid_to and prev.valid_to >= v.valid_from:
                    self.problem(
                        path + ("versions", i - 1, "valid_to"),
                        f"this version overlaps the next one (from {v.valid_from})",
                        "End it the day before the next version starts, or leave valid_to out.",
                    )
            versions.append(v)
        replaces = []
        for i, item in enumerate(self.seq(m.get("replaces"), path + ("replaces",), "replaces")):
            r = self.mapping(item, path + ("replaces", i), "a reference", ("code", "article"))
            if r is not None:
                art = self.number(r.get("article"), path + ("replaces", i, "article"), "article")
                code = self.text(r.get("code"), path + ("replaces", i, "code"), "code")
                if art and code:
                    replaces.append(ArticleRef(code, art))
                    self.references.append((path + ("replaces", i), ArticleRef(code, art)))
        if number is None or not versions:
            return None
        earlier = self.boolean(
            m.get("earlier_wording_encoded"), path + ("earlier_wording_encoded",), "earlier_wording_encoded", True
        )
        chapter = self.number(m["chapter"], path + ("chapter",), "chapter") if "chapter" in m else None
        if chapter is not None:
            self.chapter_refs.append((path + ("chapter",), chapter))
        return Article(number, tuple(versions), tuple(replaces), bool(earlier), chapter)

    def code(self, value: Any, path: tuple) -> Code | None:
        m = self.mapping(
            value,
            path,
            "a code",
            ("id", "title", "in_force", "edition", "sources", "liability", "articles"),
            ("general_part", "chapters"),
        )
        if m is None:
            return None
        self.chapter_refs = []
        chapters = self.chapters(m.get("chapters"), path + ("chapters",))
        code_id = self.text(m.get("id"), path + ("id",), "id")
        title = self.text(m.get("title"), path + ("title",), "title")
        edition = self.text(m.get("edition"), path + ("edition",), "edition")
        in_force = self.mapping(m.get("in_force"), path + ("in_force",), "in_force", ("from",), ("to",)) or {}
        start = self.date(in_force.get("from"), path + ("in_force", "from"), "from")
        if start is None and "from" in in_force:
            self.problem(path + ("in_force", "from"), "in_force has no start date", "Write from: YYYY-MM-DD.")
        end = self.date(in_force.get("to"), path + ("in_force", "to"), "to")
        if start and end and start > end:
            self.problem(
                path + ("in_force", "to"), f"the code ends ({end}) before it starts ({start})", "Fix in_force."
            )
        sources = self.sources(m.get("sources"), path + ("sources",), "the code")
        articles, seen = self.numbered(
            m.get("articles"),
            path + ("articles",),
            "article",
            lambda item, p, _seen: self.article(item, p),
            lambda a: a.number,
            "Give each article once; put its wordings under `versions`.",
            "List the articles in the code's order.",
        )
        known_chapters = {c.number for c in chapters}
        for where, number in self.chapter_refs:
            if number not in known_chapters:
                self.problem(
                    where,
                    f"chapter {number} is not among the code's chapters",
                    did_you_mean(number, known_chapters) or "Add it to the code's `chapters:` list.",
                )
        liability = self.liability(m.get("liability"), path + ("liability",), seen)
        if code_id:
            self.numbers[code_id] = seen
        if None in (code_id, title, edition, start, liability):
            return None
        general = None
        if m.get("general_part") is not None:
            from kzlaw.reader_general import general_part

            general = general_part(self, m["general_part"], path + ("general_part",), seen)
        return Code(
            code_id, title, start, end, edition, liability, tuple(articles.values()), sources, general, chapters
        )

    def article_refs(
        self,
        value: Any,
        path: tuple,
        *,
        items: bool = False,
        known: set[str] | dict | None = None,
        dated: list | None = None,
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A list of {article, parts} (and, where `items`, item labels, checked but not kept).

        With `known` (the age-of-liability list), each article must be one of the code's.
        """
        out = []
        for i, item in enumerate(self.seq(value, path, "articles")):
            m = self.mapping(
                item,
                path + (i,),
                "an article reference",
                ("article",),
                ("parts", "items") if items else ("parts", "from", "to") if dated is not None else ("parts",),
            )
            if m is None:
                continue
            number = self.number(m.get("article"), path + (i, "article"), "article")
            if known is not None and number is not None and number not in known:
                self.problem(
                    path + (i, "article"),
                    f"the age-of-liability list names article {number}, which is not in this code",
                    "Encode the article or move it to `not_encoded`.",
                )
            for k, label in enumerate(self.seq(m.get("items"), path + (i, "items"), "items") if items else ()):
                if not isinstance(label, str) or not label.strip():
                    self.problem(
                        path + (i, "items", k),
                        f'an item must be a quoted label such as "2", not {label!r}',
                        'Write items: ["2"].',
                    )
            parts = tuple(
                n
                for k, x in enumerate(self.seq(m.get("parts"), path + (i, "parts"), "parts"))
                if (n := self.number(x, path + (i, "parts", k), "part")) is not None
            )
            if number is not None:
                out.append((number, parts))
                if dated is not None:
                    first = self.date(m.get("from"), path + (i, "from"), "from")
                    last = self.date(m.get("to"), path + (i, "to"), "to")
                    if first is not None and last is not None and last < first:
                        self.problem(path + (i, "to"), f"`to` {last} is before `from` {first}", "Swap the days.")
                    dated.append((first, last))
        return tuple(out)

    def liability(self, value: Any, path: tuple, articles: set[str]) -> Liability | None:
        m = self.mapping(value, path, "liability", ("general_age", "sources"), ("lower_ages", "notes"))
        if m is None:
            return None
        general = self.integer(m.get("general_age"), path + ("general_age",), "general_age")
        lowers = []
        for i, item in enumerate(self.seq(m.get("lower_ages"), path + ("lower_ages",), "lower_ages")):
            p = path + ("lower_ages", i)
            low = self.mapping(item, p, "a lower age", ("age", "articles"), ("not_encoded",))
            if low is None:
                continue
            age = self.integer(low.get("age"), p + ("age",), "age")
            if age is not None and general is not None and age >= general:
                self.problem(
                    p + ("age",),
                    f"lower age {age} is not below the general age {general}",
                    "Give an age below general_age.",
                )
            spans: list = []
            refs = self.article_refs(low.get("articles"), p + ("articles",), known=articles, dated=spans)
            not_encoded = self.text(low.get("not_encoded"), p + ("not_encoded",), "not_encoded", optional=True)
            if age is not None:
                spans_kept = tuple(spans) if any(s != (None, None) for s in spans) else ()
                lowers.append(LowerAge(age, tuple(refs), not_encoded or "", spans_kept))
        sources = self.sources(m.get("sources"), path + ("sources",), "liability")
        notes = self.notes(m.get("notes"), path + ("notes",))
        if general is None:
            return None
        return Liability(general, tuple(lowers), sources, notes)

    def dataset(self, data: Any, filename: str) -> Dataset | None:
        m = self.mapping(data, (), "the dataset", ("format", "facts", "acts", "codes"), ("mci", "include"))
        if m is None:
            return None
        if type(m.get("format")) is not int or m.get("format") != FORMAT:
            self.problem(("format",), f"format {m.get('format')!r} is not supported", f"Write `format: {FORMAT}`.")
        vocabulary = self.vocabulary_(m.get("facts"), m.get("acts"))
        codes: dict[str, Code] = {}
        for i, item in enumerate(self.seq(m.get("codes"), ("codes",), "codes", empty_ok=False)):
            code = self.code(item, ("codes", i))
            if code is None:
                continue
            if code.id in codes:
                self.problem(("codes", i, "id"), f"duplicate code {code.id}", "Give each code once.")
                continue
            codes[code.id] = code
        for where, ref in self.references:
            if ref.article not in self.numbers.get(ref.code, ()):
                self.problem(
                    where,
                    f"replaces names {ref.article}@{ref.code}, which is not in the dataset",
                    "Name an encoded article of another code.",
                )
        mci = ()
        if m.get("mci") is not None:
            from kzlaw.reader_general import mci_rates

            mci = mci_rates(self, m["mci"], ("mci",))
        return Dataset(filename, vocabulary, tuple(codes.values()), mci)


_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


def _bad_date(row: str) -> bool:
    for y, m, d in _DATE.findall(row.split("#", 1)[0]):
        try:
            dt.date(int(y), int(m), int(d))
        except ValueError:
            return True
    return False


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number"}.get(
        type(value), type(value).__name__
    )
