"""`implicit`: the slope of a curve F(x, y) = 0 by implicit differentiation.

Beats: title, curve (the equation and its curve), differentiate (d/dx of both
sides: F_x + F_y y' = 0), solve (y' collected: dy/dx = -F_x/F_y), point (the
point, the slope there and the tangent; only with ``at``), travel (a point
runs along the curve carrying its tangent), vertical (the vertical tangents
in the window), singular (where the curve crosses itself), closing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import ClassVar, Literal

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
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)
from pydantic import Field, ValidationInfo, field_validator, model_validator

from mathcore.errors import MathError
from mathcore.implicit import (
    CurvePoint,
    Implicit,
    curve_branches,
    curve_window,
    implicit,
    point_on_curve,
    relation,
    singular_points,
    vertical_tangent_points,
)
from mathcore.numeric import numeric_function
from mathcore.parse import parse_equation, parse_formula
from mathcore.symbols import x, y
from scenes.base import fit
from scenes.graph_scene import GraphScene, and_list, contains, equals
from scenes.layout import Region
from scenes.notation import number_tex, plain, point, point_tex, tex
from scenes.params import Exact, LessonBase, Range
from scenes.plot2d import graph_axes

AXES_ROOM = (0.5, 0.4)   # what graph_axes keeps of its region for numbers and labels
TRAVEL_SECONDS = 8.0     # one trip of the point along the curve
MARK_HALF = 0.6          # scene units of a vertical-tangent mark on each side of its point
MAX_MARKS = 6            # vertical tangents and singular points marked, each
MAX_LABELS = 3           # of them labelled with their coordinates, where a label has room
NOTES_BUFF = 0.3         # between the lines of algebra
ROLLING = 3              # lines of algebra shown at once under the plot (stacked layouts)
GUARD_LINES = 8          # lines across each axis number: covering one costs 8 x 40 points
MARK_SIDES = (UP, DOWN, UR, UL, DR, DL, RIGHT, LEFT)  # where a mark's label may go, in order


# -- the equation ----------------------------------------------------------------------------
def equation_sides(text: str, variables: Sequence[str] = ("x", "y")) -> tuple[sympy.Expr,
                                                                             sympy.Expr]:
    """Both sides of ``lhs = rhs`` as typed, after mathcore's parser has accepted the whole."""
    try:
        parse_equation(text, variables)
        left, right = re.split(r"==?", text)
        return parse_formula(left, variables), parse_formula(right, variables)
    except MathError as err:
        raise ValueError(str(err)) from None


def refused_as_field_error(check: Callable, *args) -> None:
    """Run mathcore's ``check``; its refusal (MathError) becomes a field error."""
    try:
        check(*args)
    except MathError as err:
        raise ValueError(str(err)) from None


def window_text(x_range: Sequence, y_range: Sequence) -> str:
    """``x = [-2, 2], y = [-5, 5]``."""
    return f"x = [{x_range[0]}, {x_range[1]}], y = [{y_range[0]}, {y_range[1]}]"


