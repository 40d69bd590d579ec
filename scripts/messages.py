"""Errors for people: a value shown on one readable line, a "did you mean" for a typo,
and pydantic's validation errors in a YAML writer's words.

``lessons[2].x``, ``unknown key 'fucntion'; did you mean 'function'?``
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

# A typo in a key or kind explains the other errors (a "missing" field), so it goes first.
UNION_TAGS = ("union_tag_invalid", "union_tag_not_found")  # the 'kind' is missing or unknown
_ROOT_CAUSES = (*UNION_TAGS, "extra_forbidden")

# pydantic's words for Python types, in a YAML writer's words
_PLAIN_WORDS = (("a valid string", "text"), ("a valid tuple", "a list"),
                ("Tuple should", "List should"), (" after validation", ""))


def one_line(text: str) -> str:
    """``text`` with line breaks and other invisible characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def cut(text: str, size: int = 80) -> str:
    """``text`` on one line, cut to ``size`` characters."""
    text = one_line(text)
    return text if len(text) <= size else text[: size - 3] + "..."


def shown(value: object, size: int = 60) -> str:
    """``repr(value)`` cut to ``size`` characters: a message stays one readable line."""
    return cut(repr(value), size)


def suggestion(word: str, choices: Sequence[str]) -> str:
    """``; did you mean 'x'?`` for a close choice, else the list of choices."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(choices)})" if choices else ""


def first_problem(errors: list[dict]) -> dict:
    """The error to report of pydantic's ``errors``: a root cause if there is one."""
    return min(errors, key=lambda e: e["type"] not in _ROOT_CAUSES)


def field_name(loc: tuple) -> str:
    """``('lessons', 2, 'x')`` -> ``lessons[2].x``."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return one_line(name)


def problem_text(error: dict, loc: tuple, choices: Sequence[str], others: int = 0) -> str:
    """What is wrong at ``loc``, on one line. ``choices``: the keys allowed there, for an
    unknown key, or the kinds, for an unknown kind; ``others``: how many more errors."""
    text = _problem(error, loc, list(choices))
    if others:
        text += f" (and {others} more problem{'s' if others > 1 else ''})"
    return one_line(text)


def _problem(error: dict, loc: tuple, choices: list[str]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + suggestion(str(loc[-1]), choices)
    if kind in UNION_TAGS:
        got = error["input"].get("kind") if isinstance(error["input"], dict) else None
        if got is None:
            return f"missing 'kind' (one of: {', '.join(choices)})"
        if not isinstance(got, str):
            return f"kind must be one of: {', '.join(choices)}; got {shown(got)}"
        return f"unknown kind {shown(got)}" + suggestion(got, choices)
    message = error["msg"].removeprefix("Value error, ")
    if kind in ("value_error", "assertion_error"):
        return cut(message, 300)
    got = shown(error["input"])
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
