"""Shell completion (issue 12, "Habits"): bash, zsh and fish, through the protocol the shells
use (typer's `_LEADSLA_COMPLETE` instructions), as a subprocess of the installed `leadsla`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

LEADSLA = Path(sys.executable).with_name("leadsla")
pytestmark = pytest.mark.skipif(
    not LEADSLA.exists(), reason="the `leadsla` script is not installed"
)

SLA = str(EXAMPLES / "sla.yaml")


def _env(cwd_extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_LEADSLA", "_TYPER", "COMP_"))}
    env.pop("LEADSLA_SLA", None)
    return {**env, **cwd_extra}


def bash(words: list[str], cwd: Path | None = None, **extra: str) -> list[str]:
    """What `leadsla` answers bash for the last word of `words` (COMP_WORDS / COMP_CWORD)."""
    out = subprocess.run(
        [str(LEADSLA)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=_env(
            {
                "_LEADSLA_COMPLETE": "complete_bash",
                "COMP_WORDS": " ".join(["leadsla", *words]),
                "COMP_CWORD": str(len(words)),
                **extra,
            }
        ),
    )
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout.split()


def zsh(line: str, cwd: Path | None = None) -> str:
    out = subprocess.run(
        [str(LEADSLA)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=_env({"_LEADSLA_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}),
    )
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout


def fish(line: str, action: str = "get-args") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LEADSLA)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(
            {
                "_LEADSLA_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_ARGS": line,
                "_TYPER_COMPLETE_FISH_ACTION": action,
            }
        ),
    )


def test_bash_commands_options_and_choices() -> None:
    assert bash(["re"]) == ["report"]
    assert {"init", "validate", "score", "check-deadlines", "calendar"} <= set(bash([""]))
    assert "--fail-on" in bash(["check-deadlines", "--fa"])
    assert bash(["score", "--format", ""]) == ["table", "json", "csv"]
    assert bash(["report", "--period", "m"]) == ["month"]
    assert bash(["score", "--locale", "pt"]) == ["pt-BR", "pt-PT"]


def test_bash_rule_and_team_ids_from_the_sla() -> None:
    assert bash(["check-deadlines", "--sla", SLA, "--rule", ""]) == [
        "first-contact",
        "accept-or-return",
        "renurture",
    ]
    assert bash(["check-deadlines", "--sla", SLA, "--rule", "a"]) == ["accept-or-return"]
    assert bash(["check-deadlines", "--sla", SLA, "--team", ""]) == ["marketing", "sales"]


def test_the_default_sla_is_found_as_the_commands_find_it(tmp_path: Path) -> None:
    (tmp_path / "sla.yaml").write_text(
        "version: 1\nname: x\nfollow_up:\n  - {id: call-back, owner: sdr, start: a, stop: b,"
        " within: 1h}\n",
        encoding="utf-8",
    )
    assert bash(["check-deadlines", "--rule", ""], cwd=tmp_path) == ["call-back"]
    assert bash(["check-deadlines", "--team", ""], cwd=tmp_path) == ["sdr"]
    # $LEADSLA_SLA comes before ./sla.yaml
    assert bash(["check-deadlines", "--rule", "r"], cwd=tmp_path, LEADSLA_SLA=SLA) == ["renurture"]


@pytest.mark.parametrize(
    "content",
    [None, "version: 1\nfollow_up: [\n", "- a list\n", "follow_up: 3\n", "\x00\x01binary"],
)
def test_a_missing_or_broken_sla_completes_nothing(tmp_path: Path, content: str | None) -> None:
    if content is not None:
        (tmp_path / "sla.yaml").write_text(content, encoding="utf-8")
    assert bash(["check-deadlines", "--rule", ""], cwd=tmp_path) == []
    assert bash(["check-deadlines", "--sla", "/nonexistent.yaml", "--team", ""]) == []


def test_file_arguments_are_left_to_the_shell() -> None:
    """No value of ours for a file: bash then completes paths (`complete -o default`), zsh
    runs `_files`, fish allows files (its `is-args` condition fails)."""
    assert bash(["init", "--from", "exa"]) == []
    assert bash(["score", "--errors", "e"]) == []
    assert bash(["validate", "exa"]) == []
    assert zsh("leadsla report -o ") == "_files\n"
    assert fish("leadsla init ", "is-args").returncode == 1
    assert fish("leadsla init --f", "is-args").returncode == 0


def test_zsh() -> None:
    out = zsh(f"leadsla check-deadlines --sla {SLA} --rule ")
    assert out.startswith("_arguments '*: :((")
    assert '"first-contact":"Sales contacts every MQL"' in out
    assert '"report"' in zsh("leadsla rep")


def test_fish() -> None:
    out = fish(f"leadsla check-deadlines --sla {SLA} --team ")
    assert out.returncode == 0 and out.stdout.split() == ["marketing", "sales"]
    out = fish(f"leadsla check-deadlines --sla {SLA} --rule first")
    assert out.stdout == "first-contact\tSales contacts every MQL\n"
    assert fish("leadsla calendar --format ").stdout.split() == ["table", "json"]


def test_completion_imports_no_duckdb() -> None:
    code = (
        "import os, sys\n"
        "from leadsla.cli import app\n"
        "try:\n"
        "    app(prog_name='leadsla')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(repr(sorted(m for m in ('duckdb', 'sqlglot', 'pydantic_core')"
        " if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(
            {
                "_LEADSLA_COMPLETE": "complete_bash",
                "COMP_WORDS": f"leadsla check-deadlines --sla {SLA} --rule ",
                "COMP_CWORD": "5",
            }
        ),
    )
    assert out.stdout.split() == ["first-contact", "accept-or-return", "renurture"]
    assert "duckdb" not in out.stderr and "sqlglot" not in out.stderr, out.stderr


def test_show_completion_bash() -> None:
    out = subprocess.run(
        [str(LEADSLA), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}),
    )
    assert out.returncode == 0, out.stderr
    assert "_LEADSLA_COMPLETE=complete_bash" in out.stdout
    assert "complete -o default -F _leadsla_completion leadsla" in out.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_in_a_real_bash(tmp_path: Path) -> None:
    """The script `--show-completion bash` prints, sourced in bash, fills COMPREPLY."""
    script = subprocess.run(
        [str(LEADSLA), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}),
    ).stdout
    (tmp_path / "c.bash").write_text(script, encoding="utf-8")
    line = (
        f"source {tmp_path / 'c.bash'}; COMP_WORDS=(leadsla check-deadlines --sla {SLA} --rule"
        " acc); COMP_CWORD=5; _leadsla_completion leadsla; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    env = _env({"PATH": f"{LEADSLA.parent}{os.pathsep}{os.environ.get('PATH', '')}"})
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", line],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert out.stdout.split() == ["accept-or-return"], out.stderr


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "complete -o default -F _leadsla_completion leadsla"),
        ("zsh", "compdef _leadsla_completion leadsla"),
        ("fish", "complete --command leadsla --no-files"),
    ],
)
def test_the_script_of_a_given_shell(shell: str, says: str) -> None:
    """README: `_LEADSLA_COMPLETE=source_SHELL leadsla` prints that shell's script."""
    out = subprocess.run(
        [str(LEADSLA)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({"_LEADSLA_COMPLETE": f"source_{shell}"}),
    )
    assert out.returncode == 0 and says in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize(
    ("shell", "says", "not_says"),
    [
        ("bash", "complete -o default -F _leadsla_completion leadsla", "compdef"),
        ("zsh", "compdef _leadsla_completion leadsla", "complete -o default"),
        ("fish", "complete --command leadsla --no-files", "compdef"),
        ("powershell", "Register-ArgumentCompleter", "compdef"),
    ],
)
@pytest.mark.parametrize("form", ["apart", "equals"])
def test_show_completion_of_the_shell_given(
    shell: str, says: str, not_says: str, form: str
) -> None:
    """`leadsla --show-completion zsh` prints zsh's script, whatever shell runs it (typer's
    flag ignored the word and printed the detected shell's script, bash's, with exit 0)."""
    args = ["--show-completion", shell] if form == "apart" else [f"--show-completion={shell}"]
    out = subprocess.run(
        ["bash", "-c", '"$@"', "bash", str(LEADSLA), *args],  # run from bash: detection says bash
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({"SHELL": "/bin/bash"}),
    )
    assert out.returncode == 0, out.stderr
    assert says in out.stdout and not_says not in out.stdout, out.stdout


def test_show_completion_of_an_unknown_shell_is_a_usage_error() -> None:
    out = subprocess.run(
        [str(LEADSLA), "--show-completion", "tcsh"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({}),
    )
    assert out.returncode == 2 and out.stdout == ""
    assert "unknown shell `tcsh`" in out.stderr and "zsh" in out.stderr, out.stderr


def test_show_completion_alone_detects_the_shell() -> None:
    """Without a shell it still prints the script of the shell it runs in."""
    out = subprocess.run(
        ["bash", "-c", '"$@"', "bash", str(LEADSLA), "--show-completion"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({"SHELL": "/bin/bash"}),
    )
    assert out.returncode == 0, out.stderr
    assert "_LEADSLA_COMPLETE=complete_bash" in out.stdout, out.stdout


def test_the_help_says_the_shell_is_a_value(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("--help")
    text = " ".join(out.stdout.split())
    assert "[SHELL] Print the completion script" in text and "[SHELL] Install completion" in text
