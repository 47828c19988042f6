"""Record: a frozen, typed value object that costs nothing to define.

`@dataclass(frozen=True)` writes each class's methods with `exec` when the module is
imported: about a millisecond a class, which for the forty classes of the model was
most of kzlaw's start-up. A Record is the same contract (fields from the class's
annotations, defaults, keyword or positional construction, immutability, equality and
hashing by value, a readable repr, `_replace`) with generic methods defined once here.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    """Subclass and annotate the fields; give defaults as class attributes, as with a dataclass."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [n for n, kind in cls.__dict__.get("__annotations__", {}).items() if "ClassVar" not in str(kind)]
        cls._fields = (*cls._fields, *(n for n in own if n not in cls._fields))
        cls._defaults = {**cls._defaults, **{n: cls.__dict__[n] for n in own if n in cls.__dict__}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} values, not {len(args)}")
        values = dict(zip(fields, args, strict=False))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            if name in values:
                raise TypeError(f"{type(self).__name__} got {name!r} twice")
            values[name] = value
        if len(values) < len(fields):
            for name in fields:
                if name not in values:
                    if name not in self._defaults:
                        raise TypeError(f"{type(self).__name__} needs {name!r}")
                    values[name] = self._defaults[name]
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def _values(self) -> tuple:
        d = self.__dict__
        return tuple(d[n] for n in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={self.__dict__[n]!r}" for n in self._fields)
        return f"{type(self).__name__}({inner})"

    def __getstate__(self) -> tuple:
        return self._values()  # the fields only: cached properties are worked out again when asked

    def __setstate__(self, state: tuple) -> None:
        self.__dict__.update(zip(self._fields, state, strict=True))

    def _replace(self, **changes: Any):
        """A copy with some fields changed (dataclasses.replace)."""
        return type(self)(**{**{n: self.__dict__[n] for n in self._fields}, **changes})
