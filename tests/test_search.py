"""Ranked search: numbers first, field weights, word forms and typing errors, the code filter."""

import subprocess
import sys
import time

import pytest

from kzlaw import InputError
from kzlaw.search import WEIGHTS, highlight_terms, search, stem, tokens


def _articles(hits):
    return [(h.code, h.article) for h in hits]


def test_a_number_finds_that_article_first(mini):
    hits = search(mini, ["20", "assault"])
    assert _articles(hits)[0] == ("old", "20")
    assert "number" in hits[0].fields
    assert hits[0].score >= WEIGHTS["number"] > hits[1].score


def test_a_number_matches_only_the_whole_number(mini):
    assert _articles(search(mini, ["10"])) == [("old", "10")]


def test_title_outranks_acts(mini):
    # "access" is in the title of Art. 20 and only among the acts of Art. 130.
    hits = search(mini, ["access"])
    assert _articles(hits) == [("old", "20"), ("new", "130")]
    assert hits[0].fields[0] == "title"
    assert hits[1].fields == ("acts",)
    assert hits[0].score > hits[1].score


def test_ties_go_to_the_newer_code(mini):
    hits = search(mini, ["assault"])
    assert _articles(hits) == [("new", "110"), ("old", "10")]
    assert hits[0].score == hits[1].score


def test_code_filter(mini):
    assert _articles(search(mini, ["assault"], code="old")) == [("old", "10")]


def test_more_query_words_matched_rank_higher(mini):
    hits = search(mini, ["violent", "harsher"])
    assert _articles(hits) == [("new", "110"), ("old", "10")]
    assert hits[0].matched == ("violent", "harsher")
    assert hits[1].matched == ("violent",)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("slandering", ("new", "130")),  # a word form
        ("slanders", ("new", "130")),
        ("asault", ("new", "110")),  # a typing error
        ("computr", ("old", "20")),
        ("malwares", ("old", "20")),
        ("comp", ("old", "20")),  # a prefix
    ],
)
def test_word_forms_typing_errors_and_prefixes_still_find(mini, query, expected):
    assert _articles(search(mini, [query]))[0] == expected


def test_stop_words_do_not_change_the_result(mini):
    assert search(mini, ["the", "assault", "of"]) == search(mini, ["assault"])


def test_a_quoted_phrase_is_split_into_words(mini):
    assert search(mini, ["computer access"]) == search(mini, ["computer", "access"])


def test_limit(mini):
    assert len(search(mini, ["assault", "access"])) == 4
    assert _articles(search(mini, ["assault", "access"], limit=1)) == [("new", "110")]


def test_nothing_found_is_an_empty_list(mini):
    assert search(mini, ["zebra"]) == []


def test_highlight_terms_are_the_title_words_as_written(mini):
    hit = search(mini, ["assaulted"])[0]
    assert highlight_terms(hit) == ("Assault",)
    assert highlight_terms(search(mini, ["malware"])[0]) == ()  # found in the summary, not the title


def test_to_json_has_the_contract_keys(mini):
    doc = search(mini, ["slander"])[0].to_json()
    assert {k: doc[k] for k in ("article", "code", "title")} == {"article": "130", "code": "new", "title": "Slander"}
    assert isinstance(doc["score"], float)


@pytest.mark.parametrize(
    ("words", "kwargs", "error"),
    [
        ([], {}, "empty_query"),
        (["  ", "."], {}, "empty_query"),
        (["assault"], {"code": "oldd"}, "unknown_code"),
        (["assault"], {"limit": 0}, "bad_limit"),
    ],
)
def test_bad_input_is_an_input_error(mini, words, kwargs, error):
    with pytest.raises(InputError) as caught:
        search(mini, words, **kwargs)
    assert caught.value.code == error


@pytest.mark.parametrize(
    "forms",
    [
        ("rape", "raped", "rapes"),
        ("slander", "slandering", "slandered", "slanders"),
        ("pornography", "pornographic"),
        ("insult", "insulting", "insulted", "insults"),
        ("commit", "committed", "committing"),
        ("defame", "defamation", "defamed"),
        ("offence", "offences"),
        ("sexual", "sexually"),
    ],
)
def test_stem_gives_the_forms_of_a_word_one_stem(forms):
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


def test_stem_keeps_words_apart():
    assert len({stem(w) for w in ("rape", "insult", "libel", "slander", "sexual")}) == 5


def test_tokens_keep_article_numbers_whole():
    assert tokens("Art. 132-1, part 3-2") == ["art", "132-1", "part", "3-2"]


# ---- the shipped dataset ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("pornografic", "273"),
        ("slandering", "129"),
        ("libel", "129"),
        ("insult", "130"),
        ("rape", "120"),
        ("120", "120"),
        ("computer", "227"),
    ],
)
def test_shipped_1997_code(shipped, query, article):
    hits = search(shipped, [query], code="kz-cc-1997")
    assert hits[0].article == article
    assert {h.code for h in hits} == {"kz-cc-1997"}


def test_repeated_searches_are_fast(shipped):
    queries = [["pornografic"], ["slandering"], ["sexual", "minor"], ["120"], ["organised", "group"]]
    for q in queries:
        search(shipped, q)  # builds the index and the similarities once
    start = time.perf_counter()
    for _ in range(10):
        for q in queries:
            search(shipped, q)
    average = (time.perf_counter() - start) / (10 * len(queries))
    assert average < 0.05


def test_importing_search_and_compare_pulls_in_no_rich_typer_or_yaml():
    code = "import sys, kzlaw.search, kzlaw.compare; print(sorted({'rich', 'typer', 'yaml'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
