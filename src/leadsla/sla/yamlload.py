"""YAML tamed for SLA files: YAML 1.2 scalars, no duplicate keys, every node's position kept."""

from __future__ import annotations

import codecs
import math
import re
import sys
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import yaml

from leadsla.errors import Problem

try:  # libyaml's parser is ~10x faster on large files; fall back to pure Python.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 1_000_000
"""An SLA is a page of rules; anything larger is a mistake (or a YAML bomb)."""
MAX_NODES = 200_000
"""Bound on nodes after alias expansion ("billion laughs")."""
MAX_DEPTH = 1_000
"""Bound on how deep values nest, aliases expanded (libyaml stops at 1,000 as written)."""

Path = tuple[str | int, ...]

# YAML 1.2 core schema for plain scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


_PLAIN = "tag:leadsla,2026:plain"


class SlaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader subclass used only to compose nodes; values are built by `_Builder`.

    PyYAML resolves plain scalars by YAML 1.1 rules (`no` is false, `9:30` is 570). Here a
    plain scalar keeps a marker tag instead, and `_Builder` resolves it by YAML 1.2's."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Positions:
    """Where each value (and each mapping key) of the document was written."""

    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    plain: dict[Path, bool] = field(default_factory=dict)
    """Whether a scalar was written unquoted (a quoted `"5"` is text, a plain `5` a number)."""

    def of_value(self, path: Path) -> Mark:
        """Position of the value at `path`, or of its nearest written ancestor."""
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Mark(1, 1))

    def of_key(self, path: Path) -> Mark:
        """Position of the key of the entry at `path` (falls back to the value's)."""
        if tuple(path) in self.keys:
            return self.keys[tuple(path)]
        return self.of_value(path)


@dataclass
class Loaded:
    data: Any
    positions: Positions


class YamlProblem(Exception):
    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.problems = [problem, *more]
        """Every problem found (numbers out of range are all reported at once)."""


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.positions = Positions()
        self.count = 0
        self.seen: set[int] = set()
        self.expanding: Path | None = None
        """Where the alias being expanded is used (a node met again is an alias)."""
        self.numbers: list[Problem] = []
        """Numbers SQL cannot hold (`.nan`, `1e400`): all reported once the document is built."""

    def fail(self, mark: Mark, message: str, code: str, where: Path = ()) -> YamlProblem:
        return YamlProblem(
            Problem(self.filename, mark.line, mark.column, "error", code, message, dotted(where))
        )

    def build(self, root: yaml.Node, path: Path) -> Any:
        """The value of `root`, built depth first without a Python frame per level: values
        may nest as deep as libyaml allows (1,000 levels), and aliases deeper still."""
        stack: list[Generator[tuple[yaml.Node, Path], Any, Any]] = [self._node(root, path)]
        sent: Any = None
        while True:
            try:
                node, at = stack[-1].send(sent)
            except StopIteration as done:
                stack.pop()
                if not stack:
                    return done.value
                sent = done.value
                continue
            if len(stack) >= MAX_DEPTH:
                mark = _mark(node)
                if self.expanding is not None:  # blame the alias, as for MAX_NODES
                    at, mark = self.expanding, self.positions.of_value(self.expanding[:-1])
                raise self.fail(
                    mark, f"values nested more than {MAX_DEPTH:,} levels deep", "size", at
                )
            stack.append(self._node(node, at))
            sent = None

    def _node(self, node: yaml.Node, path: Path) -> Generator[tuple[yaml.Node, Path], Any, Any]:
        """Build one node; yields (child, its path) for each child and is sent its value."""
        outermost_alias = self.expanding is None and id(node) in self.seen
        if outermost_alias:
            self.expanding = path
        try:
            self.count += 1
            if self.count > MAX_NODES:
                # Blame the alias being expanded, in the list or mapping that uses it; the node
                # itself stands where its anchor was written.
                at, mark = path, _mark(node)
                if self.expanding is not None:
                    at, mark = self.expanding, self.positions.of_value(self.expanding[:-1])
                raise self.fail(mark, f"more than {MAX_NODES:,} values (alias bomb?)", "size", at)
            self.seen.add(id(node))
            self.positions.values[path] = _mark(node)
            if isinstance(node, yaml.MappingNode):
                out: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    key = self._key(key_node, out, path)
                    out[key] = yield value_node, (*path, key)
                return out
            if isinstance(node, yaml.SequenceNode):
                items: list[Any] = []
                for i, item in enumerate(node.value):
                    items.append((yield item, (*path, i)))
                return items
            assert isinstance(node, yaml.ScalarNode)
            return self._scalar(node, path)
        finally:
            if outermost_alias:
                self.expanding = None

    def _key(self, key_node: yaml.Node, out: dict[str, Any], path: Path) -> str:
        if not isinstance(key_node, yaml.ScalarNode):
            raise self.fail(_mark(key_node), "a key must be a plain name", "yaml", path)
        if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
            raise self.fail(_mark(key_node), "merge keys (`<<`) are not supported", "yaml", path)
        key: str = key_node.value
        if key in out:
            first = self.positions.keys[(*path, key)]
            raise self.fail(
                _mark(key_node),
                f"duplicate key `{key}` (first at line {first.line})",
                "duplicate-key",
                (*path, key),
            )
        self.positions.keys[(*path, key)] = _mark(key_node)
        return key

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        value: str = node.value
        plain = node.tag == _PLAIN
        self.positions.plain[path] = plain
        if not plain:
            if node.tag not in ("tag:yaml.org,2002:str", "!"):
                raise self.fail(
                    _mark(node),
                    f"unsupported tag `{node.tag}`; only `!!str` is allowed",
                    "yaml",
                    path,
                )
            return value
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value.lower() == "true"
        if _INT.match(value) or _FLOAT.match(value):
            number = _number(value)
            if number is None:
                self.numbers.append(
                    self.fail(
                        _mark(node),
                        f"`{_short(value)}` is not a number leadsla can compute with: numbers "
                        f"are finite and at most {sys.float_info.max:.1e} in size; quote it to "
                        "mean text",
                        "number",
                        path,
                    ).problem
                )
            return number
        return value


