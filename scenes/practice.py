"""Practice exercises made from a lesson: its ``practice:`` settings, the ways its numbers
move, and the search for variants that make good exercises (no Manim here).

A variant is the lesson with some of its numbers moved within bounds: the coefficients
of its formulas, a point, an interval, a centre, a degree. The kind's own analysis
solves it (as ``check`` does), and it is kept only when the kind finds no flaw in it
(an answer exact and short, nothing degenerate) and it differs from the lesson and
from the variants kept before it. The search is bounded: so many tries per exercise,
and a time budget for the whole lesson.
"""

from __future__ import annotations

import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from math import ceil
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import sympy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mathcore.errors import MathError
from mathcore.parse import parse_formula, parse_number, parse_sides
from mathcore.symbols import x, y
from scenes.notation import tex

if TYPE_CHECKING:
    from mathcore.critical import CriticalAnalysis
    from scenes.params import LessonBase

Difficulty = Literal["easy", "medium", "hard"]
TRIES_PER_EXERCISE = 15   # variants tried for each exercise asked for
SEARCH_SECONDS = 40.0     # the most one lesson's search may take
SPREAD = {"easy": 1, "medium": 2, "hard": 4}  # how far a point or an end of [a, b] moves
MOST_STEP_DENOMINATOR = 10  # a fraction p/q moves in steps of 1/q
CURVE_SEARCH = 8          # a curve's point is looked for with |x|, |y| <= this
NOT_VARIED = ("title", "narration", "shapes", "voice", "practice", "your_turn", "x", "y")


class Practice(BaseModel):
    """A lesson's worksheet exercises: how many, from which seed, how hard, what moves."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int = Field(4, ge=1, le=12, description="exercises on the sheet")
    seed: int | None = Field(None, ge=0, description="default: made from the lesson id, "
                             "so the sheet is the same each time")
    vary: dict[str, tuple[int, int]] = Field(
        default_factory=dict,
        description="which numbers move and within which whole-number bounds, e.g. "
                    "{coefficients: [-3, 3], interval: [-2, 4]} or a formula's parameter")
    difficulty: Difficulty = Field("medium", description="easy | medium | hard; hard "
                                   "allows long or irrational answers")

    @field_validator("vary")
    @classmethod
    def _ordered_bounds(cls, vary: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for name, (low, high) in vary.items():
            if low > high:
                raise ValueError(f"vary.{name}: expected [low, high] with low <= high, "
                                 f"got [{low}, {high}]")
        return vary

    def seed_for(self, lesson_id: str) -> int:
        return self.seed if self.seed is not None else zlib.crc32(lesson_id.encode())


# -- how numbers move --------------------------------------------------------------------
Fields = dict[str, Any]


@dataclass(frozen=True)
class Move:
    """One field of a lesson that a variant changes; ``key`` is its name in ``vary``."""

    field: str

    @property
    def key(self) -> str:
        return self.field

    def impossible(self, bounds: tuple[int, int]) -> str | None:
        """Why ``vary`` bounds leave nothing to choose (None when they do not)."""
        return None

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Coefficients(Move):
    """The whole numbers before the terms of a formula, an equation or a list of them.
    Each moves with even odds; a sign stays unless ``hard``, and a round number stays
    as round (1000 moves in hundreds, 30 in tens)."""

    @property
    def key(self) -> str:
        return "coefficients"

    def impossible(self, bounds: tuple[int, int]) -> str | None:
        return "only 0 lies between those bounds" if bounds == (0, 0) else None

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        value = fields[self.field]
        if isinstance(value, list):
            return [recoefficient(text, rng, bounds, difficulty) for text in value]
        return recoefficient(value, rng, bounds, difficulty)


@dataclass(frozen=True)
class Near(Move):
    """A whole-number field (a point a, a centre) moved a little, or anywhere in bounds."""

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        return _near(fields[self.field], rng, bounds, difficulty)


@dataclass(frozen=True)
class NearPoint(Move):
    """A point (x, y) with each whole coordinate moved, as :class:`Near` moves one."""

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        return [_near(value, rng, bounds, difficulty) for value in fields[self.field]]


@dataclass(frozen=True)
class Ends(Move):
    """An interval [a, b] with whole ends, each moved a little (or drawn from bounds)."""

    def impossible(self, bounds: tuple[int, int]) -> str | None:
        return "an interval needs two whole numbers a < b between them" \
            if bounds[1] - bounds[0] < 1 else None

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        if bounds is not None:
            return sorted(rng.sample(range(bounds[0], bounds[1] + 1), 2))
        low, high = (_near(end, rng, None, difficulty) for end in fields[self.field])
        return [low, high] if _as_number(low) < _as_number(high) else fields[self.field]


@dataclass(frozen=True)
class Whole(Move):
    """A whole-number setting (a degree) drawn from ``low``..``high`` (or the bounds)."""

    low: int = 0
    high: int = 0

    def impossible(self, bounds: tuple[int, int]) -> str | None:
        return f"{self.field} must lie in [{self.low}, {self.high}]" \
            if bounds[1] < self.low or bounds[0] > self.high else None

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        low, high = bounds or (self.low, min(self.high, max(self.low, fields[self.field])))
        return rng.randint(max(low, self.low), min(high, self.high))


@dataclass(frozen=True)
class OnCurve(Move):
    """A point with whole coordinates on the (moved) curve ``equation`` = 0 at random;
    None when there is none near the origin."""

    equation: str = "equation"

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        low, high = bounds or (-CURVE_SEARCH, CURVE_SEARCH)
        lhs, rhs = parse_sides(fields[self.equation])
        F = sympy.lambdify((x, y), lhs - rhs, "numpy")
        grid = np.arange(low, high + 1, dtype=float)
        X, Y = np.meshgrid(grid, grid)
        with np.errstate(all="ignore"):
            values = F(X, Y) * np.ones_like(X)
        near = np.argwhere(np.abs(values) < 1e-9)
        exact = [(int(X[i, j]), int(Y[i, j])) for i, j in near
                 if (lhs - rhs).subs({x: int(X[i, j]), y: int(Y[i, j])}) == 0]
        return list(rng.choice(exact)) if exact else None


@dataclass(frozen=True)
class Parameter(Move):
    """A parameter ``name`` of the formula (a swept ``a``) fixed at a whole value: within
    the sweep's range, or the bounds."""

    name: str = "a"
    sweep: str = "sweep"

    @property
    def key(self) -> str:
        return self.name

    def move(self, fields: Fields, rng: random.Random, bounds: tuple[int, int] | None,
             difficulty: Difficulty) -> Any:
        if bounds is None:
            low, high = (_as_number(end) for end in fields[self.sweep][self.name])
            bounds = (ceil(low), int(high)) if ceil(low) <= int(high) else (1, 3)
        value = rng.choice([v for v in range(bounds[0], bounds[1] + 1) if v] or [1])
        return re.sub(rf"\b{self.name}\b", str(value) if value > 0 else f"({value})",
                      fields[self.field])


