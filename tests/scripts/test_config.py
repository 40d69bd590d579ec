"""Course files: validation, exact numbers, and errors that point at file:line."""

from __future__ import annotations

import json

import pytest
import sympy

from scenes.layout import LAYOUTS
from scenes.theme import THEMES
from scripts.config import course_schema, load_course
from scripts.errors import ConfigError
from scripts.formats import MAKERS

GOOD = """
course:
  title: Test course
lessons:
  - id: saddle
    kind: surface
    function: x^2 - y^2
    x: [-pi, pi]
    y: [-2, 2.5]
  - id: crit
    kind: critical_points
    function: x^3 + y^3 - 3x^2 + 3y^2
"""


def test_a_good_course_loads_with_exact_numbers(write_config):
    loaded = load_course(write_config(GOOD))
    saddle, crit = loaded.course.lessons
    assert saddle.x == (-sympy.pi, sympy.pi)
    assert saddle.y == (sympy.Integer(-2), sympy.Rational(5, 2))
    assert crit.x is None  # chosen by the analysis, around the critical points
    assert loaded.lesson_lines == (4, 9)
    assert loaded.course.course.title == "Test course"
    assert loaded.course.course.quality == "medium"


def error_of(write_config, text: str) -> ConfigError:
    """The error that refuses the course, or else its one refused lesson's error."""
    try:
        loaded = load_course(write_config(text))
    except ConfigError as refused_course:
        return refused_course
    assert len(loaded.refused) == 1, loaded.refused
    return loaded.refused[0].error


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("""
         lessons:
           - id: a
             kind: surface
             function: x^2
             x: [3, 1]
         """, 5, "lessons[0].x", "expected [min, max] with min < max, got [3, 1]"),
        ("""
         lessons:
           - id: a
             kind: surfce
             function: x^2
         """, 3, "lessons[0].kind", "unknown kind 'surfce'; did you mean 'surface'?"),
        ("""
         lessons:
           - id: a
             kind: surface
             functon: x^2
         """, 4, "lessons[0].functon", "unknown key 'functon'; did you mean 'function'?"),
        ("""
         lessons:
           - id: a
             kind: surface
         """, 2, "lessons[0].function", "required"),
        ("""
         lessons:
           - id: a
             kind: critical_points
             function: sinn(x)
         """, 4, "lessons[0].function", "did you mean sin?"),
        ("""
         lessons:
           - id: a
             kind: surface
             function: x^2
           - id: a
             kind: surface
             function: y^2
         """, 5, "lessons[1].id", "'a' is already used by lessons[0]"),
        ("""
         course:
           quality: ultra
         lessons:
           - id: a
             kind: surface
             function: x^2
         """, 2, "course.quality", "got 'ultra'"),
        ("""
         lessons:
           - id: a
             kind: surface
             function: a*x^2
         """, 4, "lessons[0].function", "'a'"),
        ("""
         lessons:
           - id: a
             kind: surface
             function: a*x^2 - y^2
             sweep: {b: [0, 1]}
         """, 4, "lessons[0].function", "'a'"),
        ("""
         lessons:
           - id: a
             kind: surface
             function: x^2
             narration: {intro: hello}
         """, 5, "lessons[0].narration", "unknown beat 'intro'"),
        ("""
         lessons:
           - id: a
             kind: surface
             function: x^2
             x: [0, x]
         """, 5, "lessons[0].x.1", "a number is expected"),
        ("""
         lessons: []
         """, 1, "lessons", "at least 1"),
    ],
)
def test_errors_name_file_line_and_field(write_config, text, line, field, fragment):
    err = error_of(write_config, text)
    assert err.line == line, str(err)
    assert err.field == field.replace(".1", "[1]"), str(err)
    assert fragment in err.message, str(err)
    assert str(err).startswith(f"{err.path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("lessons:\n  - id: a\n\tkind: surface\n", 3, "tab"),
        ("lessons:\n  - id: a\n    kind: surface\n    kind: surface\n", 4, "duplicate key"),
        ("lessons: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 1, "tags"),
        ("lessons: [\n", 2, "not valid YAML"),
        ("", 1, "empty"),
        ("- just\n- a list\n", 1, "mapping"),
    ],
)
def test_yaml_problems_are_config_errors(write_config, text, line, fragment):
    err = error_of(write_config, text)
    assert err.line == line, str(err)
    assert fragment in err.message, str(err)


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_course(tmp_path / "nope.yaml")


def test_schema_lists_every_kind_and_its_fields():
    schema = course_schema()
    text = json.dumps(schema)
    for name in ("surface", "critical_points", "function", "sweep", "sections", "narration"):
        assert f'"{name}"' in text
    assert schema["properties"]["lessons"]["minItems"] == 1


def test_course_settings_name_the_themes_shapes_and_formats_there_are():
    settings = course_schema()["$defs"]["CourseSettings"]["properties"]
    assert settings["theme"]["enum"] == list(THEMES)
    assert settings["shapes"]["items"]["enum"] == list(LAYOUTS)
    assert settings["formats"]["items"]["enum"] == list(MAKERS)


def test_an_unknown_theme_names_the_known_ones(write_config):
    err = error_of(write_config, GOOD.replace("title: Test course", "theme: sepia"))
    assert (err.line, err.field) == (2, "course.theme"), str(err)
    assert "'dark' or 'light'" in err.message, str(err)


def test_the_default_course_is_valid(repo_root):
    loaded = load_course(repo_root / "config.yaml")
    ids = [lesson.id for lesson in loaded.course.lessons]
    assert len(ids) == len(set(ids)) >= 5
