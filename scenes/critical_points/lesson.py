"""The critical_points lesson: its fields, its analysis and its words (no Manim here).

Beats: see `CriticalPointsLesson.beats`. With nothing to classify (no critical point in
the window, only curves of them, a constant f) the surface beat says so. A window left out
is chosen to hold every critical point (``critical_window``), or, with a ``region:``,
round the region. A region adds the absolute max and min on it (``mathcore.region``): the
beats ``region`` and ``absolute``, and the key ``absolute`` of the analysis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

import numpy as np
import sympy
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from mathcore.contour import ContourAnalysis, contour, contour_lines
from mathcore.critical import CriticalAnalysis, CriticalCurve, CriticalPoint, critical_points
from mathcore.errors import MathError
from mathcore.lagrange import Extremum
from mathcore.numeric import numeric_function
from mathcore.region import (
    CORNER,
    EDGE,
    INTERIOR,
    Disk,
    Inequalities,
    Polygon,
    Rectangle,
    RegionAnalysis,
    absolute_extrema,
    region_box,
)
from mathcore.surface import SurfaceAnalysis, analyze_surface
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import padded_window
from mathcore.wording import and_list
from scenes.notation import (
    between,
    curve_text,
    number,
    number_tex,
    plain,
    point,
    tex,
    text_table,
)
from scenes.notation import point_tex as exact_point_tex
from scenes.params import Exact, LessonOfXY, Range, parsed_relation
from scenes.practice import (
    Coefficients,
    Design,
    Difficulty,
    Line,
    Sketch,
    Table,
    all_short,
    map_sketch,
)
from scenes.verdict_rows import MAX_ROWS, shown_rows

REGION_ROOM = 0.1   # a window chosen round a region: this much of its size on each side
MAP_LEVELS = 9      # level curves on the region's map
MAX_CANDIDATES = 10  # rows of the candidates' table on screen
OUTLINE_GAP = 0.03   # edge pieces closer than this (x the region's size) join to fill it


# -- the region: field, shapes ----------------------------------------------------------------
class _RegionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _checked(shape: Rectangle | Disk | Polygon | Inequalities):
    """The shape, if mathcore can draw a box round it; its MathError as a field error."""
    try:
        region_box(shape)
    except MathError as err:
        raise ValueError(str(err)) from None
    return shape


class RectangleRegion(_RegionModel):
    """a <= x <= b, c <= y <= d."""

    x: Range
    y: Range

    def shape(self) -> Rectangle:
        return Rectangle(self.x, self.y)


class DiskRegion(_RegionModel):
    """(x - h)^2 + (y - k)^2 <= r^2."""

    center: tuple[Exact, Exact]
    radius: Exact

    @field_validator("radius")
    @classmethod
    def _positive(cls, radius: sympy.Expr) -> sympy.Expr:
        if not float(radius) > 0:
            raise ValueError(f"a disk's radius must be positive, got {radius}")
        return radius

    def shape(self) -> Disk:
        return Disk(self.center, self.radius)


class PolygonRegion(_RegionModel):
    """The polygon with these vertices, in order round it."""

    vertices: list[tuple[Exact, Exact]] = Field(min_length=3)

    @model_validator(mode="after")
    def _has_area(self) -> PolygonRegion:
        _checked(self.shape())
        return self

    def shape(self) -> Polygon:
        return Polygon(tuple(self.vertices))


def _closed(text: str) -> str:
    """An inequality with <= or >= (a closed region has its edge)."""
    if parsed_relation(text).rel_op not in ("<=", ">="):
        raise ValueError(f"a closed region takes inequalities with <= or >=, got '{text}'")
    return text


def _inequalities(texts: list[str]) -> Inequalities:
    return Inequalities(tuple(parsed_relation(t) for t in texts))


def _bounded(texts: list[str]) -> list[str]:
    _checked(_inequalities(texts))
    return texts


InequalityList = Annotated[list[Annotated[str, AfterValidator(_closed)]],
                           Field(min_length=1, max_length=4), AfterValidator(_bounded)]


def _region_form(value: object) -> str | None:
    """Which form a region is written in, from its keys (None: no form); a region
    already read (when the lesson is dumped) by its model."""
    for model, form in ((RectangleRegion, "rectangle"), (DiskRegion, "disk"),
                        (PolygonRegion, "polygon")):
        if isinstance(value, model):
            return form
    if isinstance(value, list):
        return "inequalities"
    if isinstance(value, dict):
        for key, form in (("vertices", "polygon"), ("center", "disk"), ("radius", "disk"),
                          ("x", "rectangle"), ("y", "rectangle")):
            if key in value:
                return form
    return None


RegionField = Annotated[
    Annotated[RectangleRegion, Tag("rectangle")] | Annotated[DiskRegion, Tag("disk")]
    | Annotated[PolygonRegion, Tag("polygon")] | Annotated[InequalityList, Tag("inequalities")],
    Discriminator(_region_form, custom_error_type="region_form", custom_error_message=(
        "a region is {x: [a, b], y: [c, d]}, {center: [h, k], radius: r},"
        " {vertices: [[x, y], ...]} or a list of inequalities such as [x^2 + y^2 <= 4]")),
]


def region_shape(field: RectangleRegion | DiskRegion | PolygonRegion | list[str]
                 ) -> Rectangle | Disk | Polygon | Inequalities:
    """The lesson's region as mathcore takes it."""
    return _inequalities(field) if isinstance(field, list) else field.shape()


