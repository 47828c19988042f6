"""`assess --batch` and the options around it: defaults for every line, caches that keep lines
apart, bounded dates, lines that never end a run, and a word on stderr about bad lines."""

from __future__ import annotations

import json

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
