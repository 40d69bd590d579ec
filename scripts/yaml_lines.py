"""A course file's YAML, read safely and with the line of every value.

Plain YAML only: no tags beyond YAML's own (so no Python objects), no duplicate
or complex keys, limits on the file's size, its nesting and what its aliases
expand to, and every scalar readable. Anything else is a ConfigError at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scripts.errors import ConfigError
from scripts.messages import cut, one_line, shown

MAX_CONFIG_BYTES = 1_000_000
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


def read_yaml(path: Path) -> tuple[yaml.Node, Any]:
    """The file's YAML tree (for lines) and its data; ConfigError for a file that cannot
    be read, is too big, is not UTF-8 text or is not safe, valid YAML."""
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
    return _parse(text, path)


def _parse(text: str, path: Path) -> tuple[yaml.Node, Any]:
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise ConfigError(path, 1, "", "the file is empty; expected a 'lessons:' list")
        _check_nodes(node, path, loader)
        return node, loader.construct_document(node)
    except yaml.reader.ReaderError as err:
        at = 1 + text[: err.position].count("\n")
        raise ConfigError(path, at, "", f"character U+{err.character:04X} is not allowed "
                          "in a YAML file") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if _ends_early(err) and err.context_mark:
            mark = err.context_mark  # where the unclosed bracket or quote opens
        raise ConfigError(path, mark.line + 1 if mark else 1, "", _yaml_message(err)) from None
    except yaml.YAMLError as err:
        raise ConfigError(path, 1, "", f"not valid YAML: {cut(str(err))}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        raise ConfigError(path, 1, "", f"cannot read the file: {cut(str(err))}") from None
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
            raise ConfigError(path, line(node), field,
                              "an alias refers to a value that contains it; aliases may not loop")
        if id(node) in sizes:
            return sizes[id(node)]
        if node.tag not in _SAFE_TAGS:
            raise ConfigError(path, line(node), field,
                              f"YAML tags are not allowed ({_tag_name(node.tag)})")
        open_nodes.add(id(node))
        size = 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise ConfigError(path, line(key), field,
                                      "a key must be a plain word, not a list or mapping")
                name = key.value
                if name in seen:
                    raise ConfigError(path, line(key), _join(field, name),
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
            raise ConfigError(path, line(node), field, f"aliases expand this to more than "
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
        raise ConfigError(path, line(node), field, f"the number has {len(node.value):,} "
                          f"digits; at most {MAX_INT_DIGITS} are read")
    try:
        loader.yaml_constructors[node.tag](loader, node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError) as err:
        detail = cut(getattr(err, "problem", None) or str(err))
        raise ConfigError(path, line(node), field,
                          f"cannot read {shown(node.value)} as {what}: {detail}") from None


def _join(field: str, key: object) -> str:
    return one_line(f"{field}.{key}" if field else str(key))


def _tag_name(tag: str | None) -> str:
    tag = tag or "?"
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    """The value under a mapping's ``key`` or at a list's index ``key``, if there is one."""
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def line(node: yaml.Node | None) -> int:
    """The line a node starts on (1 for none)."""
    return node.start_mark.line + 1 if node is not None else 1


def line_at(root: yaml.Node, loc: tuple, of_key: bool = False) -> int:
    """The line of the value at ``loc`` (keys and indices) below ``root``, or of the
    deepest value found on the way there; ``of_key``: the line of its key instead."""
    node = parent = root
    for key in loc:
        found = child(node, key)
        if found is None:
            break
        parent, node = node, found
    key_node = _key_node(parent, loc[-1]) if of_key and loc else None
    return line(key_node or node)


def _key_node(mapping: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((k for k, _ in mapping.value if k.value == key), None)
    return None