def region_window(shape: Rectangle | Disk | Polygon | Inequalities) -> tuple:
    """A window round the region: the box of its edge, REGION_ROOM of its size added on
    each side, the ends rounded outward."""
    edge = np.vstack(region_boundary(shape, region_box(shape)))
    low, high = edge.min(axis=0), edge.max(axis=0)
    room = REGION_ROOM * float(max(high - low))
    return tuple(padded_window(float(a), float(b), 0, room) for a, b in zip(low, high))


class CriticalPointsLesson(LessonOfXY):
    """Critical points of f(x, y), classified by the second-derivative test."""

    kind: Literal["critical_points"]

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f(x, y)",
        "gradient": "f_x = 0 and f_y = 0",
        "solutions": "the points (and curves) that solve them",
        "surface": "the surface, the points dropped onto it, or why there is none to test",
        "rule": "the second-derivative test: D and its four cases",
        "point-*": f"a verdict and a table row for each point (the first {MAX_ROWS})",
        "more": "how many points the table has no row for",
        "table": "the finished table beside the surface, tallied",
        "region": "with region: the region on the contour map of f, its candidates marked"
                  " by kind (interior, edge, corner)",
        "absolute": "with region: f at every candidate, the absolute max and min ringed",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = (
        "rule", "surface", "more", "solutions", "table", "gradient")

    region: RegionField | None = Field(
        None, description="a closed region, for the absolute max and min of f on it:"
        " {x: [a, b], y: [c, d]}, {center: [h, k], radius: r}, {vertices: [[x, y], ...]}"
        " or a list of up to 4 inequalities with <= or >=")

    moves: ClassVar = (Coefficients("function"),)
    designs: ClassVar = (  # the seed's "Your turn": design a surface with ...
        Design("exactly one local max and two saddle points", "x^4 - 2x^2 - y^2",
               (("local max", 1), ("saddle", 2))),
        Design("two local mins and one saddle point", "x^4 - 2x^2 + y^2",
               (("local min", 2), ("saddle", 1))),
        Design("one local max, one local min and two saddle points", "x^3 - 3x + y^3 - 3y",
               (("local max", 1), ("local min", 1), ("saddle", 2))),
        Design("a single local max", "4 - x^2 - y^2", (("local max", 1),)),
        Design("a single saddle point", "x^2 - y^2", (("saddle", 1),)),
    )

    def analyze(self) -> CriticalPointsAnalysis:
        if self.region is None:
            critical = critical_points(self.expr, (self.x, self.y))
            return CriticalPointsAnalysis(critical, analyze_surface(self.expr, *critical.window))
        shape = region_shape(self.region)
        chosen = region_window(shape)
        window = tuple(given or room for given, room in zip((self.x, self.y), chosen))
        critical = critical_points(self.expr, window)
        return CriticalPointsAnalysis(critical, analyze_surface(self.expr, *critical.window),
                                      absolute_extrema(self.expr, shape),
                                      contour(self.expr, *critical.window, MAP_LEVELS, arrows=0))


    def problem(self, analysis: object) -> list[Line]:
        ask = f"Find and classify the critical points of $f(x, y) = {tex(self.expr)}$."
        if self.region is None:
            return [ask]
        where = r",\ ".join(region_tex(region_shape(self.region)))
        return [ask, f"Then find the absolute maximum and minimum of $f$ on ${where}$."]

    def worked(self, analysis: CriticalPointsAnalysis) -> list[Line]:
        lines = critical_worked(analysis.critical)
        if analysis.absolute is not None:
            r = analysis.absolute
            lines += [Table(("Candidate", "where", "f"), tuple(
                (f"${exact_point_tex(*c.point)}$", c.where, f"${tex(c.value)}$")
                for c in r.candidates)),
                f"Absolute maximum ${tex(r.maximum.value)}$, minimum "
                f"${tex(r.minimum.value)}$."]
        return lines

    def tally(self, analysis: CriticalPointsAnalysis) -> dict[str, int]:
        found = Counter(str(p.type) for p in analysis.critical.points)
        if analysis.critical.curves:
            found["critical curve"] = len(analysis.critical.curves)
        return dict(found)

    def flaw(self, analysis: CriticalPointsAnalysis, difficulty: Difficulty) -> str | None:
        if analysis.absolute is not None:
            r = analysis.absolute
            if not all_short([v for c in r.candidates for v in (*c.point, c.value)],
                             difficulty):
                return "an answer that is not short"
            return None if r.complete else "an answer found only numerically"
        return critical_flaw(analysis.critical, difficulty)

    def shows(self, analysis: CriticalPointsAnalysis) -> str | None:
        return critical_shows(analysis.critical)

    def sketch(self, analysis: CriticalPointsAnalysis) -> Sketch:
        return critical_sketch(analysis.critical)


