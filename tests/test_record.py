"""Record: the value-object base of the model (frozen, compared by value, pickled by its fields)."""

import pickle

import pytest

from kzlaw.record import Record


class Point(Record):
    x: int
    y: int = 0


def test_fields_defaults_and_keywords():
    assert Point(1) == Point(x=1, y=0) and Point(1, 2).y == 2
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, z=3)
    with pytest.raises(TypeError):
        Point(1, x=2)


def test_frozen_hashable_and_replace():
    p = Point(1, 2)
    with pytest.raises(AttributeError):
        p.x = 5
    assert hash(p) == hash(Point(1, 2)) and p != Point(2, 1)
    assert p._replace(y=7) == Point(1, 7) and p == Point(1, 2)


def test_the_dataset_survives_the_cache_round_trip(shipped):
    again = pickle.loads(pickle.dumps(shipped, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == shipped
    assert again.by_id["kz-cc-2014"].by_number["120"] == shipped.by_id["kz-cc-2014"].by_number["120"]
    assert again.vocabulary.by_name.keys() == shipped.vocabulary.by_name.keys()


def test_a_fresh_parse_equals_the_loaded_dataset(shipped):
    """`shipped` may come from the per-user cache of an earlier run: it must equal the YAML read anew."""
    from kzlaw.dataset import default_path, parse

    fresh, problems = parse(default_path().read_text(encoding="utf-8"), str(default_path()))
    assert not problems and fresh == shipped
