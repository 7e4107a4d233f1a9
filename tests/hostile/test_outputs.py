"""Every output as safe as `cp` (issue 10 cases 1 and 2): an output never clobbers an input,
standard output or another output; only regular files are replaced (atomically, keeping mode
and owner); devices and pipes are written through; a symlink's target is replaced."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, EXAMPLES, run_leadsla

SLA = EXAMPLES / "sla.yaml"


@pytest.fixture
def work() -> Iterator[Path]:
    # right under the temp folder and open to other users (pytest's tmp_path is private), so
    # that a child that drops root can read it
    folder = Path(tempfile.mkdtemp(prefix="leadsla-test-"))
    folder.chmod(0o755)
    shutil.copy(SLA, folder / "sla.yaml")
    shutil.copy(EXAMPLES / "leads.csv", folder / "leads.csv")
    yield folder
    for sub in folder.rglob("*"):
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(folder)


def _score(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_leadsla(
        "score", "leads.csv", "--sla", "sla.yaml", "--as-of", AS_OF, "--quiet", *args, cwd=work
    )


def _unchanged(work: Path) -> None:
    assert (work / "leads.csv").read_bytes() == (EXAMPLES / "leads.csv").read_bytes()
    assert (work / "sla.yaml").read_bytes() == SLA.read_bytes()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--errors", "leads.csv"], "--errors leads.csv is the export"),
        (["--errors", "./leads.csv"], "--errors leads.csv is the export"),
        (["--errors", "sla.yaml"], "--errors sla.yaml is the SLA"),
        (["--output", "sla.yaml"], "--output sla.yaml is the SLA"),
        (["--output", "o.csv", "--errors", "o.csv"], "are the same file"),
        (["--output", "o.csv", "--errors", "sub/../o.csv"], "are the same file"),
    ],
)
def test_score_outputs_never_meet_inputs(work: Path, args: list[str], words: str) -> None:
    (work / "sub").mkdir()
    proc = _score(work, *args)
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr
    assert proc.stdout == ""
    _unchanged(work)
    assert not (work / "o.csv").exists()


def test_a_link_to_the_export_is_the_export(work: Path) -> None:
    os.link(work / "leads.csv", work / "hard.csv")
    (work / "soft.csv").symlink_to(work / "leads.csv")
    for name in ("hard.csv", "soft.csv"):
        proc = _score(work, "--errors", name)
        assert proc.returncode == 2 and "is the export" in proc.stderr, proc.stderr
    _unchanged(work)


@pytest.mark.parametrize("command", ["check-deadlines", "report", "explain"])
def test_other_commands_refuse_errors_over_an_input(work: Path, command: str) -> None:
    lead = ["100016"] if command == "explain" else []
    proc = run_leadsla(
        command, *lead, "leads.csv", "--sla", "sla.yaml", "--as-of", AS_OF,
        "--errors", "sla.yaml", cwd=work,
    )  # fmt: skip
    assert proc.returncode == 2 and "--errors sla.yaml is the SLA" in proc.stderr, proc.stderr
    _unchanged(work)


def test_report_output_over_the_export_is_refused(work: Path) -> None:
    proc = run_leadsla(
        "report", "leads.csv", "--sla", "sla.yaml", "--as-of", AS_OF,
        "--format", "html", "-o", "leads.csv", cwd=work,
    )  # fmt: skip
    assert proc.returncode == 2 and "--output leads.csv is the export" in proc.stderr
    _unchanged(work)


def test_score_output_onto_its_own_export_replaces_it(work: Path) -> None:
    proc = _score(work, "--output", "leads.csv")
    assert proc.returncode == 0, proc.stderr
    header = (work / "leads.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(";sla_qualification;sla_reason")


def test_an_output_that_is_standard_output_is_refused(work: Path) -> None:
    """`--errors /dev/stdout` while standard output goes to a file: the report and the list
    would overwrite each other."""
    with (work / "out.txt").open("wb") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "leadsla", "score", "leads.csv", "--sla", "sla.yaml",
             "--as-of", AS_OF, "--errors", "/dev/stdout"],
            cwd=work, stdout=out, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    assert proc.returncode == 2
    assert "--errors /dev/stdout is standard output" in proc.stderr
    assert (work / "out.txt").read_bytes() == b""


def _device(tmp_path: Path) -> Path:
    """A null device of our own (never the real /dev/null)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError) as exc:
        if os.environ.get("LEADSLA_REQUIRE_DEVICES") == "1":
            raise
        pytest.skip(f"cannot make a device node here ({exc})")
    return node


def test_a_device_is_written_through_never_replaced(work: Path) -> None:
    node = _device(work)
    for args in (["--output", str(node)], ["--errors", str(node)]):
        proc = _score(work, *args)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_ISCHR(node.stat().st_mode), "the device was replaced by a file"
    # both outputs on one device is fine: nothing is kept there
    proc = _score(work, "--output", str(node), "--errors", str(node))
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in work.iterdir() if "leadsla-partial" in p.name] == []


def test_a_fifo_is_written_through(work: Path) -> None:
    fifo = work / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = _score(work, "--errors", str(fifo))
    reader.join(60)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"kind,line,column,field,value,reason\n")


def test_a_symlink_stays_a_link_and_its_target_is_replaced(work: Path) -> None:
    (work / "real").mkdir()
    target = work / "real" / "errors.csv"
    target.write_text("old\n")
    link = work / "errors.csv"
    link.symlink_to(target)
    proc = _score(work, "--errors", "errors.csv")
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert target.read_text().startswith("kind,line,")


def test_a_replaced_file_keeps_its_mode_and_owner(work: Path) -> None:
    out = work / "errors.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:
        os.chown(out, 4321, 4322)
    proc = _score(work, "--errors", "errors.csv")
    assert proc.returncode == 0, proc.stderr
    st = out.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if root:
        assert (st.st_uid, st.st_gid) == (4321, 4322)


def _open_to_others(path: Path) -> bool:
    return all(stat.S_IMODE(p.stat().st_mode) & 0o001 for p in [path, *path.parents])


def test_an_output_in_a_folder_you_may_not_write_is_refused(work: Path) -> None:
    locked = work / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    python = Path(os.path.realpath(sys.executable))
    if not root:
        proc = _score(work, "--errors", "locked/e.csv")
    elif _open_to_others(work) and _open_to_others(python.parent):
        # a child that drops root (root may write anywhere)
        nobody = 65534
        proc = subprocess.run(
            [sys.executable, "-m", "leadsla", "score", "leads.csv", "--sla", "sla.yaml",
             "--as-of", AS_OF, "--errors", "locked/e.csv"],
            cwd=work, capture_output=True, text=True,
            env={**os.environ, "NO_COLOR": "1", "HOME": str(work)},
            preexec_fn=lambda: (os.setgid(nobody), os.setuid(nobody)),
        )  # fmt: skip
    else:
        # Python lives where other users cannot go (/root): as root, a read-only file system
        # is a folder no one may write
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(locked)],
            capture_output=True, text=True,
        )  # fmt: skip
        if mounted.returncode != 0:
            pytest.skip(f"cannot drop root ({python} is private) nor mount: {mounted.stderr}")
        try:
            proc = _score(work, "--errors", "locked/e.csv")
        finally:
            subprocess.run(["umount", str(locked)], check=True)
    assert proc.returncode == 2, proc.stderr
    assert "cannot write in" in proc.stderr and "locked" in proc.stderr, proc.stderr
    assert list(locked.iterdir()) == []
