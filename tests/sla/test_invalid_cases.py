"""Bad input, table-driven: every broken SLA in tests/cases/invalid/ and where its error is.

Each `NN-name.yaml` has an `NN-name.expect` next to it. Optional header lines come first:

    exit: 2           the exit code, when it is not 1 (an invalid SLA)
    xfail: REASON     a known bug: the expectation below is right, the code not yet

then one line per error that `leadsla validate` must report, in any order:

    LINE:COL: fragment

`fragment` is a case-insensitive piece of `dotted.path: message`. The file must report exactly
these errors (no more), each at exactly that line and column. Files that cannot sensibly be kept
in the repository (binary, huge, other encodings, not a file at all) are made in `tmp_path` by
the tests at the end of this module.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leadsla.cli import app
from leadsla.errors import EXIT_FAILED, EXIT_FINDINGS
from leadsla.sla.yamlload import MAX_BYTES
from tests.conftest import AS_OF, ROOT, run_leadsla

CASES = ROOT / "tests" / "cases" / "invalid"
MIN_CASES = 40
_EXPECT_LINE = re.compile(r"^(\d+):(\d+): (.+)$")


@dataclass(frozen=True)
class Expected:
    line: int
    column: int
    fragment: str


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    exit_code: int
    xfail: str
    errors: tuple[Expected, ...]


def read_case(sla: Path) -> Case:
    expect = sla.with_suffix(".expect")
    exit_code, xfail, errors = EXIT_FINDINGS, "", []
    for raw in expect.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("exit:"):
            exit_code = int(line.removeprefix("exit:"))
        elif line.startswith("xfail:"):
            xfail = line.removeprefix("xfail:").strip()
        else:
            m = _EXPECT_LINE.match(line)
            assert m, f"{expect}: not `LINE:COL: fragment`: {raw!r}"
            errors.append(Expected(int(m.group(1)), int(m.group(2)), m.group(3).strip()))
    assert errors, f"{expect}: no `LINE:COL: fragment` line"
    return Case(sla.stem, sla, exit_code, xfail, tuple(errors))


def all_cases() -> list[Case]:
    return [read_case(p) for p in sorted(CASES.glob("*.yaml"))]


def params(cases: list[Case]) -> list[object]:
    out: list[object] = []
    for case in cases:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


CASE_LIST = all_cases()


def validate(*args: str | Path):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["validate", *[str(a) for a in args]])
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def error_lines(output: str, path: Path) -> list[str]:
    """The `PATH:LINE:COL: ...` lines of the text output (not the `PATH: invalid` summary)."""
    prefix = re.compile(re.escape(str(path)) + r":\d+:\d+: ")
    return [line for line in output.splitlines() if prefix.match(line)]


# --- the table ------------------------------------------------------------------------------


def test_the_table_is_big_and_complete() -> None:
    assert len(CASE_LIST) >= MIN_CASES
    yamls = {p.stem for p in CASES.glob("*.yaml")}
    expects = {p.stem for p in CASES.glob("*.expect")}
    assert yamls == expects, "every case needs both NN-name.yaml and NN-name.expect"
    numbers = [name.split("-", 1)[0] for name in sorted(yamls)]
    assert all(n.isdigit() for n in numbers) and len(set(numbers)) == len(numbers)


def test_read_case_parses_header_and_positions(tmp_path: Path) -> None:
    sla = tmp_path / "01-x.yaml"
    sla.write_text("x\n")
    sla.with_suffix(".expect").write_text("exit: 2\nxfail: known\n\n3:14: Some `thing`\n")
    assert read_case(sla) == Case("01-x", sla, 2, "known", (Expected(3, 14, "Some `thing`"),))
    sla.with_suffix(".expect").write_text("3: no column\n")
    with pytest.raises(AssertionError):
        read_case(sla)


@pytest.mark.parametrize("case", params(CASE_LIST))
def test_text_output(case: Case) -> None:
    r = validate(case.path, "--as-of", AS_OF)
    assert r.exit_code == case.exit_code, r.output
    reported = error_lines(r.stdout, case.path)
    assert len(reported) == len(case.errors), r.stdout
    for e in case.errors:
        place = f"{case.path}:{e.line}:{e.column}: "
        hits = [
            line
            for line in reported
            if line.startswith(place) and e.fragment.lower() in line.lower()
        ]
        assert hits, f"expected `{place}...{e.fragment}` in:\n{r.stdout}"
    count = len(case.errors)
    summary = f"{case.path}: invalid ({count} error{'s' if count > 1 else ''})"
    assert r.stdout.splitlines()[-1] == summary


@pytest.mark.parametrize("case", params(CASE_LIST))
def test_json_output(case: Case) -> None:
    r = validate(case.path, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == case.exit_code
    [f] = json.loads(r.stdout)["files"]
    assert f["path"] == str(case.path) and f["valid"] is False
    got = sorted((p["line"], p["column"]) for p in f["errors"])
    assert got == sorted((e.line, e.column) for e in case.errors)
    for e in case.errors:
        texts = [
            f"{p['path']}: {p['message']}" if p["path"] else p["message"]
            for p in f["errors"]
            if (p["line"], p["column"]) == (e.line, e.column)
        ]
        assert any(e.fragment.lower() in t.lower() for t in texts), (e, texts)


GITHUB_CASES = [
    c
    for c in CASE_LIST
    if c.name.split("-", 1)[0] in {"01", "14", "43", "47", "48", "75"} and not c.xfail
]


@pytest.mark.parametrize("case", params(GITHUB_CASES))
def test_github_output(case: Case) -> None:
    assert len(GITHUB_CASES) == 6
    r = validate(case.path, "--format", "github")
    assert r.exit_code == case.exit_code
    lines = r.stdout.splitlines()
    assert len(lines) == len(case.errors)
    for e in case.errors:
        head = f"::error file={case.path},line={e.line},col={e.column},title=leadsla "
        hits = [line for line in lines if line.startswith(head)]
        assert hits, (head, lines)
        message = hits[0].split("::", 2)[2]
        assert "\n" not in message and "%" not in message.replace("%25", "")
        unescaped = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert e.fragment.lower() in unescaped.lower()


SUBPROCESS_CASES = [c for c in CASE_LIST if c.name.split("-", 1)[0] in {"02", "44", "48"}]


@pytest.mark.parametrize("case", params(SUBPROCESS_CASES))
def test_installed_cli_says_the_same(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(SUBPROCESS_CASES) == 3
    relative = case.path.relative_to(ROOT)
    proc = run_leadsla("validate", relative, "--as-of", AS_OF)
    assert proc.returncode == case.exit_code, proc.stderr
    monkeypatch.chdir(ROOT)
    assert proc.stdout == validate(relative, "--as-of", AS_OF).stdout
    e = case.errors[0]
    assert f"{relative}:{e.line}:{e.column}: " in proc.stdout


def test_several_bad_files_in_one_run() -> None:
    paths = [c.path for c in CASE_LIST if not c.xfail][:5]
    r = validate(*paths, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == EXIT_FINDINGS
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == [str(p) for p in paths]


# --- files made on the fly ------------------------------------------------------------------

Maker = Callable[[Path], Path]
UNKNOWN_KEY = "version: 1\nname: Política comercial\nscorring: {}\n"


def _write(raw: bytes) -> Maker:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "sla.yaml"
        path.write_bytes(raw)
        return path

    return make


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "sla.yaml"
    path.mkdir()
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nowhere" / "sla.yaml"


def _unreadable(tmp_path: Path) -> Path:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or a non-POSIX system) can read a file whatever its mode")
    path = tmp_path / "sla.yaml"
    path.write_text("version: 1\nname: secret\n")
    path.chmod(0)
    return path


# (id, maker, exit code, "LINE:COL" or "" for a whole-file problem, fragment, known bug)
GENERATED = [
    ("png", _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 1, "1:1", "not UTF-8 text (byte 0x89)", ""),
    ("nul-byte", _write(b"version: 1\nname: x\x00\n"), 1, "2:1", "binary data (NUL byte)", ""),
    ("5-mb", _write(b"version: 1\nname: big\n# " + b"x" * 5_000_000 + b"\n"), 1, "1:1", "file is 5,000,024 bytes; an SLA file is at most 1,000,000 bytes", ""),
    ("just-over-limit", _write(b"# " + b"x" * (MAX_BYTES - 1) + b"\n"), 1, "1:1", "file is 1,000,002 bytes; an SLA file is at most 1,000,000", ""),
    ("utf-16-le-bom", _write(UNKNOWN_KEY.encode("utf-16")), 1, "3:1", "unknown key `scorring`", ""),
    ("utf-16-be-bom", _write(b"\xfe\xff" + UNKNOWN_KEY.encode("utf-16-be")), 1, "3:1", "unknown key `scorring`", ""),
    ("utf-16-truncated", _write("version: 1\n".encode("utf-16") + b"\x00"), 1, "1:1", "not valid UTF-16 text", ""),
    ("cp1252", _write("version: 1\nname: Política\n".encode("cp1252")), 1, "2:10", "not UTF-8 text (byte 0xed)", ""),
    ("cp1252-after-utf8", _write("version: 1\nname: Ação ".encode() + b"\xed\n"), 1, "2:12", "byte 0xed", ""),
    ("cp1252-after-bom", _write(b"\xef\xbb\xbfversion: 1\nname: Pol\xedtica\n"), 1, "2:10", "byte 0xed", ""),
    ("directory", _directory, 2, "", "is a directory, not an SLA file", ""),
    ("missing", _missing, 2, "", "no such file", ""),
    ("unreadable", _unreadable, 2, "", "cannot read", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("maker", "exit_code", "place", "fragment"),
    [
        pytest.param(
            *row[1:5],
            id=row[0],
            marks=[pytest.mark.xfail(reason=row[5], strict=True)] if row[5] else [],
        )
        for row in GENERATED
    ],
)
def test_files_made_on_the_fly(
    tmp_path: Path, maker: Maker, exit_code: int, place: str, fragment: str
) -> None:
    path = maker(tmp_path)
    r = validate(path, "--as-of", AS_OF)
    assert r.exit_code == exit_code, r.output
    head = f"{path}:{place}: " if place else f"{path}: "
    lines = [line for line in r.stdout.splitlines() if line.startswith(head)]
    assert any(fragment.lower() in line.lower() for line in lines), r.stdout
    assert r.stdout.rstrip().endswith(f"{path}: invalid (1 error)")
    [f] = json.loads(validate(path, "--as-of", AS_OF, "--format", "json").stdout)["files"]
    [problem] = f["errors"]
    line, column = (int(n) for n in place.split(":")) if place else (0, 0)
    assert (f["path"], problem["line"], problem["column"]) == (str(path), line, column)


def test_missing_file_among_bad_ones_exits_2() -> None:
    r = validate(CASE_LIST[0].path, ROOT / "no" / "such.yaml", "--as-of", AS_OF)
    assert r.exit_code == EXIT_FAILED
    assert f"{ROOT / 'no' / 'such.yaml'}: no such file" in r.stdout


def test_binary_file_as_subprocess(tmp_path: Path) -> None:
    path = _write(b"\x89PNG\r\n\x1a\n\x00")(tmp_path)
    proc = run_leadsla("validate", path, "--as-of", AS_OF, "--format", "github")
    assert proc.returncode == EXIT_FINDINGS
    assert proc.stdout.startswith(f"::error file={path},line=1,col=1,title=leadsla encoding::")