MOST_EXERCISE_POINTS = 4  # critical points an exercise may ask for


def critical_shows(a: CriticalAnalysis) -> str | None:
    """A lesson on the test saying nothing keeps points with D = 0 in its exercises;
    any other lesson keeps them out."""
    if any(p.type == Verdict.INCONCLUSIVE for p in a.points):
        return "degenerate: D = 0 at a point"
    return None


def critical_flaw(a: CriticalAnalysis, difficulty: Difficulty) -> str | None:
    """Why ``a`` makes a poor exercise: incomplete, unclassified, no point, too many,
    long (D = 0 is ``critical_shows``'s)."""
    if a.curves or not a.complete:
        return "critical points not all found exactly"
    if not a.points:
        return "no critical point"
    if len(a.points) > MOST_EXERCISE_POINTS:
        return f"more than {MOST_EXERCISE_POINTS} critical points"
    if any(p.type == Verdict.UNKNOWN for p in a.points):
        return "a point the test cannot classify"
    if not all_short([v for p in a.points for v in (p.x, p.y, p.value)], difficulty):
        return "an answer that is not short"
    return None


def critical_worked(a: CriticalAnalysis) -> list[Line]:
    """The key: f_x and f_y set to 0, the solutions, and Point | f_xx | f_yy | D | Type."""
    fx, fy = a.gradient
    if not a.points:
        return [f"$f_x = {tex(fx)} = 0$ and $f_y = {tex(fy)} = 0$ have no solution here."]
    points = r",\ ".join(point_tex(p) for p in a.points)
    return [f"$f_x = {tex(fx)} = 0$ and $f_y = {tex(fy)} = 0$.",
            f"$f_{{xy}} = {tex(a.hessian[0][1])}$. The solutions: ${points}$.",
            Table(("Point", "$f_{xx}$", "$f_{yy}$", "$D$", "Type"),
                  tuple((*(f"${cell}$" for cell in (point_tex(p), _cell(p.fxx), _cell(p.fyy),
                                                     _cell(p.D))), p.type.label)
                        for p in a.points))]


