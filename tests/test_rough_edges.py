"""Issue 17, items 14-15: messages in the words of kzlaw (not of Python or Typer), --version,
shell completion, --data once, batch error lines that read like answers, narrow terminals,
and the Python API taking dates as text and one article as a string."""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kzlaw
from kzlaw.cli import app
from kzlaw.errors import InputError

MINI = Path(__file__).parent / "data" / "mini.yaml"
KZLAW = [str(Path(sys.executable).parent / "kzlaw")]  # the console script: completion reads its name


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def test_version_prints_the_package_version():
    for flag in ("--version", "-V"):
        done = run(flag)
        assert done.exit_code == 0
        assert done.stdout == f"kzlaw {kzlaw.__version__}\n"


def test_help_shows_no_python_types_or_braces():
    for command in ("show", "search", "compare", "explain", "validate", "assess", "export"):
        text = run(command, "--help").stdout
        assert "<list[str]>" not in text and "<str>" not in text, command
        assert not re.search(r"\{[a-zA-Z]", text.split("\n", 1)[0]), text.split("\n", 1)[0]
    assert run("show", "--help").stdout.startswith("Usage: kzlaw show [OPTIONS] ARTICLE\n")


@pytest.mark.parametrize(("typed", "meant"), [("12O", "120"), ("l20", "120"), ("131.", "131")])
def test_did_you_mean_reads_letters_for_digits_before_the_spelling_distance(typed, meant):
    done = run("show", typed)
    assert done.exit_code == 2
    assert f"Did you mean {meant}?" in done.stderr


def test_did_you_mean_reads_a_dot_or_slash_as_the_hyphen_of_a_suffixed_article():
    done = run("show", "132.1", "--code", "kz-cc-1997")
    assert done.exit_code == 2 and "Did you mean 132-1?" in done.stderr
    assert "Did you mean 132-1?" in run("show", "132/1", "--code", "kz-cc-1997").stderr


def test_schema_accepts_json_and_prints_one_json_document():
    done = run("schema", "--json")
    assert done.exit_code == 0
    assert json.loads(done.stdout)["$schema"].startswith("https://json-schema.org/")


def test_a_bad_stage_names_the_value_and_the_nearest_stage_without_python_words():
    done = run("--data", MINI, "assess", "--stage", "attemp")
    assert done.exit_code == 2
    line = done.stderr.strip()
    assert line == "kzlaw: Unknown stage 'attemp'. Did you mean attempt? Use attempt or preparation."
    assert "Value error" not in done.stderr


