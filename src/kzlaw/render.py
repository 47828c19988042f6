"""Assessments and articles for a person: rich tables on a terminal, plain columns in a pipe.

The one module that imports rich. Colour only on a terminal; NO_COLOR is honoured
by rich itself.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kzlaw import text as words
from kzlaw.engine import Assessment, unencoded_on, version_ends
from kzlaw.model import Article, Code, Dataset, Version


class _Console(Console):
    def print(self, *objects: Any, **options: Any) -> None:
        """On a terminal, a line that starts with spaces keeps them on its wrapped lines too."""
        if len(objects) == 1 and not self.soft_wrap and isinstance(objects[0], str | Text):
            line = objects[0]
            plain = line.plain if isinstance(line, Text) else line
            lead = len(plain) - len(plain.lstrip(" "))
            if 0 < lead < len(plain):
                objects = (Padding(line[lead:], (0, 0, 0, lead)),)
        super().print(*objects, **options)

    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; the CLI ends a closed pipe quietly, the same way for every command
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return _Console(
        file=stream,
        highlight=False,
        soft_wrap=not tty,
        width=None if tty else 200,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
    )


def _table(out: Console, *columns: str) -> Table:
    fancy = out.is_terminal
    table = Table(
        box=box.SIMPLE_HEAD if fancy else None,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if fancy else "",
        expand=False,
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _whole_words(table: Table) -> Table:
    """Each column at least as wide as its longest word (up to 16 characters), so a narrow
    terminal wraps cells between words instead of splitting "years" into "yea" and "rs"."""
    for column in table.columns:
        texts = [str(column.header), *(str(c) for c in column._cells)]
        longest = max((len(w) for t in texts for w in t.split()), default=1)
        column.min_width = min(16, longest)
    return table


def _width(table: Table) -> int:
    """The narrowest the table can be printed without splitting a word."""
    return sum(c.min_width or 1 for c in table.columns) + 2 * (len(table.columns) - 1)


def _comparison_lines(out: Console, result, kinds, table: Table) -> None:
    """The comparison one part a line, for a terminal too narrow for its columns."""
    heads = [str(c.header) for c in table.columns]
    rows = list(zip(*(c._cells for c in table.columns), strict=True))
    for cells in rows:
        label, part, *rest = (str(c) for c in cells)
        said = [h if c == "yes" else f"{h} {c}" for h, c in zip(heads[2:], rest, strict=True) if c != "-"]
        out.print(Text.assemble((f"Art. {label} part {part}: ", "bold"), "; ".join(said)))


def version_line(code: Code, article: Article, version: Version) -> str:
    """ "in force 2010-01-01 to 2010-12-08 (Law ...; date approximate; secondary source)"."""
    start, end = version_ends(code, article)[article.versions.index(version)]
    if end is None and version.amendments:
        # not "to today": the dataset knows the wording was changed later (the warnings say how)
        n = len(version.amendments)
        said = [f"in force from {start}, changed later by {n} law{'s' if n > 1 else ''} not encoded (see the warnings)"]
    else:
        said = [f"in force {start} to {end or 'today'}"]
    extra = [version.law] if version.law else []
    if version.date_approximate:
        extra.append("date approximate")
    if version.status == "secondary":
        extra.append("wording from a secondary source")
    if version.wording_known_from and version.wording_known_from != start:
        extra.append(f"the text is known from {version.wording_known_from} only: it stands in for the earlier days")
    if extra:
        said.append(f"({'; '.join(extra)})")
    return " ".join(said)


BRIEF_BEYOND = 3  # more matches than this are listed one line each unless --explain
NOT_ENCODED_SHOWN = 12  # articles named in the text; the JSON lists every one


def assessment(out: Console, result: Assessment, dataset: Dataset, explain: bool | None = None) -> None:
    code = result.code
    on = f" on {result.date}" if result.date else ""
    out.print(Text(f"{code.title} ({code.id}){on}", style="bold"))
    if result.not_encoded:
        shown = result.not_encoded[:NOT_ENCODED_SHOWN]
        names = ", ".join(a.number for a in shown)
        rest = len(result.not_encoded) - len(shown)
        if rest:  # the whole list is in --json (`not_encoded`); the reachable ones follow below
            names += f" and {rest} more (`--json` lists them)"
        out.print(
            Text(
                f"Not assessed: the wording of Arts. {names} in force on {result.date} is not in the "
                "dataset (only later wordings are encoded).",
                style="yellow",
            )
        )
    if result.reachable:
        said = "; ".join(
            f"Art. {a.number} ({a.versions[0].title}, encoded from {version_ends(code, a)[0][0]})"
            for a in result.reachable
        )
        its, it = ("its", "it was") if len(result.reachable) == 1 else ("their", "they were")
        out.print(
            Text(
                f"Incomplete: these facts may fall under {said}; {its} wording of {result.date} is not "
                f"in the dataset, so {it} not assessed.",
                style="yellow",
            )
        )
    if not result.matches:
        out.print(
            "No encoded article applies to these facts." if result.reachable else "No article applies to these facts."
        )
        return
    brief = explain is False or (explain is None and len(result.matches) > BRIEF_BEYOND)
    if brief:
        _brief(out, result)
        return
    for m in result.matches:
        article = code.by_number[m.article]
        head = Text(f"\nArt. {m.article} part {m.part}  {m.title}", style="bold cyan")
        head.append(*_verdict(m))
        out.print(head)
        if m.status == "possible":
            out.print("  Possible: the article's elements depend on facts not given.")
        out.print(f"  Penalty: {words.penalty(m.penalty, m.additional)}")
        if m.sanction is not None:
            item = f"item {m.sanction.item}" if m.sanction.item else m.sanction.text
            out.print(f"  The part's {item} carries its own sanction, and it holds: that sanction applies.")
        if m.circumstances:
            out.print(f"  Part {m.part} because: {'; '.join(m.circumstances)} ({', '.join(m.because)})")
        elif m.because:
            out.print(f"  Because: {_facts_said(m.because, result.facts)}")
        out.print(f"  Liability: {_liability(m.liable, m.min_age, result.facts.get('offender_age'))}")
        if m.general is not None:
            _steps(out, m.general)
        if m.missing:
            out.print(f"  What would change this: {_missing(m.missing, dataset)}")
        out.print(Text(f"  Version: {version_line(code, article, m.version)}", style="dim"))
        if m.assumed:
            out.print(Text(f"  Warning: {m.assumed}", style="yellow"))
        for a in m.warnings:
            out.print(
                Text(
                    f"  Warning: changed later by {a.law} (from {'about ' if a.date_approximate else ''}"
                    f"{a.date}; known from {a.status} sources, not encoded): {a.text}",
                    style="yellow",
                )
            )


def _verdict(m) -> tuple[str, str]:
    """The match's verdict as shown: whether it applies and, when the offender is too young, that."""
    if m.liable is False:
        return f"  [{m.status}; not liable]", "red"
    return f"  [{m.status}]", "green" if m.status == "applies" else "yellow"