# -- the lesson ------------------------------------------------------------------------------
class ImplicitLesson(LessonBase):
    """dy/dx on a curve F(x, y) = 0, the tangent at a point, and the vertical tangents.

    A window left out is chosen in the analysis, from the curve and the point.
    """

    kind: Literal["implicit"]
    equation: str = Field(min_length=1, description="the curve, e.g. x^2 + y^2 = 25")
    at: tuple[Exact, Exact] | None = Field(
        None, description="[x0, y0], a point of the curve: its slope and tangent are shown")
    x: Range | None = Field(None, description="the x window; chosen from the curve if left out")
    y: Range | None = Field(None, description="the y window; chosen from the curve if left out")

    beats: ClassVar[tuple[str, ...]] = ("title", "curve", "differentiate", "solve", "point",
                                        "travel", "vertical", "singular", "closing")

    @field_validator("equation")
    @classmethod
    def _is_a_curve(cls, text: str) -> str:
        left, right = equation_sides(text)
        refused_as_field_error(relation, left - right)
        return text

    @field_validator("at")
    @classmethod
    def _on_the_curve(cls, at: tuple | None, info: ValidationInfo) -> tuple | None:
        if at is not None and "equation" in info.data:
            left, right = equation_sides(info.data["equation"])
            refused_as_field_error(point_on_curve, left - right, at, info.data["equation"])
        return at

    @model_validator(mode="after")
    def _in_the_window(self) -> ImplicitLesson:
        """A point outside a window the lesson gives (x, y or both) is refused."""
        if self.at is None:
            return self
        given = [(name, w, v) for name, w, v in zip("xy", (self.x, self.y), self.at)
                 if w is not None]
        if not all(contains(w, v) for _, w, v in given):
            window = ", ".join(f"{name} = [{w[0]}, {w[1]}]" for name, w, _ in given)
            raise ValueError(f"at = ({self.at[0]}, {self.at[1]}) must lie inside the window "
                             f"{window}")
        return self

    @cached_property
    def sides(self) -> tuple[sympy.Expr, sympy.Expr]:
        return equation_sides(self.equation)

    @cached_property
    def relation(self) -> sympy.Expr:
        return self.sides[0] - self.sides[1]

    def analyze(self) -> ImplicitAnalysis:
        F = self.relation
        window = curve_window(F, self.at, self.x, self.y)
        branches = tuple(curve_branches(F, *window))
        if not branches:
            raise MathError(f"no part of the curve {self.equation} lies in the window "
                            f"{window_text(*window)}")
        singular = singular_points(F, *window)
        return ImplicitAnalysis(implicit(F, self.at, equation=self.equation),
                                vertical_tangent_points(F, *window, singular=singular),
                                singular, branches, *window)


@dataclass(frozen=True, eq=False)
class ImplicitAnalysis:
    """mathcore's slope and tangent, with what the scene calls out and draws, in the
    window it draws (the lesson's, or the one chosen for it)."""

    slope: Implicit
    vertical: tuple[CurvePoint, ...]
    singular: tuple[CurvePoint, ...]
    branches: tuple[np.ndarray, ...]
    x_range: tuple[sympy.Expr, sympy.Expr]
    y_range: tuple[sympy.Expr, sympy.Expr]

    def to_json(self) -> dict:
        return {**self.slope.to_json(),
                "x": [str(v) for v in self.x_range], "y": [str(v) for v in self.y_range],
                "vertical_tangents": [p.to_json() for p in self.vertical],
                "singular_points": [p.to_json() for p in self.singular]}


# -- captions --------------------------------------------------------------------------------
def points_text(points: Sequence[CurvePoint]) -> str:
    """``(-5, 0) and (5, 0)``."""
    return and_list([point(p.x, p.y) for p in points])


def equation_text(sides: tuple[sympy.Expr, sympy.Expr]) -> str:
    """``x³ + y³ = 6xy``."""
    return f"{plain(sides[0])} = {plain(sides[1])}"


def curve_caption(sides: tuple[sympy.Expr, sympy.Expr]) -> str:
    return f"The curve {equation_text(sides)}: an equation ties y to x, with no formula y = f(x)"


def differentiate_caption(a: Implicit) -> str:
    return (f"Differentiate both sides in x, with y a function of x: "
            f"{plain(a.fx)} + ({plain(a.fy)})·y' = 0")


def solve_caption(a: Implicit) -> str:
    return f"Collect y' and solve: dy/dx = -F_x/F_y = {plain(a.dydx)}"


def point_caption(a: Implicit) -> str:
    where = f"At {point(*a.point)}, on the curve,"
    if a.singular:
        return f"{where} F_x = F_y = 0: dy/dx = 0/0 names no slope, and there is no one tangent"
    if a.vertical_tangent:
        return f"{where} F_y = 0: the tangent is vertical, {equals('x', a.point[0])}"
    return f"{where} {equals('dy/dx', a.slope)}: the tangent is y = {plain(a.tangent.rhs)}"


