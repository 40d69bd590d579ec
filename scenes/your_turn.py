"""The "your turn" beats (``LessonBase.turn_beats``): the lesson's first practice
exercise posed, a countdown while the viewer tries it, then its worked answer.

The exercise is the worksheet's first (``scripts.practice.posed``), so the video, the
sheet and the key agree. Its lines are the sheet's: text with $...$ math, typeset by
LaTeX in a box as wide as the frame allows, and tables ruled as in the lessons.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from manim import (
    DOWN,
    LEFT,
    PI,
    TAU,
    UP,
    Arc,
    Circle,
    FadeIn,
    FadeOut,
    Mobject,
    Tex,
    UpdateFromAlphaFunc,
    VGroup,
    linear,
)

from scenes.base import fit, ruled_table
from scenes.layout import Layout, Region
from scenes.notation import tex_text
from scenes.practice import Exercise, Line, Table

if TYPE_CHECKING:
    from scenes.base import LessonMixin

COUNTDOWN = 5          # seconds (and numbers) to try it; a clip's pace shortens them
PROBLEM_SHARE = 0.42   # of the room below the heading: the problem's most height
UNITS_PER_POINT = 0.0498 / 48  # a LaTeX point in scene units, per unit of font size


def your_turn(scene: LessonMixin, exercise: Exercise) -> None:
    """Pose the exercise with a countdown (beat ``your_turn``), then answer it (beat
    ``answer``), and clear the frame for the closing card."""
    scene.clear_scene()
    room = turn_room(scene.layout)
    heading = scene.flat(scene.heading("Your turn"))
    problem = scene.flat(lines_mobject(exercise.problem(), scene,
                                       room.width, room.height * PROBLEM_SHARE))
    problem.move_to(room.centre).align_to([0, room.top, 0], UP)
    below = Region(room.x, (room.bottom + problem.get_bottom()[1]) / 2, room.width,
                   problem.get_bottom()[1] - room.bottom - 0.35)
    with scene.beat("your_turn", "Your turn: pause the video and try this one. "
                    "The answer comes next."):
        scene.play(FadeIn(heading), FadeIn(problem, shift=UP * 0.2), run_time=1.0)
        clock = countdown(scene, below)
    answer = scene.flat(lines_mobject(exercise.worked(), scene,
                                      below.width, below.height))
    answer.move_to(below.centre)
    with scene.beat("answer", "Here is the answer: check your working against it."):
        scene.play(FadeOut(clock), run_time=0.4)
        scene.play(FadeIn(answer, shift=UP * 0.2), run_time=1.0)
        scene.wait(3.0)
    scene.clear_scene()


def turn_room(layout: Layout) -> Region:
    """The frame under the heading and above the caption strip, inside the safe area."""
    top, bottom = layout.heading.bottom - 0.1, layout.caption.top + 0.1
    return Region(layout.safe.x, (top + bottom) / 2, layout.safe.width - 0.3, top - bottom)


def lines_mobject(lines: list[Line], scene: LessonMixin, width: float,
                  height: float) -> VGroup:
    """An exercise's lines, one under another: text wrapped to ``width`` by LaTeX,
    tables ruled; all of it shrunk, if need be, to fit ``width`` x ``height``."""
    size, colour = scene.layout.body_size, scene.theme.text
    parts: list[Mobject] = []
    tables: list[Mobject] = []
    for line in lines:
        if isinstance(line, Table):
            tables.append(ruled_table([[math_cell(c) for c in row] for row in line.rows],
                                     [math_cell(h) for h in line.header], scene.theme,
                                     size * 0.9))
            parts.append(tables[-1])
        else:
            box = width / (size * UNITS_PER_POINT)
            parts.append(Tex(rf"\begin{{minipage}}{{{box:.0f}pt}}\raggedright "
                             rf"{tex_text(line)}\end{{minipage}}",
                             font_size=size, color=colour))
    group = VGroup(*parts).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
    for table in tables:  # text reads from the left; a table stands in the middle
        table.set_x(group.get_x())
    return fit(group, width, height)


def math_cell(cell: str) -> str:
    """A table cell as TeX math: ``$...$`` unwrapped, other text as ``\\text{...}``."""
    if cell.startswith("$") and cell.endswith("$") and cell.count("$") == 2:
        return cell[1:-1]
    return rf"\text{{{tex_text(cell)}}}"


def countdown(scene: LessonMixin, region: Region) -> VGroup:
    """A ring that empties as the numbers count down from COUNTDOWN, and the prompt
    (returned, still on screen)."""
    radius = min(region.height * 0.3, 1.0)
    centre = region.centre
    prompt = scene.text("Pause and try it", scene.layout.body_size, scene.theme.muted)
    rim = Circle(radius=radius, stroke_color=scene.theme.muted, stroke_width=3)
    ring = Arc(radius=radius, start_angle=PI / 2, angle=-TAU,
               stroke_color=scene.theme.main, stroke_width=8)
    numbers = [scene.text(str(n), scene.layout.title_size) for n in range(1, COUNTDOWN + 1)]
    clock = VGroup(rim, ring, *numbers)
    VGroup(clock, prompt).arrange(DOWN, buff=0.3).move_to(centre)
    for number in numbers:
        number.move_to(rim.get_center())
    scene.flat(clock, prompt)

    def tick(_: Mobject, alpha: float) -> None:
        left = 1 - alpha
        ring.become(Arc(radius=radius, start_angle=PI / 2, angle=-TAU * max(left, 1e-3),
                        arc_center=rim.get_center(), stroke_color=scene.theme.main,
                        stroke_width=8, stroke_opacity=1.0 if left > 1e-3 else 0.0))
        showing = max(1, math.ceil(COUNTDOWN * left))
        for n, number in enumerate(numbers, start=1):
            number.set_opacity(1.0 if n == showing else 0.0)

    tick(clock, 0.0)
    scene.play(FadeIn(rim), FadeIn(ring), FadeIn(numbers[-1]), FadeIn(prompt), run_time=0.5)
    scene.play(UpdateFromAlphaFunc(clock, tick), run_time=COUNTDOWN, rate_func=linear)
    return VGroup(clock, prompt)
