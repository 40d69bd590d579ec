"""What the one-variable kinds share: the formula-in-x field, caption number
helpers, a ruled table, and :class:`GraphScene` (axes, graph, dots, clipped
lines, labels placed where they cover least, the side column)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated

import numpy as np
import sympy
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    DashedLine,
    Dot,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    VGroup,
)
from pydantic import AfterValidator

from mathcore.errors import MathError
from mathcore.numeric import numeric_function
from mathcore.parse import parse_formula
from mathcore.symbols import x
from mathcore.window import graph_window
from scenes.base import LessonScene, fit
from scenes.layout import Region
from scenes.notation import plain, tex
from scenes.params import Formula
from scenes.plot2d import graph, graph_axes

SIGNIFICANT = 7         # digits of a quotient that is not a short decimal
MAX_EXACT_CHARS = 14    # longer exact values are given as decimals in captions
LABEL_SIZE = 30         # labels on the graph
NOTE_SIZE = 36          # formulas and tables on the side
AROUND = (UL, UR, DR, DL, LEFT, RIGHT, UP, DOWN)  # where a point's label may go, in order



def formula_of_x(text: str) -> sympy.Expr:
    """Parse a one-variable formula, turning mathcore's error into a field error."""
    try:
        return parse_formula(text, ("x",))
    except MathError as err:
        raise ValueError(str(err)) from None


def _parses_in_x(text: str) -> str:
    formula_of_x(text)
    return text


FormulaOfX = Annotated[Formula, AfterValidator(_parses_in_x)]


