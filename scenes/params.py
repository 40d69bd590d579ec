"""Parameter types shared by every lesson kind, and the lesson base model.

Numbers may be written as exact expressions (``pi/2``, ``sqrt(3)``) and stay
exact; formulas are parsed with mathcore's allow-list parser, never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatch
from functools import cached_property
from typing import Annotated, ClassVar, Literal

import sympy
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from mathcore.errors import MathError
from mathcore.parse import parse_formula, parse_number, parse_relation, parse_sides
from scenes.layout import LAYOUTS
from scenes.practice import Design, Difficulty, Line, Move, Practice, Sketch
from scenes.voice import Voice


def _exact(value: object) -> sympy.Expr:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"expected a number such as 2, -1.5 or pi/2, got {value!r}")
    try:
        return parse_number(value)
    except MathError as err:
        raise ValueError(str(err)) from None


Exact = Annotated[
    sympy.Expr,
    PlainValidator(_exact),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"anyOf": [{"type": "number"}, {"type": "string"}],
         "description": "a number, or an exact expression such as pi/2 or sqrt(3)"}
    ),
]


def _ordered(pair: tuple[sympy.Expr, sympy.Expr]) -> tuple[sympy.Expr, sympy.Expr]:
    low, high = pair
    if not float(low) < float(high):
        raise ValueError(f"expected [min, max] with min < max, got [{low}, {high}]")
    return pair


Range = Annotated[tuple[Exact, Exact], AfterValidator(_ordered)]

Formula = Annotated[
    str,
    Field(min_length=1, description="a formula such as x^2 - y^2 or 3x*y*e^(-x^2-y^2)"),
]

LessonId = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$",
          description="unique; names the output files (lowercase, digits, - and _)"),
]


class LessonBase(BaseModel):
    """What every lesson has: an id, a kind, a title and caption overrides."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: LessonId
    title: str | None = Field(None, description="shown on the title card")
    narration: dict[str, str] = Field(
        default_factory=dict,
        description="caption overrides, beat name -> text (see `calcreel list`)",
    )
    shapes: list[Literal[tuple(LAYOUTS)]] | None = Field(  # type: ignore[valid-type]
        None, min_length=1, description="this lesson's shapes, instead of the course's")
    voice: Voice | None = Field(None, description="this lesson's voice, instead of the course's")
    practice: Practice | None = Field(None, description="the worksheet's exercises made "
                                      "from this lesson (see `calcreel practice`)")
    your_turn: bool = Field(False, description="before the closing card, pose the first "
                            "practice exercise, count down while the viewer tries it, "
                            "then show its worked answer")

    beats: ClassVar[dict[str, str]] = {"title": "the title card",
                                       "closing": "the takeaway"}
    """The kind's beats in the order they play, each with what it shows: the one
    place they are declared. ``point-*`` stands for point-1, point-2, ..."""

    asides: ClassVar[tuple[str, ...]] = ()
    """Beats (patterns as in ``beats``) a voiced clip may leave to their captions when
    its voice would run over ``max_seconds``: the first is given up first."""

    moves: ClassVar[tuple[Move, ...]] = ()
    """The fields a practice variant moves, and how."""

    unvaried: ClassVar[tuple[str, ...]] = ()
    """Fields a practice variant leaves out (its own choice is made from the rest)."""

    designs: ClassVar[tuple[Design, ...]] = ()
    """The design challenges the kind's sheet may end with (one per lesson)."""

    turn_beats: ClassVar[dict[str, str]] = {
        "your_turn": "with your_turn: the first practice exercise, and a countdown to try it",
        "answer": "with your_turn: that exercise's worked answer"}
    """Beats every kind plays before its closing card when the lesson asks for them."""

    @classmethod
    def played_beats(cls) -> dict[str, str]:
        """Every beat the kind may play, in order: its own, with the turn beats before
        the closing card."""
        own = {name: what for name, what in cls.beats.items() if name != "closing"}
        return own | cls.turn_beats | {"closing": cls.beats["closing"]}

    @classmethod
    def declares(cls, beat: str) -> bool:
        return any(fnmatch(beat, pattern) for pattern in cls.played_beats())

    @field_validator("narration")
    @classmethod
    def _known_beats(cls, narration: dict[str, str]) -> dict[str, str]:
        for beat in narration:
            if not cls.declares(beat):
                raise ValueError(f"unknown beat '{beat}'; this kind's beats are "
                                 + ", ".join(cls.played_beats()))
        return narration

    @model_validator(mode="after")
    def _movable(self) -> LessonBase:
        """``practice.vary`` names only numbers this lesson can move, within bounds
        that leave a choice."""
        moves = {move.key: move for move in self.moves_of()}
        for name, bounds in (self.practice.vary if self.practice else {}).items():
            if name not in moves:
                raise ValueError(f"practice.vary.{name}: this lesson cannot move '{name}'; "
                                 "it can move " + ", ".join(sorted(moves)))
            if why := moves[name].impossible(bounds):
                raise ValueError(f"practice.vary.{name}: impossible bounds "
                                 f"[{bounds[0]}, {bounds[1]}]: {why}")
        return self

    def solve(self) -> object:
        """What a practice exercise needs of the analysis: all of it, unless the kind can
        leave out what only the video draws."""
        return self.analyze()

    def moves_of(self) -> tuple[Move, ...]:
        """This lesson's moves (a kind may add some that depend on its fields)."""
        return self.moves

    def problem(self, analysis: object) -> list[Line]:
        """The exercise this lesson poses, as a worksheet states it (``analysis`` gives
        what the lesson leaves to be chosen, such as where a Taylor error is bounded)."""
        raise NotImplementedError

    def worked(self, analysis: object) -> list[Line]:
        """The key's worked answer, from the lesson's analysis."""
        raise NotImplementedError

    def flaw(self, analysis: object, difficulty: Difficulty) -> str | None:
        """Why this lesson's analysis makes a poor exercise (None when it makes a good one)."""
        raise NotImplementedError

    def shows(self, analysis: object) -> str | None:
        """What the lesson shows beyond its numbers, which its exercises keep (that the
        theorem fails, say); None when there is nothing of the kind."""
        return None

    def tally(self, analysis: object) -> dict[str, int]:
        """What a design challenge counts in an analysis (for kinds with ``designs``)."""
        raise NotImplementedError

    def sketch(self, analysis: object) -> Sketch | None:
        """The sheet's small graph, where the kind has one."""
        return None

    def drawn(self) -> dict:
        """The lesson as its videos depend on it: every field but ``practice``, unless
        the video poses one of its exercises."""
        return self.model_dump(mode="json",
                               exclude=set() if self.your_turn else {"practice"})

    def heading(self) -> str:
        """The title card's text: the lesson's title, or one made from its id."""
        return self.title or self.id.replace("-", " ").replace("_", " ").capitalize()


