"""A reader that leaves early (`leadsla ... | head -1`) ends the writing, not the verdict:
`check-deadlines` still exits 1 on a breach (known before the first line), with nothing on
stderr, so `set -o pipefail` in a cron job still sees it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import AS_OF, ROOT

BASE = ["--sla", "examples/sla.yaml", "--as-of", AS_OF, "--quiet"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check-deadlines", "--status", "all", "--format", "csv"], 1),
        (["check-deadlines", "--status", "all", "--format", "json"], 1),
        (["check-deadlines", "--fail-on", "never", "--format", "json"], 0),
        (["score", "--format", "json"], 0),
        (["report", "--fail-on-missed", "--format", "json"], 1),
    ],
)
def test_the_verdict_survives_a_reader_that_leaves(args: list[str], code: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "leadsla", *args, *BASE],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert first
    proc.stdout.close()  # the reader leaves
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == code, err
    assert err == b""