def and_list(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def short(value: sympy.Expr) -> str | None:
    """``value`` for a caption (see :func:`number_text`), or None when that is long or
    only a Float."""
    text = number_text(value)
    return None if value.is_Float or len(text) > MAX_EXACT_CHARS else text


def spoken(value: sympy.Expr) -> str:
    """``2√3/3``, or ``≈ 1.075`` where the exact form is too long for a caption."""
    text = short(value)
    return text if text is not None else f"≈ {float(value):.4g}"


def equals(name: str, value: sympy.Expr) -> str:
    """``x = 2√3/3``, or ``x ≈ 1.075`` where the exact form is too long for a caption."""
    text = spoken(value)
    return f"{name} {text}" if text.startswith("≈") else f"{name} = {text}"


def number_text(value: sympy.Expr) -> str:
    """A number for captions: -2.5 as typed rather than -5/2; others as plain() writes them."""
    return decimal(value, float(value)) if value.is_Rational else plain(value)


def interval_text(ends: Sequence[sympy.Expr]) -> str:
    """``[-2.5, 3]`` for captions."""
    return f"[{number_text(ends[0])}, {number_text(ends[1])}]"


def decimal(exact: sympy.Expr, approx: float) -> str:
    """A number as a decimal: exact when it terminates (6001/1000 is 6.001), else rounded."""
    if exact.is_Rational:
        p, q = exact.as_numer_denom()
        if q == 2 ** _multiplicity(2, q) * 5 ** _multiplicity(5, q):
            text = format((Decimal(int(p)) / Decimal(int(q))).normalize(), "f")
            return text if len(text) <= SIGNIFICANT + 3 else f"{approx:.{SIGNIFICANT}g}"
    return f"{approx:.{SIGNIFICANT}g}"


def _multiplicity(prime: int, n: sympy.Integer) -> int:
    return sympy.multiplicity(prime, n) if n % prime == 0 else 0


def _outline(mobject: Mobject) -> np.ndarray:
    """Points along a mobject's strokes, straight lines sampled densely, for collisions."""
    parts = [np.linspace(m.get_start(), m.get_end(), 40) if isinstance(m, Line)
             else m.points for m in mobject.family_members_with_points()]
    return np.vstack(parts) if parts else np.zeros((0, 3))


def _covered(label: Mobject, points: np.ndarray) -> int:
    """How many of ``points`` lie under ``label``'s bounding box."""
    low, high = label.get_corner(DL)[:2], label.get_corner(UR)[:2]
    return int(np.all((points[:, :2] >= low) & (points[:, :2] <= high), axis=1).sum())


def contains(window: Sequence[sympy.Expr], value: sympy.Expr) -> bool:
    """Whether ``value`` lies in the closed ``window``."""
    return float(window[0]) <= float(value) <= float(window[1])


class GraphScene(LessonScene):
    """A lesson about one f(x): axes and graph in the main region, notes on the side."""

    @property
    def function(self) -> sympy.Expr:
        return self.analysis.function

    def title_formula(self) -> MathTex:
        return MathTex(rf"f(x) = {tex(self.function)}", color=self.theme.text)

    def draw_graph(self, window: Sequence[sympy.Expr]) -> VGroup:
        """Build the axes and f's graph over ``window``; returns them (not yet shown)."""
        self.f = numeric_function(self.function, (x,))
        self.axes = graph_axes(window, graph_window([self.function], window),
                               self.layout.main, self.theme)
        self.curve = graph(self.axes, self.function, window, self.theme.main)
        return VGroup(self.axes, self.curve)

    def on_curve(self, at: float) -> np.ndarray:
        """The scene point of (at, f(at))."""
        return self.axes.c2p(at, self.f(float(at)))

    def note(self, content: str, colour: str | None = None) -> MathTex:
        """A formula for the side region."""
        return MathTex(content, font_size=NOTE_SIZE, color=colour or self.theme.text)

    def spot(self, at: float, colour: str) -> Dot:
        """A dot on the graph at x = ``at``."""
        return Dot(self.on_curve(at), radius=0.08, color=colour)

    def band(self, a: float, b: float) -> Rectangle:
        """The interval [a, b] shaded across the height of the axes."""
        y0, y1 = self.axes.y_range[:2]
        low, high = self.axes.c2p(a, y0), self.axes.c2p(b, y1)
        band = Rectangle(width=high[0] - low[0], height=high[1] - low[1], stroke_width=0,
                         fill_color=self.theme.muted, fill_opacity=0.15)
        return band.move_to((low + high) / 2)

    def tag(self, target: Mobject | np.ndarray, content: str,
            directions: Sequence[np.ndarray] = AROUND, colour: str | None = None,
            avoid: Sequence[Mobject] = ()) -> MathTex:
        """A small label beside ``target``, on the first side where it is clear of the
        axes, the graph and ``avoid``, on a backing that keeps it readable."""
        label = MathTex(content, font_size=LABEL_SIZE, color=colour or self.theme.text)
        label.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.06)
        return self.place(label, [(target, d) for d in directions], avoid)

    def place(self, label: Mobject, spots: Sequence[tuple[Mobject | np.ndarray, np.ndarray]],
              avoid: Sequence[Mobject] = ()) -> Mobject:
        """Put ``label`` next to the first (target, direction) where, kept inside the main
        region, it covers nothing of the axes, the graph and ``avoid``; else where it covers
        least."""
        obstacles = np.vstack([_outline(m) for m in (self.axes, self.curve, *avoid)])
        best = None
        for target, direction in spots:
            self.inside(label.next_to(target, direction, buff=0.12))
            covered = _covered(label, obstacles)
            if covered == 0:
                return label
            if best is None or covered < best[0]:
                best = (covered, label.get_center())
        return label.move_to(best[1])

    def _main_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        region = self.above_caption(self.layout.main)
        half = np.array([region.width, region.height]) / 2
        return np.array(region.centre[:2]) - half, np.array(region.centre[:2]) + half

    def above_caption(self, region: Region) -> Region:
        """``region`` less the band at its bottom that the caption strip may cover."""
        bottom = max(region.bottom, self.layout.caption.top + 0.05)
        return Region(region.x, (bottom + region.top) / 2, region.width, region.top - bottom)

    def inside(self, mobject: Mobject) -> Mobject:
        """Shift ``mobject`` back into the main region where it pokes out."""
        low, high = self._main_bounds()
        shift = (np.maximum(low - mobject.get_corner(DL)[:2], 0)
                 + np.minimum(high - mobject.get_corner(UR)[:2], 0))
        return mobject.shift([*shift, 0])

    def line_tag(self, line: Line, content: str, colour: str,
                 avoid: Sequence[Mobject] = ()) -> MathTex:
        """A label beside a line, as near its far end as there is room for."""
        label = MathTex(content, font_size=LABEL_SIZE, color=colour)
        label.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.06)
        start, end = line.get_start(), line.get_end()
        spots = [(start + t * (end - start), d) for t in (0.85, 0.7, 0.55, 0.4, 0.25)
                 for d in (DR, UL, UR, DL)]
        return self.place(label, spots, (line, *avoid))

    def across(self, at: tuple[float, float], slope: float | None, colour: str,
               stroke_width: float = 4) -> Line:
        """The line through ``at`` with ``slope`` (None: vertical), clipped to the axes."""
        (x0, x1), (y0, y1) = self.axes.x_range[:2], self.axes.y_range[:2]
        px, py = at
        if slope is None:
            ends = ((px, y0), (px, y1))
        else:
            low, high = x0, x1
            if slope != 0:
                xa, xb = sorted((px + (y0 - py) / slope, px + (y1 - py) / slope))
                low, high = max(low, xa), min(high, xb)
            ends = ((low, py + slope * (low - px)), (high, py + slope * (high - px)))
        return Line(*(self.axes.c2p(*end) for end in ends), color=colour,
                    stroke_width=stroke_width)

    def x_mark(self, at: float, content: str, colour: str) -> VGroup:
        """A dashed drop from the graph to the x axis at ``at``, labelled below the axis."""
        foot = self.axes.x_axis.number_to_point(at)
        drop = DashedLine(self.on_curve(at), foot, color=colour, stroke_width=2,
                          dash_length=0.08)
        label = self.tag(foot, content, (DOWN, DR, DL, UR, UL), colour, (drop,))
        return VGroup(drop, label)

    def side_column(self, parts: Sequence[Mobject], region: Region | None = None,
                    buff: float = 0.35) -> VGroup:
        """Stack ``parts`` from the top of the side region, shrunk to fit it."""
        region = self.above_caption(region or self.layout.side)
        for part in parts:
            fit(part, region.width)
        column = VGroup(*parts).arrange(DOWN, buff=buff)
        fit(column, region.width, region.height)
        return column.move_to(region.centre).align_to(region.centre + UP * region.height / 2,
                                                      UP)


# -- the lesson ------------------------------------------------------------------------------
