"""The shared lesson scene: title card, captioned beats, closing card, poster.

A kind subclasses :class:`LessonScene` (2D) or :class:`LessonScene3D` and
implements :meth:`LessonMixin.body`, a sequence of ``with self.beat(...)``
blocks. Each beat's caption is shown in a strip at the bottom and written as
a subtitle through Manim's ``add_subcaption``; ``narration:`` in the YAML
replaces a beat's computed caption.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from manim import (
    DOWN,
    UP,
    FadeIn,
    FadeOut,
    MathTable,
    MathTex,
    Mobject,
    RoundedRectangle,
    Scene,
    Text,
    ThreeDScene,
    UpdateFromAlphaFunc,
    VGroup,
    Write,
    config,
)
from manim.animation.animation import prepare_animation
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter
from PIL import Image

from mathcore.speech import speak_caption, spoken_words
from scenes import svg_paths  # noqa: F401  (imported for its effect: copies share SVG paths)
from scenes.camera import FlatCamera, LessonCamera, View
from scenes.layout import TEXT_CANVAS, Layout, Region
from scenes.params import LessonBase
from scenes.practice import Exercise
from scenes.theme import Theme
from scenes.timeline import BREATH, LEAD, Beat, reading_seconds


class UndeclaredBeat(LookupError):
    """A scene played a beat its lesson kind does not declare (a bug in the kind)."""


def fit(mobject: Mobject, width: float, height: float | None = None) -> Mobject:
    """Scale a mobject down (never up) so it fits in ``width`` x ``height``."""
    factors = [width / max(mobject.width, 1e-9)]
    if height is not None:
        factors.append(height / max(mobject.height, 1e-9))
    factor = min(factors)
    if factor < 1:
        mobject.scale(factor)
    return mobject


def ruled_table(rows: list[list[str]], headers: list[str], theme: Theme,
                font_size: float) -> MathTable:
    """A table of LaTeX cells with one rule under the header (``header_rule``), in the
    theme's text colour; an empty table gets a row of dashes."""
    table = MathTable(
        rows or [[r"\text{--}"] * len(headers)],
        col_labels=[MathTex(h, font_size=font_size) for h in headers],
        element_to_mobject_config={"font_size": font_size},
        include_outer_lines=False, line_config={"stroke_width": 1.5}, h_buff=0.6, v_buff=0.25,
    )
    table.header_rule = table.get_horizontal_lines()[0]
    table.remove(*table.get_vertical_lines(), *table.get_horizontal_lines()[1:])
    table.set_color(theme.text)
    return table



MAX_CAPTION_LINES = 3
OPERATORS = {"=", "<", ">", "≤", "≥", "+", "-", "−", "×", "·", "→", "≈"}