def critical_sketch(a: CriticalAnalysis) -> Sketch:
    """The contour map of f with its critical points marked."""
    return map_sketch(a.function, *a.window, tuple((p.xf, p.yf) for p in a.points),
                      critical=a)


@dataclass(frozen=True)
class CriticalPointsAnalysis:
    """The critical points, and the landscape they are dropped onto; with a region, the
    absolute extrema on it and the contour map they are drawn on."""

    critical: CriticalAnalysis
    landscape: SurfaceAnalysis
    absolute: RegionAnalysis | None = None
    map: ContourAnalysis | None = None

    def to_json(self) -> dict:
        data = self.critical.to_json()
        if self.absolute is not None:
            data["absolute"] = self.absolute.to_json()
        return data


# -- captions --------------------------------------------------------------------------------
HEADING = "Where is the ground flat?"
RULE_CAPTION = ("The Hessian decides: D = f_xx·f_yy - f_xy². D > 0: a min if f_xx > 0,"
                " a max if f_xx < 0; D < 0: a saddle; D = 0: no verdict")


def gradient_caption(a: CriticalAnalysis) -> str:
    fx, fy = a.gradient
    return (f"A ball resting here has no reason to roll: f_x = {plain(fx)} = 0"
            f" and f_y = {plain(fy)} = 0")


def verdict(p: CriticalPoint) -> str:
    """The caption for one point: what the test says and why."""
    where = f"At {point(p.x, p.y)}"
    if not p.differentiable:
        return (f"{where}, f has no derivative: the test cannot be applied;"
                f" nearby values say {p.probe}")
    if p.D is None:
        return f"{where}, a second derivative does not exist; nearby values say {p.probe}"
    d = plain(p.D)
    if p.type == Verdict.SADDLE:
        return f"{where}, D = {d} < 0: {p.type.with_article}"
    if p.type in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX):
        sign = ">" if p.type == Verdict.LOCAL_MIN else "<"
        return f"{where}, D = {d} > 0 and f_xx = {plain(p.fxx)} {sign} 0: {p.type.with_article}"
    return f"{where}, D = 0: the test says nothing; nearby values say {p.probe}"


def solutions_caption(a: CriticalAnalysis) -> str:
    """What solving grad f = 0 gave: the points, the curves, or why there are none."""
    if a.everywhere:
        return "Every point is critical: f is constant"
    if not a.points and not a.curves:
        text = "No critical point in this window"
        if a.nearest is not None:
            text += (f"; the nearest is {point(a.nearest.x, a.nearest.y)},"
                     f" {a.nearest.type.with_article}")
        return text
    n = len(a.points)
    text = f"{n} critical point{'s' if n != 1 else ''}"
    if a.points:
        text += ": " + ", ".join(point(p.x, p.y) for p in a.points[:8])
    if a.curves:
        text += "; and whole curves of them: " + ", ".join(map(curve_text, a.curves))
    if not a.complete:
        text += " (found numerically)"
    return text


def surface_caption(a: CriticalAnalysis) -> str:
    if a.points:
        return "Each critical point, dropped onto the surface"
    if a.everywhere:
        return "A flat plane: a ball rests anywhere, and the test has nothing to decide"
    if a.curves:
        return ("Flat all along " + ", ".join(map(curve_text, a.curves))
                + ": no isolated point to test")
    return "Nowhere in this window is the ground flat: a ball always rolls"


def tally(points: tuple[CriticalPoint, ...]) -> str:
    """``2 saddles, 1 local min and 1 local max``."""
    counts = Counter(p.type for p in points)
    if not counts:
        return "no critical points in this window"
    return and_list([f"{n} {kind.plural if n > 1 else kind}" for kind, n in counts.items()])


def table_caption(a: CriticalAnalysis) -> str:
    return tally(a.points).capitalize() + "."


def takeaway(a: CriticalAnalysis, absolute: RegionAnalysis | None = None) -> str:
    if absolute is not None:
        return ("A closed, bounded region holds both extremes: here the max"
                f" {number(absolute.maximum.value)} {places(absolute, absolute.maximum)},"
                f" the min {number(absolute.minimum.value)}"
                f" {places(absolute, absolute.minimum)}.")
    if a.everywhere:
        return "A constant is flat everywhere: every point is critical."
    if not a.points and not a.curves:
        return "Where the ground is nowhere flat, there is no peak, pit or pass."
    return ("Flat spots are only candidates: the Hessian tells the peaks, "
            "pits and passes apart.")


