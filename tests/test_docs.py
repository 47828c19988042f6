"""The reference that users read covers every command, option and error code the tool has."""

import re
from pathlib import Path

import pytest
import typer

from kzlaw.cli import app

ROOT = Path(__file__).parent.parent
REFERENCE = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_section_in_the_reference(name):
    assert f"## kzlaw {name}" in REFERENCE


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, cmd in sorted(COMMANDS.items())
        for p in cmd.params
        for opt in p.opts
        if opt.startswith("--")
    ],
)
def test_every_option_is_in_the_reference(command, option):
    assert option in REFERENCE, f"{command} {option}"


def test_every_error_code_raised_is_documented():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "kzlaw").glob("*.py"))
    codes = set(re.findall(r'code="([a-z_]+)"', source)) | set(re.findall(r'"code": "([a-z_]+)"', source))
    undocumented = sorted(c for c in codes if f"`{c}`" not in REFERENCE)
    assert not undocumented


def test_readme_setup_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    ")]
    assert commands[0].startswith("pip install . && kzlaw ")
    assert commands[1] == "pip install '.[test]' && pytest"
    assert len(commands) == 2