def _brief(out: Console, result: Assessment) -> None:
    """One line a match: article, part, verdict, penalty (adjusted where the General Part applies)."""
    for m in result.matches:
        head = Text(f"Art. {m.article} part {m.part}  {m.title}", style="bold cyan")
        head.append(*_verdict(m))
        penalty = m.general.penalty if m.general is not None else m.penalty
        head.append(f"  {words.penalty(penalty, m.additional)}")
        out.print(head)
        if m.warnings or m.assumed:  # never silent about a wording that may not be the day's
            why = "wording of that day not in the sources" if m.assumed else "changed later by a law not encoded"
            out.print(Text(f"  Warning: {why} (--explain says more)", style="yellow"))
    applies = sum(m.status == "applies" for m in result.matches)
    out.print(
        Text(
            f"\n{len(result.matches)} matched ({applies} apply, {len(result.matches) - applies} possible). "
            "Add facts (an --act narrows the most), or --explain for the reasoning of each.",
            style="dim",
        )
    )


def _steps(out: Console, adjusted) -> None:
    """The General Part steps in order, each with its article and the range after it."""
    out.print("  General Part:")
    for n, step in enumerate(adjusted.steps[1:], start=1):
        line = Text(f"    {n}. {step.step}: ", style="bold")
        line.append(step.text)
        if step.article:
            line.append(f"  [{step.article}]", style="dim")
        out.print(line)
        if step.penalty is not None and step.step not in ("special_part",):
            out.print(f"       -> {words.penalty(step.penalty) or 'no punishment of this part (see the step)'}")
    if not adjusted.punishable:
        out.print("  Result: not punishable at this stage.")


def _facts_said(names: tuple[str, ...], facts: dict) -> str:
    """ "act=insult, violence" : the facts that made the elements hold, with their values."""
    said = []
    for name in names:
        value = facts.get(name)
        said.append(name if value is True else f"{name}={','.join(value) if isinstance(value, list) else value}")
    return ", ".join(said)


def _liability(liable: bool | None, min_age: int, age: Any) -> str:
    if liable is None:
        return f"liable from age {min_age}; the offender's age is not given (--offender-age)"
    if liable:
        return f"liable (age {age}, liability from {min_age})"
    return f"NOT liable: age {age} is under {min_age} (Art. 15)"


def _missing(names: tuple[str, ...], dataset: Dataset) -> str:
    vocab = dataset.vocabulary.by_name
    shown = []
    for name in names[:6]:
        fact = vocab.get(name)
        hint = f" ({fact.derived.fact})" if fact is not None and fact.derived is not None else ""
        shown.append(f"{name}{hint}")
    more = f", and {len(names) - 6} more" if len(names) > 6 else ""
    return ", ".join(shown) + more


