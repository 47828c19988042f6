"""The date caches are keyed by span (issue 18): two days share a key only when every article of
the code has the same version in force on both, so a cached answer never serves another wording."""

import datetime as dt
import json

import kzlaw
from kzlaw.engine import assess_text, choose_version, date_span, version_cuts


def _days(first, last, step=9):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=step)


def test_days_with_one_key_have_the_same_versions_and_a_new_version_makes_a_new_key(shipped):
    for code in shipped.codes:
        seen: dict = {}
        for day in _days(dt.date(1998, 1, 1), dt.date(2026, 12, 31)):
            versions = tuple(id(choose_version(code, a, day)) for a in code.articles)
            key = date_span(code, day)
            assert seen.setdefault(key, versions) == versions, (code.id, day)
        for cut in version_cuts(code):  # a version starts or ends: the key changes at that day
            before = cut - dt.timedelta(days=1)
            assert date_span(code, before) != date_span(code, cut), (code.id, cut)


def test_the_cuts_kept_in_the_cache_are_those_of_the_articles(shipped):
    from kzlaw import load
    from kzlaw.dataset import _LOADED

    _LOADED.clear()  # the next load reads the per-user cache the first one wrote
    cached = load()
    for code in cached.codes:
        kept = getattr(code.articles, "cuts", None)
        assert kept is not None  # kept beside the lazily read articles: no article is read for them
        assert tuple(kept) == version_cuts(shipped.by_id[code.id])


def test_dated_batch_answers_equal_the_answers_alone_across_a_change_of_wording(shipped):
    facts = {"act": ["sexual_intercourse"], "violence": True, "victim_age": 12, "offender_age": 30}
    for day in ("2024-06-15", "2024-06-16", "2024-06-17", "2026-03-08", "2020-01-06", "2020-01-07"):
        date = dt.date.fromisoformat(day)
        alone = kzlaw.assess(shipped, facts, date=date).to_json()
        fast = json.loads(assess_text(shipped, facts, date=date))
        assert fast == alone, day
