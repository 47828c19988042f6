"""The command line through Typer's CliRunner: exit code, stdout and stderr checked separately.

Behaviour is checked on the tests' own dataset (tests/data/mini.yaml, codes `old` and `new`);
the shipped dataset only gets smoke checks.
"""

import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kzlaw.cli import app

HERE = Path(__file__).parent
MINI = str(HERE / "data" / "mini.yaml")
BROKEN = HERE / "dataset_errors" / "min_above_max.yaml"
BROKEN_LINE = 48  # the line of the `# expect:` comment in that file

CONTRACT_FACTS = [
    "offender_age",
    "victim_age",
    "victim_minor",
    "victim_under_16",
    "victim_under_14",
    "act",
    "violence",
    "threat",
    "victim_helpless",
    "blackmail",
    "property_threat",
    "dependency",
    "deception",
    "group",
    "group_conspiracy",
    "organized_group",
    "threat_to_kill",
    "especial_brutality",
    "venereal_infection",
    "hiv_infection",
    "victim_death",
    "severe_health_damage",
    "grave_consequences",
    "public_disaster",
    "repeat",
    "prior_sexual_violence",
    "recidivist",
    "export_abroad",
    "publicly",
    "mass_media",
    "corruption_accusation",
    "info_damage",
]
CONTRACT_ACTS = [
    "sexual_intercourse",
    "other_sexual_acts",
    "sexual_coercion",
    "recruitment_for_exploitation",
    "defamation",
    "insult",
    "illegal_computer_access",
    "prostitution_recruitment",
    "pornography_distribution",
]


@pytest.fixture(autouse=True)
def _no_dataset_from_the_environment(monkeypatch):
    monkeypatch.delenv("KZLAW_DATA", raising=False)


def kzlaw(*args, data=MINI, input=None, env=None):
    """Run `kzlaw [--data DATA] ARGS...` in-process."""
    prefix = ["--data", str(data)] if data else []
    return CliRunner().invoke(app, [*prefix, *map(str, args)], input=input, env=env)


def ok_json(result):
    """The one JSON document on stdout of a successful run."""
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    assert result.stderr == ""
    return json.loads(result.stdout)


def assess_json(*args, **kwargs):
    return ok_json(kzlaw("assess", *args, "--json", **kwargs))


def only(document, article):
    found = [m for m in document["matches"] if m["article"] == article]
    assert len(found) == 1, document["matches"]
    return found[0]


def one_line(stderr):
    assert "Traceback" not in stderr
    assert stderr.endswith("\n")
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# ---- assess ------------------------------------------------------------------------------------


def test_assess_json_has_the_contract_shape():
    doc = assess_json(
        "--act", "assault", "--fact", "violence", "--victim-age", "13", "--offender-age", "15", "--code", "old"
    )
    assert doc["code"] == "old"
    assert doc["facts"] == {
        "offender_age": 15,
        "victim_age": 13,
        "victim_minor": True,
        "victim_under_14": True,
        "act": ["assault"],
        "violence": True,
    }
    (match,) = doc["matches"]
    assert {"article", "title", "part", "status", "liable", "min_age", "penalty", "because", "missing"} <= set(match)
    assert match["article"] == "10"
    assert match["title"] == "Assault"
    assert match["part"] == "3"
    assert match["status"] == "applies"
    assert match["liable"] is True
    assert match["min_age"] == 14
    assert match["penalty"] == {
        "alternatives": [{"kind": "imprisonment", "min": 96, "max": 180, "unit": "months"}],
        "additional": [],
    }
    assert match["because"] == ["victim_under_14"]
    assert match["missing"] == ["parent"]


def test_assess_json_additional_punishment_when_its_condition_holds():
    doc = assess_json(
        "--act", "assault", "--fact", "violence", "--fact", "parent", "--victim-age", "10", "--code", "old"
    )
    (extra,) = only(doc, "10")["penalty"]["additional"]
    assert extra["kind"] == "deprivation_of_right"
    assert extra["mandatory"] is True
    assert (extra["min"], extra["max"], extra["unit"]) == (120, 240, "months")