def travel_caption(a: Implicit) -> str:
    return ("Slide the point along the curve: the tangent turns with it, "
            f"its slope always {plain(a.dydx)}")


def more_text(points: Sequence[CurvePoint], more: int) -> str:
    """``(-5, 0) and (5, 0)``, or ``(-5, 0), and 2 more`` when only some are labelled."""
    return points_text(points) + (f", and {more} more" if more else "")


def vertical_caption(a: Implicit, points: Sequence[CurvePoint], more: int = 0) -> str:
    """The vertical tangents labelled on screen, and how many more there are."""
    many = len(points) + more > 1
    return (f"Where F_y = {plain(a.fy)} = 0 the slope has no value: "
            f"vertical tangent{'s' if many else ''} at {more_text(points, more)}")


def singular_caption(points: Sequence[CurvePoint], more: int = 0) -> str:
    """The singular points labelled on screen, and how many more there are."""
    return (f"At {more_text(points, more)} F_x = F_y = 0: the curve crosses itself, "
            "and dy/dx = 0/0 picks no slope")


# -- the algebra, typeset --------------------------------------------------------------------
def _bracketed(expr: sympy.Expr) -> str:
    """``expr`` typeset, in brackets if it is a sum or starts with a minus."""
    return rf"\left({tex(expr)}\right)" if expr.is_Add or expr.could_extract_minus_sign() \
        else tex(expr)


def steps_tex(sides: tuple[sympy.Expr, sympy.Expr], a: Implicit) -> list[str]:
    """d/dx of both sides; F_x + F_y y' = 0; y' collected; y' solved."""
    dy = r"\frac{dy}{dx}"
    return [rf"\frac{{d}}{{dx}}\left[{tex(sides[0])}\right] = "
            rf"\frac{{d}}{{dx}}\left[{tex(sides[1])}\right]",
            rf"{tex(a.fx)} + {_bracketed(a.fy)}\,{dy} = 0",
            rf"{_bracketed(a.fy)}\,{dy} = -{_bracketed(a.fx)}",
            rf"{dy} = -\frac{{F_x}}{{F_y}} = {tex(a.dydx)}"]


def at_point_tex(a: Implicit) -> str:
    """What holds at the point: the slope, or why there is none."""
    where = rf"\text{{at }} {point_tex(*a.point)}:\ "
    if a.singular:
        return where + r"F_x = F_y = 0"
    if a.vertical_tangent:
        return where + r"F_y = 0"
    return where + equals_tex(r"\frac{dy}{dx}", a.slope)


def equals_tex(name: str, value: sympy.Expr) -> str:
    r"""``name = 1/4`` typeset, or ``name \approx 1.424`` where the exact form is long."""
    shown = number_tex(value)
    return f"{name} {shown}" if shown.startswith(r"\approx") else f"{name} = {shown}"


def tangent_tex(a: Implicit) -> str:
    """The tangent's equation, ``y = 25/4 - 3x/4`` or ``x = 5``."""
    return f"{tex(a.tangent.lhs)} = {tex(a.tangent.rhs)}"


