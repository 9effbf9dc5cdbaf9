"""Jekyll-style YAML front matter, read safely and within bounds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 64 * 1024
MAX_FLOW_DEPTH = 64
MAX_DEPTH = 32
MAX_VALUES = 10_000

_SCALARS = (str, bool, int, float, dt.date, type(None))
#: The exact types of values that need no copy (see :func:`_bounded`).
_FLAT = frozenset(_SCALARS)
#: Line ends as Markdown counts them (``str.splitlines`` also splits on U+2028 ...).
LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class FrontMatter:
    """What a note's head holds: its data, where its body starts, what was wrong."""

    data: dict[str, Any]
    #: Index (0-based) of the first body line, counted in the whole file.
    body_line: int = 0
    #: Offset of the first body character in the text (a BOM removed).
    body_offset: int = 0
    #: ``(line, message)`` pairs, lines 1-based in the whole file.
    problems: list[tuple[int, str]] = field(default_factory=list)
    #: The front matter's own lines, for telling where a key is.
    lines: list[str] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        """Nothing could be read: its one problem says so, and what it lacks goes unsaid."""
        return bool(self.problems) and not self.data


@dataclass(frozen=True)
class Block:
    """Where the ``---`` block of a text is."""

    source: str
    body_line: int
    body_offset: int


def split(text: str) -> Block | None:
    """Find the ``---`` block at the head of *text*, reading no further than it.

    Returns None when the text has no front matter block; raises ValueError
    when the block never closes.
    """
    text = text.removeprefix("\ufeff")
    start = yaml_start = 0
    for number, (end, next_start) in enumerate(_line_ends(text)):
        line = text[start:end].rstrip()
        if number == 0:
            if line != "---":
                return None
            yaml_start = next_start
        elif line in ("---", "..."):
            return Block(text[yaml_start:start], number + 1, next_start)
        start = next_start
    raise ValueError("front matter never closes")


def _line_ends(text: str) -> Iterator[tuple[int, int]]:
    """``(end, next_start)`` of each line, the last one included."""
    for match in LINE_END.finditer(text):
        yield match.span()
    yield len(text), len(text)


def body_start(text: str) -> int:
    """The index of the first body line; an unclosed block loses only its ``---``."""
    try:
        block = split(text)
    except ValueError:
        return 1
    return block.body_line if block else 0


def read(text: str) -> FrontMatter:
    """Parse the front matter of *text*; every fault becomes a problem, never an error."""
    if not text.strip():
        return FrontMatter({}, problems=[(1, "the file is empty")])
    try:
        block = split(text)
    except ValueError:
        problem = (1, "the front matter never closes: add a '---' line after it")
        return FrontMatter({}, problems=[problem])
    if block is None:
        problem = (1, "no front matter: start the file with a '---' block")
        return FrontMatter({}, problems=[problem])
    data, fault = _load(block.source, 1)
    return FrontMatter(
        data,
        block.body_line,
        block.body_offset,
        [fault] if fault else [],
        ["---", *LINE_END.split(block.source)],
    )


