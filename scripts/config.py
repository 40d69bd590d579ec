"""The course model: config.yaml -> a validated Course, with errors at file:line.

``config.yaml:14: lessons[2].x: expected [min, max] with min < max, got [3, 1]``

The YAML is read by ``yaml_lines`` and pydantic's errors are worded by ``messages``;
here are the settings, the course, and which lessons are accepted or refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from scenes.layout import LAYOUTS, LECTURE
from scenes.registry import KINDS, Lesson
from scenes.theme import THEMES
from scenes.voice import Voice
from scripts.errors import ConfigError
from scripts.formats import MAKERS
from scripts.messages import UNION_TAGS, field_name, first_problem, problem_text
from scripts.quality import QUALITIES
from scripts.yaml_lines import child, line, line_at, read_yaml

if TYPE_CHECKING:
    import yaml

QualityName = Literal[tuple(QUALITIES)]  # type: ignore[valid-type]
ShapeName = Literal[tuple(LAYOUTS)]  # type: ignore[valid-type]
ThemeName = Literal[tuple(THEMES)]  # type: ignore[valid-type]
FormatName = Literal[tuple(MAKERS)]  # type: ignore[valid-type]


class CourseSettings(BaseModel):
    """Settings for the whole course."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field("calcreel course", description="the course's name")
    quality: QualityName = Field("medium", description="default render quality")
    theme: ThemeName = Field("dark", description="colour theme")
    output: str = Field("out", description="output folder, relative to the config file")
    shapes: list[ShapeName] = Field(
        default_factory=lambda: [LECTURE.shape], min_length=1,
        description="the shapes to render: landscape 16:9 (lecture), portrait 9:16 "
                    "(shorts and reels), square 1:1",
    )
    max_seconds: float = Field(60, gt=0, le=600,
                               description="longest portrait clip; run times scale to fit")
    formats: list[FormatName] = Field(
        default_factory=list, description="extra files besides the mp4: gif, webm")
    deadline: float = Field(5, gt=0, le=120,
                            description="seconds any one symbolic step may take")
    voice: Voice = Field(default_factory=Voice,
                         description="none, tts, recordings, or {engine, voice, rate, ...}")
    music: str | None = Field(None, min_length=1, description="an audio file under the voice, "
                              "looped or trimmed, faded and ducked; relative to this file")


class Course(BaseModel):
    """A course: settings and a list of lessons, each of a known kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    course: CourseSettings = Field(default_factory=CourseSettings)
    lessons: list[Lesson] = Field(min_length=1)


class _CourseFrame(Course):
    """A course whose lessons are not validated yet: each is validated on its own, so
    that one bad lesson refuses that lesson only."""

    lessons: list[Any] = Field(min_length=1)


_LESSON = TypeAdapter(Lesson)


@dataclass(frozen=True)
class Refused:
    """A lesson refused for bad input: its place in the file and its one-line error."""

    index: int
    id: str | None
    kind: str | None
    error: ConfigError

    ok = False
    internal = False  # bad input, never calcreel's own failure

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "ok": False, "error": str(self.error),
                "analysis": None, "spoken": None}


@dataclass(frozen=True)
class LoadedCourse:
    """A course's accepted lessons, where each stands in the file (``indices`` and
    ``lesson_lines``, aligned with ``course.lessons``), and the lessons ``refused``."""

    course: Course
    path: Path
    lesson_lines: tuple[int, ...]
    indices: tuple[int, ...] = ()
    refused: tuple[Refused, ...] = ()

    @property
    def output_dir(self) -> Path:
        return (self.path.parent / self.course.course.output).resolve()

    def require(self, ids: Iterable[str]) -> None:
        """Raise ConfigError for an id (from --lesson) that names no lesson."""
        known = {lesson.id for lesson in self.course.lessons} | {
            r.id for r in self.refused if r.id}
        for wanted in ids:
            if wanted not in known:
                raise ConfigError(self.path, 0, "--lesson", f"no lesson '{wanted}' "
                                  f"(lessons: {', '.join(sorted(known))})")

    def where(self, index: int) -> str:
        """``config.yaml:14: lessons[2]``: the place of the file's lesson ``index``."""
        line = self.lesson_lines[self.indices.index(index)]
        return f"{self.path}:{line}: lessons[{index}]"

    def refusals(self, only: Iterable[str] = ()) -> list[Refused]:
        """The refused lessons (those of ``only``, if given; unnamed ones always)."""
        wanted = set(only)
        return [r for r in self.refused if not wanted or r.id is None or r.id in wanted]