def test_assess_json_stdout_is_exactly_one_document():
    result = kzlaw("assess", "--act", "assault", "--code", "old", "--json")
    assert result.exit_code == 0
    decoder = json.JSONDecoder()
    document, end = decoder.raw_decode(result.stdout)
    assert result.stdout[end:].strip() == ""
    assert isinstance(document, dict)


def test_assess_no_article_applies_is_success():
    doc = assess_json("--act", "assault", "--fact", "violence=false", "--fact", "threat=no", "--code", "old")
    assert doc["matches"] == []


def test_assess_unknown_elements_make_the_article_possible_and_liable_unknown():
    match = only(assess_json("--act", "assault", "--code", "old"), "10")
    assert match["status"] == "possible"
    assert match["liable"] is None
    assert {"violence", "threat"} <= set(match["missing"])


def test_fact_with_commas_gives_a_list():
    doc = assess_json("--fact", "act=assault,access", "--code", "old")
    assert doc["facts"]["act"] == ["assault", "access"]


@pytest.mark.parametrize(
    ("option", "value"),
    [("violence", True), ("violence=true", True), ("violence=false", False), ("violence=yes", True)],
)
def test_bare_fact_means_true(option, value):
    doc = assess_json("--fact", option, "--code", "old")
    assert doc["facts"]["violence"] is value


def test_act_is_repeatable_and_adds_to_fact_act():
    assert assess_json("--act", "assault", "--act", "malware")["facts"]["act"] == ["assault", "malware"]
    assert assess_json("--fact", "act=access", "--act", "assault")["facts"]["act"] == ["access", "assault"]


def test_age_shortcuts_set_ages_and_derive_the_rest():
    doc = assess_json(
        "--act", "assault", "--fact", "violence", "--offender-age", "13", "--victim-age", "16", "--code", "old"
    )
    facts = doc["facts"]
    assert (facts["offender_age"], facts["victim_age"]) == (13, 16)
    assert (facts["victim_minor"], facts["victim_under_14"]) == (True, False)
    match = only(doc, "10")
    assert (match["part"], match["liable"], match["because"]) == ("2", False, ["victim_minor"])


def test_age_shortcut_and_the_same_fact_agree():
    doc = assess_json("--victim-age", "13", "--fact", "victim_age=13")
    assert doc["facts"]["victim_age"] == 13


