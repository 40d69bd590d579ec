"""The `implicit` lesson drawn: the curve, the algebra beside it, the tangent and the
normal at the point, a trip along the curve. Beats: see `ImplicitLesson.beats`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
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
    RightAngle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from mathcore.implicit import CurvePoint, Implicit, tangent_direction
from mathcore.verdicts import Verdict
from scenes.base import fit
from scenes.graph_scene import GraphScene
from scenes.implicit.lesson import (
    TAKEAWAY,
    ImplicitAnalysis,
    ImplicitLesson,
    at_point_tex,
    curve_caption,
    differentiate_caption,
    equation_tex,
    line_tex,
    normal_caption,
    normal_note_tex,
    point_caption,
    singular_caption,
    solve_caption,
    steps_tex,
    tangent_note_tex,
    travel_caption,
    vertical_caption,
)
from scenes.layout import Region
from scenes.notation import point_tex
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
RIGHT_ANGLE = 0.22       # scene units of each arm of the right-angle mark
QUADRANTS = ((1, 1), (1, -1), (-1, 1), (-1, -1))  # where between the lines that mark may go


class ImplicitScene(GraphScene):
    """The curve, the algebra beside it, the tangent and normal at the point, a trip along
    the curve."""

    analysis: ImplicitAnalysis
    lesson: ImplicitLesson

    @property
    def result(self) -> Implicit:
        return self.analysis.slope

    @property
    def normal_colour(self) -> str:
        return self.theme.secant

    def title_formula(self) -> MathTex:
        return MathTex(equation_tex(self.analysis.sides), color=self.theme.text)

    def takeaway(self) -> str:
        return TAKEAWAY

    def body(self) -> None:
        self.show_curve()
        self.build_notes()
        self.differentiate()
        self.solve()
        if self.result.point is not None:
            self.show_point()
        if self.result.normal is not None:
            self.show_normal()
        self.travel()
        if self.analysis.vertical:
            self.show_marks("vertical", partial(vertical_caption, self.result),
                            self.analysis.vertical, self.vertical_mark, self.theme.tangent)
        if self.analysis.singular:
            self.show_marks("singular", singular_caption, self.analysis.singular,
                            self.singular_mark, self.theme.colour(Verdict.INCONCLUSIVE))

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
        self.equation = fit(MathTex(equation_tex(a.sides), color=self.theme.text),
                            heading.width, heading.height).move_to(heading.centre)
        with self.beat("curve", curve_caption, a.sides):
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
        a = self.result
        lines = [self.note(s) for s in steps_tex(self.analysis.sides, a)]
        if a.point is not None:
            lines.append(self.note(at_point_tex(a), self.theme.tangent))
            if self.lines_noted:
                lines += [self.note(tangent_note_tex(a), self.theme.tangent),
                          self.note(normal_note_tex(a), self.normal_colour)]
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
        with self.beat("differentiate", differentiate_caption, self.result):
            for index in (0, 1):
                self.write_note(index)
            self.wait(1.2)

    def solve(self) -> None:
        with self.beat("solve", solve_caption, self.result):
            for index in (2, 3):
                self.write_note(index)
            self.wait(1.2)

    # -- beats: the point, its tangent and its normal ----------------------------------------
    @property
    def lines_noted(self) -> bool:
        """Whether the tangent's and normal's equations go in the notes rather than beside
        the lines: under the plot (stacked layouts) there is room for them, beside the
        lines seldom."""
        a = self.result
        return self.layout.stacked and a.point is not None and not a.singular

    def lines_at_point(self) -> tuple[Line, Line] | None:
        """The tangent and the normal through the point, clipped to the axes; None at a
        singular point, which has neither."""
        a = self.result
        if a.singular:
            return None
        slopes = [None if s is None else float(s) for s in (a.slope, a.normal_slope)]
        return (self.across(a.point_floats, slopes[0], self.theme.tangent, 5),
                self.across(a.point_floats, slopes[1], self.normal_colour, 4))

    def show_point(self) -> None:
        """The point, its coordinates, the tangent there and (beside it or in the notes)
        the tangent's equation."""
        a = self.result
        self.point_dot = Dot(self.axes.c2p(*a.point_floats), radius=0.08, color=self.theme.text)
        self.point_lines = self.lines_at_point()
        guides = VGroup()  # the tangent and its equation, unless the point is singular
        shunned = []       # and the normal with its right angle, drawn next: labels keep clear
        if self.point_lines is not None:
            tangent, normal = self.point_lines
            self.corner = self.right_angle(tangent, normal)
            guides.add(tangent)
            shunned += [normal, self.corner]
            if not self.lines_noted:
                guides.add(self.line_tag(tangent, line_tex(a.tangent), self.theme.tangent,
                                         [self.point_dot, *shunned]))
        label = self.tag(self.point_dot, point_tex(*a.point),
                         avoid=[*guides, *shunned, self.number_guards()])
        self.point_marks = VGroup(guides, self.point_dot, label)
        with self.beat("point", point_caption, a):
            self.play(FadeIn(self.point_dot, scale=0.5), FadeIn(label), run_time=0.8)
            if guides:
                self.play(Create(guides[0]), FadeIn(guides[1:]), run_time=1.0)
                self.bring_to_front(self.point_dot)
            self.write_note(4, run_time=1.0)
            if self.lines_noted:
                self.write_note(5, run_time=1.0)
            self.mark_poster()
            self.wait(1.5)

    def show_normal(self) -> None:
        """The normal through the point, a right-angle mark where it meets the tangent,
        and (beside it or in the notes) its equation."""
        a, (_, normal), corner = self.result, self.point_lines, self.corner
        tag = VGroup()
        if not self.lines_noted:
            tag.add(self.line_tag(normal, line_tex(a.normal), self.normal_colour,
                                  [*self.point_marks, corner, self.number_guards()]))
        self.point_marks.add(normal, corner, tag)
        with self.beat("normal", normal_caption, a):
            self.play(Create(normal), run_time=1.0)
            self.bring_to_front(self.point_dot)
            self.play(Create(corner), FadeIn(tag), run_time=0.6)
            if self.lines_noted:
                self.write_note(6, run_time=1.0)
            self.wait(1.5)

    def right_angle(self, tangent: Line, normal: Line) -> RightAngle:
        """The mark of the right angle between the lines, in the quarter where it stands
        farthest from the curve."""
        curve = self.curve.get_all_points()
        marks = [RightAngle(tangent, normal, length=RIGHT_ANGLE, quadrant=q,
                            color=self.normal_colour, stroke_width=3) for q in QUADRANTS]
        return max(marks, key=lambda m: np.min(np.linalg.norm(curve - m.get_center(), axis=1)))

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
        along = tangent_direction(self.result)

        def where() -> tuple[np.ndarray, np.ndarray]:
            """The point at the tracker's distance along the route, and the route's heading."""
            s = tracker.get_value()
            at = np.array([np.interp(s, lengths, route[:, k]) for k in (0, 1)])
            i = int(np.clip(np.searchsorted(lengths, s), 1, len(route) - 1))
            return at, route[i] - route[i - 1]

        def tangent() -> Line:
            """Along the curve's direction at the point (the route's, at a singular point)."""
            at, heading = where()
            ((dx, dy),) = along(at[None], heading[None])
            slope = dy / dx if abs(dx) > 1e-9 * abs(dy) else None
            return self.across(tuple(at), slope, self.theme.tangent, 5)

        mover = always_redraw(lambda: Dot(self.axes.c2p(*where()[0]), radius=0.09,
                                          color=self.theme.tangent))
        line = always_redraw(tangent)
        with self.beat("travel", travel_caption, self.result):
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
        with self.beat(name, caption, labelled, len(points) - len(labelled)):
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