# -- rewriting a formula's coefficients ---------------------------------------------------
_LEADING = re.compile(r"\s*(\d+)(?![\d.^])\s*")


def recoefficient(text: str, rng: random.Random, bounds: tuple[int, int] | None,
                  difficulty: Difficulty) -> str:
    """``text`` with some of the whole numbers before its terms (1 where none is written)
    moved. An equation's sides move alike; powers, decimals and what sits in parentheses
    stay. It may come back unchanged (the search then turns it down as the same)."""
    if "=" in text:
        return " = ".join(recoefficient(side, rng, bounds, difficulty)
                          for side in text.split("="))
    parts = []
    for i, (negative, body) in enumerate(split_terms(text)):
        size, rest = _coefficient(body)
        if rng.random() < 0.5 and size is not None:
            signed = _new_coefficient(-size if negative else size, rng, bounds, difficulty)
            negative, body = signed < 0, _written(abs(signed), rest)
        parts.append(("-" if negative else "") if i == 0 else (" - " if negative else " + "))
        parts.append(body.strip())
    return "".join(parts)


def split_terms(text: str) -> list[tuple[bool, str]]:
    """The top-level terms of a sum as (negative, body): ``x^2 - 3y`` -> (F, x^2), (T, 3y).
    A sign after ``^``, ``*``, ``/``, ``(`` or ``e`` of a decimal belongs to its term."""
    terms: list[tuple[bool, str]] = []
    depth, start, negative, previous = 0, 0, False, ""
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char in "+-" and depth == 0 and previous and previous not in "^*/(" and \
                not (previous in "eE" and i >= 2 and text[i - 2].isdigit()):
            terms.append((negative, text[start:i]))
            start, negative = i + 1, char == "-"
        elif char in "+-" and depth == 0 and not previous:
            start, negative = i + 1, char == "-"
        if not char.isspace():
            previous = char
    terms.append((negative, text[start:]))
    return terms


def _coefficient(body: str) -> tuple[int | None, str]:
    """A term's written whole coefficient and the rest; (1, body) when none is written,
    (None, body) for a coefficient that is not whole (0.5x)."""
    match = _LEADING.match(body)
    if match is None:
        return (None, body) if re.match(r"\s*\d", body) else (1, body)
    return int(match.group(1)), body[match.end():]