def test_stage_is_read_in_any_case():
    done = run("--data", MINI, "assess", "--act", "assault", "--stage", "Attempt", "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["stage"] == "attempt"


def test_data_given_before_and_after_the_command_must_agree(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    done = run("--data", MINI, "show", "110", "--data", other)
    assert done.exit_code == 2
    assert "--data is given twice" in done.stderr and str(other) in done.stderr
    assert run("--data", MINI, "show", "110", "--data", MINI).exit_code == 0
    assert run("show", "110", "--data", MINI).exit_code == 0


def test_batch_error_lines_have_empty_matches_so_jq_reads_every_line():
    lines = '{"act": "assault"}\n{"stage": "attemp"}\nnot json\n'
    done = run("--data", MINI, "assess", "--batch", "-", input=lines)
    docs = [json.loads(x) for x in done.stdout.splitlines()]
    assert [d["line"] for d in docs] == [1, 2, 3]
    assert all(isinstance(d["matches"], list) for d in docs)
    assert docs[1]["matches"] == [] and docs[1]["error"]["code"] == "bad_value"
    assert docs[2]["matches"] == [] and docs[2]["error"]["code"] == "bad_json"


def test_an_article_named_twice_is_assessed_once(mini):
    done = run("--data", MINI, "assess", "-a", "110", "-a", "110", "--json")
    assert [m["article"] for m in json.loads(done.stdout)["matches"]] == ["110"]
    assert [m.article for m in kzlaw.assess(mini, {}, articles=["110", "110"]).matches] == ["110"]


def test_the_python_api_takes_a_date_as_text_and_one_article_as_a_string(mini):
    by_text = kzlaw.assess(mini, {"act": "assault"}, date="2016-05-01", articles="110")
    by_date = kzlaw.assess(mini, {"act": "assault"}, date=dt.date(2016, 5, 1), articles=["110"])
    assert by_text.to_json() == by_date.to_json()
    assert [m.article for m in by_text.matches] == ["110"]


@pytest.mark.parametrize("bad", [20160501, 2016.5, object()])
def test_the_python_api_refuses_a_date_of_another_type_in_words(mini, bad):
    with pytest.raises(InputError, match="must be a date"):
        kzlaw.assess(mini, {}, date=bad)


def test_the_python_api_refuses_articles_that_are_not_numbers(mini):
    with pytest.raises(InputError, match="articles must be"):
        kzlaw.assess(mini, {}, articles=5.5)
    with pytest.raises(InputError, match="not a date|Cannot read the date"):
        kzlaw.assess(mini, {}, date="01.05.2016")


def test_shell_completion_offers_article_numbers_facts_and_acts():
    env = {**os.environ, "_KZLAW_COMPLETE": "complete_bash", "KZLAW_DATA": str(MINI)}

    def complete(words):
        env2 = {**env, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        done = subprocess.run([*KZLAW], capture_output=True, text=True, env=env2, timeout=60)
        return done.stdout.split()

    assert complete("kzlaw show 1") == ["10", "110", "130"]
    assert "assault" in complete("kzlaw assess --act as")
    assert all(name.startswith("vio") for name in complete("kzlaw assess --fact vio"))
    assert "violence" in complete("kzlaw assess --fact vio")
    assert "assess" in complete("kzlaw ass")


def test_install_completion_is_offered():
    assert "--install-completion" in run("--help").stdout


# ---- a narrow terminal -------------------------------------------------------------------------


def _terminal(width):
    import io

    from kzlaw.render import _Console

    return _Console(
        file=io.StringIO(), force_terminal=True, width=width, no_color=True, highlight=False, soft_wrap=False
    )


def _printed(out):
    return re.sub(r"\x1b\[[0-9;]*m", "", out.file.getvalue())


def test_compare_on_an_80_column_terminal_splits_no_word_and_loses_no_column(mini):
    from kzlaw import render
    from kzlaw.compare import compare

    result = compare(mini, ["110", "10@old", "130"])
    wide = _terminal(200)
    render.comparison(wide, result)
    narrow = _terminal(60)
    render.comparison(narrow, result)
    text = _printed(narrow)
    words_wide = set(re.findall(r"[A-Za-z]{4,}", _printed(wide)))
    words_narrow = set(re.findall(r"[A-Za-z]{4,}", text))
    assert words_narrow <= words_wide  # no word cut into pieces that are not words
    assert "5 to 8 years" in text.replace("\n", " ")
    assert all(len(line) <= 60 for line in text.splitlines())


def test_a_wrapped_indented_line_keeps_its_indentation():
    out = _terminal(40)
    out.print("  Warning: " + "word " * 30)
    lines = _printed(out).rstrip().splitlines()
    assert len(lines) > 2
    assert all(line.startswith("  ") and not line.startswith("   ") for line in lines)


def test_a_version_changed_later_is_not_said_to_be_in_force_to_today(tmp_path):
    from kzlaw import load
    from kzlaw.render import version_line

    text = MINI.read_text(encoding="utf-8").replace(
        "            summary: a violent assault, harsher\n",
        "            summary: a violent assault, harsher\n"
        "            amendments:\n"
        "              - {law: Law X, date: 2024-06-16, status: secondary, text: raised the penalty,"
        " sources: [{document: test, address: news, status: secondary}]}\n",
    )
    assert "Law X" in text
    path = tmp_path / "amended.yaml"
    path.write_text(text, encoding="utf-8")
    data = load(path)
    code = data.by_id["new"] if "new" in data.by_id else data.codes[-1]
    art = code.by_number["110"]
    said = version_line(code, art, art.versions[-1])
    assert "to today" not in said and "changed later by 1 law not encoded" in said


# ---- a wording that stands in for days whose text is not known (issue 17, item 8) -------------


def _standing_in(tmp_path):
    from kzlaw import load

    text = MINI.read_text(encoding="utf-8")
    head = '      - article: "110"\n        replaces: [{code: old, article: "10"}]\n        versions:\n'
    marked = text.replace(
        head + "          - title: Assault\n",
        head + "          - wording_known_from: 2017-01-01\n            title: Assault\n",
    )
    assert marked != text
    path = tmp_path / "standing-in.yaml"
    path.write_text(marked, encoding="utf-8")
    return path, load(path)


def test_a_day_before_the_wording_is_known_is_warned_in_every_path(tmp_path):
    from kzlaw.engine import assess_text

    path, data = _standing_in(tmp_path)
    early = kzlaw.assess(data, {"act": "assault"}, date="2016-03-01", articles="110").to_json()
    late = kzlaw.assess(data, {"act": "assault"}, date="2018-03-01", articles="110").to_json()
    (m,) = early["matches"]
    assert "not in the sources" in m["wording_assumed"] and "2017-01-01" in m["wording_assumed"]
    assert m["version"]["wording_known_from"] == "2017-01-01"
    assert "wording_assumed" not in late["matches"][0]
    fast = json.loads(assess_text(data, {"act": "assault"}, date=dt.date(2016, 3, 1), articles=["110"]))
    assert fast["matches"] == early["matches"]
    shown = run("--data", path, "assess", "-a", "110", "--date", "2016-03-01", "--brief")
    assert "Warning: wording of that day not in the sources" in shown.stdout
    said = run("--data", path, "show", "110", "--date", "2016-03-01").stdout
    assert "known from 2017-01-01 only" in said


def test_the_shipped_1997_articles_say_which_days_their_first_wording_stands_in_for(shipped):
    code = shipped.by_id["kz-cc-1997"]
    marked = {a.number: str(v.wording_known_from) for a in code.articles for v in a.versions if v.wording_known_from}
    # the notes of each say "No text older than R2009 ... the wording before Law No. N of DATE is not known"
    assert marked == {
        "120": "2000-05-05", "121": "2000-05-05", "122": "2000-05-05", "123": "2000-05-05",
        "124": "2000-05-05", "129": "2003-09-25", "132": "2008-06-27", "227": "2002-12-21",
        "270": "2000-05-05", "273": "2002-12-21",
    }  # fmt: skip
    r = kzlaw.assess(shipped, {"act": "sexual_intercourse", "violence": True}, date="1999-03-01", articles="120")
    assert r.matches[0].assumed


def test_the_2014_minors_rule_warns_for_days_before_its_figures_are_known(shipped):
    def minors_step(day):
        r = kzlaw.assess(shipped, {"offender_age": 15}, date=day, articles="131")
        return next(s for s in r.matches[0].general.steps if s.step == "minors").text

    assert "not in the dataset" in minors_step("2016-05-01") and "2018-07-23" in minors_step("2016-05-01")
    assert "not in the dataset" not in minors_step("2019-05-01")


# ---- a dataset too large to read (issue 17, item 16) -----------------------------------------


def test_a_dataset_file_over_the_bound_is_refused_before_it_is_read(tmp_path):
    from kzlaw import load
    from kzlaw.dataset import MAX_FILE_BYTES, validate
    from kzlaw.errors import DatasetError

    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as f:
        f.write(MINI.read_text(encoding="utf-8"))
        f.write("# " + "x" * MAX_FILE_BYTES + "\n")
    problems = validate(big)
    assert len(problems) == 1 and "reads at most 8 MB" in problems[0].message
    with pytest.raises(DatasetError, match="Split the articles"):
        load(big)
    done = run("--data", big, "show", "110")
    assert done.exit_code == 3 and "at most 8 MB" in done.stderr


def test_included_files_count_toward_the_total_bound(tmp_path, monkeypatch):
    import kzlaw.dataset as ds

    part = tmp_path / "part.yaml"
    part.write_text("format: 1\ncode: new\narticles: []\n# " + "x" * 2000 + "\n", encoding="utf-8")
    main = tmp_path / "main.yaml"
    main.write_text("include:\n  - part.yaml\n" + MINI.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(ds, "MAX_TOTAL_BYTES", main.stat().st_size + 1000)
    problems = ds.validate(main)
    assert problems and "with its included files" in problems[0].message


# ---- our options read without Pydantic (issue 18: cold start) ---------------------------------


def test_a_command_runs_without_importing_pydantic():
    code = (
        "import sys, contextlib, io\n"
        "from kzlaw.cli import main\n"
        f"sys.argv = ['kzlaw', '--data', {str(MINI)!r}, 'assess', '--act', 'assault', '-a', '110', '--json']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, e.code\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_bad_whole_number_is_named_in_plain_words():
    done = run("--data", MINI, "search", "assault", "--limit", "x")
    assert done.exit_code == 2
    assert "'x' is not a whole number" in done.stderr and "Input should be" not in done.stderr


def test_ctrl_c_in_a_parallel_batch_says_interrupted_once_and_no_worker_speaks(tmp_path):
    import signal
    import time

    import kzlaw.batch as batch_module

    lines = tmp_path / "many.jsonl"
    with lines.open("w", encoding="utf-8") as f:
        for i in range(400_000):
            f.write(
                json.dumps({"act": "assault", "offender_age": 14 + i % 90, "victim_age": i % 97, "group": i % 3 == 0})
            )
            f.write("\n")
    assert lines.stat().st_size > 1_000_000 and batch_module.CHUNK < 400_000
    here = tmp_path / "cwd"
    here.mkdir()
    proc = subprocess.Popen(
        [*KZLAW, "--data", str(MINI), "assess", "--batch", str(lines)],
        cwd=here,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stdout.read(1)  # the run has begun
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the parent and every worker
    rest, err = proc.communicate(timeout=120)
    assert list(here.iterdir()) == []  # the workers' chunks went to a private temporary folder
    if proc.returncode == 130:
        assert err.decode() == "kzlaw: interrupted\n"
    else:  # the run ended before the signal: nothing to see, but it must have ended well
        assert proc.returncode in (0, 2) and b"Traceback" not in err


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"code": 5}', "not a number (5)"),
        ('{"code": [1]}', "not a list"),
        ('{"article": true}', "not true/false (true)"),
        ('{"article": {"a": 1}}', "not a mapping"),
        ('{"date": true}', "Cannot read the date true"),
    ],
)
def test_batch_messages_name_values_in_json_words_not_python(line, said):
    done = run("--data", MINI, "assess", "--batch", "-", input=line + "\n")
    message = json.loads(done.stdout)["error"]["message"]
    assert said in message
    assert not re.search(r"\b(True|False|None|NoneType|int|dict|str)\b|not list\b", message), message


def test_a_facts_file_of_a_list_is_named_in_plain_words(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text("[1, 2]", encoding="utf-8")
    done = run("--data", MINI, "assess", "--facts", path)
    assert done.exit_code == 2 and "not a list" in done.stderr


# ---- a researcher's filters and every wording of an article -----------------------------------


def test_compare_at_star_lists_every_encoded_wording_oldest_first(shipped):
    from kzlaw.compare import compare
    from kzlaw.engine import version_ends

    code = shipped.by_id["kz-cc-1997"]
    article = code.by_number["120"]
    result = compare(shipped, ["120@kz-cc-1997@*"])
    starts = [s for s, _ in version_ends(code, article)]
    assert len(starts) > 1
    assert sorted({r.valid_from for r in result.rows}) == starts
    assert {r.position for r in result.rows} == set(range(len(starts)))
    done = run("compare", "120@kz-cc-1997@*", "--json")
    assert done.exit_code == 0, done.stderr


def test_articles_filters_by_category_kind_longest_term_and_age(shipped):
    def listed(*options):
        done = run("articles", *options, "--json")
        assert done.exit_code == 0, done.stderr
        return json.loads(done.stdout)["articles"]

    every = listed()
    grave14 = listed("--category", "especially_grave", "--age", "14")
    assert grave14 and all("especially_grave" in a["categories"] and a["min_age"] <= 14 for a in grave14)
    expected = [
        a["article"] for a in every if a["encoded"] and "especially_grave" in a["categories"] and a["min_age"] <= 14
    ]
    assert [a["article"] for a in grave14] == expected
    fines = listed("--kind", "fine")
    assert fines and all("fine" in a["kinds"] for a in fines)
    long_terms = listed("--max-over", "15")
    assert long_terms and all(a["life"] or a["max_imprisonment_months"] > 180 for a in long_terms)
    assert "131" not in [a["article"] for a in long_terms]


def test_articles_csv_has_one_row_per_article_and_the_filter_columns():
    import csv
    import io

    done = run("articles", "--kind", "fine", "--csv")
    assert done.exit_code == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and all("fine" in r["kinds"].split(";") for r in rows)
    assert {"categories", "max_imprisonment_months", "life", "min_age"} <= set(rows[0])


@pytest.mark.parametrize(("option", "value", "meant"), [("--category", "grav", "grave"), ("--kind", "fines", "fine")])
def test_articles_filter_values_are_checked_with_a_did_you_mean(option, value, meant):
    done = run("articles", option, value)
    assert done.exit_code == 2 and f"Did you mean {meant}?" in done.stderr


def test_a_minor_under_a_life_only_sanction_is_not_said_to_go_unpunished(shipped):
    facts = {"act": "sexual_intercourse", "violence": True, "victim_age": 13, "offender_age": 15}
    (rape,) = [m for m in kzlaw.assess(shipped, facts, date="2026-06-01").matches if m.article == "120"]
    assert [a.kind for a in rape.penalty.alternatives] == ["life_imprisonment"]  # Law No. 72-VIII
    step = next(s for s in rape.general.steps if s.step == "minors")
    assert "not worked out here" in step.text and "at most 10 years" in step.text


def test_the_category_step_names_life_imprisonment(shipped):
    facts = {"act": "sexual_intercourse", "violence": True, "victim_age": 13, "offender_age": 30}
    (rape,) = [m for m in kzlaw.assess(shipped, facts, date="2026-06-01").matches if m.article == "120"]
    step = next(s for s in rape.general.steps if s.step == "category")
    assert step.text == "especially grave crime: the punishment is life imprisonment"
    (old,) = [m for m in kzlaw.assess(shipped, facts, date="2023-06-01").matches if m.article == "120"]
    step = next(s for s in old.general.steps if s.step == "category")
    assert step.text == "especially grave crime: the maximum imprisonment is 20 years, or life imprisonment"


@pytest.mark.parametrize("args", [["articles", "--csv", "--bom"], ["compare", "131", "--csv", "--bom"]])
def test_csv_with_bom_opens_in_excel(args):
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("\ufeffcode,")
    plain = CliRunner().invoke(app, [a for a in args if a != "--bom"])
    assert plain.stdout.startswith("code,")
