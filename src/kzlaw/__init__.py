"""kzlaw: the Criminal Code of the Republic of Kazakhstan as structured, queryable data.

>>> from kzlaw import load, assess
>>> dataset = load()                       # the dataset shipped with the package
>>> result = assess(dataset, {"act": ["sexual_intercourse"], "violence": True,
...                           "victim_age": 13, "offender_age": 15})
>>> [(m.article, m.part, m.liable) for m in result.matches]   # doctest: +SKIP
"""

from kzlaw.dataset import load, validate
from kzlaw.engine import Assessment, Match, assess, choose_code, choose_version
from kzlaw.errors import DatasetError, InputError, KzlawError, Problem

__all__ = [
    "Assessment",
    "DatasetError",
    "InputError",
    "KzlawError",
    "Match",
    "Problem",
    "assess",
    "choose_code",
    "choose_version",
    "load",
    "validate",
]
__version__ = "0.1.0"