def _written(size: int, rest: str) -> str:
    if not rest.strip():
        return str(size)
    if size == 1 and rest[0].isalpha() or size == 1 and rest[0] == "(":
        return rest
    return f"{size}{rest}" if rest[0] in "*/" or rest[0].isalpha() or rest[0] == "(" \
        else f"{size} {rest}"


def _new_coefficient(old: int, rng: random.Random, bounds: tuple[int, int] | None,
                     difficulty: Difficulty) -> int:
    if bounds is not None:
        return rng.choice([v for v in range(bounds[0], bounds[1] + 1) if v])
    step = _roundness(abs(old))
    size = abs(old) // step
    low, high = {"easy": (max(1, size - 1), size + 1),
                 "medium": (max(1, ceil(size / 2)), 2 * size + 1),
                 "hard": (1, 3 * size + 2)}[difficulty]
    new = rng.randint(low, high) * step
    keep_sign = difficulty != "hard" or rng.random() < 0.5
    return new if (old > 0) == keep_sign else -new


def _roundness(size: int) -> int:
    """The step a round number moves in: 10 for 20 or 30, 100 for 1000, 1 for 25."""
    zeros = len(str(size)) - len(str(size).rstrip("0")) if size else 0
    return 10 ** (zeros - 1 if zeros > 1 else zeros)


def _as_number(value: Any) -> float:
    return float(parse_number(value)) if isinstance(value, str) else float(value)


def _near(value: Any, rng: random.Random, bounds: tuple[int, int] | None,
          difficulty: Difficulty) -> Any:
    """A number near ``value`` in steps of 1, or of 1/q for a fraction p/q (q <= 10), or
    any whole number in bounds; any other value stays."""
    if bounds is not None:
        return rng.randint(*bounds)
    number = parse_number(value) if isinstance(value, str) else sympy.Integer(value)
    if not number.is_Rational or number.q > MOST_STEP_DENOMINATOR:
        return value
    moved = number + sympy.Rational(rng.randint(-SPREAD[difficulty], SPREAD[difficulty]),
                                    number.q)
    return int(moved) if moved.is_integer else str(moved)


# -- the search ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Exercise:
    """One kept variant: its number on the sheet, its lesson and that lesson's analysis;
    or a design challenge, whose lesson is the checked example its key shows."""

    number: int
    lesson: LessonBase
    analysis: Any
    posed: tuple[Line, ...] = ()    # the challenge's statement, instead of the lesson's
    preface: tuple[Line, ...] = ()  # what the key says before the example's working

    def problem(self) -> list[Line]:
        """The problem as the sheet states it."""
        return list(self.posed) or self.lesson.problem(self.analysis)

    def worked(self) -> list[Line]:
        """The key's worked answer."""
        return [*self.preface, *self.lesson.worked(self.analysis)]

    @cached_property
    def sketch(self) -> Sketch | None:
        """The sheet's small graph (none for a challenge: it would give the answer away),
        drawn once."""
        return None if self.posed else self.lesson.sketch(self.analysis)


@dataclass(frozen=True)
class Design:
    """A design challenge a kind can pose ("a surface with one local max and two
    saddles"): what to make, an example with that property, and what mathcore must find
    in the example's analysis (``LessonBase.tally``) before the key shows it."""

    asked: str
    example: str
    wanted: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Drill:
    """A lesson's exercises, and how many variants were turned down, by reason."""

    lesson: LessonBase
    exercises: tuple[Exercise, ...]
    rejected: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def variants(self) -> tuple[Exercise, ...]:
        """The exercises moved from the lesson (not its design challenge)."""
        return tuple(e for e in self.exercises if not e.posed)

    @property
    def short(self) -> bool:
        """Whether it found fewer variants than asked (a design challenge is extra)."""
        return len(self.variants) < self.settings.count

    @property
    def settings(self) -> Practice:
        return self.lesson.practice or Practice()