FACTS_AS_MAPPING = {"act": ["assault"], "violence": True, "victim_age": 13}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("facts.yaml", "act: [assault]\nviolence: true\nvictim_age: 13\n"),
        ("facts.json", json.dumps(FACTS_AS_MAPPING)),
    ],
)
def test_facts_file_yaml_or_json(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = assess_json("--facts", path, "--code", "old")
    assert {k: doc["facts"][k] for k in FACTS_AS_MAPPING} == FACTS_AS_MAPPING
    assert only(doc, "10")["part"] == "3"


def test_facts_from_stdin():
    doc = assess_json("--facts", "-", "--code", "old", input=json.dumps(FACTS_AS_MAPPING))
    assert only(doc, "10")["part"] == "3"
    doc = assess_json("--facts", "-", "--code", "old", input="act: assault\nviolence: yes\nvictim_age: 13\n")
    assert only(doc, "10")["part"] == "3"


def test_facts_file_and_options_combine(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("act: [assault]\nviolence: true\n", encoding="utf-8")
    doc = assess_json("--facts", path, "--victim-age", "13", "--offender-age", "20", "--code", "old")
    match = only(doc, "10")
    assert (match["part"], match["liable"]) == ("3", True)


def test_article_takes_the_basic_elements_as_given():
    without = only(assess_json("--victim-age", "13", "--code", "old"), "10")
    assert without["status"] == "possible"
    doc = assess_json("--article", "10", "--victim-age", "13", "--code", "old")
    assert [m["article"] for m in doc["matches"]] == ["10"]
    match = doc["matches"][0]
    assert (match["status"], match["part"], match["because"]) == ("applies", "3", ["victim_under_14"])


def test_article_assesses_only_the_articles_named():
    doc = assess_json("--article", "20", "--act", "assault", "--fact", "violence", "--code", "old")
    assert [(m["article"], m["part"]) for m in doc["matches"]] == [("20", "1")]
    doc = assess_json("-a", "10", "-a", "20", "--code", "old")
    # Art. 20 has two basic offences (part 1, and part 3 with its own elements): one match each
    assert [(m["article"], m["part"]) for m in doc["matches"]] == [("10", "1"), ("20", "1"), ("20", "3")]


def test_without_code_the_newest_code_is_used():
    doc = assess_json("--act", "assault", "--fact", "violence")
    assert doc["code"] == "new"
    match = only(doc, "110")
    assert match["penalty"]["alternatives"] == [{"kind": "imprisonment", "min": 60, "max": 96, "unit": "months"}]


def test_code_picks_the_code():
    doc = assess_json("--act", "assault", "--fact", "violence", "--code", "old")
    assert doc["code"] == "old"
    assert [m["article"] for m in doc["matches"]] == ["10"]


@pytest.mark.parametrize(
    ("date", "code", "alternatives"),
    [
        ("2005-06-01", "old", [("fine", 200, 500, "mci")]),
        ("2012-06-01", "old", [("fine", 200, 500, "mci"), ("imprisonment", None, 12, "months")]),
    ],
)
def test_date_picks_the_code_and_the_version_in_force(date, code, alternatives):
    doc = assess_json("--act", "access", "--fact", "info_damage", "--date", date)
    assert (doc["code"], doc["date"]) == (code, date)
    penalty = only(doc, "20")["penalty"]
    assert [(a["kind"], a["min"], a["max"], a["unit"]) for a in penalty["alternatives"]] == alternatives


def test_date_leaves_out_an_article_not_in_force_that_day():
    assert [m["article"] for m in assess_json("--act", "access", "--date", "2016-03-01")["matches"]] == ["130"]
    later = assess_json("--act", "access", "--date", "2021-01-01")
    assert later["code"] == "new"
    assert later["matches"] == []


def test_plain_output_goes_to_stdout_only():
    result = kzlaw("assess", "--act", "assault", "--fact", "violence", "--code", "old")
    assert result.exit_code == 0, result.stderr
    assert "10" in result.stdout
    assert result.stderr == ""
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


# ---- show, articles, facts, validate --------------------------------------------------------------


def test_show_json_has_the_contract_keys():
    doc = ok_json(kzlaw("show", "10", "--code", "old", "--json"))
    assert {"article", "code", "title", "min_age", "parts", "sources"} <= set(doc)
    assert (doc["article"], doc["code"], doc["title"], doc["min_age"]) == ("10", "old", "Assault", 14)
    assert [p["part"] for p in doc["parts"]] == ["1", "2", "3"]
    for part in doc["parts"]:
        assert {"part", "circumstances", "penalty"} <= set(part)
        assert {"alternatives", "additional"} <= set(part["penalty"])
    first, second, third = doc["parts"]
    assert first["circumstances"] == []
    assert first["penalty"]["alternatives"] == [{"kind": "imprisonment", "min": 36, "max": 60, "unit": "months"}]
    assert [c["text"] for c in second["circumstances"]] == ["victim a minor", "by a group"]
    assert [a["kind"] for a in third["penalty"]["additional"]] == ["deprivation_of_right"]
    assert doc["sources"] == [{"document": "test", "address": "Art. 10", "status": "primary"}]


def test_show_date_picks_the_wording_in_force():
    assert [p["part"] for p in ok_json(kzlaw("show", "20", "--code", "old", "--json"))["parts"]] == ["1", "2", "3", "4"]
    old = ok_json(kzlaw("show", "20", "--date", "2005-01-01", "--json"))
    assert (old["code"], old["title"]) == ("old", "Computer access (old wording)")
    assert [p["part"] for p in old["parts"]] == ["1"]


def test_show_plain_names_the_article():
    result = kzlaw("show", "10", "--code", "old")
    assert result.exit_code == 0, result.stderr
    assert "Assault" in result.stdout
    assert result.stderr == ""


def test_articles_json_lists_the_articles_of_the_code():
    doc = ok_json(kzlaw("articles", "--json"))
    assert doc["code"] == "new"
    assert [a["article"] for a in doc["articles"]] == ["110", "130"]
    doc = ok_json(kzlaw("articles", "--code", "old", "--json"))
    assert doc["code"] == "old"
    assert [(a["article"], a["title"], a["min_age"]) for a in doc["articles"]][0] == ("10", "Assault", 14)
    assert [a["article"] for a in doc["articles"]] == ["10", "20"]


def test_facts_json_lists_the_vocabulary_of_the_dataset():
    doc = ok_json(kzlaw("facts", "--json"))
    facts = {f["name"]: f for f in doc["facts"]}
    assert list(facts) == [
        "offender_age",
        "victim_age",
        "victim_minor",
        "victim_under_14",
        "act",
        "violence",
        "threat",
        "group",
        "group_conspiracy",
        "organized_group",
        "victim_death",
        "parent",
        "info_damage",
    ]
    assert (facts["offender_age"]["type"], facts["offender_age"]["min"], facts["offender_age"]["max"]) == (
        "int",
        0,
        120,
    )
    assert facts["violence"]["type"] == "bool"
    assert facts["act"]["type"] == "list of enum"
    assert facts["victim_minor"]["meaning"] == "victim under 18"
    assert [a["name"] for a in doc["acts"]] == ["assault", "access", "malware"]


def test_validate_a_valid_dataset_exits_0():
    result = kzlaw("validate", MINI, data=None)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "valid" in result.stderr
    assert kzlaw("validate").exit_code == 0  # the --data file


def test_validate_an_invalid_dataset_exits_3_and_names_each_place():
    result = kzlaw("validate", BROKEN, data=None)
    assert result.exit_code == 3
    assert f"{BROKEN}:{BROKEN_LINE}:" in result.stdout
    assert "min 12 is above max 10" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_json():
    doc = json.loads(kzlaw("validate", BROKEN, "--json", data=None).stdout)
    assert doc["valid"] is False
    (problem,) = doc["problems"]
    assert (problem["line"], problem["file"]) == (BROKEN_LINE, str(BROKEN))
    assert problem["fix"]
    result = kzlaw("validate", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True


# ---- errors ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def facts_files(tmp_path_factory):
    where = tmp_path_factory.mktemp("facts")
    (where / "bad.yaml").write_text("victim_age: [13\nviolence: true\n", encoding="utf-8")
    (where / "list.yaml").write_text("- victim_age\n- violence\n", encoding="utf-8")
    return {"missing": str(where / "missing.yaml"), "bad": str(where / "bad.yaml"), "list": str(where / "list.yaml")}


# (id, arguments, texts the message must contain: the bad value, then the fix)
ERRORS = [
    ("unknown_fact", ["assess", "--fact", "victm_age=3"], ["victm_age", "did you mean victim_age?"]),
    ("unknown_fact_bare", ["assess", "--fact", "violense"], ["violense", "did you mean violence?"]),
    ("unknown_act", ["assess", "--act", "assult"], ["assult", "assault"]),
    ("unknown_act_in_list", ["assess", "--fact", "act=assault,hack"], ["hack", "kzlaw facts"]),
    ("unknown_article", ["assess", "--article", "999", "--code", "old"], ["999", "kzlaw articles"]),
    ("unknown_article_show", ["show", "999", "--code", "old"], ["999", "kzlaw articles"]),
    ("unknown_code", ["assess", "--code", "kz-cc-2099"], ["kz-cc-2099", "old, new"]),
    ("unknown_code_articles", ["articles", "--code", "olde"], ["olde", "old"]),
    ("ill_typed", ["assess", "--fact", "offender_age=abc"], ["abc", "offender_age=15"]),
    ("ill_typed_bool", ["assess", "--fact", "violence=maybe"], ["maybe", "violence=true"]),
    ("ill_typed_shortcut", ["assess", "--offender-age", "abc"], ["abc", "offender"]),
    ("out_of_range", ["assess", "--fact", "victim_age=200"], ["200", "0", "120"]),
    ("out_of_range_shortcut", ["assess", "--victim-age", "200"], ["200", "120"]),
    (
        "contradiction",
        ["assess", "--victim-age", "15", "--fact", "victim_minor=false"],
        ["victim_minor", "victim_age=15", "correct victim_age"],
    ),
    ("given_twice", ["assess", "--fact", "violence=true", "--fact", "violence=false"], ["violence", "once"]),
    ("facts_file_missing", ["assess", "--facts", "{missing}"], ["{missing}", "check the path"]),
    ("facts_file_not_yaml", ["assess", "--facts", "{bad}"], ["{bad}", "not valid yaml", "mapping such as"]),
    ("facts_file_a_list", ["assess", "--facts", "{list}"], ["{list}", "mapping", "list", "mapping such as"]),
    ("bad_date", ["assess", "--date", "2020-13-01"], ["2020-13-01", "YYYY-MM-DD"]),
    ("bad_date_show", ["show", "10", "--date", "yesterday"], ["yesterday", "YYYY-MM-DD"]),
    ("date_before_every_code", ["assess", "--date", "1990-01-01"], ["1990-01-01", "old"]),
    ("code_not_in_force_on_date", ["assess", "--code", "new", "--date", "2005-01-01"], ["2005-01-01", "new"]),
]


def _fill(items, files):
    return [str(i).format(**files) for i in items]


@pytest.mark.parametrize(("args", "texts"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_error_exits_2_with_one_line_naming_the_value_and_the_fix(facts_files, args, texts):
    result = kzlaw(*_fill(args, facts_files))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    line = one_line(result.stderr)
    for text in _fill(texts, facts_files):
        assert text.lower() in line.lower(), line


@pytest.mark.parametrize(("args", "texts"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_error_with_json_is_a_json_document_on_stderr(facts_files, args, texts):
    result = kzlaw(*_fill(args, facts_files), "--json")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    document = json.loads(one_line(result.stderr))
    assert set(document) == {"error"}
    error = document["error"]
    assert {"code", "message"} <= set(error)
    assert re.fullmatch(r"[a-z][a-z_]*", error["code"]), error
    for text in _fill(texts, facts_files):
        assert text.lower() in error["message"].lower(), error


def test_json_error_says_the_same_as_the_plain_one():
    plain = one_line(kzlaw("assess", "--fact", "victm_age=3").stderr)
    error = json.loads(kzlaw("assess", "--fact", "victm_age=3", "--json").stderr)["error"]
    assert error["code"] == "unknown_fact"
    assert error["message"] in plain


@pytest.mark.parametrize("command", [["assess", "--act", "assault"], ["show", "10"], ["articles"], ["facts"]])
def test_broken_dataset_exits_3_naming_file_and_line(command):
    result = kzlaw(*command, data=BROKEN)
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert f"{BROKEN}:{BROKEN_LINE}:" in line
    assert "min 12 is above max 10" in line


def test_broken_dataset_with_json_is_a_json_error():
    result = kzlaw("assess", "--act", "assault", "--json", data=BROKEN)
    assert result.exit_code == 3
    assert result.stdout == ""
    error = json.loads(one_line(result.stderr))["error"]
    assert error["code"] == "invalid_dataset"
    assert f"{BROKEN}:{BROKEN_LINE}:" in error["message"]


def test_missing_dataset_file_exits_3(tmp_path):
    missing = tmp_path / "none.yaml"
    result = kzlaw("articles", data=missing)
    assert result.exit_code == 3
    assert str(missing) in one_line(result.stderr)


# ---- the dataset from the environment -------------------------------------------------------------


def test_kzlaw_data_selects_the_dataset():
    doc = ok_json(kzlaw("articles", "--json", data=None, env={"KZLAW_DATA": MINI}))
    assert (doc["code"], [a["article"] for a in doc["articles"]]) == ("new", ["110", "130"])
    result = kzlaw("articles", data=None, env={"KZLAW_DATA": str(BROKEN)})
    assert result.exit_code == 3
    assert f"{BROKEN}:{BROKEN_LINE}:" in result.stderr


def test_data_option_wins_over_kzlaw_data():
    doc = ok_json(kzlaw("articles", "--json", data=MINI, env={"KZLAW_DATA": str(BROKEN)}))
    assert doc["code"] == "new"


def test_validate_uses_kzlaw_data():
    result = kzlaw("validate", data=None, env={"KZLAW_DATA": str(BROKEN)})
    assert result.exit_code == 3
    assert f"{BROKEN}:{BROKEN_LINE}:" in result.stdout


# ---- the shipped dataset: smoke checks ----------------------------------------------------------


def test_shipped_dataset_is_valid():
    result = kzlaw("validate", data=None)
    assert result.exit_code == 0, result.stdout


def test_shipped_articles_and_codes():
    doc = ok_json(kzlaw("articles", "--code", "kz-cc-1997", "--json", data=None))
    assert doc["code"] == "kz-cc-1997"
    assert "120" in [a["article"] for a in doc["articles"]]
    newest = ok_json(kzlaw("articles", "--json", data=None))
    assert newest["code"] in ("kz-cc-1997", "kz-cc-2014")


def test_shipped_facts_cover_the_contract_vocabulary():
    doc = ok_json(kzlaw("facts", "--json", data=None))
    assert set(CONTRACT_FACTS) <= {f["name"] for f in doc["facts"]}
    assert set(CONTRACT_ACTS) <= {a["name"] for a in doc["acts"]}


def test_shipped_contract_example_runs():
    doc = assess_json(
        "--act",
        "sexual_intercourse",
        "--fact",
        "violence",
        "--victim-age",
        "13",
        "--offender-age",
        "15",
        "--code",
        "kz-cc-1997",
        data=None,
    )
    assert doc["code"] == "kz-cc-1997"
    match = only(doc, "120")
    assert (match["status"], match["liable"]) == ("applies", True)


def test_shipped_show():
    doc = ok_json(kzlaw("show", "120", "--code", "kz-cc-1997", "--json", data=None))
    assert doc["article"] == "120"
    assert doc["parts"] and doc["sources"]


# ---- help ------------------------------------------------------------------------------------------


COMMANDS = sorted(get_command(app).commands)


def test_the_contract_commands_are_registered():
    assert {"articles", "show", "facts", "assess", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["kzlaw", *COMMANDS])
def test_every_command_has_help_with_an_example(command):
    result = kzlaw(*command, "--help", data=None)
    assert result.exit_code == 0, result.stderr
    assert "Example:" in result.stdout


# -- explain, show --part, facts --article ------------------------------------------------------


def test_explain_gives_every_term_and_one_term_with_its_source():
    from kzlaw.glossary import TERMS

    every = kzlaw("explain", "--json", data=None)
    assert every.exit_code == 0
    assert [t["term"] for t in json.loads(every.stdout)["terms"]] == list(TERMS)
    one = kzlaw("explain", "МРП", data=None)
    assert one.exit_code == 0 and one.stdout.startswith("mci\n") and "Arts. 3, 41" in one.stdout
    spaced = kzlaw("explain", "restriction", "of", "freedom", "--json", data=None)
    assert json.loads(spaced.stdout)["terms"][0]["term"] == "restriction of freedom"


def test_explain_an_unknown_term_is_exit_2_with_a_did_you_mean():
    result = kzlaw("explain", "limitaton", data=None)
    assert result.exit_code == 2 and result.stdout == ""
    assert "'limitaton'" in result.stderr and "Did you mean limitation?" in result.stderr


def test_the_glossary_page_is_the_glossary_of_the_command():
    from pathlib import Path

    from kzlaw.glossary import TERMS

    page = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    for term, (meaning, source) in TERMS.items():
        assert f"## {term}\n\n{meaning}\n\nSource: {source}." in page


def test_show_one_part_only_and_an_unknown_part_names_the_parts():
    doc = json.loads(kzlaw("show", "10", "--code", "old", "--part", "2", "--json").stdout)
    assert [p["part"] for p in doc["parts"]] == ["2"]
    assert "victim a minor" in kzlaw("show", "10", "--code", "old", "--part", "2").stdout
    assert "victim died" not in kzlaw("show", "10", "--code", "old", "--part", "2").stdout
    wrong = kzlaw("show", "10", "--code", "old", "--part", "9")
    assert wrong.exit_code == 2 and "no part '9'" in wrong.stderr and "1, 2, 3" in wrong.stderr


def test_facts_of_an_article_are_those_its_conditions_read_with_their_sources():
    doc = json.loads(kzlaw("facts", "--article", "10", "--code", "old", "--json").stdout)
    names = {f["name"] for f in doc["facts"]}
    # read by Art. 10's conditions, the age its minor facts derive from, the facts implying `group`
    assert names == {
        "act",
        "violence",
        "threat",
        "victim_minor",
        "victim_under_14",
        "victim_age",
        "group",
        "group_conspiracy",
        "organized_group",
        "victim_death",
        "parent",
    }
    assert [a["name"] for a in doc["acts"]] == ["assault"]
    text = kzlaw("facts", "--article", "10", "--code", "old").stdout
    assert "info_damage" not in text and "assault" in text and "malware" not in text


# -- export ----------------------------------------------------------------------------------------


def test_export_gives_one_row_per_part_of_every_version_in_one_unit_per_column():
    from kzlaw import load
    from kzlaw.export import COLUMNS

    result = kzlaw("export")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    mini = load(MINI)
    assert len(rows) == sum(len(v.parts) for c in mini.codes for a in c.articles for v in a.versions)
    assert all(list(r) == list(COLUMNS) for r in rows)
    first = rows[0]
    assert (first["code"], first["article"], first["part"]) == ("old", "10", "1")
    assert (first["imprisonment_min_months"], first["imprisonment_max_months"]) == (36, 60)
    third = next(r for r in rows if r["article"] == "10" and r["part"] == "3")
    assert third["deprivation_of_right"] == "mandatory"
    assert (third["deprivation_of_right_min_months"], third["deprivation_of_right_max_months"]) == (120, 240)
    fine = next(r for r in rows if r["article"] == "20" and r["version"] == 1)
    assert (fine["fine_min_mci"], fine["fine_max_mci"], fine["in_force_to"]) == (200, 500, "2009-12-31")
    only = [json.loads(line) for line in kzlaw("export", "--code", "new").stdout.splitlines()]
    assert only and {r["code"] for r in only} == {"new"}


def test_export_csv_has_the_columns_and_a_bom_only_on_request():
    import csv
    import io

    from kzlaw.export import COLUMNS

    plain = kzlaw("export", "--format", "csv", "--code", "new")
    assert plain.exit_code == 0
    table = list(csv.reader(io.StringIO(plain.stdout)))
    assert tuple(table[0]) == COLUMNS and {row[0] for row in table[1:]} == {"new"}
    assert not plain.stdout.startswith("\ufeff")
    assert kzlaw("export", "--format", "csv", "--bom").stdout.startswith("\ufeffcode,")
    bad = kzlaw("export", "--format", "xlsx")
    assert bad.exit_code == 2 and "'xlsx'" in bad.stderr
    assert kzlaw("export", "--bom").exit_code == 2


def test_assess_lists_many_matches_one_line_each_and_explains_on_request(monkeypatch):
    from kzlaw import render

    # three possible matches (Art. 10, and Art. 20's two basic offences): the reasoning by default
    few = kzlaw("assess", "--code", "old")
    assert few.stdout.count("Liability:") == 3
    brief = kzlaw("assess", "--code", "old", "--brief")
    lines = [line for line in brief.stdout.splitlines() if line.startswith("Art. ")]
    assert len(lines) == 3 and all("[possible]" in line and "imprisonment" in line for line in lines)
    assert "Liability:" not in brief.stdout and "--explain" in brief.stdout
    monkeypatch.setattr(render, "BRIEF_BEYOND", 1)  # more matches than the bound: one line each
    assert kzlaw("assess", "--code", "old").stdout == brief.stdout
    assert kzlaw("assess", "--code", "old", "--explain").stdout == few.stdout


def test_an_offender_under_the_age_of_liability_is_shown_not_liable():
    result = kzlaw("assess", "--act", "assault", "--fact", "violence", "--code", "new", "--offender-age", "13")
    assert "[applies; not liable]" in result.stdout
