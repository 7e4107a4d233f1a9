"""Shell completion of option values: rule and team ids from the SLA, locale tags, and file
arguments left to the shell.

It runs at every TAB, so it reads the SLA's YAML only (no pydantic validation, no DuckDB), and
a missing, unreadable or broken SLA completes nothing: never a traceback in the user's prompt.
Command names, options and `--format`/`--period`/`--fail-on` choices are click's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOCALES = (
    "en",
    "en-US",
    "en-GB",
    "en-CA",
    "en-AU",
    "pt-BR",
    "pt-PT",
    "es",
    "es-ES",
    "es-MX",
    "es-AR",
    "es-CO",
    "fr",
    "fr-FR",
    "fr-CA",
    "de",
    "de-DE",
    "it",
    "nl",
    "ja",
)
"""Offered to `--locale`; any tag Babel knows is accepted all the same."""


def files() -> list[str]:
    """No value of ours: the shell completes file names (bash `-o default`, zsh `_files`,
    fish's own), where click's Path would offer the typed word back as the only choice."""
    return []


def locales(incomplete: str) -> list[str]:
    folded = incomplete.casefold().replace("_", "-")
    return [t for t in LOCALES if t.casefold().startswith(folded)]


def rules(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The follow-up rules' ids, with their names as help."""
    out = []
    for rule in _follow_ups(_sla(ctx)):
        rid, name = rule.get("id"), rule.get("name")
        if isinstance(rid, str) and rid.startswith(incomplete):
            out.append((rid, name if isinstance(name, str) else ""))
    return out


def teams(ctx: Any, incomplete: str) -> list[str]:
    """The teams of `owners:` and those that own a follow-up rule."""
    data = _sla(ctx)
    owners = data.get("owners")
    found = [k for k in owners if isinstance(k, str)] if isinstance(owners, dict) else []
    found += [r["owner"] for r in _follow_ups(data) if isinstance(r.get("owner"), str)]
    return [t for t in dict.fromkeys(found) if t.startswith(incomplete)]


def _follow_ups(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules = data.get("follow_up")
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def _sla(ctx: Any) -> dict[str, Any]:
    """The SLA of the command line being completed (`--sla`, else the usual search), as plain
    YAML data; {} when there is none or it does not load."""
    try:
        from leadsla.sla.load import read_sla_bytes, resolve_sla_path
        from leadsla.sla.yamlload import load_yaml_bytes

        option = ctx.params.get("sla") if ctx is not None else None
        path = resolve_sla_path(option if isinstance(option, str) else None)
        if not Path(path).is_file():  # a FIFO or a device could block the prompt
            return {}
        data = load_yaml_bytes(read_sla_bytes(path), str(path)).data
    except Exception:  # a broken SLA completes nothing
        return {}
    return data if isinstance(data, dict) else {}


# --- `--show-completion [SHELL]` and `--install-completion [SHELL]` ---------------------------

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""The shells typer writes a completion script for."""
OPTIONS = ("--show-completion", "--install-completion")
SHELL_KEY = "leadsla.completion.shell"


def take_shell(args: list[str], meta: dict[str, Any]) -> list[str]:
    """`args` without the shell given to `--show-completion` or `--install-completion`
    (`--show-completion zsh`, `--show-completion=zsh`), kept in `meta` for the options'
    callbacks. typer's options are flags that always detect the shell, and a value is not
    something its parser offers, so the word is taken here, before the group parses: else
    `leadsla --show-completion zsh` printed bash's script from a bash prompt. Only options
    before the command are looked at; a word that is no shell is a usage error (exit 2)."""
    out: list[str] = []
    rest = iter(enumerate(args))
    for i, arg in rest:
        name, eq, value = arg.partition("=")
        if name in OPTIONS:
            out.append(name)
            if not eq and i + 1 < len(args) and not args[i + 1].startswith("-"):
                value = args[i + 1]
                next(rest)
            elif not eq:
                continue
            meta[SHELL_KEY] = _checked(name, value)
            continue
        if not arg.startswith("-"):  # the command: what follows is its own
            out.extend(args[i:])
            break
        out.append(arg)
    return out


def _checked(option: str, value: str) -> str:
    shell = value.strip().casefold()
    if shell not in SHELLS:
        import typer

        raise typer.BadParameter(
            f"unknown shell `{value}`: give one of {', '.join(SHELLS)}, or none for the shell"
            " this runs in",
            param_hint=f"'{option}'",
        )
    return shell


def show_completion(ctx: Any, param: Any, value: bool) -> None:
    """Print the completion script of the shell given (`--show-completion zsh`), else of the
    shell this runs in."""
    if not value or ctx.resilient_parsing:
        return
    from typer.completion import show_callback

    show_callback(ctx, param, ctx.meta.get(SHELL_KEY, True))


def install_completion(ctx: Any, param: Any, value: bool) -> None:
    """Install the completion of the shell given (`--install-completion fish`), else of the
    shell this runs in."""
    if not value or ctx.resilient_parsing:
        return
    from typer.completion import install_callback

    install_callback(ctx, param, ctx.meta.get(SHELL_KEY, True))


def register_shells() -> None:
    """zsh's, fish's and PowerShell's completion classes, which typer registers only when it
    adds its own completion options (leadsla adds its own: `take_shell`)."""
    from typer._completion_classes import completion_init

    completion_init()