class LessonMixin:
    """Lesson structure shared by the 2D and 3D base scenes."""

    closing_text: str = "Stay curious, and keep climbing!"

    def __init__(self, lesson: LessonBase, analysis: Any, layout: Layout, theme: Theme,
                 keep_stills: bool = False, pace: float = 1.0,
                 probe: Callable[[LessonMixin, str], None] | None = None,
                 speech: dict[str, float] | None = None, exercise: Exercise | None = None,
                 file_writer_class: type[SceneFileWriter] = SceneFileWriter, **kwargs: Any):
        self.lesson = lesson
        self.analysis = analysis
        self.exercise = exercise  # what the your_turn beats pose, when the lesson asks
        self.layout = layout
        self.theme = theme
        self.pace = pace
        self.probe = probe
        self.speech = speech or {}  # seconds of each voiced beat's words: it lasts as long
        self.poster_image: Image.Image | None = None
        self.stills: list[tuple[str, Image.Image]] | None = [] if keep_stills else None
        self.timeline: list[Beat] = []
        self.planned = 0.0  # seconds as planned so far: Manim's frames round them
        renderer = CairoRenderer(file_writer_class=file_writer_class,
                                 camera_class=kwargs.get("camera_class", FlatCamera),
                                 skip_animations=kwargs.get("skip_animations", False))
        super().__init__(renderer=renderer, **kwargs)

    # -- pacing: every run time (waits too) scaled by ``pace`` ----------------------
    def play(self, *animations: Any, run_time: float | None = None, **kwargs: Any) -> None:
        animations = tuple(prepare_animation(a) for a in animations)
        natural = run_time if run_time is not None else max(a.run_time for a in animations)
        self.planned += natural * self.pace
        if self.pace != 1 or self.layout.is_clip:
            run_time = natural * self.pace
        if self.layout.is_clip:  # whole frames, never ending after the plan
            run_time = _whole_frames(self.planned - self.time)
        if run_time is not None:
            kwargs["run_time"] = run_time
        super().play(*animations, **kwargs)

    # -- the lesson's structure -------------------------------------------------
    def construct(self) -> None:
        from scenes.your_turn import your_turn  # it draws with this module's helpers

        self.title_card()
        self.body()
        if self.exercise is not None:
            your_turn(self, self.exercise)
        self.closing_card()

    def body(self) -> None:
        """The kind's beats."""
        raise NotImplementedError

    def title_formula(self) -> Mobject | None:
        """The formula shown under the title, if any."""
        return None

    def takeaway(self) -> str:
        """The closing caption."""
        return self.closing_text

    # -- building blocks ---------------------------------------------------------
    def flat(self, *mobjects: Mobject) -> VGroup:
        """Mark mobjects as drawn flat on the screen (a no-op in 2D)."""
        return VGroup(*mobjects)

    def keep_flat(self, mobject: Mobject) -> Mobject:
        """Keep flat a mobject that rebuilds its parts as it updates (a DecimalNumber)."""
        return mobject

    def text(self, content: str, size: float | None = None, colour: str | None = None,
             **kwargs: Any) -> Text:
        """A Pango text in the theme's colours at the layout's body size. Manim keeps
        each one parsed (``use_svg_cache``), so the render after a rehearsal copies it
        instead of parsing its SVG again."""
        with wide_text_canvas():
            return Text(content, font_size=size or self.layout.body_size,
                        font=self.theme.font, color=colour or self.theme.text,
                        use_svg_cache=True, **kwargs)

    def heading(self, content: str) -> Mobject:
        """A heading in the top band of the frame."""
        band = self.layout.heading
        mob = fit(self.text(content, self.layout.heading_size), band.width, band.height)
        return mob.move_to(band.centre)

    def caption_strip(self, content: str) -> VGroup:
        """The caption strip: text on a translucent bar standing on the caption
        region's bottom edge, in as few lines as fit its width (three at most),
        never outside the region."""
        region = self.layout.caption
        label = self.text(content, self.layout.caption_size)
        lines = min(MAX_CAPTION_LINES, math.ceil(label.width / (region.width - 0.4) * 1.1))
        if lines > 1:
            label = self.text(_lines(content, lines), self.layout.caption_size,
                              line_spacing=0.8)
        fit(label, region.width - 0.4, region.height - 0.2)
        bar = RoundedRectangle(
            corner_radius=0.12, width=label.width + 0.4, height=label.height + 0.2,
            fill_color=self.theme.caption_fill, fill_opacity=0.6, stroke_width=0,
        )
        strip = VGroup(bar, label).move_to(region.centre)
        strip.shift(UP * (region.bottom - strip.get_bottom()[1]))
        return self.flat(strip)

    @contextmanager
    def beat(self, name: str, words: str | Callable[..., str], *args: Any) -> Iterator[None]:
        """One step of the lesson, captioned on screen and in the subtitles. Its name
        must be one the lesson kind declares. ``words`` is its caption, or what writes
        it from ``args``: that is called once more for the voice (``mathcore.speech``)."""
        if not self.lesson.declares(name):
            raise UndeclaredBeat(f"{self.lesson.kind}: beat '{name}' is not declared; "
                                 f"its beats are {', '.join(self.lesson.played_beats())}")
        if name in self.lesson.narration:
            content = self.lesson.narration[name]
            spoken = speak_caption(content)
        else:
            content = words(*args) if callable(words) else words
            spoken = spoken_words(words, *args)
        strip = self.caption_strip(content)
        self.add_foreground_mobject(strip)
        start, planned = self.time, self.planned
        yield
        voice = self.speech.get(name)
        least = 0.0  # as long as its words; in a voiced lesson an unsaid beat until it is read
        if voice is not None:
            least = LEAD + voice + BREATH
        elif self.speech:
            least = reading_seconds(content)
        if self.planned - planned < least:  # hold the frame
            self.wait((planned + least - self.planned) / self.pace)
        if self.stills is not None:
            self.stills.append((name, self.capture()))
        if self.probe is not None:
            self.probe(self, name)
        elapsed = self.time - start
        self.timeline.append(Beat(name, content, elapsed, spoken, start))
        if voice is not None:  # the cue as long as the words
            self.add_subcaption(content, duration=voice, offset=start + LEAD - self.time)
        elif elapsed > 0:
            self.add_subcaption(content, duration=elapsed, offset=-elapsed)
        self.remove_foreground_mobject(strip)
        self.remove(strip)

    def capture(self) -> Image.Image:
        """The frame as it stands now, drawn even when animations are skipped."""
        if self.renderer.skip_animations:
            self.renderer.static_image = None
            self.renderer.update_frame(self)
        return self.camera.get_image().copy()

    def mark_poster(self) -> None:
        """Keep the frame on screen now as the video's poster."""
        self.poster_image = self.capture()

    # -- the cards ---------------------------------------------------------------
    def title_card(self) -> None:
        title = self.text(self.lesson.heading(), self.layout.title_size)
        if self.layout.stacked and title.width > self.layout.safe_width:  # narrow: two lines
            title = VGroup(*(self.text(line, self.layout.title_size) for line in
                             _lines(self.lesson.heading(), 2).split("\n"))).arrange(DOWN)
        title = fit(title, self.layout.safe_width)
        parts = [title]
        formula = self.title_formula()
        if formula is not None:
            parts.append(fit(formula, self.layout.safe_width, self.layout.frame_height / 4))
        card = self.flat(VGroup(*parts).arrange(DOWN, buff=0.6)
                         .move_to(self.layout.safe.centre).shift(UP * 0.4))
        with self.beat("title", self.lesson.heading):
            self.play(Write(title), run_time=1.2)
            if formula is not None:
                self.play(FadeIn(formula, shift=UP * 0.2), run_time=1.0)
            self.wait(1.2)
        self.play(FadeOut(card), run_time=0.6)

    def closing_card(self) -> None:
        with self.beat("closing", self.takeaway):
            self.wait(2.5)
        self.clear_scene()

    def clear_scene(self) -> None:
        """Fade out whatever is on screen."""
        if self.mobjects:
            self.play(*(FadeOut(m) for m in self.mobjects), run_time=0.6)