def drill(lesson: LessonBase, analyse: Callable[[LessonBase], Any],
          first: int | None = None) -> Drill:
    """Search for ``lesson``'s exercises: moved variants, each solved by ``analyse`` (the
    kind's analysis under a deadline), kept when they show what the lesson shows
    (``LessonBase.shows``: the theorem failing, say), the kind finds no flaw and no kept
    one is the same. Stops at the count (or the ``first`` few: the same ones, as the search
    is the same), after so many tries, or at SEARCH_SECONDS."""
    settings = lesson.practice or Practice()
    wanted = min(first or settings.count, settings.count)
    rng = random.Random(settings.seed_for(lesson.id))
    seen = {sameness(lesson)}
    kept: list[Exercise] = []
    rejected: Counter = Counter()
    started = time.monotonic()
    try:
        own = analyse(lesson)
    except MathError:
        own = None
    point = None if own is None else lesson.shows(own)
    for _ in range(TRIES_PER_EXERCISE * settings.count):
        if len(kept) == wanted or time.monotonic() - started > SEARCH_SECONDS:
            break
        variant, why = _variant(lesson, settings, rng, len(kept) + 1)
        if variant is None:
            rejected[why] += 1
            continue
        if sameness(variant) in seen:
            rejected["the same as the lesson or another exercise"] += 1
            continue
        try:
            analysis = analyse(variant)
        except MathError:
            rejected["mathcore could not solve it"] += 1
            continue
        if (shown := variant.shows(analysis)) != point:  # as the lesson does, or not
            rejected[shown or f"not what the lesson shows ({point})"] += 1
            continue
        if flaw := variant.flaw(analysis, settings.difficulty):
            rejected[flaw] += 1
            continue
        seen.add(sameness(variant))
        kept.append(Exercise(len(kept) + 1, variant, analysis))
    if lesson.designs and (first is None or len(kept) < wanted):
        answered = None if own is None else lesson.tally(own)
        kept.append(challenge(lesson, answered, analyse, rng, seen, len(kept) + 1))
    return Drill(lesson, tuple(kept), rejected, time.monotonic() - started)


def challenge(lesson: LessonBase, answered: dict[str, int] | None,
              analyse: Callable[[LessonBase], Any], rng: random.Random, seen: set[str],
              number: int) -> Exercise:
    """One of the kind's design challenges (not the one the lesson itself ``answered``),
    with its example solved by ``analyse`` and checked to have what it asks for."""
    designs = [d for d in lesson.designs
               if dict(d.wanted) != answered and sameness(_example(lesson, d)) not in seen]
    design = rng.choice(designs)
    example = _example(lesson, design)
    analysis = analyse(example)
    found = lesson.tally(analysis)
    if found != dict(design.wanted):  # calcreel's own example is wrong: a bug, not input
        raise AssertionError(f"the example {design.example} has {found}, not "
                             f"{dict(design.wanted)}")
    return Exercise(
        number, example, analysis,
        posed=(f"Design challenge: write down a function $f(x, y)$ whose surface has "
               f"{design.asked}, and no other critical points. Check it by finding and "
               "classifying its critical points.",),
        preface=(f"One answer (there are many): $f(x, y) = {tex(example.expr)}$. "
                 "Its critical points:",))


def _example(lesson: LessonBase, design: Design) -> LessonBase:
    return type(lesson).model_validate({"id": f"{lesson.id}-design", "kind": lesson.kind,
                                        "function": design.example})


def _variant(lesson: LessonBase, settings: Practice, rng: random.Random,
             number: int) -> tuple[LessonBase | None, str]:
    """A variant of ``lesson`` with its numbers moved, or None and why there is none."""
    fields = {name: value for name, value in lesson.model_dump(mode="json").items()
              if name not in NOT_VARIED and value is not None}
    fields["id"] = f"{lesson.id}-{number}"
    for move in lesson.moves_of():
        if move.field not in fields:
            continue
        moved = move.move(fields, rng, settings.vary.get(move.key), settings.difficulty)
        if moved is None:
            return None, "no point with whole coordinates on the curve"
        fields[move.field] = moved
    for name in type(lesson).unvaried:
        fields.pop(name, None)
    try:
        return type(lesson).model_validate(fields), ""
    except ValidationError:
        return None, "not a valid lesson (a field out of its bounds)"


def sameness(lesson: LessonBase) -> str:
    """What two lessons that pose the same exercise share: their varied fields, with
    formulas as mathcore reads them."""
    data = lesson.model_dump(mode="json", exclude={"id", *NOT_VARIED})
    return repr(sorted((name, _canonical(value)) for name, value in data.items()))


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, str) and any(c.isalpha() for c in value):
        try:
            if "=" in value:
                lhs, rhs = parse_sides(value)
                return str(sympy.expand(lhs - rhs))
            return str(sympy.expand(parse_formula(value, ("x", "y"),
                                                  tuple("abcdkmnpqt"))))
        except (MathError, ValueError):
            return value
    return value


# -- what makes an answer short ---------------------------------------------------------
MOST_DENOMINATOR = {"easy": 6, "medium": 12}
MOST_NUMERATOR = {"easy": 30, "medium": 200}
MOST_RADICAL_TEXT = 10   # characters of a simple radical such as 2*sqrt(3)/3


