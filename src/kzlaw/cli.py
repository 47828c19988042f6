"""The kzlaw command line: parse options, make one core call, render, exit.

Errors from the core (KzlawError) become one sentence on stderr and an exit code
(2 for bad input, 3 for a bad dataset) in one place: `_run`.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from kzlaw.errors import InputError, KzlawError, kind_of
from kzlaw.facts import parse_date as _date

app = typer.Typer(
    name="kzlaw",
    help="The Criminal Code of the Republic of Kazakhstan as structured, queryable data.\n\n"
    "Example: kzlaw assess --act sexual_intercourse --fact violence --victim-age 13 --offender-age 15",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")]
CodeOpt = Annotated[
    str | None,
    typer.Option(
        "--code",
        help="Code id: kz-cc-1997 or kz-cc-2014 (default: the newest, or the one in force on --date).",
        metavar="ID",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date of the offence, YYYY-MM-DD: picks the code and the version in force that day.",
        metavar="YYYY-MM-DD",
    ),
]
DataOpt = Annotated[
    str | None,
    typer.Option("--data", help="Dataset file to use instead of the packaged one (also $KZLAW_DATA).", metavar="PATH"),
]

MitigatingOpt = Annotated[
    list[str],
    typer.Option(
        "--mitigating",
        help="A mitigating circumstance of the 2014 Art. 53 by name (see `kzlaw facts`). Repeatable.",
        metavar="NAME",
    ),
]
AggravatingOpt = Annotated[
    list[str],
    typer.Option(
        "--aggravating",
        help="An aggravating circumstance of the 2014 Art. 54 by name (see `kzlaw facts`). Repeatable.",
        metavar="NAME",
    ),
]
AgreementOpt = Annotated[
    bool,
    typer.Option("--agreement", help="Every condition of a procedural agreement fulfilled (2014 Art. 55(3))."),
]
ExceptionalOpt = Annotated[
    bool,
    typer.Option("--exceptional", help="Exceptional circumstances (2014 Art. 55(4)): the minimum is not binding."),
]

_state: dict[str, Any] = {"data": None}


def _plain_help() -> None:
    """Help in the words of the options, not of Python: no `<list[str]>` type beside an argument
    and no `{article}` in the usage line (Typer's own presentation), but `ARTICLE`."""
    from typer.core import TyperArgument

    def usage_name(self) -> str:
        name = self.metavar or self.name.upper()
        return name if self.required else f"[{name}]"

    TyperArgument._usage_display_name = usage_name
    TyperArgument.display_type_rich = lambda self, ctx: None


_plain_help()


def _plain_values() -> None:
    """Read our options' values (text, whole numbers, lists of text) without a Pydantic
    TypeAdapter each. Typer 0.29 builds one per parameter when a command runs (and imports
    Pydantic for it): a third of a cold command's time, for values that need no more than `int()`. Where Typer's internals are
    not as expected (another version), its own coercion is left in place."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam
    except ImportError:
        return
    getter = getattr(core._TyperParameter, "get_runtime_param", None)
    if getter is None:
        return
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param, ctx) -> Any:
            if self.annotation is int:
                try:
                    return int(value)
                except (TypeError, ValueError):
                    raise typer.BadParameter(f"{value!r} is not a whole number.", ctx=ctx, param=param) from None
            if self.annotation is str:
                return value if isinstance(value, str) else str(value)
            if self.annotation is bool:  # a flag gives a bool; None (not given) never comes here
                if isinstance(value, bool):
                    return value
                raise typer.BadParameter(f"{value!r} is not a flag value.", ctx=ctx, param=param)
            return [v if isinstance(v, str) else str(v) for v in value]  # list[str]

    simple = (str, int, bool, list[str])

    def get_runtime_param(self):
        if self._runtime_param is None:
            d = self.type_descriptor
            if d.annotation in simple and d.parameter_info.parser is None and d.file_annotation is None:
                self._runtime_param = Plain(parameter_info=d.parameter_info, annotation=d.annotation)
        return getter(self)

    core._TyperParameter.get_runtime_param = get_runtime_param


_plain_values()


# Shell completion (`kzlaw --install-completion`): commands and options come from Typer; article
# numbers, fact names and act names from the dataset (the cached one, so a TAB stays quick).
def _completion_dataset():
    import os

    from kzlaw.dataset import load

    try:
        return load(_state["data"] or os.environ.get("KZLAW_DATA"))
    except KzlawError:
        return None


def _complete_article(incomplete: str) -> list[str]:
    dataset = _completion_dataset()
    if dataset is None:
        return []
    numbers = dict.fromkeys(n for c in dataset.codes for n in c.by_number)
    return [n for n in numbers if n.startswith(incomplete)]


def _complete_fact(incomplete: str) -> list[str]:
    dataset = _completion_dataset()
    if dataset is None:
        return []
    return [f.name for f in dataset.vocabulary.facts if f.name.startswith(incomplete) and f.name != "act"]


def _complete_act(incomplete: str) -> list[str]:
    dataset = _completion_dataset()
    if dataset is None:
        return []
    return sorted(a for a in dataset.vocabulary.act_names if a.startswith(incomplete))


class _Command(TyperCommand):
    """A command whose single-valued options may be given once: click keeps the last of
    `--offender-age 30 --offender-age 40` silently, where two different facts are an error."""

    def parse_args(self, ctx, args):
        _once(self, ctx, args)
        return super().parse_args(ctx, args)


def _once(command, ctx, args: list[str]) -> None:
    """A usage error when an option that takes one value (not a repeatable one, not a flag) is given twice."""
    takes_value: dict[str, bool] = {}  # option string -> takes a value
    single: dict[str, str] = {}  # option string -> the option's first name, for single-valued options
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        for name in (*param.opts, *param.secondary_opts):
            takes_value[name] = not param.is_flag and not param.count
            if takes_value[name] and not param.multiple:
                single[name] = param.opts[0]
    seen: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            break
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if not takes_value.get(name):
            continue
        if not eq:
            value = args[i] if i < len(args) else ""
            i += 1
        first = single.get(name)
        if first is None:
            continue
        if first in seen:
            raise _click_errors("UsageError")[0](
                f"Option {first} is given twice, as {seen[first]!r} and {value!r}; give it once", ctx=ctx
            )
        seen[first] = value


def _version(value: bool) -> None:
    if value:
        from kzlaw import __version__

        sys.stdout.write(f"kzlaw {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    data: DataOpt = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print kzlaw's version and exit."),
    ] = False,
) -> None:
    _state["data"] = data


def _run(function):
    """Map KzlawError to its exit code, with a plain or JSON message on stderr; end a closed pipe quietly."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except KzlawError as error:
            if kwargs.get("json_out"):
                sys.stderr.write(json.dumps(error.to_json(), ensure_ascii=False) + "\n")
            else:
                sys.stderr.write(f"kzlaw: {error}\n")
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(0) from None

    return wrapper


def _quiet_pipe() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _dataset(data: str | None):
    from kzlaw.dataset import load

    given = _state["data"]
    if data is not None and given is not None and data != given:
        raise InputError(
            f"--data is given twice, as {given!r} and {data!r}.",
            code="usage",
            fix="Give it once, before or after the command.",
        )
    return load(data or given)


def _emit(document: dict) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command("articles", cls=_Command)
@_run
def articles_cmd(
    code: CodeOpt = None,
    date: DateOpt = None,
    chapter: Annotated[
        str | None,
        typer.Option(
            "--chapter", help="Only the articles of this Special Part chapter (a number, such as 6).", metavar="N"
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            help="Only articles with a part of this category: misdemeanour, minor, medium, grave, especially_grave.",
            metavar="C",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="Only articles with a part punishable by this kind (fine, imprisonment ...).", metavar="K"
        ),
    ] = None,
    max_over: Annotated[
        int | None,
        typer.Option(
            "--max-over",
            help="Only articles whose longest imprisonment is over this many years (life counts).",
            metavar="YEARS",
        ),
    ] = None,
    age: Annotated[
        int | None,
        typer.Option(
            "--age", help="Only articles with a part one is liable for from this age (14 or 16).", metavar="N"
        ),
    ] = None,
    json_out: JsonOpt = False,
    csv_out: Annotated[
        bool, typer.Option("--csv", help="One CSV row per article (for pandas or a spreadsheet).")
    ] = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="With --csv: start with a UTF-8 byte order mark, for Excel.")
    ] = False,
    data: DataOpt = None,
) -> None:
    """List the articles of a code, or of one chapter of its Special Part, with filters.

    Example: kzlaw articles --code kz-cc-1997

    Example: kzlaw articles --chapter 6 --json | jq -r '.articles[].title_ru'

    Example: kzlaw articles --category especially_grave --age 14 --csv > grave.csv
    """
    from kzlaw import documents
    from kzlaw.engine import choose_code, choose_version, in_force_now

    dataset, day = _dataset(data), _date(date)
    chosen = choose_code(dataset, code, day)
    members = chosen.articles
    if chapter is not None:
        members = [a for a in chosen.articles if a.chapter == chapter.strip()]
        if not any(c.number == chapter.strip() for c in chosen.chapters):
            from kzlaw.errors import InputError, did_you_mean

            known = [c.number for c in chosen.chapters]
            raise InputError(
                f"{chosen.id} has no chapter {chapter!r} in the data.",
                code="bad_value",
                fix=did_you_mean(chapter, known)
                or (f"Use one of: {', '.join(known)}." if known else "This code's chapters are not encoded."),
            )
    rows = [
        (a, v if day or v is None or in_force_now(chosen, a) else None)
        for a in members
        for v in [choose_version(chosen, a, day)]
    ]
    rows = _filtered(chosen, rows, day, category, kind, max_over, age)
    if csv_out:
        if bom:
            sys.stdout.write("\ufeff")
        return _articles_csv(documents.articles(chosen, rows, day))
    if json_out:
        return _emit(documents.articles(chosen, rows, day))
    from kzlaw import render

    render.articles(render.console(), chosen, rows, day)