def _whole_frames(seconds: float) -> float:
    """A run time that Manim draws as ``seconds`` rounded down to whole frames, one at
    least (it rounds an animation up, a still wait down). A clip asks for what is left
    of its plan each time, so its many run times add up to the plan, never more by over
    a frame: it keeps to ``max_seconds``."""
    frames = max(1, math.floor(seconds * config.frame_rate + 1e-6))
    return (frames - 0.5) / config.frame_rate


@contextmanager
def wide_text_canvas() -> Iterator[None]:
    """Lay Pango text out on a canvas TEXT_CANVAS pixels wide. Manim lays it out on one
    as wide as the video, and Pango wraps a longer line there: at 144 pixels (tiny, as
    clips are rehearsed) a caption gained lines, and as the cached SVG's name leaves the
    width out, a later render at any quality drew its lines over each other."""
    width = config.pixel_width
    config.pixel_width = TEXT_CANVAS
    try:
        yield
    finally:
        config.pixel_width = width


def _lines(content: str, count: int) -> str:
    """Break text at spaces into ``count`` lines of about equal length, at a space
    between words rather than inside a formula: never inside brackets, never next to an
    operator (``= < > + -``, before it or after it), unless no other space is left."""
    words, lines = content.split(), []
    while len(words) > 1 and len(lines) < count - 1:
        target = len(" ".join(words)) / (count - len(lines))
        cut = min(range(1, len(words)), key=lambda k, w=words, t=target: _break_cost(w, k, t))
        lines.append(" ".join(words[:cut]))
        words = words[cut:]
    return "\n".join(lines + [" ".join(words)])