# -- the region's words ------------------------------------------------------------------------
WHERE_WORDS = {INTERIOR: ("critical point inside", "critical points inside"),
               EDGE: ("point on an edge", "points on the edges"),
               CORNER: ("corner", "corners")}
SHAPE_NAMES = {3: "triangle", 4: "quadrilateral"}


def relation_text(rel: sympy.Rel) -> str:
    """``x² + y² ≤ 4``."""
    return f"{plain(rel.lhs)} {'≤' if rel.rel_op == '<=' else '≥'} {plain(rel.rhs)}"


def region_text(shape: Rectangle | Disk | Polygon | Inequalities) -> str:
    """The region in words: ``the rectangle 0 ≤ x ≤ 3, 0 ≤ y ≤ 2``."""
    if isinstance(shape, Rectangle):
        (a, b), (c, d) = shape.x, shape.y
        return f"the rectangle {between('x', a, b)}, {between('y', c, d)}"
    if isinstance(shape, Disk):
        return f"the disk of radius {number(shape.radius)} about {point(*shape.center)}"
    if isinstance(shape, Polygon):
        name = SHAPE_NAMES.get(len(shape.vertices), "polygon")
        return f"the {name} with corners " + and_list([point(*v) for v in shape.vertices])
    return "the region " + and_list([relation_text(c) for c in shape.conditions])


def counted(candidates, where: str) -> str | None:
    """``3 corners``, or None when there is none of this kind."""
    n = sum(c.where == where for c in candidates)
    return f"{n} {WHERE_WORDS[where][n != 1]}" if n else None


def region_caption(r: RegionAnalysis) -> str:
    """The region and what it has to check: so many points inside, on edges, corners."""
    kinds = [text for where in (INTERIOR, EDGE, CORNER)
             if (text := counted(r.candidates, where))]
    return f"On {region_text(r.region)}, the candidates: {and_list(kinds)}"


def winner_text(name: str, e: Extremum) -> str:
    """``absolute max 9 at (3, 0)``: the value and where (four points named at most)."""
    places = [point(*p) for p in e.points[:4]]
    if len(e.points) > 4:
        places.append(f"{len(e.points) - 4} more")
    return f"absolute {name} {number(e.value)} at {and_list(places)}"


def absolute_caption(r: RegionAnalysis) -> str:
    return (f"f at every candidate: {winner_text('max', r.maximum)};"
            f" {winner_text('min', r.minimum)}")


PLACE_WORDS = {INTERIOR: "inside", EDGE: "on an edge", CORNER: "at a corner"}


def places(r: RegionAnalysis, e: Extremum) -> str:
    """Where the extremum is reached, by kind: ``on an edge and at a corner``."""
    kinds = {c.where for c in r.candidates if c.pointf in e.pointsf}
    return and_list([PLACE_WORDS[w] for w in (INTERIOR, EDGE, CORNER) if w in kinds])


def region_report(r: RegionAnalysis) -> list[str]:
    """The candidates, ``Point | where | f``, and the absolute max and min, for check."""
    rows = [(point(*c.point), c.where, number(c.value)) for c in r.candidates]
    lines = [f"region: {region_text(r.region)}", *text_table(("Point", "where", "f"), rows),
             winner_text("max", r.maximum), winner_text("min", r.minimum)]
    if not r.complete:
        lines.append("(a search could not be proved complete)")
    return lines


def region_boundary(shape: Rectangle | Disk | Polygon | Inequalities,
                    window: tuple) -> list[np.ndarray]:
    """The region's edge as polylines of (x, y) rows: a polygon's sides, a disk's circle,
    each inequality's curve (mathcore's tracing) where the others hold."""
    if isinstance(shape, (Rectangle, Polygon)):
        corners = np.array([[float(c) for c in v] for v in _vertices(shape)])
        return [np.vstack([corners, corners[:1]])]
    if isinstance(shape, Disk):
        t = np.linspace(0, 2 * np.pi, 241)[:, None]
        h, k = (float(c) for c in shape.center)
        return [np.hstack([h + float(shape.radius) * np.cos(t),
                           k + float(shape.radius) * np.sin(t)])]
    return _inequality_edges(shape, window)