def parsed_formula(text: str, parameters: tuple[str, ...] = (),
                   variables: tuple[str, ...] = ("x", "y")) -> sympy.Expr:
    """Parse a lesson's formula, turning mathcore's error into a field error."""
    try:
        return parse_formula(text, variables, parameters)
    except MathError as err:
        raise ValueError(str(err)) from None


def parsed_sides(text: str, variables: tuple[str, ...] = ("x", "y")
                 ) -> tuple[sympy.Expr, sympy.Expr]:
    """Both sides of a lesson's equation ``lhs = rhs``, mathcore's error a field error."""
    try:
        return parse_sides(text, variables)
    except MathError as err:
        raise ValueError(str(err)) from None


def parsed_relation(text: str, variables: tuple[str, ...] = ("x", "y")) -> sympy.Rel:
    """A lesson's inequality such as ``x^2 + y^2 <= 4``, mathcore's error a field error."""
    try:
        return parse_relation(text, variables)
    except MathError as err:
        raise ValueError(str(err)) from None


def formula_of_x(text: str) -> sympy.Expr:
    """Parse a one-variable formula (in x alone), as :func:`parsed_formula` does."""
    return parsed_formula(text, variables=("x",))


def _parses_in_x(text: str) -> str:
    formula_of_x(text)
    return text


FormulaOfX = Annotated[Formula, AfterValidator(_parses_in_x)]


class LessonOfX(LessonBase):
    """A lesson about a function of x alone: its formula, parsed once."""

    function: FormulaOfX

    @cached_property
    def expr(self) -> sympy.Expr:
        return formula_of_x(self.function)


class LessonOfXY(LessonBase):
    """A lesson about f(x, y) over a window that, left out, holds every critical point."""

    function: Formula
    x: Range | None = Field(None, description="left out: chosen to hold every critical point")
    y: Range | None = Field(None, description="left out: chosen to hold every critical point")

    @field_validator("function")
    @classmethod
    def _parses(cls, text: str) -> str:
        parsed_formula(text)
        return text

    @cached_property
    def expr(self) -> sympy.Expr:
        return parsed_formula(self.function)


def contains(window: Sequence[sympy.Expr], value: sympy.Expr) -> bool:
    """Whether ``value`` lies in the closed ``window``."""
    return float(window[0]) <= float(value) <= float(window[1])
