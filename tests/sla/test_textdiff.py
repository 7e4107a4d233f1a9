"""The text half of `leadsla diff`: items matched by id, name, reason, equal item, position."""

from __future__ import annotations

from leadsla.sla.textdiff import text_changes
from leadsla.sla.yamlload import load_yaml_bytes

OLD = b"""\
follow_up:
  - id: first
    tiers:
      - {when: {field: grade, eq: A}, within: 1h}
      - {when: {field: grade, eq: B}, within: 4h}
    stop: [a, b]
"""

NEW = b"""\
follow_up:
  - id: first
    tiers:
      - {when: {field: grade, eq: B}, within: 4h}
      - {when: {field: grade, eq: A}, within: 2h}
    stop: [b, a]
"""


def test_tiers_reordered_are_moved_and_a_changed_tier_is_still_matched_by_position() -> None:
    found = text_changes(load_yaml_bytes(OLD, "old"), load_yaml_bytes(NEW, "new"))
    got = {(c.kind, c.old_path, c.new_path, str(c.old), str(c.new)) for c in found}
    # the B tier is equal in both: matched, and moved from 1 to 0; the A tier (its `within`
    # changed) is matched by the position left, and moved from 0 to 1
    assert ("moved", "follow_up[0].tiers[1]", "follow_up[0].tiers[0]", "1", "0") in got
    assert ("moved", "follow_up[0].tiers[0]", "follow_up[0].tiers[1]", "0", "1") in got
    assert ("changed", "follow_up[0].tiers[0].within", "follow_up[0].tiers[1].within", "1h",
            "2h") in got  # fmt: skip
    # a list of values is one value
    assert ("changed", "follow_up[0].stop", "follow_up[0].stop", "['a', 'b']", "['b', 'a']") in got
    assert len(found) == 4
    lines = {(c.kind, c.path): (c.old_line, c.new_line) for c in found}
    assert lines[("changed", "follow_up[0].tiers[1].within")] == (4, 5)


def test_the_same_text_has_no_change() -> None:
    assert text_changes(load_yaml_bytes(OLD, "a"), load_yaml_bytes(OLD, "b")) == []


def test_a_key_with_a_dot_is_quoted_in_the_path() -> None:
    """`leads.columns.x.y` would read as a `y` under a field `x`: a key that is not one word of
    a dotted path is quoted, and a deep path is never cut (JSON paths are exact)."""
    old = b"leads:\n  columns:\n    id: ID\n"
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(30)) + "  " * 30 + "leaf: 1\n"
    new = (
        b'leads:\n  columns:\n    id: ID\n    "x.y": City\n    "a b": Town\n    "q\\"[0]": Z\n'
        + deep.encode()
    )
    found = text_changes(load_yaml_bytes(old, "old"), load_yaml_bytes(new, "new"))
    paths = {c.path for c in found}
    assert 'leads.columns["x.y"]' in paths
    assert 'leads.columns["a b"]' in paths
    assert 'leads.columns["q\\"[0]"]' in paths
    assert "k0" in paths  # the new top-level mapping is one added value
    new_deep = b"leads:\n  columns:\n    id: ID\n" + deep.encode()
    old_deep = new_deep.replace(b"leaf: 1", b"leaf: 2")
    (leaf,) = text_changes(load_yaml_bytes(old_deep, "o"), load_yaml_bytes(new_deep, "n"))
    assert leaf.path == ".".join(f"k{i}" for i in range(30)) + ".leaf"


def test_funnel_stages_swapped_are_moved() -> None:
    """The stages are the funnel's steps in order: swapping two changes the funnel (its
    conversions and the first step's cohort), so it is a change, not nothing."""
    old = b"funnel:\n  stages:\n    - {id: lead, entered: a}\n    - {id: mql, entered: b}\n    - {id: sql, entered: c}\n"
    new = b"funnel:\n  stages:\n    - {id: lead, entered: a}\n    - {id: sql, entered: c}\n    - {id: mql, entered: b}\n"
    found = text_changes(load_yaml_bytes(old, "old"), load_yaml_bytes(new, "new"))
    got = {(c.kind, c.old_path, c.new_path, c.old, c.new, c.old_line, c.new_line) for c in found}
    assert got == {
        ("moved", "funnel.stages[1]", "funnel.stages[2]", 1, 2, 4, 5),
        ("moved", "funnel.stages[2]", "funnel.stages[1]", 2, 1, 5, 4),
    }