_CATEGORY_NAMES = ("misdemeanour", "minor", "medium", "grave", "especially_grave")


def _filtered(code, rows, day, category, kind, max_over, age):
    """The rows that pass `articles`' filters (each checked against the names the data uses)."""
    if category is None and kind is None and max_over is None and age is None:
        return rows
    from kzlaw.documents import profile
    from kzlaw.errors import did_you_mean

    if category is not None and category not in _CATEGORY_NAMES:
        raise InputError(
            f"Unknown category {category!r}.",
            code="bad_value",
            fix=did_you_mean(category, _CATEGORY_NAMES) or f"Use one of: {', '.join(_CATEGORY_NAMES)}.",
        )
    if kind is not None:
        from kzlaw.text import KINDS

        if kind not in KINDS:
            raise InputError(
                f"Unknown kind of punishment {kind!r}.",
                code="bad_value",
                fix=did_you_mean(kind, list(KINDS)) or f"Use one of: {', '.join(KINDS)}.",
            )
    kept = []
    for article, version in rows:
        if version is None:
            continue  # not in force, or its wording of the day not encoded: nothing to filter by
        p = profile(code, article, version, day)
        longest = p["max_imprisonment_months"]
        if category is not None and category not in p["categories"]:
            continue
        if kind is not None and kind not in p["kinds"]:
            continue
        if max_over is not None and not (p["life"] or (longest is not None and longest > max_over * 12)):
            continue
        if age is not None and p["min_age"] > age:
            continue
        kept.append((article, version))
    return kept


