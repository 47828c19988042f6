"""The one error hierarchy: what kzlaw tells a person, and the exit code it maps to."""

from __future__ import annotations


def did_you_mean(name: object, choices, cutoff: float = 0.6) -> str:
    """ "Did you mean X?" for the nearest of `choices`, or "" when none is near (the fix of a message)."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f"Did you mean {close[0]}?" if close else ""


def kind_of(value: object) -> str:
    """What a value is, in the words of a JSON or YAML file rather than of Python ("a list", not "list")."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})" if len(repr(value)) < 20 else "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class KzlawError(Exception):
    """A problem to report to a person in one sentence, never a bug."""

    exit_code = 1

    def __init__(self, message: str, *, code: str = "error", fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} {self.fix}" if self.fix else self.message

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": str(self)}}


class InputError(KzlawError):
    """Bad user input (facts, article, code, date, options): exit 2."""

    exit_code = 2


class DatasetError(KzlawError):
    """The dataset file is unreadable or breaks the model: exit 3."""

    exit_code = 3

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        more = f" ({len(problems) - 1} more problems: run `kzlaw validate`)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}", code="invalid_dataset")


class Problem:
    """One located problem in a dataset file: file, line, column, what is wrong and the fix."""

    __slots__ = ("file", "line", "column", "message", "fix", "path")

    def __init__(self, file: str, line: int, column: int, message: str, fix: str = "", path: tuple = ()) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
        self.path = path

    def __str__(self) -> str:
        fix = f" {self.fix}" if self.fix else ""
        return f"{self.file}:{self.line}:{self.column}: {self.message}.{fix}"

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "fix": self.fix,
            "path": "/".join(str(p) for p in self.path),
        }