def _load(source: str, first: int) -> tuple[dict[str, Any], tuple[int, str] | None]:
    """Load one YAML mapping, refusing anything unbounded or unsafe."""
    line = first + 1
    if len(source.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return {}, (line, f"front matter is larger than {MAX_BYTES} bytes: shorten it")
    if _flow_depth(source) > MAX_FLOW_DEPTH:
        return {}, (line, "front matter is nested too deeply: flatten it")
    try:
        value = yaml.load(source, Loader=_Loader)
    except yaml.constructor.ConstructorError as err:
        return {}, (
            _mark_line(err, first),
            f"front matter uses a YAML tag that is not allowed ({err.problem}): remove the tag",
        )
    except yaml.YAMLError as err:
        where, message = _explain(err, source)
        return {}, (first + 1 + where, f"invalid YAML in front matter: {message}")
    except (ValueError, KeyError, OverflowError) as err:  # e.g. date: 2025-02-30
        value, where = _readable_part(source, first)
        problem = (where, f"front matter has a value YAML cannot read ({err}): fix it")
        try:
            return _bounded(value, [MAX_VALUES], 0), problem
        except OverflowError:
            return {}, problem
    if value is None:
        return {}, None
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        return {}, (
            line,
            f"front matter is {kind}, not a mapping: write 'key: value' lines",
        )
    if len(value) < MAX_VALUES and all(
        type(k) is str and type(v) in _FLAT for k, v in value.items()
    ):
        return value, None  # the usual front matter: nothing nested, nothing to bound
    try:
        return _bounded(value, [MAX_VALUES], 0), None
    except OverflowError:
        return {}, (
            line,
            "front matter expands to too many values (YAML aliases or deep nesting): simplify it",
        )


def _readable_part(source: str, first: int) -> tuple[dict[str, Any], int]:
    """The top-level entries that can be constructed, and the line of the first that can't.

    Only called after a value failed, so it may compose the YAML a second time.
    """
    readable: dict[str, Any] = {}
    failed: list[int] = []
    constructor = yaml.SafeLoader("")
    document = yaml.compose(source, Loader=_Loader)
    if not isinstance(document, yaml.MappingNode):
        return readable, first + 1
    for key, value in document.value:
        try:
            name = str(constructor.construct_object(key))
            readable[name] = constructor.construct_object(value, deep=True)
        except (ValueError, KeyError, OverflowError):
            failed.append(first + 1 + value.start_mark.line)
    return readable, failed[0] if failed else first + 1


def _explain(err: yaml.YAMLError, source: str) -> tuple[int, str]:
    """The line (0-based in *source*) where a YAML error starts, and what to do about it.

    PyYAML marks where it gave up, which is often lines below the mistake: an
    unclosed quote or bracket is reported at the end, a key without ``:`` on the
    next line. Its context mark, and the lines themselves, tell where it starts.
    """
    problem = str(getattr(err, "problem", None) or err)
    context = str(getattr(err, "context", None) or "")
    mark = getattr(err, "problem_mark", None)
    opened = getattr(err, "context_mark", None)
    line = mark.line if mark else 0
    lines = LINE_END.split(source)
    text = lines[line].strip() if line < len(lines) else ""
    if opened and "quoted scalar" in context:
        quote = lines[opened.line][opened.column : opened.column + 1]
        return opened.line, f"the quote ({quote}) opened on this line is never closed: close it"
    if opened and "flow" in context:
        bracket = lines[opened.line][opened.column : opened.column + 1] or "bracket"
        return opened.line, (
            f"the '{bracket}' opened on this line is never closed: close it, or put the "
            "whole value in quotes if it is text"
        )
    if opened and "simple key" in context:
        return opened.line, _no_colon(lines[opened.line])
    if "mapping values are not allowed" in problem and mark:
        key, _, value = text.partition(":")
        if mark.column > len(lines[line]) - len(lines[line].lstrip()) + len(key):
            quoted = value.strip().replace('"', '\\"')
            return line, (
                f"the value of '{key.strip()}' contains ': ': put it in quotes: "
                f'{key.strip()}: "{quoted}"'
            )
        above = next((i for i in range(line - 1, -1, -1) if lines[i].strip()), None)
        if lines[line][:1] in (" ", "\t"):
            return line, "this line is indented: start each key at the start of its line"
        if above is not None and ":" not in lines[above]:
            return above, _no_colon(lines[above])
    if "\t" in source and "cannot start any token" in problem:
        return line, f"{problem} (YAML does not allow tabs for indentation): indent with spaces"
    if "cannot start any token" in problem or "alias" in context:
        return line, f"{problem}: put the value in quotes"
    if "expected key" in problem or "block end" in problem:
        return line, f"{problem}: put the whole value in quotes"
    return line, f"{problem}: fix the syntax"


def _no_colon(line: str) -> str:
    """What to say of a line that has a key and no ``:``."""
    key, _, rest = line.strip().partition(" ")
    fixed = f"{key}: {rest.strip()}" if rest.strip() else f"{key}:"
    return f"'{line.strip()}' has no ':' after its key: write '{fixed}'"


def _mark_line(err: yaml.YAMLError, first: int) -> int:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    return first + 1 + (mark.line if mark else 0)


def _flow_depth(source: str) -> int:
    """The deepest nesting of ``[`` and ``{``, a cheap guard before parsing."""
    if "[" not in source and "{" not in source:
        return 0
    depth = deepest = 0
    for char in source:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def _bounded(value: Any, budget: list[int], depth: int) -> Any:
    """Copy *value* as a plain tree, counting every value that aliases expand to."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise OverflowError
    if isinstance(value, dict):
        return {str(k): _bounded(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_bounded(v, budget, depth + 1) for v in value]
    return value if isinstance(value, _SCALARS) else str(value)