def articles(out: Console, code: Code, rows: list[tuple[Article, Version | None]], date=None) -> None:
    out.print(Text(f"{code.title} ({code.id})", style="bold"))
    table = _table(out, "article", "title", "from age", "parts", "versions")
    for article, version in rows:
        title = version.title if version else f"{article.latest.title} (not in force)"
        if version is None and unencoded_on(code, article, date):
            title = f"{article.latest.title} (in force; its wording of {date} is not encoded)"
        table.add_row(
            article.number,
            title,
            str(code.liability.min_age(article.number)),
            str(len((version or article.latest).parts)),
            str(len(article.versions)),
        )
    out.print(table)


def article(out: Console, dataset: Dataset, code: Code, art: Article, version: Version) -> None:
    out.print(Text(f"Art. {art.number}. {version.title}", style="bold cyan"))
    for official in (version.title_ru, version.title_kk):
        if official:
            out.print(Text(official, style="cyan"))
    out.print(f"{code.title} ({code.id})")
    chapter = next((c for c in code.chapters if c.number == art.chapter), None)
    if chapter is not None:
        out.print(f"Special Part, chapter {chapter.number}: {chapter.title}")
    out.print(version.summary)
    ages = {code.liability.min_age(art.number, p.part) for p in version.parts}
    out.print(f"Liability from age {min(ages)}" + (" (depends on the part)" if len(ages) > 1 else ""))
    out.print(Text(f"Version: {version_line(code, art, version)}", style="dim"))
    from kzlaw.general import category_of

    table = _table(out, "part", "circumstances", "penalty", "category")
    for part in version.parts:
        circ = "; ".join(f"{c.item + ') ' if c.item else ''}{c.text}" for c in part.circumstances)
        if part.qualifies and part.qualifies != ("1",):
            circ = f"(acts of part {' or '.join(part.qualifies)}) {circ}"
        if not part.circumstances:
            circ = "basic offence" + (" (own elements)" if part.elements is not None else "")
        category = category_of(code, part, None)[0]
        table.add_row(part.part, circ, words.penalty(part.penalty), (category or "").replace("_", " "))
        for c in part.circumstances:
            if c.penalty is not None:
                own = category_of(code, part.with_sanction_of(c), None)[0]
                label = f"item {c.item}" if c.item else c.text
                table.add_row(
                    "", f"  {label}: its own sanction", words.penalty(c.penalty), (own or "").replace("_", " ")
                )
    out.print(table)
    if len(art.versions) > 1:
        out.print(Text("Versions", style="bold"))
        for v in art.versions:
            mark = " <- shown" if v is version else ""
            out.print(f"  {version_line(code, art, v)}{mark}")
    if version.amendments:
        out.print(Text("Later changes known but not encoded", style="bold yellow"))
        for a in version.amendments:
            out.print(f"  {a.law}, from {'about ' if a.date_approximate else ''}{a.date} ({a.status}): {a.text}")
    if version.history:
        out.print(Text("Amended by (the article's footnote)", style="bold"))
        for h in version.history:
            day = f", in force {'about ' if h.date_approximate else ''}{h.in_force}" if h.in_force else ""
            out.print(f"  {h.law}{day}" + (f": {h.text}" if h.text else ""))
    links = [f"replaces Art. {r.article} of {r.code}" for r in art.replaces]
    links += [f"continued by Art. {r.article} of {r.code}" for r in dataset.successors(code.id, art.number)]
    if links:
        out.print(Text("Between the codes: ", style="bold") + Text("; ".join(links)))
    out.print(Text("Sources", style="bold"))
    for s in version.sources:
        out.print(f"  {s.document}, {s.address} ({s.status})")
    if version.checked is not None:
        c = version.checked
        readings = "one reading" if c.readings == 1 else f"{c.readings} independent readings"
        out.print(f"  Checked against the official edition of {c.edition} (commit {c.commit[:7]}), {readings}")
    notes = list(version.notes) + [f"part {p.part}: {n}" for p in version.parts for n in p.notes]
    if notes:
        out.print(Text("Notes", style="bold"))
        for n in notes:
            out.print(f"  - {n}")


