"""`assess --batch` and the options around it: defaults for every line, caches that keep lines
apart, bounded dates, lines that never end a run, and a word on stderr about bad lines."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from kzlaw.cli import app


def jl(*items) -> str:
    return "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in items)


def cli(args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def docs(stdout: str) -> list[dict]:
    return [json.loads(row) for row in stdout.splitlines()]


def test_an_article_named_like_an_act_does_not_get_the_acts_answer():
    alone = docs(cli(["assess", "--batch", "-"], input=jl({"article": ["insult"]})).stdout)
    after = docs(cli(["assess", "--batch", "-"], input=jl({"act": ["insult"]}, {"article": ["insult"]})).stdout)
    assert alone[0]["error"]["code"] == "unknown_article"
    assert after[1]["error"] == alone[0]["error"] and after[1]["line"] == 2


def test_a_named_article_that_left_the_code_does_not_apply_today():
    alone = cli(["assess", "--article", "130", "--act", "defamation", "--offender-age", "30"])
    assert alone.exit_code == 2 and alone.stdout == ""
    assert "130" in alone.stderr and "not in force today" in alone.stderr and "--date" in alone.stderr
    (line,) = docs(cli(["assess", "--batch", "-"], input=jl({"article": "130", "act": ["defamation"]})).stdout)
    assert line["error"]["code"] == "not_in_force"
    dated = cli(["assess", "--article", "130", "--act", "defamation", "--date", "2018-01-01", "--json"])
    assert dated.exit_code == 0 and [m["article"] for m in json.loads(dated.stdout)["matches"]] == ["130"]


HUGE = "1" * 5000  # past Python's 4,300-digit limit on int <-> text


def test_a_number_of_thousands_of_digits_is_a_clean_error_everywhere(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(f"victim_age: {HUGE}\n", encoding="utf-8")
    facts_json = tmp_path / "facts.json"
    facts_json.write_text(f'{{"victim_age": {HUGE}}}', encoding="utf-8")
    for args in (
        ["--offender-age", HUGE],
        ["--fact", f"victim_age={HUGE}"],
        ["--fact", f"victim_age=-{HUGE}"],
        ["--facts", facts],
        ["--facts", facts_json],
    ):
        result = cli(["assess", *args])
        assert result.exit_code == 2, (args[0], repr(result.exception))
        assert result.stderr.startswith("kzlaw: ") and len(result.stderr) < 400, result.stderr[:400]
    lines = [f'{{"victim_age": {HUGE}}}', {"victim_age": HUGE}, {"act": ["insult"]}]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert result.exit_code == 2, repr(result.exception)
    out = docs(result.stdout)
    assert [d.get("error", {}).get("code") for d in out] == ["bad_json", "bad_value", None]
    assert all(len(json.dumps(d)) < 600 for d in out[:2])


def test_the_python_api_names_a_huge_number_without_printing_it(shipped):
    import pytest

    from kzlaw import InputError, assess

    with pytest.raises(InputError, match="digits"):
        assess(shipped, {"victim_age": 10**5000})


def test_an_open_ended_date_is_a_bad_date_not_a_traceback():
    for option in ("--date", "--as-of"):
        result = cli(["assess", "--act", "insult", option, "9999-12-31"])
        assert result.exit_code == 2, repr(result.exception)
        assert "out of range" in result.stderr and "9999-12-31" in result.stderr
    lines = [{"act": ["insult"], "date": "9999-12-31"}, {"act": ["insult"], "as_of": "0001-01-01"}, {"act": ["insult"]}]
    result = cli(["assess", "--batch", "-"], input=jl(*lines))
    assert [d.get("error", {}).get("code") for d in docs(result.stdout)] == ["bad_date", "bad_date", None]


def test_the_python_api_bounds_dates_too(shipped):
    import datetime as dt

    import pytest

    from kzlaw import InputError, assess

    with pytest.raises(InputError, match="out of range"):
        assess(shipped, {"act": ["insult"]}, date=dt.date(9999, 12, 31))


def test_a_line_that_meets_a_bug_is_an_error_object_and_the_run_goes_on(shipped, monkeypatch):
    from kzlaw import batch

    real = batch.assess_text

    def flaky(dataset, data, **options):
        if data.get("violence"):
            raise AssertionError("unreachable")
        return real(dataset, data, **options)

    monkeypatch.setattr(batch, "assess_text", flaky)
    out = [json.loads(text) for text, _ok in batch.run(shipped, [jl({"act": ["insult"]}), jl({"violence": True})] * 2)]
    assert [d.get("error", {}).get("code") for d in out] == [None, "internal_error", None, "internal_error"]


# -- the command line's options are every batch line's defaults ------------------------------------


def test_the_command_lines_options_are_every_lines_defaults_and_a_lines_keys_win():
    lines = [
        {"act": ["defamation"], "publicly": True},
        {"act": ["defamation"], "date": "2016-06-01"},
        {"act": ["defamation"], "code": "kz-cc-2014", "date": None},
    ]
    args = ["assess", "--batch", "-", "--code", "kz-cc-1997", "--date", "2010-05-01", "--offender-age", "30"]
    result = cli([*args, "--stage", "attempt", "--as-of", "2020-01-01"], input=jl(*lines))
    assert result.exit_code == 2, (result.stdout[-300:], repr(result.exception))
    first, second, third = docs(result.stdout)
    assert (first["code"], first["date"], first["stage"], first["as_of"]) == (
        "kz-cc-1997",
        "2010-05-01",
        "attempt",
        "2020-01-01",
    )
    assert first["facts"]["offender_age"] == 30 and first["facts"]["publicly"] is True
    assert second["error"]["code"] == "not_in_force"  # kz-cc-1997 was not in force on the line's date
    assert (third["code"], third["date"]) == ("kz-cc-2014", None)


def test_the_command_lines_articles_and_facts_are_defaults_too():
    lines = [{"act": ["sexual_intercourse"]}, {"act": ["sexual_intercourse"], "article": "121"}]
    result = cli(["assess", "--batch", "-", "--article", "120", "--fact", "violence"], input=jl(*lines))
    assert result.exit_code == 0, result.stdout[-300:]
    first, second = docs(result.stdout)
    assert [m["article"] for m in first["matches"]] == ["120"] and first["facts"]["violence"] is True
    assert [m["article"] for m in second["matches"]] == ["121"]


def test_invalid_options_with_batch_are_an_error_before_the_first_line():
    for options, code in (
        (["--code", "kz-cc-1999"], "unknown_code"),
        (["--date", "2010-13-01"], "bad_date"),
        (["--code", "kz-cc-1997", "--date", "2020-01-01"], "not_in_force"),
        (["--article", "9999"], "unknown_article"),
        (["--fact", "victm_age=3"], "unknown_fact"),
        (["--as-of", "soon"], "bad_date"),
    ):
        result = cli(["assess", "--batch", "-", *options, "--json"], input=jl({"act": ["insult"]}))
        assert result.exit_code == 2, options
        assert result.stdout == "", options
        assert json.loads(result.stderr)["error"]["code"] == code, options


def test_batch_and_facts_cannot_both_read_stdin():
    result = cli(["assess", "--batch", "-", "--facts", "-"], input=jl({"act": ["insult"]}))
    assert result.exit_code == 2 and result.stdout == "" and "stdin" in result.stderr


# -- a facts file takes the keys of a batch line -------------------------------------------------


def test_a_facts_file_takes_the_options_a_batch_line_takes(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(
        "act: [defamation]\npublicly: true\ncode: kz-cc-1997\ndate: 2010-05-01\nstage: attempt\n"
        "as_of: 2012-01-01\narticle: '129'\n",
        encoding="utf-8",
    )
    doc = json.loads(cli(["assess", "--facts", path, "--json"]).stdout)
    assert (doc["code"], doc["date"], doc["stage"], doc["as_of"]) == (
        "kz-cc-1997",
        "2010-05-01",
        "attempt",
        "2012-01-01",
    )
    assert [m["article"] for m in doc["matches"]] == ["129"] and "code" not in doc["facts"]
    same = cli(["assess", "--facts", path, "--code", "kz-cc-1997", "--date", "2010-05-01", "--json"])
    assert json.loads(same.stdout) == doc
    clash = cli(["assess", "--facts", path, "--code", "kz-cc-2014"])
    assert clash.exit_code == 2 and "code" in clash.stderr and clash.stdout == ""


def test_act_takes_a_comma_separated_list_as_fact_act_does():
    one = json.loads(cli(["assess", "--act", "insult,defamation", "--json"]).stdout)
    two = json.loads(cli(["assess", "--fact", "act=insult,defamation", "--json"]).stdout)
    assert one["facts"]["act"] == ["insult", "defamation"] and one == two


# -- in force and encoded are two things ---------------------------------------------------------


def _late():
    """An article in force on 2016-06-01 whose wording of that day is not encoded yet, read off the
    shipped data (earlier wordings are being added, so a fixed number goes stale): its number, the
    one act that reaches it and no other article, and its title."""
    from kzlaw import load
    from kzlaw.engine import _plan

    code = load().by_id["kz-cc-2014"]
    day = dt.date(2016, 6, 1)
    acts: dict[str, int] = {}
    for a in code.articles:
        for v in a.versions:
            for act in _plan(v).acts or ():
                acts[act] = acts.get(act, 0) + 1
    for a in code.articles:
        first = a.versions[0]
        needs = _plan(first).acts or frozenset()
        late = first.valid_from and day < first.valid_from <= dt.date(2021, 6, 1)  # encoded by 2021-06-01
        if late and not a.earlier_wording_encoded and len(needs) == 1:
            (act,) = needs
            if acts[act] == len(a.versions) and a.number != "205":
                return a.number, act, first.title
    raise AssertionError("every 2014 article has its 2016 wording: drop these tests")


LATE, LATE_ACT, LATE_TITLE = _late()
EARLY_2016 = ["--act", LATE_ACT, "--offender-age", "30", "--date", "2016-06-01"]


def test_articles_keeps_law_in_force_apart_from_wording_encoded():
    doc = json.loads(cli(["articles", "--date", "2016-06-01", "--json"]).stdout)
    rows = {a["article"]: a for a in doc["articles"]}
    assert (rows[LATE]["in_force"], rows[LATE]["encoded"]) == (True, False)  # law then; its text is missing
    assert (rows["130"]["in_force"], rows["130"]["encoded"]) == (True, True)  # slander was still in the code
    today = {a["article"]: a for a in json.loads(cli(["articles", "--json"]).stdout)["articles"]}
    assert (today["130"]["in_force"], today["130"]["encoded"]) == (False, False)
    assert (today[LATE]["in_force"], today[LATE]["encoded"]) == (True, True)
    text = cli(["articles", "--date", "2016-06-01"]).stdout
    assert "not encoded" in text and f"{LATE_TITLE} (not in force)" not in text


# -- an answer that leaves out a reachable article says so ----------------------------------------


def test_a_reachable_article_whose_wording_is_missing_makes_the_answer_incomplete():
    result = cli(["assess", *EARLY_2016, "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["matches"] == [] and doc["complete"] is False
    reachable = [a["article"] for a in doc["not_encoded"] if a["reachable"]]
    assert LATE in reachable and "205" not in reachable  # computer access is not reached by these acts
    text = cli(["assess", *EARLY_2016]).stdout
    assert "Incomplete" in text and f"Art. {LATE} ({LATE_TITLE}" in text and "No article applies" not in text
    later = json.loads(cli(["assess", *EARLY_2016[:-1], "2021-06-01", "--json"]).stdout)
    assert later["complete"] is True and LATE in [m["article"] for m in later["matches"]]


def test_the_batch_says_complete_as_assess_does():
    lines = [{"act": [LATE_ACT], "date": "2016-06-01"}, {"act": ["insult"]}]
    first, second = docs(cli(["assess", "--batch", "-"], input=jl(*lines)).stdout)
    assert first["complete"] is False and second["complete"] is True


# -- days in the future, and the day asked about before the offence ---------------------------------


def test_the_day_asked_about_before_the_offence_is_a_bad_date():
    result = cli(["assess", "--act", "insult", "--date", "2020-05-01", "--as-of", "2019-01-01"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "2019-01-01" in result.stderr and "before" in result.stderr
    (line,) = docs(
        cli(
            ["assess", "--batch", "-"], input=jl({"act": ["insult"], "date": "2020-05-01", "as_of": "2019-01-01"})
        ).stdout
    )
    assert line["error"]["code"] == "bad_date"


def test_a_future_day_is_answered_with_a_warning_and_an_unknown_mci_is_said_to_be_unknown():
    args = ["assess", "--act", "insult", "--fact", "publicly", "--date", "2199-06-01"]
    plain = cli(args)
    assert plain.exit_code == 0 and "kzlaw: warning:" in plain.stderr and "2199-06-01" in plain.stderr
    doc = json.loads(cli([*args, "--json"]).stdout)
    assert [n["code"] for n in doc["notices"]] == ["future_date"]
    money = [s for m in doc["matches"] for s in m["steps"] if s["step"] == "money"]
    assert money and all(s["mci"]["known"] is False and "not in the dataset" in s["text"] for s in money)
    (line,) = docs(
        cli(["assess", "--batch", "-"], input=jl({"act": ["insult"], "publicly": True, "date": "2199-06-01"})).stdout
    )
    assert line["notices"] == doc["notices"]
    past = json.loads(cli(["assess", "--act", "insult", "--fact", "publicly", "--date", "2021-06-01", "--json"]).stdout)
    assert "notices" not in past
    assert all(s["mci"]["known"] for m in past["matches"] for s in m["steps"] if s["step"] == "money")


# -- a value given twice is an error, not the last one kept -------------------------------------


def test_a_single_valued_option_given_twice_is_a_usage_error():
    for args in (
        ["assess", "--offender-age", "30", "--offender-age", "40"],
        ["assess", "--act", "insult", "--date", "2020-01-01", "--date=2020-01-02"],
        ["assess", "--act", "insult", "--code", "kz-cc-2014", "--code", "kz-cc-1997"],
        ["show", "120", "--code", "kz-cc-2014", "--code", "kz-cc-1997"],
    ):
        result = cli(args)
        assert result.exit_code == 2, args
        assert "given twice" in result.stderr and result.stdout == "", args
    # repeatable options and flags stay as they were
    ok = cli(["assess", "--act", "insult", "--act", "defamation", "--fact", "publicly", "--json", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["facts"]["act"] == ["insult", "defamation"]
    # an option's value that looks like the option itself is a value, not a second option
    assert cli(["search", "--limit", "3", "rape"]).exit_code == 0


def test_a_key_given_twice_in_a_batch_line_or_a_facts_file_is_an_error(tmp_path):
    lines = [
        '{"victim_age": 13, "victim_age": 30}',
        '{"act": ["insult"], "date": "2020-01-01", "date": "2021-01-01"}',
        '{"act": ["insult"], "note": "a \\"quoted\\" word"}',  # quotes that do not add up, and no key twice
        {"act": ["insult"], "publicly": True, "victim_age": 20, "offender_age": None},
    ]
    out = docs(cli(["assess", "--batch", "-"], input=jl(*lines)).stdout)
    assert out[0]["error"]["code"] == "bad_json" and "victim_age" in out[0]["error"]["message"]
    assert out[1]["error"]["code"] == "bad_json" and "date" in out[1]["error"]["message"]
    assert out[2]["error"]["code"] == "unknown_fact"  # read, not taken for a key given twice
    assert "error" not in out[3]
    for name, text in (("twice.yaml", "victim_age: 13\nviolence: true\nvictim_age: 30\n"),
                       ("twice.json", '{"victim_age": 13, "victim_age": 30}')):  # fmt: skip
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = cli(["assess", "--facts", path, "--json"])
        assert result.exit_code == 2 and result.stdout == ""
        error = json.loads(result.stderr)["error"]
        assert error["code"] == "bad_facts" and "victim_age" in error["message"]


# -- sentencing keys in a batch line (issue 16) -------------------------------------------------


def test_a_batch_line_takes_the_sentencing_keys_and_answers_as_assess_does(shipped):
    import datetime as dt

    from kzlaw.batch import run
    from kzlaw.engine import assess
    from kzlaw.sentencing import Given

    facts = {"act": ["theft"], "offender_age": 30, "damage_tenge": 5_000_000}
    line = json.dumps({**facts, "date": "2025-06-01", "mitigating": "repentance", "agreement": True})
    ((out, ok),) = run(shipped, [line])
    alone = assess(shipped, facts, date=dt.date(2025, 6, 1), sentencing=Given(("repentance",), (), True, False))
    assert ok and json.loads(out) == {"line": 1, **alone.to_json()}
    steps = {s["step"] for m in json.loads(out)["matches"] for s in m.get("steps", [])}
    assert "agreement" in steps or "mitigation" in steps


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [("mitigating", 5, "bad_value"), ("aggravating", [1], "bad_value"), ("agreement", "yes", "bad_value"),
     ("mitigating", "nope", "unknown_circumstance")],
)  # fmt: skip
def test_a_bad_sentencing_key_is_a_bad_line(shipped, key, value, code):
    from kzlaw.batch import run

    ((out, ok),) = run(shipped, [json.dumps({"act": ["theft"], key: value})])
    assert not ok and json.loads(out)["error"]["code"] == code


def test_a_long_not_encoded_list_is_cut_in_the_text_and_whole_in_json():
    text = cli(["assess", *EARLY_2016]).stdout
    said = next(line for line in text.splitlines() if line.startswith("Not assessed"))
    named = said.split("Arts. ", 1)[1].split(" and ", 1)[0].split(", ")
    assert len(named) == 12 and "more (`--json` lists them)" in said
    doc = json.loads(cli(["assess", *EARLY_2016, "--json"]).stdout)
    assert len(doc["not_encoded"]) > 12 and [a["article"] for a in doc["not_encoded"][:12]] == named