def load_course(path: Path | str) -> LoadedCourse:
    """Read and validate a course file; raise ConfigError on any problem."""
    path = Path(path)
    node, data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line(node), "",
                          "expected a mapping with a 'lessons:' list at the top level")
    try:
        frame = _CourseFrame.model_validate(data)
    except ValidationError as err:
        raise _refusal(err.errors(), node, data, path) from None
    music = frame.course.music
    if music is not None and not (path.parent / music).is_file():
        raise ConfigError(path, line(child(child(node, "course"), "music")), "course.music",
                          f"no such file: {music} (relative to {path.parent})")
    lessons_node = child(node, "lessons")
    lines = [line(child(lessons_node, i)) for i in range(len(frame.lessons))]
    _check_unique_ids(frame.lessons, path, lines)
    accepted, refused = [], []
    for index, raw_lesson in enumerate(frame.lessons):
        try:
            accepted.append((index, _LESSON.validate_python(raw_lesson)))
        except ValidationError as err:
            errors = [{**e, "loc": ("lessons", index, *e["loc"])} for e in err.errors()]
            refused.append(Refused(index, _text_field(raw_lesson, "id"),
                                   _text_field(raw_lesson, "kind"),
                                   _refusal(errors, node, data, path)))
    course = Course.model_construct(course=frame.course, lessons=[lesson for _, lesson in accepted])
    return LoadedCourse(course, path, tuple(lines[i] for i, _ in accepted),
                        tuple(i for i, _ in accepted), tuple(refused))


def _text_field(lesson: Any, key: str) -> str | None:
    """A lesson's id or kind when it is readable text, for reporting a refused lesson."""
    value = lesson.get(key) if isinstance(lesson, dict) else None
    return value if isinstance(value, str) else None


def _refusal(errors: list, root: yaml.Node, data: dict, path: Path) -> ConfigError:
    """pydantic's ``errors`` for the course as one ConfigError at the first one's line."""
    first = first_problem(errors)
    loc = _without_kind_tags(first["loc"])
    if first["type"] == "union_tag_invalid":
        loc += ("kind",)
    choices = list(KINDS) if first["type"] in UNION_TAGS else _allowed_keys(loc, data)
    return ConfigError(path, line_at(root, loc, of_key=first["type"] == "extra_forbidden"),
                       field_name(loc), problem_text(first, loc, choices, len(errors) - 1))


def _without_kind_tags(loc: tuple) -> tuple:
    """Drop the union tag pydantic inserts: ('lessons', 2, 'surface', 'x') -> lessons[2].x."""
    if len(loc) > 2 and loc[0] == "lessons" and loc[2] in KINDS:
        return loc[:2] + loc[3:]
    return loc


def _allowed_keys(loc: tuple, data: dict) -> list[str]:
    """The keys allowed beside the last of ``loc``: a lesson's, the settings' or the
    course's."""
    if loc[:1] == ("lessons",) and len(loc) != 3:
        return []  # a key inside a lesson's field: no list of its own to suggest from
    if len(loc) == 3 and loc[0] == "lessons":
        lesson = data["lessons"][loc[1]]
        name = lesson.get("kind")
        kind = KINDS.get(name) if isinstance(name, str) else None
        return list(kind.lesson.model_fields) if kind else []
    if loc[:1] == ("course",):
        return list(CourseSettings.model_fields)
    return list(Course.model_fields)


def _check_unique_ids(lessons: list, path: Path, lines: list[int]) -> None:
    """Two lessons with one id would write the same files: that refuses the course."""
    seen: dict[str, int] = {}
    for index, lesson in enumerate(lessons):
        id = _text_field(lesson, "id")
        if id is None:
            continue
        if id in seen:
            raise ConfigError(path, lines[index], f"lessons[{index}].id",
                              f"'{id}' is already used by lessons[{seen[id]}]")
        seen[id] = index


def course_schema() -> dict:
    """The JSON Schema of a course file, for editors."""
    schema = Course.model_json_schema()
    schema["title"] = "calcreel course"
    return schema
