"""An installed package's version, without importing `importlib.metadata` (about 20 ms of
start-up: it imports email, zipfile and csv) in the usual case of a wheel in site-packages."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def package_version(name: str) -> str | None:
    """The version in `NAME-VERSION.dist-info` beside the package (None: not installed)."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        found = sorted(site.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            text = found[0].name[len(name) + 1 : -len(".dist-info")]
            if text and "-" not in text:
                return text
    from importlib.metadata import PackageNotFoundError, version  # another layout

    try:
        return version(name)
    except PackageNotFoundError:
        return None
