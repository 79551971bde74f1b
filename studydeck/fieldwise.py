"""Equality and repr field by field, as ``@dataclass`` gives them, without the dataclasses
module: importing it (inspect, ast, dis…) and building a class cost ~50M instructions of every
``studydeck status``."""

from __future__ import annotations


class Fieldwise:
    """Base for plain classes: list the attributes in ``_fields`` (``__init__`` order)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable

    def __repr__(self) -> str:
        parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({parts})"
