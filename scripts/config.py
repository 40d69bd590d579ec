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
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from scenes.layout import LAYOUTS, LECTURE
from scenes.registry import KINDS, Lesson
from scenes.theme import THEMES
from scripts.errors import ConfigError
from scripts.formats import MAKERS
from scripts.quality import QUALITIES

QualityName = Literal[tuple(QUALITIES)]  # type: ignore[valid-type]
ShapeName = Literal[tuple(LAYOUTS)]  # type: ignore[valid-type]
ThemeName = Literal[tuple(THEMES)]  # type: ignore[valid-type]
FormatName = Literal[tuple(MAKERS)]  # type: ignore[valid-type]
MAX_CONFIG_BYTES = 1_000_000


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
                "analysis": None}


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
        frame = _CourseFrame.model_validate(data)
    except ValidationError as err:
        raise _config_error(err.errors(), node, data, path) from None
    lessons_node = _child(node, "lessons")
    lines = [_line(_child(lessons_node, i)) for i in range(len(frame.lessons))]
    _check_unique_ids(frame.lessons, path, lines)
    accepted, refused = [], []
    for index, raw_lesson in enumerate(frame.lessons):
        try:
            accepted.append((index, _LESSON.validate_python(raw_lesson)))
        except ValidationError as err:
            errors = [{**e, "loc": ("lessons", index, *e["loc"])} for e in err.errors()]
            refused.append(Refused(index, _text_field(raw_lesson, "id"),
                                   _text_field(raw_lesson, "kind"),
                                   _config_error(errors, node, data, path)))
    course = Course.model_construct(course=frame.course, lessons=[lesson for _, lesson in accepted])
    return LoadedCourse(course, path, tuple(lines[i] for i, _ in accepted),
                        tuple(i for i, _ in accepted), tuple(refused))


def _text_field(lesson: Any, key: str) -> str | None:
    """A lesson's id or kind when it is readable text, for reporting a refused lesson."""
    value = lesson.get(key) if isinstance(lesson, dict) else None
    return value if isinstance(value, str) else None


# -- YAML with positions ------------------------------------------------------------
MAX_YAML_DEPTH = 50  # nested lists and mappings
MAX_YAML_VALUES = 100_000  # values once aliases are expanded (no "billion laughs")
MAX_INT_DIGITS = 100
_SAFE_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag) | {
    "tag:yaml.org,2002:merge"}