def _number(text: str) -> int | float | None:
    """A YAML 1.2 number, or None when it is not finite in DuckDB's DOUBLE (`.nan`, `.inf`,
    `1e400`, an integer of 400 digits): SQL has no literal for those, and they compare with
    nothing."""
    if _INT.match(text):
        digits = text.lstrip("+-")
        if digits[:2] in ("0x", "0o"):
            digits = digits[2:]
        if len(digits.lstrip("0")) > 400:  # int() refuses 4,300 digits; all are out of range
            return None
        number: int | float = int(text, 0) if text[:2] in ("0x", "0o") else int(text)
        return number if abs(number) <= sys.float_info.max else None
    value = float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value if math.isfinite(value) else None


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}...{text[-10:]} ({len(text):,} characters)"


SHOWN_PATH = 24
"""A longer path (a deeply nested condition) is shown with its middle left out."""


def dotted(path: Path) -> str:
    """`("scoring", "fit", "rules", 2, "points")` -> `scoring.fit.rules[2].points`."""
    if len(path) > SHOWN_PATH:
        half = SHOWN_PATH // 2
        left = len(path) - SHOWN_PATH
        return f"{dotted(path[:half])}…({left} more)…{dotted(path[-half:])}"
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _decode(raw: bytes, filename: str) -> str:
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise YamlProblem(
                Problem(filename, 1, 1, "error", "encoding", f"not valid UTF-16 text: {exc.reason}")
            ) from exc
    body = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line_start = before.rfind(b"\n") + 1
        # Columns count characters, as in every other message: decode the line up to the byte.
        col = len(before[line_start:].decode("utf-8")) + 1
        raise YamlProblem(
            Problem(
                filename,
                before.count(b"\n") + 1,
                col,
                "error",
                "encoding",
                f"not UTF-8 text (byte 0x{body[exc.start]:02x}); save the SLA file as UTF-8",
            )
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblem(
            Problem(
                filename, line, 1, "error", "encoding", "binary data (NUL byte); not an SLA file"
            )
        )
    return text


def size_problem(filename: str, size: int) -> Problem:
    """A file of `size` bytes, more than `MAX_BYTES`."""
    message = f"file is {size:,} bytes; an SLA file is at most {MAX_BYTES:,} bytes"
    return Problem(filename, 1, 1, "error", "size", message)


def load_yaml_bytes(raw: bytes, filename: str) -> Loaded:
    """Parse one YAML document; raise `YamlProblem` with line and column on any failure."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(size_problem(filename, len(raw)))
    text = _decode(raw, filename)
    try:
        loader = SlaLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = exc.problem or str(exc)
        if exc.context and exc.problem:
            msg = f"{exc.context}: {exc.problem}" if "while" not in exc.context else msg
        start = exc.context_mark
        if exc.context and "while" in exc.context and start and start.line + 1 != line:
            # An unclosed quote or bracket is found where the file ends; say where it opened.
            msg += f", {exc.context} that starts at {start.line + 1}:{start.column + 1}"
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            msg += " (tabs cannot indent YAML; use spaces)"
        raise YamlProblem(
            Problem(filename, line, col, "error", "yaml", f"invalid YAML: {msg}")
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(filename, 1, 1, "error", "yaml", f"invalid YAML: {exc}")) from exc
    except RecursionError:  # pragma: no cover - only PyYAML's pure-Python composer recurses
        raise YamlProblem(
            Problem(filename, 1, 1, "error", "size", "invalid YAML: values nested too deeply")
        ) from None
    if root is None:
        raise YamlProblem(
            Problem(
                filename,
                1,
                1,
                "error",
                "empty",
                "empty file; an SLA needs at least `version` and `name`",
            )
        )
    builder = _Builder(filename)
    data = builder.build(root, ())
    if builder.numbers:
        raise YamlProblem(*builder.numbers)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"`{data}`"
        raise YamlProblem(
            Problem(
                filename,
                1,
                1,
                "error",
                "not-a-mapping",
                f"the SLA must be a mapping of `key: value` lines, found {kind}",
            )
        )
    return Loaded(data, builder.positions)
