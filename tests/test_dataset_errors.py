"""One small broken dataset per kind of dataset error: the message names the file, the line and a fix.

Each file in tests/dataset_errors/ is tests/data/mini.yaml with one thing broken. Its first
line says where the problem is and what the message says:

    # expect: <line> <substring of the message>
"""

import re
from pathlib import Path

import pytest

import kzlaw
from kzlaw import DatasetError

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "dataset_errors").glob("*.yaml"))
MINI = HERE / "data" / "mini.yaml"


def expectation(path: Path) -> tuple[int, str]:
    """The `# expect: <line> <substring>` comment on the first line of a broken dataset."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# expect: (\d+) (.+)", first.strip())
    assert found, f"{path.name}: first line must be `# expect: <line> <substring>`"
    return int(found.group(1)), found.group(2)


def test_there_is_a_broken_dataset_for_every_kind_of_error():
    kinds = {p.stem for p in BROKEN}
    assert {
        "not_yaml",
        "unknown_key",
        "wrong_type",
        "min_above_max",
        "unit_mismatch",
        "unknown_fact_in_condition",
        "unknown_act_in_condition",
        "part_without_sources",
        "part_without_penalty",
        "duplicate_article",
        "duplicate_part",
        "parts_out_of_order",
        "liability_unknown_article",
        "version_dates_reversed",
    } <= kinds


def test_the_dataset_the_broken_ones_are_copied_from_is_valid():
    assert kzlaw.validate(MINI) == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_validate_names_file_line_problem_and_fix(path):
    line, substring = expectation(path)
    problems = kzlaw.validate(path)
    assert problems, f"{path.name} should be invalid"
    here = [p for p in problems if p.line == line and substring in p.message]
    assert here, [str(p) for p in problems]
    problem = here[0]
    assert problem.file == str(path)
    assert problem.column >= 1
    assert problem.fix.strip(), "every problem says how to fix it"
    text = str(problem)
    assert text.startswith(f"{path}:{line}:{problem.column}: ")
    assert substring in text
    assert problem.fix in text


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_load_raises_dataset_error_naming_file_line_and_problem(path):
    line, substring = expectation(path)
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    error = caught.value
    assert error.exit_code == 3
    assert error.code == "invalid_dataset"
    message = str(error)
    assert message.startswith(f"{path}:{line}:"), message
    assert substring in message
    first = error.problems[0]
    assert (first.line, first.fix != "") == (line, True)
    assert first.fix in message


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_one_break_gives_one_problem_not_a_cascade(path):
    """A problem must not make the validator report correct places elsewhere as wrong."""
    problems = kzlaw.validate(path)
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_load_and_validate_agree(path):
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in kzlaw.validate(path)]


def _mini_with(tmp_path, name, edits):
    """mini.yaml with some lines edited: {line number: (old text, new text)}."""
    lines = MINI.read_text(encoding="utf-8").splitlines()
    for n, (old, new) in edits.items():
        assert old in lines[n - 1], (n, lines[n - 1])
        lines[n - 1] = lines[n - 1].replace(old, new)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_lists_every_problem_of_a_file_in_file_order(tmp_path):
    path = _mini_with(
        tmp_path,
        "two_problems.yaml",
        {
            111: ("min: 5, max: 8", "min: 9, max: 8"),
            9: ("meaning: violence used}", "meaning: violence used, default: false}"),
        },
    )

    problems = kzlaw.validate(path)

    assert [(p.line, p.message) for p in problems] == [
        (9, "unknown key 'default' in a fact"),
        (111, "min 9 is above max 8"),
    ]
    assert all(p.file == str(path) and p.fix for p in problems)
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith(f"{path}:9:")
    assert "1 more problem" in str(caught.value)


def test_a_bad_basic_part_does_not_make_its_aggravated_parts_wrong(tmp_path):
    """Only the bad penalty of part 1 is reported, not "parts 2 and 3 need a part 1"."""
    path = _mini_with(tmp_path, "bad_part_1.yaml", {42: ("unit: years", "unit: hours")})
    problems = kzlaw.validate(path)
    assert [(p.line, p.message) for p in problems] == [(42, "unit 'hours' does not fit imprisonment")]


def test_a_missing_file_is_a_located_dataset_error(tmp_path):
    path = tmp_path / "nowhere.yaml"
    problems = kzlaw.validate(path)
    assert len(problems) == 1
    assert problems[0].file == str(path) and problems[0].line == 1
    assert problems[0].fix
    with pytest.raises(DatasetError) as caught:
        kzlaw.load(path)
    assert str(path) in str(caught.value)