def short(value: sympy.Expr | None, difficulty: Difficulty) -> bool:
    """Whether ``value`` is an answer a student writes down: a small integer, a simple
    fraction or radical (any exact value when ``hard``)."""
    if value is None or value.has(sympy.Float) or not value.is_number:
        return False
    if difficulty == "hard":
        return True
    if value.is_Rational:
        return abs(value.q) <= MOST_DENOMINATOR[difficulty] and \
            abs(value.p) <= MOST_NUMERATOR[difficulty]
    simple = value.atoms(sympy.Pow) and all(p.exp == sympy.S.Half for p in
                                            value.atoms(sympy.Pow))
    return bool(simple) and difficulty == "medium" and \
        len(str(value)) <= MOST_RADICAL_TEXT and not value.has(sympy.pi, sympy.E)


def all_short(values, difficulty: Difficulty) -> bool:  # noqa: ANN001 (any iterable)
    return all(short(v, difficulty) for v in values)


# -- what a worked answer and a sketch are made of ---------------------------------------
@dataclass(frozen=True)
class Table:
    """A worked answer's table: its header and rows, each cell TeX math."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Line = str | Table
"""A line of a problem or a worked answer: text with $...$ math, or a table."""


@dataclass(frozen=True)
class Sketch:
    """A small graph for the sheet: polylines of (x, y) rows and marked points, in a box."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    curves: tuple[np.ndarray, ...]
    dots: tuple[tuple[float, float], ...] = ()


SKETCH_SAMPLES = 240   # points along a curve of f(x)
SKETCH_LEVELS = 7      # level curves of a map of f(x, y)


def curve_sketch(functions: Sequence[sympy.Expr], window: tuple[Any, Any],
                 dots: tuple[tuple[float, float], ...] = ()) -> Sketch:
    """The graphs of f(x) over ``window``, each broken where it is undefined or leaves
    the box (which holds the middle 96% of their values, the dots and y = 0)."""
    low, high = float(window[0]), float(window[1])
    xs = np.linspace(low, high, SKETCH_SAMPLES)
    rows = [_samples(f, xs) for f in functions]
    finite = np.concatenate([ys[np.isfinite(ys)] for ys in rows])
    if finite.size == 0:
        return Sketch((low, high), (-1.0, 1.0), ())
    bottom, top = np.percentile(finite, [2, 98])
    bottom, top = min(bottom, *(d[1] for d in dots), 0.0), max(top, *(d[1] for d in dots), 0.0)
    room = (top - bottom) * 0.1 or 1.0
    y_range = (float(bottom - room), float(top + room))
    pieces = [piece for ys in rows for piece in _pieces(xs, ys, y_range)]
    return Sketch((low, high), y_range, tuple(pieces), dots)


def _samples(f: sympy.Expr, xs: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        ys = np.asarray(sympy.lambdify(x, f, "numpy")(xs), dtype=complex)
    return np.where(np.abs(ys.imag) < 1e-9, ys.real, np.nan) * np.ones_like(xs)


def _pieces(xs: np.ndarray, ys: np.ndarray, y_range: tuple[float, float]) -> list[np.ndarray]:
    """The runs of (x, y) rows that stay defined and inside ``y_range``."""
    inside = np.isfinite(ys) & (ys >= y_range[0]) & (ys <= y_range[1])
    pieces, start = [], None
    for i, ok in enumerate([*inside, False]):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start > 1:
                pieces.append(np.column_stack([xs[start:i], ys[start:i]]))
            start = None
    return pieces


def map_sketch(f: sympy.Expr, x_range: tuple[Any, Any], y_range: tuple[Any, Any],
               dots: tuple[tuple[float, float], ...] = (),
               more: tuple[np.ndarray, ...] = (),
               critical: CriticalAnalysis | None = None) -> Sketch:
    """A contour map of f(x, y): its level curves, ``more`` curves and the ``dots``.
    ``critical`` is f's analysis on these ranges if the exercise has it; else it is
    found, without the search beyond the ranges a map has no use for."""
    from mathcore.contour import contour
    from mathcore.critical import critical_points

    if critical is None:
        critical = critical_points(f, (x_range, y_range), nearest=False)
    mapped = contour(f, x_range, y_range, SKETCH_LEVELS, arrows=0, critical=critical)
    curves = tuple(b for c in mapped.curves for b in c.branches)
    return Sketch(tuple(float(v) for v in x_range), tuple(float(v) for v in y_range),
                  curves + more, dots)
