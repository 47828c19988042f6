"""The console script as a process: usage errors and closed pipes, which CliRunner does not see."""

import json
import subprocess
import sys

import pytest

KZLAW = [sys.executable, "-m", "kzlaw"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KZLAW, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["search"], "WORDS"),
        (["show"], "ARTICLE"),
        (["assess", "--nope"], "--nope"),
        (["show", "120", "--code"], "--code"),
    ],
)
def test_a_usage_error_is_one_sentence_and_exit_2(args, named):
    done = _run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kzlaw: ") and named in lines[0]
    assert "--help" in lines[0] and "Traceback" not in done.stderr


def test_a_usage_error_with_json_is_a_json_error():
    done = _run("show", "120", "--json", "--code")
    assert done.returncode == 2 and done.stdout == ""
    assert json.loads(done.stderr)["error"]["code"] == "usage"


def test_an_input_error_keeps_its_exit_code_through_the_console_script():
    done = _run("assess", "--victim-age", "x", "--json")
    assert done.returncode == 2
    assert json.loads(done.stderr)["error"]["code"] == "bad_value"


def test_no_command_prints_the_help_and_exits_0():
    done = _run()
    assert done.returncode == 0 and "Usage:" in done.stdout and "assess" in done.stdout


@pytest.mark.parametrize("args", [["assess", "--act", "insult"], ["articles"], ["show", "120", "--json"]])
def test_a_closed_pipe_ends_quietly_with_exit_0(args):
    command = " ".join([*KZLAW, *args])
    done = subprocess.run(
        ["bash", "-c", f"{command} | head -c 1 > /dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "0"
    assert done.stderr == ""
