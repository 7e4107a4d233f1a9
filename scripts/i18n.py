"""Keep the gettext catalogs in step with the code (run from the project root):

    python scripts/i18n.py          extract the words, merge them into every .po, compile .mo
    python scripts/i18n.py --check  exit 1 when a word lacks its translation or a .mo is stale

The words are every `_()`, `ngettext()`, `pgettext()`, `say()` and `say_n()` (messages.py) call
in src/leadsla and every `{% trans %}` / `_()` in its Jinja2 templates. Each locale's `.po` is edited by a person; the
compiled `.mo` next to it is what a plain `pip install` ships and the standard library reads.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "leadsla"
LOCALES = PACKAGE / "locale"
DOMAIN = "leadsla"
KEYWORDS = {
    "_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "say": None,
    "say_n": (1, 2),
    "npgettext": ((1, "c"), 2, 3),
}
METHODS = [
    ("**/locale/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.md", "jinja2"),
]
OPTIONS = {"**/templates/**": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def template() -> Catalog:
    """Every word the code asks to translate, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="leadsla", charset="utf-8")
    found = extract_from_dir(
        str(PACKAGE),
        METHODS,
        options_map=OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        strip_comment_tags=True,
    )
    forms: dict[tuple[str, str | None], set[bool]] = {}
    for filename, lineno, message, comments, context in found:
        where = [(f"src/leadsla/{filename}", lineno)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
        singular = message if isinstance(message, str) else message[0]
        forms.setdefault((singular, context), set()).add(not isinstance(message, str))
    # gettext keys a plural entry by its forms: a plain _("week") beside ngettext("week", ...)
    # becomes one entry that the plain call never finds, silently English
    catalog.both_forms = sorted(word for (word, _c), kinds in forms.items() if len(kinds) == 2)  # type: ignore[attr-defined]
    return catalog


def locales() -> list[Path]:
    return sorted(p for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(locale: Path) -> Path:
    return locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project="leadsla", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def missing(catalog: Catalog, words: Catalog) -> list[str]:
    """The words of `words` that `catalog` lacks or has only as fuzzy or empty."""
    out = []
    for message in words:
        if not message.id:
            continue
        have = catalog.get(message.id, context=message.context)
        strings = have.string if have is not None else None
        empty = not all(strings) if isinstance(strings, (list, tuple)) else not strings
        if have is None or empty or have.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def check() -> int:
    words = template()
    bad = 0
    for word in words.both_forms:  # type: ignore[attr-defined]
        print(f"{word!r} is asked for both as a plain word and with plurals: use one form")
        bad += 1
    for locale in locales():
        catalog = load(po_path(locale), locale.name)
        for word in missing(catalog, words):
            print(f"{po_path(locale).relative_to(ROOT)}: no translation for {word!r}")
            bad += 1
        mo = po_path(locale).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            print(f"{mo.relative_to(ROOT)} is stale: run python scripts/i18n.py")
            bad += 1
    return 1 if bad else 0


def update() -> int:
    words = template()
    for locale in locales():
        path = po_path(locale)
        catalog = load(path, locale.name)
        catalog.update(words, no_fuzzy_matching=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(compiled(catalog))
        lacking = missing(catalog, words)
        print(f"{path.relative_to(ROOT)}: {len(words)} words, {len(lacking)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv[1:] else update())