def outline(pieces: list[np.ndarray]) -> np.ndarray | None:
    """The edge's pieces joined end to end into one closed loop, to fill the region; None
    when they do not close up into one (ends further apart than OUTLINE_GAP of its size)."""
    if not pieces:
        return None
    gap = OUTLINE_GAP * float(np.ptp(np.vstack(pieces), axis=0).max())
    loop, rest = [pieces[0]], list(pieces[1:])
    while rest:
        end = loop[-1][-1]
        reach = [min(np.hypot(*(p[0] - end)), np.hypot(*(p[-1] - end))) for p in rest]
        if min(reach) > gap:
            return None
        piece = rest.pop(int(np.argmin(reach)))
        near_start = np.hypot(*(piece[0] - end)) <= np.hypot(*(piece[-1] - end))
        loop.append(piece if near_start else piece[::-1])
    joined = np.vstack(loop)
    return joined if np.hypot(*(joined[0] - joined[-1])) <= gap else None


def _vertices(shape: Rectangle | Polygon) -> tuple:
    if isinstance(shape, Polygon):
        return shape.vertices
    (a, b), (c, d) = shape.x, shape.y
    return ((a, c), (b, c), (b, d), (a, d))


def _inequality_edges(shape: Inequalities, window: tuple) -> list[np.ndarray]:
    """Each curve h_i = 0 traced by mathcore (``contour_lines``: also a curve in x alone),
    cut into the runs where the others hold."""
    parts = [c.lhs - c.rhs if c.rel_op == "<=" else c.rhs - c.lhs for c in shape.conditions]
    tests = [numeric_function(p, (x, y)) for p in parts]
    size = max(float(high - low) for low, high in window)
    pieces = []
    for i, part in enumerate(parts):
        for branch in contour_lines(part, *window, 0):
            held = np.ones(len(branch), dtype=bool)
            for j, test in enumerate(tests):
                if j != i:
                    with np.errstate(all="ignore"):
                        held &= np.asarray(test(branch[:, 0], branch[:, 1])) <= 1e-9 * size
            cuts = np.flatnonzero(np.diff(held)) + 1
            pieces += [run for run, keep in zip(np.split(branch, cuts), np.split(held, cuts))
                       if keep[0] and len(run) > 1]
    return pieces


# -- on screen -------------------------------------------------------------------------------
RULE = (  # the second-derivative test, a line each, in its verdict's colour (None: text)
    (r"D = f_{xx} f_{yy} - f_{xy}^2", None),
    (r"D > 0,\ f_{xx} > 0:\ \text{local min}", Verdict.LOCAL_MIN),
    (r"D > 0,\ f_{xx} < 0:\ \text{local max}", Verdict.LOCAL_MAX),
    (r"D < 0:\ \text{saddle}", Verdict.SADDLE),
    (r"D = 0:\ \text{the test says nothing}", Verdict.INCONCLUSIVE),
)
TABLE_HEADERS = [r"\text{Point}", "f_{xx}", "f_{yy}", "D", r"\text{Type}"]


def gradient_tex(a: CriticalAnalysis) -> list[str]:
    fx, fy = a.gradient
    return [rf"f_x = {tex(fx)} = 0", rf"f_y = {tex(fy)} = 0"]


def curve_tex(curve: CriticalCurve) -> str:
    return r"\text{every point}" if curve.everywhere else f"{tex(curve.lhs)} = {tex(curve.rhs)}"


def point_tex(p: CriticalPoint) -> str:
    return rf"({tex(p.x)},\ {tex(p.y)})"


def solutions_notes(a: CriticalAnalysis) -> list[str]:
    """What follows the solved points' lines: the curves, or that there is nothing."""
    if a.everywhere:
        return [r"\text{every point: } f \text{ is constant}"]
    if a.curves:
        return [r"\text{and every point of }" + r",\ ".join(map(curve_tex, a.curves))]
    return [] if a.points else [r"\text{no solutions in this window}"]