def _articles_csv(document: dict) -> None:
    import csv

    columns = ["code", "article", "chapter", "title", "title_ru", "title_kk", "min_age", "in_force", "encoded",
               "categories", "kinds", "max_imprisonment_months", "life", "versions"]  # fmt: skip
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in document["articles"]:
        row = {**row, "code": document["code"]}
        writer.writerow(
            ";".join(row[c]) if isinstance(row.get(c), list) else ("" if row.get(c) is None else row[c])
            for c in columns
        )


@app.command("show", cls=_Command)
@_run
def show_cmd(
    article: Annotated[
        str,
        typer.Argument(
            help="Article number, such as 120 or 132-1.", metavar="ARTICLE", autocompletion=_complete_article
        ),
    ],
    code: CodeOpt = None,
    date: DateOpt = None,
    part: Annotated[
        str | None, typer.Option("--part", help="Only this part of the article, such as 2 or 3-1.", metavar="P")
    ] = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """One article: title, minimum age, every part with its circumstances and penalty, sources.

    Example: kzlaw show 120 --code kz-cc-1997

    Example: kzlaw show 188 --part 2
    """
    from kzlaw import documents
    from kzlaw.engine import choose_code, find_article, version_on

    dataset, day = _dataset(data), _date(date)
    chosen = choose_code(dataset, code, day)
    art = find_article(chosen, article, dataset)
    version = version_on(chosen, art, day)
    if part is not None:
        art, version = _only_part(chosen, art, version, part)
    if json_out:
        return _emit(documents.article(dataset, chosen, art, version, day))
    from kzlaw import render

    render.article(render.console(), dataset, chosen, art, version)


def _only_part(code, art, version, part: str):
    """The article and version with only the part asked for (the article's other versions kept)."""
    from kzlaw.errors import InputError, did_you_mean

    numbers = [p.part for p in version.parts]
    wanted = part.strip()
    if wanted not in numbers:
        raise InputError(
            f"Art. {art.number} of {code.id} has no part {part!r} in this wording.",
            code="unknown_part",
            fix=did_you_mean(wanted, numbers) or f"Its parts are {', '.join(numbers)}.",
        )
    narrowed = version._replace(parts=tuple(p for p in version.parts if p.part == wanted))
    return art._replace(versions=tuple(narrowed if v is version else v for v in art.versions)), narrowed


@app.command("facts", cls=_Command)
@_run
def facts_cmd(
    article: Annotated[
        str | None,
        typer.Option(
            "--article",
            help="Only the facts and acts this article's current wording reads.",
            metavar="N",
            autocompletion=_complete_article,
        ),
    ] = None,
    code: CodeOpt = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """The fact vocabulary: every fact with its type and meaning, and the acts.

    Example: kzlaw facts --article 120

    Example: kzlaw facts --json | jq '.acts[].name'
    """
    from kzlaw import documents

    dataset = _dataset(data)
    only = None
    if article is not None:
        from kzlaw.engine import choose_code, find_article

        chosen = choose_code(dataset, code, None)
        only = documents.facts_of(dataset, find_article(chosen, article, dataset).latest)
    if json_out:
        return _emit(documents.facts(dataset, only))
    from kzlaw import render

    render.facts(render.console(), dataset, only)


@app.command("export", cls=_Command)
@_run
def export_cmd(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (one JSON object a line) or csv.", metavar="FORMAT")
    ] = "jsonl",
    code: Annotated[
        str | None, typer.Option("--code", help="Only this code (default: every code).", metavar="ID")
    ] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the CSV with a UTF-8 byte order mark, for Excel.")] = False,
    data: DataOpt = None,
) -> None:
    """The whole dataset in long form: one row per part of every version of every article.

    Example: kzlaw export --format csv > kzlaw.csv

    Example: kzlaw export | jq -c 'select(.life_imprisonment)'
    """
    from kzlaw.errors import InputError
    from kzlaw.export import COLUMNS, rows

    if fmt not in ("jsonl", "csv"):
        raise InputError(f"Unknown format {fmt!r}.", code="bad_value", fix="Use --format jsonl or --format csv.")
    if bom and fmt != "csv":
        raise InputError("--bom is for CSV only.", code="bad_value", fix="Add --format csv, or leave --bom out.")
    dataset = _dataset(data)
    if code is not None:
        from kzlaw.engine import choose_code

        code = choose_code(dataset, code, None).id
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows(dataset, code):
            out.write(json.dumps({c: row.get(c) for c in COLUMNS}, ensure_ascii=False) + "\n")
        return
    import csv

    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(dataset, code):
        writer.writerow(_cell(row.get(c)) for c in COLUMNS)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@app.command("explain", cls=_Command)
@_run
def explain_cmd(
    term: Annotated[
        list[str] | None, typer.Argument(help="A term of kzlaw's answers, such as MCI or limitation.", metavar="TERM")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Explain a term the answers use (MCI, criminal misdemeanour, restriction of freedom, limitation ...).

    Example: kzlaw explain MCI

    Example: kzlaw explain   (every term)
    """
    from kzlaw.errors import InputError, did_you_mean
    from kzlaw.glossary import TERMS, lookup

    if term:
        name = lookup(" ".join(term))
        if name is None:
            asked = " ".join(term)
            raise InputError(
                f"kzlaw has no explanation of {asked!r}.",
                code="unknown_term",
                fix=did_you_mean(asked.lower(), TERMS) or "Run `kzlaw explain` for every term.",
            )
        names = [name]
    else:
        names = list(TERMS)
    if json_out:
        return _emit({"terms": [{"term": n, "meaning": TERMS[n][0], "source": TERMS[n][1]} for n in names]})
    from kzlaw import render

    out = render.console()
    for n in names:
        out.print(render.Text(n, style="bold"))
        out.print(f"  {TERMS[n][0]}")
        out.print(render.Text(f"  ({TERMS[n][1]})", style="dim"))


@app.command("assess", cls=_Command)
@_run
def assess_cmd(
    fact: Annotated[
        list[str],
        typer.Option(
            "--fact",
            "-f",
            help="A fact NAME=VALUE (a bare NAME means true; lists take a,b). Repeatable.",
            metavar="NAME=VALUE",
            autocompletion=_complete_fact,
        ),
    ] = [],  # noqa: B006
    facts_file: Annotated[
        str | None, typer.Option("--facts", help="A YAML or JSON file of facts, or - for stdin.", metavar="FILE")
    ] = None,
    offender_age: Annotated[
        str | None, typer.Option("--offender-age", help="Offender's age in whole years.", metavar="N")
    ] = None,
    victim_age: Annotated[
        str | None, typer.Option("--victim-age", help="Victim's age in whole years.", metavar="N")
    ] = None,
    act: Annotated[
        list[str],
        typer.Option(
            "--act", help="What was done (see `kzlaw facts`). Repeatable.", metavar="ACT", autocompletion=_complete_act
        ),
    ] = [],  # noqa: B006
    article: Annotated[
        list[str],
        typer.Option(
            "--article",
            "-a",
            help="Assess only this article, its basic elements taken as given. Repeatable.",
            metavar="A",
            autocompletion=_complete_article,
        ),
    ] = [],  # noqa: B006
    code: CodeOpt = None,
    date: DateOpt = None,
    json_out: JsonOpt = False,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage", help="An unfinished crime: attempt or preparation (General Part caps).", metavar="STAGE"
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The day to judge the limitation period on (default: today).", metavar="YYYY-MM-DD"
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            help="JSON Lines of facts in (a file or - for stdin), JSON Lines of assessments out; "
            "the other options are every line's defaults.",
            metavar="FILE",
        ),
    ] = None,
    explain: Annotated[
        bool | None,
        typer.Option(
            "--explain/--brief",
            help="The reasoning of every match (--explain), or one line each (--brief). "
            "Default: the reasoning when at most three articles match, one line each beyond.",
        ),
    ] = None,
    mitigating: MitigatingOpt = [],  # noqa: B006
    aggravating: AggravatingOpt = [],  # noqa: B006
    agreement: AgreementOpt = False,
    exceptional: ExceptionalOpt = False,
    data: DataOpt = None,
) -> None:
    """Which articles apply to the facts, which part, whether the offender is liable, and the penalty.

    A fact not given is unknown, not false: articles that depend on unknown facts are
    shown as "possible", and "missing" lists the facts that could change the answer.

    Example: kzlaw assess --act sexual_intercourse --fact violence --victim-age 13 --offender-age 15

    General Part example: kzlaw assess --act sexual_intercourse --fact violence --victim-age 30
    --offender-age 15 --stage attempt --date 2021-03-01

    Sentencing example: kzlaw assess --article 188 --fact large_damage --mitigating repentance --agreement

    Batch example: kzlaw assess --batch cases.jsonl | jq -c '.matches[] | [.article, .part]'
    """
    from kzlaw.engine import assess
    from kzlaw.sentencing import Given

    if batch == "-" and facts_file == "-":
        raise InputError(
            "--batch - and --facts - cannot both read stdin.", code="usage", fix="Give one of them a file."
        )
    sentencing = Given(tuple(mitigating), tuple(aggravating), agreement, exceptional)
    dataset = _dataset(data)
    options = {
        "code": code,
        "date": date,
        "stage": stage.lower() if stage else None,
        "as_of": as_of,
        "article": article,
    }
    given, options = _given(dataset.vocabulary, facts_file, fact, offender_age, victim_age, act, options)
    day, as_of_day = _date(options["date"]), _date(options["as_of"])
    # the options checked once, before any batch line: they are every line's defaults
    result = assess(dataset, given, code=options["code"], date=day, articles=options["article"],
                    stage=options["stage"], as_of=as_of_day, sentencing=sentencing)  # fmt: skip
    if batch is not None:
        defaults = {**given, **{k: v for k, v in options.items() if v not in (None, [])}}
        if not sentencing.empty:  # every line's default, as the other options are
            defaults.update({k: v for k, v in sentencing.to_json().items() if v not in (False, [])})
        raise typer.Exit(_batch(batch, dataset, defaults, json_out))
    if json_out:
        return _emit(result.to_json())
    for _code, message in result.notices:
        sys.stderr.write(f"kzlaw: warning: {message}\n")
    from kzlaw import render

    render.assessment(render.console(), result, dataset, explain)


def _given(vocab, facts_file, fact, offender_age, victim_age, act, options) -> tuple[dict, dict]:
    """The facts of `assess` (the file's, then --fact, then the shortcuts) and its options, the
    command line's joined with the facts file's (`code`, `date`, `stage`, `as_of`, `article`, as
    in a batch line): an option given both ways must agree; articles are joined."""
    import datetime as dt

    from kzlaw.batch import OPTIONS, article_list
    from kzlaw.facts import merge, parse_assignments, parse_mapping

    mapping = _read_facts(facts_file) if facts_file else {}
    options = dict(options, article=list(options["article"]))
    for key in OPTIONS & mapping.keys():
        value = mapping[key]
        if isinstance(value, dt.date):  # YAML reads an unquoted 2010-05-01 as a date
            value = value.isoformat()
        if key == "article":
            options["article"] += [str(a) for a in article_list(value) if str(a) not in options["article"]]
        elif value is not None:
            mine = options[key]
            same = _date(value) == _date(mine) if key in ("date", "as_of") and mine is not None else value == mine
            if mine is not None and not same:
                raise InputError(
                    f"The facts file gives {key} {value!r} and the command line {mine!r}.",
                    code="contradiction",
                    fix="Give it once.",
                )
            options[key] = value
    given = parse_mapping(vocab, mapping, ignore=OPTIONS)
    for name, value in parse_assignments(vocab, fact).items():
        merge(given, vocab, name, value)
    acts = [one for item in act for one in item.split(",")] or None  # --act a,b as --fact act=a,b
    for name, value in (("offender_age", offender_age), ("victim_age", victim_age), ("act", acts)):
        if value is not None:
            merge(given, vocab, name, value)
    return given, options


def _batch(path: str, dataset, defaults: dict, json_out: bool = False) -> int:
    """Stream JSON Lines through the engine, each line's keys over `defaults` (the command line's
    facts and options); exit 0 when every line was assessed, 2 when some was bad (and a summary
    of the bad lines on stderr at the end)."""
    import os

    from kzlaw.batch import Tally, run_blocks

    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # decoded line by line
    except OSError as e:
        raise InputError(
            f"Cannot read the batch file {path}: {e.strerror}.",
            code="unreadable_facts",
            fix="Check the path, or pass - to read stdin.",
        ) from None
    lines = stream
    progress = None
    # only a regular file can be counted ahead: counting a pipe (/dev/stdin, <(cmd)) would drain it
    if path != "-" and sys.stderr.isatty() and _regular_file(stream):
        from kzlaw import render

        with open(path, "rb") as counted:
            total = sum(1 for _ in counted)
        progress, lines = render.progress(stream, total)
    all_ok = True
    tally = Tally()
    sys.stdout.flush()
    out = sys.stdout.buffer
    # answers to a pipe or terminal on stdin go out as each line is answered (a program may be
    # waiting for one answer before it writes the next line); a file's go out in full buffers
    answer_each = not _regular_file(sys.stdin if path == "-" else stream)
    try:
        with stream:
            workers = min(os.cpu_count() or 1, 4) if path != "-" and _regular_file(stream) and _big(path) else 1
            for block, ok in run_blocks(dataset, lines, workers, defaults):
                out.write(block)
                if answer_each:
                    out.flush()
                all_ok = all_ok and ok
                tally.add(block, ok)
    finally:
        if progress is not None:
            progress.stop()
    sys.stdout.flush()
    if not all_ok:
        said = tally.summary()
        if json_out:
            sys.stderr.write(json.dumps({"error": {"code": "bad_lines", "message": said}}) + "\n")
        else:
            sys.stderr.write(f"kzlaw: {said}\n")
    return 0 if all_ok else 2


def _regular_file(stream) -> bool:
    import os
    import stat

    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no descriptor (a test's stand-in stream)
        return False


def _big(path: str) -> bool:
    """A batch file worth spreading over processes (forking costs more than a few thousand lines)."""
    import os

    try:
        return os.path.getsize(path) > 1_000_000
    except OSError:
        return False


def _read_facts(path: str) -> Any:
    """A YAML or JSON mapping of facts from a file or stdin; unreadable is an InputError."""
    import yaml

    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8-sig").read()
    except OSError as e:
        raise InputError(
            f"Cannot read the facts file {path}: {e.strerror}.",
            code="unreadable_facts",
            fix="Check the path, or pass - to read stdin.",
        ) from None
    try:
        data = yaml.load(text, Loader=_loader())  # noqa: S506 (a SafeLoader that refuses duplicate keys)
    except _KeyTwice as e:
        raise InputError(
            f"The facts file {path} gives the key {e.key!r} twice (line {e.line}).",
            code="bad_facts",
            fix="Give each key once.",
        ) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(
            f"The facts file {path} is not valid YAML or JSON{where}.",
            code="unreadable_facts",
            fix='Write a mapping such as {"victim_age": 13, "violence": true}.',
        ) from None
    except ValueError:  # a number of more than 4,300 digits: YAML's int() refuses it
        raise InputError(
            f"The facts file {path} holds a number with more digits than can be read (4,300 at most).",
            code="unreadable_facts",
            fix="Give ages in whole years, such as 13.",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            f"The facts file {path} must hold a mapping of facts, not {kind_of(data)}.",
            code="unreadable_facts",
            fix='Write a mapping such as {"victim_age": 13}.',
        )
    return data


class _KeyTwice(Exception):
    def __init__(self, key: object, line: int) -> None:
        self.key, self.line = key, line


def _loader():
    """yaml's SafeLoader, but a mapping that gives a key twice is an error (it keeps the last)."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, str | int | bool | float) or key is None:
                    if key in seen:
                        raise _KeyTwice(key, key_node.start_mark.line + 1)
                    seen.add(key)
            return super().construct_mapping(node, deep)

    return Loader


@app.command("sentence", cls=_Command)
@_run
def sentence_cmd(
    spec: Annotated[list[str], typer.Argument(help="An offence as ARTICLE:PART, such as 120:1.", metavar="SPEC...")],
    code: CodeOpt = None,
    date: DateOpt = None,
    stage: Annotated[
        str | None,
        typer.Option("--stage", help="An unfinished crime: attempt or preparation (each offence).", metavar="STAGE"),
    ] = None,
    offender_age: Annotated[
        str | None, typer.Option("--offender-age", help="Offender's age in whole years.", metavar="N")
    ] = None,
    mitigating: MitigatingOpt = [],  # noqa: B006
    aggravating: AggravatingOpt = [],  # noqa: B006
    agreement: AgreementOpt = False,
    exceptional: ExceptionalOpt = False,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Several offences: each one's range after its General Part steps, and the total by Art. 58.

    Example: kzlaw sentence 120:1 125:1 --date 2026-06-01 --mitigating repentance
    """
    from kzlaw.cumulative import sentence
    from kzlaw.facts import parse_assignments
    from kzlaw.sentencing import Given

    dataset = _dataset(data)
    age = None
    if offender_age is not None:
        age = parse_assignments(dataset.vocabulary, [f"offender_age={offender_age}"])["offender_age"]
    given = Given(tuple(mitigating), tuple(aggravating), agreement, exceptional)
    result = sentence(dataset, spec, code=code, date=_date(date), stage=stage.lower() if stage else None,
                      offender_age=age, sentencing=given)  # fmt: skip
    if json_out:
        return _emit(result.to_json())
    from kzlaw import render

    render.sentence(render.console(), result)


@app.command("search", cls=_Command)
@_run
def search_cmd(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words or an article number; typing errors and word forms still match.", metavar="WORDS..."
        ),
    ],
    code: CodeOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many results.", metavar="N")] = 10,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Ranked search over article numbers, titles, summaries, circumstances and notes, best first.

    Without --code every code is searched.

    Example: kzlaw search pornografic materials
    """
    from kzlaw.search import search

    hits = search(_dataset(data), list(words), code=code, limit=limit)
    if json_out:
        return _emit({"query": list(words), "results": [h.to_json() for h in hits]})
    from kzlaw import render

    render.search(render.console(), hits, list(words))


@app.command("compare", cls=_Command)
@_run
def compare_cmd(
    articles: Annotated[
        list[str],
        typer.Argument(
            help="Articles: 120, 120@kz-cc-1997, 120@kz-cc-2014@2021-05-01 or 120@2010-05-01.",
            metavar="ARTICLE...",
            autocompletion=_complete_article,
        ),
    ],
    code: CodeOpt = None,
    date: DateOpt = None,
    json_out: JsonOpt = False,
    csv_out: Annotated[
        bool, typer.Option("--csv", help="One CSV row per article, part and alternative (for pandas or a spreadsheet).")
    ] = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="With --csv: start with a UTF-8 byte order mark, for Excel.")
    ] = False,
    data: DataOpt = None,
) -> None:
    """Penalties of several articles side by side, every part, with a range chart of imprisonment.

    ARTICLE@CODE names an article of another code; ARTICLE@CODE@DATE (or ARTICLE@DATE) the wording
    in force on that day, so one article can be compared across codes and across dates.

    Example: kzlaw compare 273@kz-cc-1997 311@kz-cc-2014
    """
    from kzlaw.compare import compare

    result = compare(_dataset(data), list(articles), code=code, date=_date(date))
    if json_out:
        return _emit(result.to_json())
    if csv_out:
        import csv

        if bom:
            sys.stdout.write("\ufeff")
        csv.writer(sys.stdout, lineterminator="\n").writerows(result.csv_rows())
        return None
    from kzlaw import render

    render.comparison(render.console(), result)


@app.command("validate", cls=_Command)
@_run
def validate_cmd(
    path: Annotated[
        str | None,
        typer.Argument(help="Dataset file (default: --data, $KZLAW_DATA or the packaged one).", metavar="PATH"),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Check a dataset file and list every problem with its file, line and column.

    Example: kzlaw validate data/articles.yaml
    """
    from kzlaw.dataset import resolve_path, validate

    where = resolve_path(path or _state["data"])
    found = validate(where)
    if json_out:
        _emit({"file": str(where), "valid": not found, "problems": [p.to_json() for p in found]})
    else:
        for p in found:
            sys.stdout.write(f"{p}\n")
        sys.stderr.write(f"{where}: {'valid' if not found else f'{len(found)} problem(s)'}\n")
    raise typer.Exit(3 if found else 0)


@app.command("schema", cls=_Command)
@_run
def schema_cmd(
    json_out: Annotated[bool, typer.Option("--json", help="The same: the schema is one JSON document.")] = False,
) -> None:
    """Print the JSON Schema of the dataset format (for editors that check YAML as you type).

    The schema is JSON whether or not --json is given (it is accepted, as on every command).

    Example: kzlaw schema > dataset.schema.json
    """
    from kzlaw.dataset import schema_text

    sys.stdout.write(schema_text())


def _click_errors(name: str) -> tuple[type, ...]:
    """click's exception class `name`, and Typer's vendored copy of it where Typer carries one."""
    import importlib

    found = []
    for module in ("click.exceptions", "typer._click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if cls is not None:
            found.append(cls)
    return tuple(found)


def main() -> None:
    """The console script: usage errors too become one sentence on stderr (JSON with --json), exit 2."""
    try:
        status = app(standalone_mode=False)  # a command's typer.Exit comes back as its code here
    except _click_errors("NoArgsIsHelpError") as e:
        sys.stdout.write(e.format_message() + "\n")
        raise SystemExit(0) from None
    except typer.Exit as e:
        raise SystemExit(e.exit_code) from None
    except _click_errors("UsageError") as e:
        where = f"kzlaw {e.ctx.info_name}" if e.ctx is not None and e.ctx.parent is not None else "kzlaw"
        message = f"{e.format_message().rstrip('.')}. See `{where} --help`."
        if "--json" in sys.argv[1:]:
            sys.stderr.write(json.dumps({"error": {"code": "usage", "message": message}}) + "\n")
        else:
            sys.stderr.write(f"kzlaw: {message}\n")
        raise SystemExit(2) from None
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("kzlaw: interrupted\n")
        raise SystemExit(130) from None
    try:
        sys.stdout.flush()  # what is still buffered goes out now, so that a closed pipe is caught here
    except BrokenPipeError:
        _quiet_pipe()
    if status == 130:  # Typer's answer to Ctrl-C (no command of ours exits 130 otherwise)
        sys.stderr.write("kzlaw: interrupted\n")
    raise SystemExit(status if isinstance(status, int) else 0)