# -- the scene -------------------------------------------------------------------------------
class ImplicitScene(GraphScene):
    """The curve, the algebra beside it, the tangent at the point, a trip along the curve."""

    analysis: ImplicitAnalysis
    lesson: ImplicitLesson

    @property
    def result(self) -> Implicit:
        return self.analysis.slope

    def title_formula(self) -> MathTex:
        return MathTex(self.equation_tex(), color=self.theme.text)

    def equation_tex(self) -> str:
        left, right = self.lesson.sides
        return f"{tex(left)} = {tex(right)}"

    def takeaway(self) -> str:
        return "Differentiate both sides, collect dy/dx: no need to solve for y first."

    def body(self) -> None:
        self.show_curve()
        self.build_notes()
        self.differentiate()
        self.solve()
        if self.result.point is not None:
            self.show_point()
        self.travel()
        if self.analysis.vertical:
            self.show_marks("vertical", partial(vertical_caption, self.result),
                            self.analysis.vertical, self.vertical_mark, self.theme.tangent)
        if self.analysis.singular:
            self.show_marks("singular", singular_caption, self.analysis.singular,
                            self.singular_mark, self.theme.inconclusive)

    # -- beat: the curve ---------------------------------------------------------------------
    def square_region(self) -> Region:
        """The largest part of the main region where x and y units are the same length."""
        main, a = self.layout.main, self.analysis
        spans = [float(r[1] - r[0]) for r in (a.x_range, a.y_range)]
        unit = min((main.width - AXES_ROOM[0]) / spans[0], (main.height - AXES_ROOM[1]) / spans[1])
        return Region(main.x, main.y, unit * spans[0] + AXES_ROOM[0],
                      unit * spans[1] + AXES_ROOM[1])

    def show_curve(self) -> None:
        a = self.analysis
        self.axes = graph_axes(a.x_range, a.y_range, self.square_region(), self.theme)
        self.curve = VGroup(*(self.polyline(branch) for branch in self.analysis.branches))
        self.point_marks = VGroup()
        heading = self.layout.heading
        self.equation = fit(MathTex(self.equation_tex(), color=self.theme.text),
                            heading.width, heading.height).move_to(heading.centre)
        with self.beat("curve", curve_caption(self.lesson.sides)):
            self.play(Create(self.axes), FadeIn(self.equation), run_time=1.0)
            self.play(Create(self.curve), run_time=2.0)
            self.wait(0.6)

    def number_guards(self) -> VGroup:
        """Lines across the axes' numbers, for a label to avoid: :meth:`place` counts the
        points a label covers, and a number's few outline points weigh too little."""
        guards = VGroup()
        for axis in (self.axes.x_axis, self.axes.y_axis):
            for number in getattr(axis, "numbers", ()):
                low, high = number.get_corner(DL), number.get_corner(UR)
                guards.add(*(Line([low[0], y_, 0], [high[0], y_, 0])
                             for y_ in np.linspace(low[1], high[1], GUARD_LINES)))
        return guards

    def polyline(self, branch: np.ndarray) -> VMobject:
        line = VMobject(color=self.theme.main, stroke_width=4)
        return line.set_points_as_corners(self.axes.c2p(branch[:, 0], branch[:, 1]).T)

    # -- beats: the algebra ------------------------------------------------------------------
    def build_notes(self) -> None:
        lines = [self.note(s) for s in steps_tex(self.lesson.sides, self.result)]
        if self.result.point is not None:
            lines.append(self.note(at_point_tex(self.result), self.theme.tangent))
            if self.tangent_noted:
                lines.append(self.note(rf"\text{{tangent: }} {tangent_tex(self.result)}",
                                       self.theme.tangent))
        self.shown: list[int] = []  # the notes on screen, in order
        if not self.layout.stacked:
            self.notes = self.side_column(lines, buff=NOTES_BUFF)
            return
        # Under the plot there is room for a few lines only: keep them large, and let the
        # latest ROLLING lines show, older ones giving way as the algebra goes on.
        region = self.layout.above_caption(self.layout.side)
        heights = [line.height for line in lines]
        tallest = max(sum(heights[max(0, k - ROLLING + 1):k + 1])
                      + NOTES_BUFF * (min(k + 1, ROLLING) - 1) for k in range(len(lines)))
        factor = min(1.0, region.width / max(line.width for line in lines),
                     region.height / tallest)
        self.notes = VGroup(*(line.scale(factor) for line in lines))

    def write_note(self, index: int, run_time: float = 1.2) -> None:
        """Write note ``index`` under those shown; in a stacked layout, the oldest make
        room for it (fading out) and the others move up."""
        if not self.layout.stacked:
            self.shown.append(index)
            self.play(Write(self.notes[index]), run_time=run_time)
            return
        keep = (self.shown + [index])[-ROLLING:]
        leaving = [self.notes[i] for i in self.shown if i not in keep]
        region = self.layout.above_caption(self.layout.side)
        top, moves = region.top, []
        for i in keep:
            note = self.notes[i]
            target = np.array([region.x, top - note.height / 2, 0])
            top -= note.height + NOTES_BUFF
            if i == index:
                note.move_to(target)
            else:
                moves.append(note.animate.move_to(target))
        if leaving or moves:
            self.play(*(FadeOut(n) for n in leaving), *moves, run_time=0.6)
        self.shown = keep
        self.play(Write(self.notes[index]), run_time=run_time)

    def differentiate(self) -> None:
        with self.beat("differentiate", differentiate_caption(self.result)):
            for index in (0, 1):
                self.write_note(index)
            self.wait(1.2)

    def solve(self) -> None:
        with self.beat("solve", solve_caption(self.result)):
            for index in (2, 3):
                self.write_note(index)
            self.wait(1.2)

    # -- beat: the point and its tangent -----------------------------------------------------
    @property
    def tangent_noted(self) -> bool:
        """Whether the tangent's equation goes in the notes rather than beside the line:
        under the plot (stacked layouts) there is room for it, beside the line seldom."""
        a = self.result
        return self.layout.stacked and a.point is not None and not a.singular

    def show_point(self) -> None:
        a = self.result
        dot = Dot(self.axes.c2p(*a.point_floats), radius=0.08, color=self.theme.text)
        guides = VGroup()  # the tangent and its equation, unless the point is singular
        if not a.singular:
            line = self.across(a.point_floats, None if a.vertical_tangent else float(a.slope),
                               self.theme.tangent, 5)
            guides.add(line)
            if not self.tangent_noted:
                guides.add(self.line_tag(line, tangent_tex(a), self.theme.tangent, [dot]))
        label = self.tag(dot, point_tex(*a.point), avoid=[*guides, self.number_guards()])
        self.point_marks = VGroup(guides, dot, label)
        with self.beat("point", point_caption(a)):
            self.play(FadeIn(dot, scale=0.5), FadeIn(label), run_time=0.8)
            if guides:
                self.play(Create(guides[0]), FadeIn(guides[1:]), run_time=1.0)
                self.bring_to_front(dot)
            self.write_note(4, run_time=1.0)
            if self.tangent_noted:
                self.write_note(5, run_time=1.0)
            self.mark_poster()
            self.wait(1.5)

    # -- beat: the trip along the curve ------------------------------------------------------
    def route(self) -> np.ndarray:
        """The samples the point visits, from the point (or a branch's start): once round
        a loop, or to the nearer end of an open branch and then all along it."""
        branches = self.analysis.branches
        start = self.result.point_floats or tuple(branches[0][0])
        gaps = [np.hypot(*(b - start).T) for b in branches]
        index = int(np.argmin([g.min() for g in gaps]))
        branch, nearest = branches[index], int(np.argmin(gaps[index]))
        if np.allclose(branch[0], branch[-1]):
            return np.vstack([start, np.roll(branch[:-1], -nearest, axis=0), start])
        if nearest < len(branch) / 2:
            return np.vstack([start, branch[nearest::-1], branch])
        return np.vstack([start, branch[nearest:], branch[::-1]])

    def travel(self) -> None:
        route = self.route()
        lengths = np.r_[0, np.cumsum(np.hypot(*np.diff(route, axis=0).T))]
        tracker = ValueTracker(0)
        fx, fy = (numeric_function(d, (x, y)) for d in (self.result.fx, self.result.fy))

        def where() -> tuple[np.ndarray, np.ndarray]:
            """The point at the tracker's distance along the route, and the route's heading."""
            s = tracker.get_value()
            at = np.array([np.interp(s, lengths, route[:, k]) for k in (0, 1)])
            i = int(np.clip(np.searchsorted(lengths, s), 1, len(route) - 1))
            return at, route[i] - route[i - 1]

        def tangent() -> Line:
            """Across the curve's normal (F_x, F_y); along the route where that vanishes."""
            at, heading = where()
            gradient = np.array([fx(*at), fy(*at)])
            usable = np.hypot(*gradient) > 1e-6 and np.all(np.isfinite(gradient))
            dx, dy = (gradient[1], -gradient[0]) if usable else heading
            slope = dy / dx if abs(dx) > 1e-9 * abs(dy) else None
            return self.across(tuple(at), slope, self.theme.tangent, 5)

        mover = always_redraw(lambda: Dot(self.axes.c2p(*where()[0]), radius=0.09,
                                          color=self.theme.tangent))
        line = always_redraw(tangent)
        with self.beat("travel", travel_caption(self.result)):
            self.play(FadeOut(self.point_marks), FadeIn(line), FadeIn(mover), run_time=0.6)
            self.play(tracker.animate.set_value(lengths[-1]), run_time=TRAVEL_SECONDS,
                      rate_func=linear)
            if self.result.point is None:
                self.mark_poster()
            self.play(FadeOut(line), FadeOut(mover), run_time=0.6)

    # -- beats: vertical tangents and singular points ----------------------------------------
    def show_marks(self, name: str, caption: Callable[[Sequence[CurvePoint], int], str],
                   points: Sequence[CurvePoint], mark: Callable[[np.ndarray, str], VGroup],
                   colour: str) -> None:
        """Mark ``points`` with ``mark(centre, colour)``, and label a few with their
        coordinates where a label overlaps no other; ``caption(labelled, others)`` names
        the labelled ones and counts the rest."""
        shown = points[:MAX_MARKS]
        marks = VGroup(*(mark(self.axes.c2p(p.xf, p.yf), colour) for p in shown))
        labels, labelled = VGroup(), []
        for p, m in zip(shown, marks):
            if len(labelled) == MAX_LABELS:
                break
            label = self.tag(m, point_tex(p.x, p.y), MARK_SIDES, colour,
                             [*marks, *labels, self.number_guards()])
            if not any(_overlap(label, other) for other in [*labels, *marks]
                       if other is not m):
                labels.add(label)
                labelled.append(p)
        with self.beat(name, caption(labelled, len(points) - len(labelled))):
            self.play(*(Create(m) for m in marks), run_time=0.8)
            self.play(FadeIn(labels), run_time=0.8)
            self.wait(1.6)

    @staticmethod
    def vertical_mark(centre: np.ndarray, colour: str) -> VGroup:
        """A short vertical dashed tangent through a dot."""
        return VGroup(DashedLine(centre + DOWN * MARK_HALF, centre + UP * MARK_HALF,
                                 color=colour, stroke_width=4, dash_length=0.1),
                      Dot(centre, radius=0.07, color=colour))

    @staticmethod
    def singular_mark(centre: np.ndarray, colour: str) -> VGroup:
        """A ring round a dot."""
        return VGroup(Circle(radius=0.2, color=colour, stroke_width=4).move_to(centre),
                      Dot(centre, radius=0.06, color=colour))


def _overlap(a: VMobject, b: VMobject) -> bool:
    """Whether the bounding boxes of two mobjects overlap."""
    return bool(np.all(a.get_corner(DL)[:2] < b.get_corner(UR)[:2])
                and np.all(b.get_corner(DL)[:2] < a.get_corner(UR)[:2]))


def report(analysis: ImplicitAnalysis) -> str:
    """dy/dx, the point's slope and tangent, the vertical tangents, as `calcreel check`
    prints them."""
    a = analysis.slope
    lines = [a.equation, f"dy/dx = -F_x/F_y = {plain(a.dydx)}"]
    if a.point is not None:
        lines.append(point_caption(a))
    if analysis.vertical:
        lines.append(f"vertical tangents: {points_text(analysis.vertical)}")
    if analysis.singular:
        lines.append(f"singular points: {points_text(analysis.singular)}")
    return "\n".join(lines)