_TAG_NAMES = {"tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:timestamp": "a date", "tag:yaml.org,2002:binary": "binary data",
              "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "null"}


class _TooDeep(yaml.MarkedYAMLError):
    """Lists and mappings nested past MAX_YAML_DEPTH (the composer is recursive)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting before Python's recursion limit does."""

    def __init__(self, text: str):
        self._depth = 0
        super().__init__(text)

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _TooDeep(problem=f"lists and mappings are nested more than "
                                       f"{MAX_YAML_DEPTH} levels deep",
                               problem_mark=self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _read_yaml(text: str, path: Path) -> tuple[yaml.Node | None, Any]:
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise ConfigError(path, 1, "", "the file is empty; expected a 'lessons:' list")
        _check_nodes(node, path, loader)
        return node, loader.construct_document(node)
    except yaml.reader.ReaderError as err:
        line = 1 + text[: err.position].count("\n")
        raise ConfigError(path, line, "", f"character U+{err.character:04X} is not allowed "
                          "in a YAML file") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if _ends_early(err) and err.context_mark:
            mark = err.context_mark  # where the unclosed bracket or quote opens
        raise ConfigError(path, mark.line + 1 if mark else 1, "", _yaml_message(err)) from None
    except yaml.YAMLError as err:
        raise ConfigError(path, 1, "", f"not valid YAML: {_cut(str(err))}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        raise ConfigError(path, 1, "", f"cannot read the file: {_cut(str(err))}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_message(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or str(err)
    if isinstance(err, _TooDeep):
        return problem
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character; YAML indents with spaces only"
    if "constructor for the tag" in problem:
        return f"YAML tags are not allowed here ({problem.split('tag')[-1].strip()})"
    if _ends_early(err):
        context = err.context or ""
        for what, opener in (("sequence", "'['"), ("mapping", "'{'"), ("quoted", "quote")):
            if what in context:
                return f"not valid YAML: this {opener} is never closed"
        return f"not valid YAML: the file ends too early ({context or problem})"
    if "found another document" in problem:
        return "not valid YAML: a second document starts here ('---'); a course is one document"
    if "mapping values are not allowed" in problem:
        return ("not valid YAML: a ':' where none is expected; check the indentation, "
                "or put text that contains ': ' in quotes")
    return f"not valid YAML: {problem}"


def _ends_early(err: yaml.MarkedYAMLError) -> bool:
    problem = err.problem or ""
    return "<stream end>" in problem or "end of stream" in problem


def _check_nodes(root: yaml.Node, path: Path, loader: yaml.SafeLoader) -> None:
    """Before anything is built: no tags beyond plain YAML, no duplicate or complex keys,
    no alias that contains itself or expands past MAX_YAML_VALUES, no unreadable scalar."""
    sizes: dict[int, int] = {}  # id(node) -> values under it, once checked
    open_nodes: set[int] = set()

    def walk(node: yaml.Node, field: str) -> int:
        if id(node) in open_nodes:
            raise ConfigError(path, _line(node), field,
                              "an alias refers to a value that contains it; aliases may not loop")
        if id(node) in sizes:
            return sizes[id(node)]
        if node.tag not in _SAFE_TAGS:
            raise ConfigError(path, _line(node), field,
                              f"YAML tags are not allowed ({_tag_name(node.tag)})")
        open_nodes.add(id(node))
        size = 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise ConfigError(path, _line(key), field,
                                      "a key must be a plain word, not a list or mapping")
                name = key.value
                if name in seen:
                    raise ConfigError(path, _line(key), _join(field, name),
                                      "duplicate key; each key may appear once")
                seen.add(name)
                size += walk(value, _join(field, name))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                size += walk(item, f"{field}[{index}]")
        else:
            _check_scalar(node, field, path, loader)
        open_nodes.discard(id(node))
        if size > MAX_YAML_VALUES:
            raise ConfigError(path, _line(node), field, f"aliases expand this to more than "
                              f"{MAX_YAML_VALUES:,} values")
        sizes[id(node)] = size
        return size

    walk(root, "")


def _check_scalar(node: yaml.ScalarNode, field: str, path: Path,
                  loader: yaml.SafeLoader) -> None:
    if node.tag not in _TAG_NAMES:
        return
    what = _TAG_NAMES[node.tag]
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_INT_DIGITS:
        raise ConfigError(path, _line(node), field, f"the number has {len(node.value):,} "
                          f"digits; at most {MAX_INT_DIGITS} are read")
    try:
        loader.yaml_constructors[node.tag](loader, node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError) as err:
        detail = _cut(getattr(err, "problem", None) or str(err))
        raise ConfigError(path, _line(node), field,
                          f"cannot read {_shown(node.value)} as {what}: {detail}") from None


def _join(field: str, key: object) -> str:
    return _one_line(f"{field}.{key}" if field else str(key))


def _one_line(text: str) -> str:
    """``text`` with line breaks and other invisible characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _tag_name(tag: str | None) -> str:
    tag = tag or "?"
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _shown(value: object, size: int = 60) -> str:
    """``repr(value)`` cut to ``size`` characters: a message stays one readable line."""
    return _cut(repr(value), size)


def _cut(text: str, size: int = 80) -> str:
    text = _one_line(text)
    return text if len(text) <= size else text[: size - 3] + "..."


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


def _config_error(errors: list, root: yaml.Node, data: dict, path: Path) -> ConfigError:
    first = min(errors, key=lambda e: e["type"] not in _ROOT_CAUSES)
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
    extra = len(errors) - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    line_node = node if first["type"] != "extra_forbidden" else _key_node(parent, loc[-1])
    return ConfigError(path, _line(line_node or node), _one_line(field), _one_line(message))


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
        if not isinstance(got, str):
            return f"kind must be one of: {', '.join(KINDS)}; got {_shown(got)}"
        return f"unknown kind {_shown(got)}" + _suggestion(got, list(KINDS))
    message = error["msg"].removeprefix("Value error, ")
    if kind in ("value_error", "assertion_error"):
        return _cut(message, 300)
    got = _shown(error["input"])
    if kind in ("too_short", "string_too_short") and not error["input"]:
        least = (error.get("ctx") or {}).get("min_length", 1)
        unit = "item" if kind == "too_short" else "character"
        return f"must not be empty (at least {least} {unit})"
    if kind in ("model_attributes_type", "model_type", "dict_type"):
        return f"expected a mapping ('key: value' lines), got {got}"
    if kind == "string_pattern_mismatch" and loc[-1] == "id":
        return ("an id is made of lowercase letters, digits, '-' and '_' (at most 64), "
                f"starting with a letter or digit; got {got}")
    for python, plain in _PLAIN_WORDS:
        message = message.replace(python, plain)
    return f"{message[0].lower()}{message[1:]}, got {got}"


# pydantic's words for Python types, in a YAML writer's words
_PLAIN_WORDS = (("a valid string", "text"), ("a valid tuple", "a list"),
                ("Tuple should", "List should"), (" after validation", ""))


def _allowed_keys(loc: tuple, data: dict) -> list[str]:
    if len(loc) == 3 and loc[0] == "lessons":
        lesson = data["lessons"][loc[1]]
        name = lesson.get("kind")
        kind = KINDS.get(name) if isinstance(name, str) else None
        return list(kind.lesson.model_fields) if kind else []
    if loc[:1] == ("course",):
        return list(CourseSettings.model_fields)
    return list(Course.model_fields)


def _suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(choices)})" if choices else ""


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
