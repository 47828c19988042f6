"""kzlaw: the Criminal Code of the Republic of Kazakhstan as structured, queryable data.

    >>> from kzlaw import load, assess
    >>> dataset = load()                       # the dataset shipped with the package
    >>> result = assess(dataset, {"act": ["sexual_intercourse"], "violence": True,
    ...                           "victim_age": 13, "offender_age": 15})
    >>> [(m.article, m.part, m.liable) for m in result.matches]   # doctest: +SKIP

Names are imported on first use, so that `kzlaw` starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "load": "kzlaw.dataset",
    "validate": "kzlaw.dataset",
    "assess": "kzlaw.engine",
    "choose_code": "kzlaw.engine",
    "choose_version": "kzlaw.engine",
    "Assessment": "kzlaw.engine",
    "Match": "kzlaw.engine",
    "sentence": "kzlaw.cumulative",
    "Sentence": "kzlaw.cumulative",
    "Given": "kzlaw.sentencing",
    "KzlawError": "kzlaw.errors",
    "InputError": "kzlaw.errors",
    "DatasetError": "kzlaw.errors",
    "Problem": "kzlaw.errors",
}
__all__ = [
    "Assessment",
    "DatasetError",
    "Given",
    "InputError",
    "KzlawError",
    "Match",
    "Problem",
    "Sentence",
    "assess",
    "choose_code",
    "choose_version",
    "load",
    "sentence",
    "validate",
]

if TYPE_CHECKING:
    from kzlaw.cumulative import Sentence, sentence
    from kzlaw.dataset import load, validate
    from kzlaw.engine import Assessment, Match, assess, choose_code, choose_version
    from kzlaw.errors import DatasetError, InputError, KzlawError, Problem
    from kzlaw.sentencing import Given


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kzlaw' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