def facts(out: Console, dataset: Dataset, only: tuple[set[str], set[str]] | None = None) -> None:
    names, acts = only if only is not None else (None, None)
    table = _table(out, "fact", "type", "meaning")
    for f in dataset.vocabulary.facts:
        if names is not None and f.name not in names:
            continue
        kind = f.type + (f" {f.min}..{f.max}" if f.type == "int" and f.max is not None else "")
        if f.derived:
            kind += ", derived"
        table.add_row(f.name, kind, f.meaning)
    out.print(table)
    table = _table(out, "act", "meaning")
    for a in dataset.vocabulary.acts:
        if acts is None or a.name in acts:
            table.add_row(a.name, a.meaning)
    out.print(table)
    from kzlaw.sentencing import circumstances_json

    listed = circumstances_json(dataset)
    if listed:
        table = _table(out, "circumstance", "kind", "article", "meaning")
        for c in listed:
            where = f"{c['code']} Art. {c['article']}" + (
                f"(1) item {c['item']}" if c["item"] is not None else f"({c['part']})"
            )
            table.add_row(c["name"], c["kind"], where, c["text"] + (" (from the facts)" if c["derived"] else ""))
        out.print(table)


def progress(lines, total: int):
    """A progress bar on stderr over an iterator of lines: (the Progress, the wrapped iterator)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("assessing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    bar.start()
    task = bar.add_task("lines", total=total)

    def advance():
        for n, line in enumerate(lines, 1):
            yield line
            if n % 500 == 0 or n == total:
                bar.update(task, completed=n)

    return bar, advance()


def search(out: Console, hits: list, query: list[str]) -> None:
    from kzlaw.search import highlight_terms

    if not hits:
        out.print(f"No article matches {' '.join(query)!r}.")
        return
    table = _table(out, "code", "article", "title", "score")
    for hit in hits:
        title = Text(hit.title)
        for term in highlight_terms(hit):
            title.highlight_words([term], style="bold yellow", case_sensitive=False)
        table.add_row(hit.code, hit.article, title, f"{hit.score:.1f}")
    out.print(table)


def comparison(out: Console, result) -> None:
    from kzlaw.compare import chart

    kinds = result.kinds()
    table = _table(out, "article", "part", *(words.KINDS[k] for k in kinds), "additional", "max imprisonment")
    for group in result.groups():
        for row in group:
            cells = []
            for kind in kinds:
                alts = [a for a in row.penalty.alternatives if a.kind == kind]
                cells.append("; ".join(words.span(a.min, a.max, a.unit) or "yes" for a in alts) or "-")
            extra = "; ".join(words.additional_short(a) for a in row.penalty.additional) or "-"
            most = "life" if row.life else (words.months(row.max_imprisonment) if row.max_imprisonment else "-")
            same = [r for r in result.rows if r.article == row.article and r.code == row.code]
            if len({r.valid_from for r in same}) > 1:
                label = row.label
            else:  # the code beside the number only when the rows come from more than one code
                label = f"{row.article} ({row.code})" if len({r.code for r in result.rows}) > 1 else row.article
            table.add_row(label, row.part, *cells, extra, most)
    _whole_words(table)
    if out.is_terminal and _width(table) > out.width:
        _comparison_lines(out, result, kinds, table)
    else:
        out.print(table)
    for group in result.groups():
        first = group[0]
        end = first.valid_to or "today"
        law = f", {first.version.law}" if first.version.law else ""
        approx = ", date approximate" if first.version.date_approximate else ""
        out.print(
            Text(
                f"Art. {first.article} ({first.code}): {first.title}; wording in force {first.valid_from} "
                f"to {end}{law}{approx}",
                style="dim",
            )
        )
        for a in first.warnings:
            out.print(
                Text(
                    f"  Warning: Art. {first.article} was changed later by {a.law} (from "
                    f"{'about ' if a.date_approximate else ''}{a.date}; known from {a.status} sources, not "
                    f"encoded): {a.text}",
                    style="yellow",
                )
            )
    lines = chart(result, width=min(60, max(20, (out.width or 100) - 60)))
    if lines:
        out.print(Text("\nImprisonment (█ from minimum to maximum, ▒ up to the maximum)", style="bold"))
        for line in lines:
            out.print(line, markup=False, highlight=False)


def sentence(out: Console, result) -> None:
    """`kzlaw sentence`: the offences and the total in one table, then each one's steps, numbered."""
    head = f"{result.code.title} ({result.code.id})" + (f" on {result.date}" if result.date else "")
    out.print(head)
    table = _table(out, "offence", "category", "Special Part", "after the General Part")
    for o in result.offences:
        table.add_row(
            f"Art. {o.article} part {o.part}",
            o.category or "",
            words.penalty(o.penalty),
            words.penalty(o.adjusted.penalty) or "not punishable",
        )
    t = result.total
    table.add_row("total", t.rule, t.article, words.penalty(t.penalty) or "no punishment", style="bold")
    out.print(table)
    for o in result.offences:
        out.print(Text(f"Art. {o.article} part {o.part}", style="bold"))
        _steps(out, o.adjusted)
    out.print(Text("Total", style="bold"))
    for n, step in enumerate(t.steps, start=1):
        line = Text(f"    {n}. {step.step}: ", style="bold")
        line.append(step.text)
        line.append(f"  [{step.article}]", style="dim")
        out.print(line)
