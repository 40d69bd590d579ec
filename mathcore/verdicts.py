"""What a classified point is: one vocabulary for every kind, its JSON strings (as
`calcreel check --json` writes them) and its words.

>>> Verdict.SADDLE.label, Verdict.LOCAL_MIN.plural, Verdict.INCONCLUSIVE.with_article
('Saddle', 'local minima', 'an inconclusive point')
>>> str(Verdict.LOCAL_MAX), Verdict("local max") is Verdict.LOCAL_MAX
('local max', True)
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Verdict(str, Enum):
    """A point's verdict. A member is its JSON string: it equals, hashes and prints as
    that string."""

    LOCAL_MIN = "local min"
    LOCAL_MAX = "local max"
    SADDLE = "saddle"              # f(x, y): D < 0
    INCONCLUSIVE = "inconclusive"  # f(x, y): the second-derivative test says nothing
    NEITHER = "neither"            # f(x): f' keeps its sign, neither a min nor a max
    UNKNOWN = "unknown"            # sampling f around a point decides nothing

    __hash__ = str.__hash__

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def label(self) -> str:
        """As a table's cell: ``Local min``."""
        return WORDS[self].label

    @property
    def plural(self) -> str:
        """As counted: ``2 local minima``."""
        return WORDS[self].plural

    @property
    def with_article(self) -> str:
        """As a caption ends: ``a local min``, ``an inconclusive point``."""
        return WORDS[self].with_article


class Words(NamedTuple):
    label: str
    plural: str
    with_article: str


WORDS: dict[Verdict, Words] = {
    Verdict.LOCAL_MIN: Words("Local min", "local minima", "a local min"),
    Verdict.LOCAL_MAX: Words("Local max", "local maxima", "a local max"),
    Verdict.SADDLE: Words("Saddle", "saddles", "a saddle"),
    Verdict.INCONCLUSIVE: Words("Inconclusive", "inconclusive points", "an inconclusive point"),
    Verdict.NEITHER: Words("Neither", "points that are neither", "neither a min nor a max"),
    Verdict.UNKNOWN: Words("Unknown", "undecided points", "undecided"),
}
"""The one table of a verdict's words."""
