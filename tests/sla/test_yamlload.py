"""The tamed YAML: 1.2 scalars, duplicate keys, positions, and hostile files."""

from __future__ import annotations

import pytest

from leadsla.sla.yamlload import MAX_BYTES, Mark, YamlProblem, dotted, load_yaml_bytes


def load(text: str):  # type: ignore[no-untyped-def]
    return load_yaml_bytes(text.encode("utf-8"), "f.yaml")


def problem(text: str | bytes):  # type: ignore[no-untyped-def]
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(YamlProblem) as info:
        load_yaml_bytes(raw, "f.yaml")
    return info.value.problem


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("9:30", "9:30"),  # YAML 1.1 would read 570
        ("no", "no"),
        ("on", "on"),
        ("sim", "sim"),
        ("yes", "yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("-3", -3),
        ("0x1f", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ('"12"', "12"),
        ("'true'", "true"),
        ("2026-01-05", "2026-01-05"),  # YAML 1.1 would make a date
        ("1_000", "1_000"),
        ("0777", 777),
        ('".inf"', ".inf"),  # a number SQL cannot hold is refused (test_numbers.py); quoted, text
    ],
)
def test_yaml_12_scalars(scalar: str, expected: object) -> None:
    assert load(f"a: {scalar}\n").data == {"a": expected}


def test_positions_of_keys_and_values() -> None:
    loaded = load("a:\n  b: [1, {c: x}]\n  d: y\n")
    assert loaded.positions.keys[("a", "b")] == Mark(2, 3)
    assert loaded.positions.values[("a", "b", 1, "c")] == Mark(2, 14)
    assert loaded.positions.of_value(("a", "zzz")) == Mark(2, 3)  # nearest written ancestor
    assert loaded.positions.plain[("a", "d")] is True


def test_duplicate_key_names_both_lines() -> None:
    p = problem("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (p.line, p.column) == (4, 3)
    assert "duplicate key `c`" in p.message and "line 3" in p.message
    assert p.where == "b.c"


def test_tab_indentation_explained() -> None:
    p = problem("a:\n\tb: 1\n")
    assert p.line == 2 and "tabs" in p.message


def test_syntax_error_has_position() -> None:
    p = problem("a: [1, 2\nb: 3\n")
    assert p.line >= 1 and p.message.startswith("invalid YAML")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    p = problem(text)
    assert (p.line, p.column) == (1, 1) and "empty" in p.message


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_not_a_mapping(text: str) -> None:
    assert "must be a mapping" in problem(text).message


def test_binary_file() -> None:
    p = problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (p.line, p.column) == (1, 1) and "not UTF-8" in p.message


def test_nul_byte() -> None:
    assert "binary" in problem(b"a: 1\nb: \x00\n").message


def test_utf8_bom_and_utf16_accepted() -> None:
    assert load_yaml_bytes("\ufeffa: é\n".encode(), "f").data == {"a": "é"}
    assert load_yaml_bytes("a: é\n".encode("utf-16"), "f").data == {"a": "é"}


def test_too_large() -> None:
    p = problem(b"a: " + b"x" * (MAX_BYTES + 1))
    assert "at most" in p.message


def test_alias_bomb_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    p = problem("\n".join(lines) + "\n")
    assert "alias bomb" in p.message


def test_aliases_within_bounds_load_as_their_anchor() -> None:
    # a shared condition written once, used by two rules (and its aliases of aliases)
    loaded = load("a: &c {field: grade, eq: A}\nb: [*c, *c]\nd: &d [*c]\ne: [*d, *d]\n")
    cond = {"field": "grade", "eq": "A"}
    assert loaded.data == {"a": cond, "b": [cond, cond], "d": [cond], "e": [[cond], [cond]]}


def test_merge_keys_refused() -> None:
    p = problem("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert p.line == 3 and "merge keys" in p.message


def test_dotted() -> None:
    assert dotted(("scoring", "fit", "rules", 2, "points")) == "scoring.fit.rules[2].points"
    assert dotted(()) == ""
