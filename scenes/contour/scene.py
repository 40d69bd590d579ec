"""The contour lesson drawn: the landscape grows in, then settles flat under a camera
that turns to look straight down, and becomes its contour map; arrows; the points."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    Arrow,
    BackgroundRectangle,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    ManimColor,
    MathTex,
    VGroup,
    VMobject,
)

from mathcore.contour import ContourAnalysis
from mathcore.critical import CriticalPoint
from mathcore.verdicts import Verdict
from scenes.base import LessonScene3D, fit
from scenes.camera import LANDSCAPE_VIEW, View
from scenes.contour.lesson import (
    LABELLED,
    ContourLesson,
    ContourLessonAnalysis,
    arrows_caption,
    gradient_tex,
    label_order,
    legend_lines,
    pass_levels,
    points_caption,
    settle_caption,
    takeaway,
)
from scenes.flat_map import level_colour
from scenes.layout import Region
from scenes.notation import function_tex, number_tex
from scenes.plot3d import (
    content_points,
    grow_landscape,
    height_function,
    landscape_axes,
    marker,
    surface_mesh,
)
from scenes.surface.lesson import landscape_caption
from scenes.verdict_rows import shown_rows

TOP_VIEW = View(0.0, -PI / 2)  # straight down, x to the right and y up
LANDSCAPE_ORBIT = 0.5          # radians the camera turns as the surface grows in
MAP_SIZE = 5.6                 # the axes' side, in scene units before the camera's zoom
RELIEF, TALL_RELIEF = 3.2, 4.8  # the axes' height; in a frame taller than wide, the room
                               # over the map's width goes to the relief
LIFT = 0.004                   # the curves and arrows stand this far over the flattened surface
CURVE_WIDTH, PASS_WIDTH = 3.5, 7.0
LABEL_SIZE = 30
LABEL_ROOM = 0.12              # scene units kept clear round a label
EDGE_ROOM = 0.1                # and between a label and the map's edge
NOTES_GAP = 0.2               # between the map and the notes stacked under it
SHORTEST_ARROW = 0.06          # scene units: a shorter arrow is left out (it would be a dot)


class ContourScene(LessonScene3D):
    """The surface, settled onto its contour map; gradient arrows; the critical points."""

    analysis: ContourLessonAnalysis
    lesson: ContourLesson

    @property
    def map(self) -> ContourAnalysis:
        return self.analysis.contour

    def title_formula(self) -> MathTex:
        return MathTex(function_tex(self.map.function), color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.map)

    def body(self) -> None:
        view = self.analysis.landscape
        relief = TALL_RELIEF if self.layout.aspect < 1 else RELIEF
        self.axes = landscape_axes(view, size=MAP_SIZE, height=relief, theme=self.theme)
        self.plane = self.axes.get_x_axis().get_center()[2]
        heading = self.layout.heading
        self.formula = self.flat(fit(MathTex(function_tex(self.map.function),
                                             color=self.theme.text),
                                     heading.width, heading.height).move_to(heading.centre))
        self.gradient_note = VGroup(MathTex(gradient_tex(self.map), color=self.theme.text))
        self.legend = self.legend_mobject()
        self.landscape()
        self.settle()
        if self.map.arrows:
            self.gradient()
        self.points()

    # -- where the map goes ---------------------------------------------------------------
    @property
    def picture_top(self) -> float:
        """The highest the picture goes: under the formula, and inside ``main``."""
        return min(self.layout.main.top, self.formula.get_bottom()[1] - 0.15)

    @property
    def notes_height(self) -> float:
        """The height the taller note needs stacked under the map, at the width of
        ``side`` (0 with no note)."""
        side = self.layout.side
        notes = [self.legend] + ([self.gradient_note] if self.map.arrows else [])
        return max((n.height * min(1.0, side.width / n.width) for n in notes if len(n)),
                   default=0.0)

    @property
    def regions(self) -> tuple[Region, Region]:
        """The map's region and the notes' (grad f, the legend). Beside each other,
        ``main`` and ``side`` clear of the formula and the caption strip. Stacked, the
        map as large as the frame's width allows (it is square), the notes just under
        it as tall as they need, the two centred together above the caption strip."""
        layout, top = self.layout, self.picture_top
        side = layout.above_caption(layout.side)
        if not layout.stacked:
            main = layout.above_caption(layout.main)
            return (Region(main.x, (top + main.bottom) / 2, main.width, top - main.bottom),
                    Region(side.x, side.y, side.width, side.height * 0.9))
        notes = min(side.height - NOTES_GAP, self.notes_height)
        gap = NOTES_GAP if notes else 0.0
        room = top - side.bottom - gap  # and as much again over the caption strip
        size = min(layout.main.width, room - notes - gap)
        top -= (room - size - gap - notes) / 2
        return (Region(layout.main.x, top - size / 2, layout.main.width, size),
                Region(side.x, top - size - gap - notes / 2, side.width, notes))

    @property
    def map_region(self) -> Region:
        return self.regions[0]

    @property
    def notes_region(self) -> Region:
        return self.regions[1]

    @property
    def landscape_region(self) -> Region:
        """Where the surface grows in: stacked, everything between the formula and the
        caption strip (no note is shown yet); beside the notes, the map's region."""
        if not self.layout.stacked:
            return self.map_region
        main, bottom = self.layout.main, self.layout.above_caption(self.layout.side).bottom
        return Region(main.x, (self.picture_top + bottom) / 2, main.width,
                      self.picture_top - bottom)

    def on_map(self, xs, ys, lift: float = LIFT) -> np.ndarray:
        """Points of the window as 3D points on the plane of the map."""
        points = self.axes.c2p(np.column_stack([xs, ys, np.zeros(len(xs))]))
        points = np.atleast_2d(points)
        points[:, 2] = self.plane + lift
        return points

    def map_corners(self, margin: float = 0.12) -> np.ndarray:
        """The window's corners on the map, spread by ``margin`` (room for the axes' tips
        and labels)."""
        (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (self.map.x_range,
                                                              self.map.y_range))
        corners = self.on_map([x0, x1, x1, x0], [y0, y0, y1, y1], 0.0)
        centre = corners.mean(axis=0)
        return centre + (corners - centre) * (1 + margin)

    # -- beat 2: the landscape ------------------------------------------------------------
    def landscape(self) -> None:
        camera = self.renderer.camera
        self.frame_box(self.map_corners(), self.map_region, *TOP_VIEW)
        self.top_zoom, self.top_shift = camera.get_zoom(), camera.screen_shift.copy()
        height = height_function(self.map.function, self.analysis.landscape)
        self.frame_box(content_points(self.axes, [height], self.analysis.landscape),
                       self.landscape_region, *LANDSCAPE_VIEW, orbit=LANDSCAPE_ORBIT)
        self.surface = surface_mesh(self.axes, height, self.analysis.landscape, self.theme)
        with self.beat("surface", landscape_caption, self.analysis.landscape):
            self.axis_labels = grow_landscape(self, self.axes, self.surface, self.formula,
                                              1.2, 1.8)
            self.orbit(LANDSCAPE_ORBIT, 2.5)

    # -- beat 3: settling onto the map -------------------------------------------------------
    def level_colour(self, level: float) -> ManimColor:
        """The surface's colour at this height."""
        return level_colour(level, *self.axes.z_range[:2], self.theme)

    def curves(self) -> dict[float, VGroup]:
        """Each level's branches as polylines on the map, in its height's colour."""
        drawn = {}
        for curve in self.map.curves:
            group = VGroup()
            for branch in curve.branches:
                line = VMobject().set_points_as_corners(self.on_map(branch[:, 0], branch[:, 1]))
                group.add(line)
            group.set_stroke(self.level_colour(curve.level), CURVE_WIDTH)
            group.set_stroke(self.theme.background, CURVE_WIDTH + 2.5, background=True)
            drawn[curve.level] = group
        return drawn

    def settle(self) -> None:
        """The camera turns to look straight down as the surface flattens; the level
        curves appear over it and a few are labelled."""
        self.levels = self.curves()
        lines = VGroup(*self.levels.values())
        flatten = self.surface.animate.stretch(0.002, 2, about_point=[0, 0, self.plane])
        with self.beat("settle", settle_caption, self.map):
            self.turn_camera(TOP_VIEW, self.top_zoom, self.top_shift,
                             [flatten, FadeOut(self.axes.get_z_axis()),
                              FadeOut(self.axis_labels[2])], run_time=3.0)
            self.play(self.surface.animate.set_fill(opacity=0.22).set_stroke(opacity=0),
                      LaggedStart(*(Create(g) for g in lines), lag_ratio=0.15),
                      run_time=2.2)
            self.labels = self.level_labels()
            if self.labels:
                self.play(FadeIn(self.labels), run_time=0.8)
                self.add_foreground_mobjects(self.labels)  # over the arrows to come
            self.wait(1.0)

    def screen(self, points: np.ndarray) -> np.ndarray:
        """Where 3D points are drawn on screen, as the camera stands now."""
        camera = self.renderer.camera
        camera.reset_rotation_matrix()
        return camera.project_points(np.atleast_2d(points))

    def level_labels(self) -> VGroup:
        """Values on ``LABELLED`` level curves, on a patch of the background, each well
        inside the map and clear of the points and the labels already placed: the levels
        are tried in ``label_order``, and one with no such spot on its curve (an arc
        across a corner of the window) gives its place to the next."""
        points = shown_rows(self.map.critical.points)
        keep_clear = [self.screen(self.on_map([p.xf], [p.yf]))[0, :2] for p in points]
        corners = self.screen(self.map_corners(0.0))[:, :2]
        placed: list[tuple[np.ndarray, np.ndarray]] = []
        labels = VGroup()
        self.labelled: list[float] = []
        for level in label_order(self.map):
            if len(labels) == LABELLED:
                break
            text = MathTex(number_tex(level), color=self.level_colour(level),
                           font_size=LABEL_SIZE)
            half = np.array([text.width, text.height]) / 2 + LABEL_ROOM
            spot = self._label_spot(level, half, corners, keep_clear, placed)
            if spot is None:
                continue
            text.move_to([*spot, 0])
            patch = BackgroundRectangle(text, color=self.theme.background, fill_opacity=0.85,
                                        buff=0.05)
            labels.add(self.flat(patch, text))
            self.labelled.append(level)
            placed.append((spot - half, spot + half))
        return labels

    def _label_spot(self, level: float, half: np.ndarray, corners: np.ndarray,
                    keep_clear: list[np.ndarray], placed: list) -> np.ndarray | None:
        """A point of the level's curve, well inside the map (``corners`` on screen),
        where a label of half-size ``half`` meets no point and no label placed: the
        clearest, and the farthest from the map's edge, of those."""
        vertices = [self.screen(line.get_anchors())[:, :2] for line in self.levels[level]]
        if not vertices:
            return None
        candidates = np.vstack(vertices)
        low, high = corners.min(axis=0) + half, corners.max(axis=0) - half
        edge = np.minimum(candidates - low, high - candidates).min(axis=1)
        clear = np.where(edge > EDGE_ROOM, np.inf, -1.0)
        for centre in keep_clear:
            clear = np.minimum(clear, np.linalg.norm(candidates - centre, axis=1)
                               - np.hypot(*half) - 0.15)
        for box_low, box_high in placed:
            gap = np.maximum(np.maximum(box_low - (candidates + half),
                                        (candidates - half) - box_high), 0).max(axis=1)
            clear = np.minimum(clear, np.where(gap > 0, gap, -1.0))
        score = np.where(clear > 0, np.minimum(clear, 1.0) + 0.5 * np.minimum(edge, 0.8),
                         -np.inf)
        best = int(np.argmax(score))
        return candidates[best] if np.isfinite(score[best]) else None

    # -- beat 4: the gradient -------------------------------------------------------------
    def arrow_mobjects(self) -> VGroup:
        """grad f at each grid point: perpendicular to the level curves on screen (the
        axes may scale x and y apart), uphill, as long as the analysis says."""
        (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (self.map.x_range,
                                                              self.map.y_range))
        sx, sy = MAP_SIZE / (x1 - x0), MAP_SIZE / (y1 - y0)
        arrows = VGroup()
        for a in self.map.arrows:
            direction = np.array([a.direction[0] / sx, a.direction[1] / sy])
            direction /= np.linalg.norm(direction)
            length = a.length * min(sx, sy)
            if length < SHORTEST_ARROW:
                continue
            base = self.on_map([a.base[0]], [a.base[1]], 2 * LIFT)[0]
            tip = base + np.array([*direction * length, 0.0])
            arrows.add(Arrow(base, tip, buff=0, stroke_width=3, color=self.theme.text,
                             max_tip_length_to_length_ratio=0.35,
                             max_stroke_width_to_length_ratio=8))
        return arrows

    def side_note(self, note: VGroup) -> VGroup:
        """A note fitted into ``notes_region`` (beside the map, or under it)."""
        region = self.notes_region
        fit(note, region.width, region.height)
        return self.flat(note.move_to(region.centre))

    def legend_mobject(self) -> VGroup:
        """A line for each point shown, in its verdict's colour: one column beside the
        map; stacked under it, two when there are more than two lines (the map keeps
        the height)."""
        legend = VGroup(*(MathTex(line, color=self.theme.colour(verdict))
                          for line, verdict in legend_lines(self.map)))
        if self.layout.stacked and len(legend) > 2:
            return legend.arrange_in_grid(cols=2, buff=(0.6, 0.25), col_alignments="ll")
        if len(legend):
            legend.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        return legend

    def gradient(self) -> None:
        self.arrows = self.arrow_mobjects()
        self.side_note(self.gradient_note)
        with self.beat("arrows", arrows_caption, self.map):
            self.play(FadeIn(self.gradient_note),
                      LaggedStart(*(Create(a) for a in self.arrows), lag_ratio=0.02),
                      run_time=2.5)
            self.wait(1.5)

    # -- beat 5: the critical points --------------------------------------------------------
    def points(self) -> None:
        """Each point in its verdict's colour; the rings round pits and peaks and the
        levels through the passes drawn bolder; a legend beside."""
        shown = shown_rows(self.map.critical.points)
        markers = VGroup()
        for p in shown:
            dot = marker(self.theme.colour(p.type), self.theme)
            markers.add(dot.move_to(self.on_map([p.xf], [p.yf], 3 * LIFT)[0]))
        legend = self.legend
        if len(legend):
            self.side_note(legend)
        bolder = [self.levels[v].animate.set_stroke(width=PASS_WIDTH)
                  for v in pass_levels(self.map)]
        rings = VGroup(*(self.ring(p) for p in shown
                         if p.type in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX)))
        fades = [FadeOut(self.gradient_note)] if self.map.arrows else []
        if self.map.arrows:
            fades.append(self.arrows.animate.set_opacity(0.35))
        with self.beat("points", points_caption, self.map):
            self.play(*fades, *bolder, Create(rings), run_time=1.2)
            self.add_fixed_orientation_mobjects(*markers)
            self.play(FadeIn(markers), FadeIn(legend), run_time=1.0)
            self.mark_poster()
            self.wait(2.0)

    def ring(self, p: CriticalPoint) -> VGroup:
        """The innermost closed level curve round the point, bold in its verdict's colour
        (nothing when no level drawn closes round it)."""
        rings = self.map.rings((p.xf, p.yf))
        if not rings:
            return VGroup()
        inner = min(rings, key=lambda r: np.ptp(r, axis=0).prod())
        line = VMobject().set_points_as_corners(self.on_map(inner[:, 0], inner[:, 1], 2 * LIFT))
        return VGroup(line.set_stroke(self.theme.colour(p.type), PASS_WIDTH * 0.7))