def nothing_lines(a: CriticalAnalysis) -> list[tuple[str, Verdict | None]]:
    """What stands beside the surface when there is nothing to classify: lines, each in
    its verdict's colour (None: the text colour)."""
    if a.everywhere:
        return [(r"\text{flat everywhere:}", None), (r"\text{every point is critical}", None)]
    if a.curves:
        return [(r"\text{critical all along}", None),
                *((curve_tex(c), Verdict.INCONCLUSIVE) for c in a.curves)]
    lines = [(r"\text{no critical point}", None), (r"\text{in this window}", None)]
    if a.nearest is not None:
        lines.append((rf"\text{{nearest: }}({tex(a.nearest.x)},\ {tex(a.nearest.y)})",
                      a.nearest.type))
    return lines


def _cell(value: sympy.Expr | None) -> str:
    return tex(value) if value is not None else r"\text{--}"


def table_rows(a: CriticalAnalysis) -> list[list[str]]:
    """The table's rows, for the points shown: Point | f_xx | f_yy | D | Type."""
    return [[point_tex(p), _cell(p.fxx), _cell(p.fyy), _cell(p.D), rf"\text{{{p.type.label}}}"]
            for p in shown_rows(a.points)]


def relation_tex(rel: sympy.Rel) -> str:
    sign = r"\le" if rel.rel_op == "<=" else r"\ge"
    return f"{tex(rel.lhs)} {sign} {tex(rel.rhs)}"


def region_tex(shape: Rectangle | Disk | Polygon | Inequalities) -> list[str]:
    """The region as lines of LaTeX, for the panel beside its map."""
    if isinstance(shape, Rectangle):
        return [rf"{tex(a)} \le {v} \le {tex(b)}" for v, (a, b) in zip("xy", (shape.x, shape.y))]
    if isinstance(shape, Disk):
        h, k = shape.center
        return [rf"{tex((x - h) ** 2 + (y - k) ** 2)} \le {tex(shape.radius ** 2)}"]
    if isinstance(shape, Polygon):
        name = SHAPE_NAMES.get(len(shape.vertices), "polygon")
        return [rf"\text{{the {name} with corners}}",
                r",\ ".join(exact_point_tex(*v) for v in shape.vertices)]
    return [relation_tex(c) for c in shape.conditions]


CANDIDATE_HEADERS = [r"\text{Point}", r"\text{where}", "f"]


def candidate_rows(r: RegionAnalysis) -> list[list[str]]:
    """The candidates' table on screen: Point | where | f (the first MAX_CANDIDATES)."""
    return [[r"\textstyle " + exact_point_tex(*c.point), rf"\text{{{c.where}}}",
             r"\textstyle " + number_tex(c.value)] for c in r.candidates[:MAX_CANDIDATES]]


def winner_tex(name: str, e: Extremum) -> str:
    """``\text{max } 9`` for the label by a ringed winner."""
    return rf"\textstyle \text{{{name} }} {number_tex(e.value)}"


def report(analysis: CriticalPointsAnalysis) -> str:
    """The article's table, `Point | f_xx | f_yy | D | Type`, as check prints it."""
    a = analysis.critical
    rows = [(f"({plain(p.x)},{plain(p.y)})", *(plain(v) if v is not None else "-"
                                               for v in (p.fxx, p.fyy, p.D)),
             p.type.label + (f" (probe: {p.probe})" if p.probe else ""))
            for p in a.points]
    lines = [f"f(x, y) = {plain(a.function)}",
             "exact solution" if a.complete else "numeric search (the list may be incomplete)"]
    lines += text_table(("Point", "f_xx", "f_yy", "D", "Type"), rows)
    lines += [f"critical curve: {c.text}" for c in a.curves]
    (x0, x1), (y0, y1) = a.window
    lines.append(f"window: x in [{plain(x0)}, {plain(x1)}], y in [{plain(y0)}, {plain(y1)}]")
    if not a.points and not a.curves:
        lines.append(solutions_caption(a))
    if analysis.absolute is not None:
        lines += region_report(analysis.absolute)
    return "\n".join(lines)
