"""leadsla's cache folder: small JSON files that spare `validate` slow imports.

The cache is an optimisation only. Whatever is wrong with it — no home folder to put it in
(HOME unset and a uid without a passwd entry), a folder that cannot be read or written, a file
that is not JSON or holds JSON of another shape — leadsla works without it, and rebuilds a
broken file when it can. Callers check the shape of what they read (`load_json` returns any
JSON value)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/leadsla`, else `~/.cache/leadsla`; None when there is no home folder.

    A relative XDG_CACHE_HOME is ignored, as the XDG spec says. `~` is HOME, else the passwd
    entry of the uid; without either, `expanduser` returns `~` itself (and `Path.home()` a
    folder named `~` in the working directory, or an error on newer Pythons): no cache."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "leadsla"
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "leadsla"


def load_json(name: str) -> object:
    """The JSON value in the cache file `name`, or None (no cache, no file, not JSON)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def store_json(name: str, data: object) -> None:
    """Write the cache file `name` whole (a reader never sees half of it); failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, folder / name)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