def _break_cost(words: list[str], k: int, target: float) -> float:
    """How far a line of ``words[:k]`` is from ``target`` characters; breaking inside
    a formula costs most: inside brackets (a point such as (2, -2), an interval), or
    beside an operator, before it (``-`` would open the line) or after it (``x + ...``
    would be left hanging, as ``≈`` from its number)."""
    line = " ".join(words[:k])
    inside = line.count("(") + line.count("[") > line.count(")") + line.count("]")
    cut = words[k] in OPERATORS or words[k - 1] in OPERATORS or inside
    return abs(len(line) - target) + (1000 if cut else 0)


class LessonScene(LessonMixin, Scene):
    """Base for 2D lessons."""


class LessonScene3D(LessonMixin, ThreeDScene):
    """Base for 3D lessons: text stays flat on the screen."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, camera_class=LessonCamera, **kwargs)

    def flat(self, *mobjects: Mobject) -> VGroup:
        self.renderer.camera.add_fixed_in_frame_mobjects(*mobjects)
        return VGroup(*mobjects)

    def keep_flat(self, mobject: Mobject) -> Mobject:
        return mobject.add_updater(lambda m: self.flat(m))

    def frame_box(self, corners: np.ndarray, region: Region, phi: float, theta: float,
                  orbit: float = 0.0) -> None:
        """Aim the camera so the 3D box with these corners stays inside ``region``
        on screen for every angle of an orbit of ``orbit`` radians from ``theta``."""
        camera = self.renderer.camera
        self.set_camera_orientation(phi=phi, theta=theta, zoom=1)
        camera.screen_shift = np.zeros(3)
        seen = []
        for angle in np.linspace(theta, theta + orbit, 9):
            camera.set_theta(angle)
            camera.reset_rotation_matrix()  # the camera caches it between frames
            seen.append(camera.project_points(corners))
        camera.set_theta(theta)
        camera.reset_rotation_matrix()
        low, high = np.min(np.vstack(seen), axis=0), np.max(np.vstack(seen), axis=0)
        zoom = min(region.width / (high[0] - low[0]), region.height / (high[1] - low[1]))
        camera.set_zoom(zoom)
        camera.screen_shift = np.array(region.centre) - zoom * (low + high) / 2 * [1, 1, 0]

    def turn_camera(self, view: View, zoom: float, shift: np.ndarray, added: Sequence = (),
                    run_time: float = 1.0) -> None:
        """Turn the camera to ``view`` and ``zoom`` while the picture glides on screen to
        ``shift`` (an alpha function: a tracker's own updaters would be suspended while it
        is animated, and the picture would jump at the end)."""
        camera = self.renderer.camera
        start, holder = camera.screen_shift.copy(), Mobject()
        gliding = UpdateFromAlphaFunc(holder, lambda _, alpha: setattr(
            camera, "screen_shift", start + alpha * (shift - start)))
        self.move_camera(phi=view.phi, theta=view.theta, zoom=zoom,
                         added_anims=[gliding, *added], run_time=run_time)
        self.remove(holder)
        camera.screen_shift = np.array(shift)

    def orbit(self, radians: float, seconds: float) -> None:
        """Turn the camera about the vertical axis by ``radians`` while time passes."""
        self.begin_ambient_camera_rotation(rate=radians / (seconds * self.pace))
        self.wait(seconds)
        self.stop_ambient_camera_rotation()
