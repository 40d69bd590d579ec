"""config.yaml -> a validated Course, with errors that point at file:line.

``config.yaml:14: lessons[2].x: expected [min, max] with min < max, got [3, 1]``
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scenes.layout import LAYOUTS
from scenes.registry import KINDS, Lesson
from scripts.errors import ConfigError
from scripts.quality import QUALITIES

QualityName = Literal[tuple(QUALITIES)]  # type: ignore[valid-type]
ShapeName = Literal[tuple(LAYOUTS)]  # type: ignore[valid-type]
MAX_CONFIG_BYTES = 1_000_000


class CourseSettings(BaseModel):
    """Settings for the whole course."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field("calcreel course", description="the course's name")
    quality: QualityName = Field("medium", description="default render quality")
    theme: Literal["dark", "light"] = Field("dark", description="colour theme")
    output: str = Field("out", description="output folder, relative to the config file")
    shapes: list[ShapeName] = Field(
        default_factory=lambda: ["landscape"], min_length=1,
        description="the shapes to render: landscape 16:9 (lecture), portrait 9:16 "
                    "(shorts and reels), square 1:1",
    )
    max_seconds: float = Field(60, gt=0, le=600,
                               description="longest portrait clip; run times scale to fit")
    formats: list[Literal["gif", "webm"]] = Field(
        default_factory=list, description="extra files besides the mp4: gif, webm")
    deadline: float = Field(5, gt=0, le=120,
                            description="seconds any one symbolic step may take")


class Course(BaseModel):
    """A course: settings and a list of lessons, each of a known kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    course: CourseSettings = Field(default_factory=CourseSettings)
    lessons: list[Lesson] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedCourse:
    """A validated course and where its lessons stand in the file."""

    course: Course
    path: Path
    lesson_lines: tuple[int, ...]

    @property
    def output_dir(self) -> Path:
        return (self.path.parent / self.course.course.output).resolve()

    def require(self, ids: Iterable[str]) -> None:
        """Raise ConfigError for an id (from --lesson) that names no lesson."""
        known = {lesson.id for lesson in self.course.lessons}
        for wanted in ids:
            if wanted not in known:
                raise ConfigError(self.path, 0, "--lesson", f"no lesson '{wanted}' "
                                  f"(lessons: {', '.join(sorted(known))})")

    def where(self, index: int) -> str:
        """``config.yaml:14: lessons[2]``: the place of lesson ``index``, for errors."""
        return f"{self.path}:{self.lesson_lines[index]}: lessons[{index}]"


def load_course(path: Path | str) -> LoadedCourse:
    """Read and validate a course file; raise ConfigError on any problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(path, 0, "", f"cannot read the file: {err.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(path, 1, "", f"the file is {len(raw):,} bytes; at most "
                          f"{MAX_CONFIG_BYTES:,} are read")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(path, 1 + raw[: err.start].count(b"\n"), "",
                          "the file is not UTF-8 text") from None
    node, data = _read_yaml(text, path)
    if not isinstance(data, dict):
        raise ConfigError(path, _line(node), "",
                          "expected a mapping with a 'lessons:' list at the top level")
    try:
        course = Course.model_validate(data)
    except ValidationError as err:
        raise _config_error(err, node, data, path) from None
    lessons_node = _child(node, "lessons")
    lines = tuple(_line(_child(lessons_node, i)) for i in range(len(course.lessons)))
    _check_unique_ids(course, path, lines)
    return LoadedCourse(course, path, lines)


# -- YAML with positions ------------------------------------------------------------
def _read_yaml(text: str, path: Path) -> tuple[yaml.Node | None, Any]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ConfigError(path, 1, "", "the file is empty; expected a 'lessons:' list")
        _check_duplicate_keys(node, path)
        return node, loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise ConfigError(path, mark.line + 1 if mark else 1, "", _yaml_message(err)) from None
    except yaml.YAMLError as err:
        raise ConfigError(path, 1, "", f"not valid YAML: {err}") from None
    finally:
        loader.dispose()


def _yaml_message(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or str(err)
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character; YAML indents with spaces only"
    if "constructor for the tag" in problem:
        return f"YAML tags are not allowed here ({problem.split('tag')[-1].strip()})"
    return f"not valid YAML: {problem}"


def _check_duplicate_keys(node: yaml.Node, path: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if key.value in seen:
                raise ConfigError(path, _line(key), str(key.value),
                                  "duplicate key; each key may appear once")
            seen.add(key.value)
            _check_duplicate_keys(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, path)


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


# -- validation errors for people ------------------------------------------------------
# A typo in a key or kind explains the other errors (a "missing" field), so it goes first.
_ROOT_CAUSES = ("union_tag_invalid", "union_tag_not_found", "extra_forbidden")


def _config_error(err: ValidationError, root: yaml.Node, data: dict, path: Path) -> ConfigError:
    first = min(err.errors(), key=lambda e: e["type"] not in _ROOT_CAUSES)
    loc = _without_kind_tags(first["loc"])
    if first["type"] == "union_tag_invalid":
        loc += ("kind",)
    node, parent = root, root
    for key in loc:
        child = _child(node, key)
        if child is None:
            break
        parent, node = node, child
    field = _field_name(loc)
    message = _message(first, loc, data)
    extra = err.error_count() - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    line_node = node if first["type"] != "extra_forbidden" else _key_node(parent, loc[-1])
    return ConfigError(path, _line(line_node or node), field, message)


def _key_node(mapping: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((k for k, _ in mapping.value if k.value == key), None)
    return None


def _without_kind_tags(loc: tuple) -> tuple:
    """Drop the union tag pydantic inserts: ('lessons', 2, 'surface', 'x') -> lessons[2].x."""
    if len(loc) > 2 and loc[0] == "lessons" and loc[2] in KINDS:
        return loc[:2] + loc[3:]
    return loc


def _field_name(loc: tuple) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _message(error: dict, loc: tuple, data: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc, data)
        return f"unknown key '{loc[-1]}'" + _suggestion(str(loc[-1]), allowed)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        got = error["input"].get("kind") if isinstance(error["input"], dict) else None
        if got is None:
            return f"missing 'kind' (one of: {', '.join(KINDS)})"
        return f"unknown kind '{got}'" + _suggestion(str(got), list(KINDS))
    message = error["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{message[0].lower()}{message[1:]}, got {error['input']!r}"
    if kind not in ("value_error", "assertion_error"):
        return f"{message[0].lower()}{message[1:]}, got {error['input']!r}"
    return message


def _allowed_keys(loc: tuple, data: dict) -> list[str]:
    if len(loc) == 3 and loc[0] == "lessons":
        lesson = data["lessons"][loc[1]]
        kind = KINDS.get(lesson.get("kind"))
        return list(kind.lesson.model_fields) if kind else []
    if loc[:1] == ("course",):
        return list(CourseSettings.model_fields)
    return list(Course.model_fields)


def _suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(choices)})" if choices else ""


def _check_unique_ids(course: Course, path: Path, lines: tuple[int, ...]) -> None:
    seen: dict[str, int] = {}
    for index, lesson in enumerate(course.lessons):
        if lesson.id in seen:
            raise ConfigError(path, lines[index], f"lessons[{index}].id",
                              f"'{lesson.id}' is already used by lessons[{seen[lesson.id]}]")
        seen[lesson.id] = index


def course_schema() -> dict:
    """The JSON Schema of a course file, for editors."""
    schema = Course.model_json_schema()
    schema["title"] = "calcreel course"
    return schema
