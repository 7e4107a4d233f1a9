"""The reader's language: words from gettext catalogs, dates and numbers formatted by Babel.

The locale is chosen once per run (`--locale`, else `LEADSLA_LOCALE`, else the SLA's
`display.locale`, else `en`) and activated here; renderers of text meant for people (terminal
tables, Markdown, HTML, messages on stderr) call `_()` and the `fmt_*` functions. JSON, CSV,
`--errors`, GitHub annotations and exit codes never go through this module.

Catalogs are compiled `.mo` files shipped inside the package (`leadsla/locale/LL_CC/
LC_MESSAGES/leadsla.mo`), read at run time by the standard library's gettext; Babel only
extracts and compiles them at development time (`python scripts/i18n.py`). Babel's formatting
functions are imported lazily, so commands that print no dates (validate) do not pay for them.
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "leadsla"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
ENV = "LEADSLA_LOCALE"

_state: dict[str, object] = {
    "tag": DEFAULT,
    "words": gettext.NullTranslations(),
    "chosen": False,
}


class UnknownLocale(ValueError):
    """A locale tag that Babel does not know (the message says which and what to write)."""


def normalize(tag: str) -> str:
    """`pt-BR`, `pt_br`, `PT-br` -> `pt_BR`; raises UnknownLocale for a tag Babel lacks."""
    from babel import Locale, UnknownLocaleError

    text = tag.strip()
    if not text:
        raise UnknownLocale("the locale is empty; write a tag such as en, en-US or pt-BR")
    try:
        found = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnknownLocale(
            f"unknown locale {text!r}; write a language tag such as en, en-US, pt-BR or es-MX"
        ) from None
    return str(found)


def resolve(option: str | None, sla_locale: str | None) -> str:
    """The locale of this run: the option, else LEADSLA_LOCALE, else the SLA's, else `en`.
    Never guessed from the system or the SLA's country, so cron logs keep their words."""
    for candidate in (option, os.environ.get(ENV) or None, sla_locale):
        if candidate is not None:
            return normalize(candidate)
    return DEFAULT


def choose(option: str | None) -> None:
    """At the start of a command: activate `--locale`, else LEADSLA_LOCALE, else `en`; an
    explicit choice then outranks the SLA's `display.locale` (see `adopt`)."""
    explicit = option if option is not None else (os.environ.get(ENV) or None)
    activate(resolve(explicit, None))
    _state["chosen"] = explicit is not None


def adopt(sla_locale: str | None) -> None:
    """Once the SLA is loaded: its `display.locale` applies unless the run chose one."""
    if sla_locale is not None and not _state["chosen"]:
        activate(normalize(sla_locale))


def activate(tag: str) -> None:
    """Make `tag` (already normalized) the locale of `_()` and the `fmt_*` functions."""
    lang = tag.split("_")[0]
    languages = [tag]
    if lang != tag:
        languages.append(lang)
    # Another region of the same language: `pt` and `pt_PT` read the pt_BR catalog's words
    # rather than English (their dates and numbers still follow `tag`).
    languages += [region for region in shipped() if region.split("_")[0] == lang]
    words = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=languages, fallback=True
    )
    _state["tag"] = tag
    _state["words"] = words


def shipped() -> list[str]:
    """The locales with a compiled catalog in the package (`pt_BR`), sorted."""
    if not LOCALE_DIR.is_dir():
        return []
    return sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )


def active() -> str:
    """The active locale, as Babel writes it (`en`, `pt_BR`)."""
    tag = _state["tag"]
    assert isinstance(tag, str)
    return tag


def language() -> str:
    """The active locale's language (`pt` for `pt_BR`)."""
    return active().split("_")[0]


def _words() -> gettext.NullTranslations:
    words = _state["words"]
    assert isinstance(words, gettext.NullTranslations)
    return words


def _(message: str) -> str:
    """The active locale's words for `message` (English when the catalog lacks it).
    Placeholders are named and filled after translation: `_("{n} leads").format(n=...)`."""
    return _words().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` in the active locale."""
    return _words().ngettext(singular, plural, n)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` in `context` (a count of a short word)."""
    return _words().npgettext(context, singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for short words with several meanings."""
    return _words().pgettext(context, message)


BIDI_MARKS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Directional marks, embeddings and isolates. CLDR puts some in its patterns (`1\u200f/12\u200f/2026`
in Arabic): hints for a bidi renderer that terminals honour poorly, and that the terminal and
Markdown escapes (rightly, for the export's text) show as `\ufffd`. Our formatted values drop
them; the escapes stay as strict as they are."""
_NO_MARKS = dict.fromkeys(map(ord, BIDI_MARKS))


def _plain(text: str) -> str:
    return text.translate(_NO_MARKS)


def _locale() -> Locale:
    from babel import Locale

    return Locale.parse(active())


def fmt_int(n: int) -> str:
    """An integer with the locale's grouping: 1,234 / 1.234."""
    from babel.numbers import format_decimal

    return _plain(format_decimal(n, format="#,##0", locale=_locale()))


def fmt_number(x: float, decimals: int = 1) -> str:
    """A number with at most `decimals` decimals, no trailing zeros: 12.5 / 12,5; 800 / 800."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return _plain(format_decimal(x, format=pattern, locale=_locale()))


def fmt_percent(share: float, decimals: int = 1) -> str:
    """A share 0..1 as a percentage: 70.5% / 70,5%."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return _plain(format_percent(share, format=pattern, locale=_locale()))


def fmt_date(day: date, width: str = "medium") -> str:
    """A date: `medium` Nov 20, 2026 / 20 de nov. de 2026; `short` 11/20/26 / 20/11/2026."""
    from babel.dates import format_date

    return _plain(format_date(day, format=width, locale=_locale()))


def fmt_day_month(day: date) -> str:
    """Day and month, numeric, in the locale's order: 11/20 (en-US) / 20/11 (pt-BR)."""
    from babel.dates import format_skeleton

    return _plain(format_skeleton("Md", day, locale=_locale()))


def fmt_month_day(day: date) -> str:
    """Abbreviated month and day: Nov 20 / 20 de nov."""
    from babel.dates import format_skeleton

    return _plain(format_skeleton("MMMd", day, locale=_locale()))


def fmt_month(day: date) -> str:
    """Month and year: Nov 2026 / nov. de 2026."""
    from babel.dates import format_skeleton

    return _plain(format_skeleton("yMMM", day, locale=_locale()))


def fmt_month_abbr(day: date) -> str:
    """The month alone, abbreviated: Nov / nov."""
    from babel.dates import format_skeleton

    return _plain(format_skeleton("MMM", day, locale=_locale()))


def fmt_weekday(day: date) -> str:
    """The weekday, abbreviated: Fri / sex."""
    from babel.dates import format_date

    return _plain(format_date(day, format="EEE", locale=_locale()))


def fmt_time(moment: time | datetime) -> str:
    """Hours and minutes, 24-hour where the locale uses it: 14:30 / 2:30 PM."""
    from babel.dates import format_time

    return _plain(format_time(moment, format="short", locale=_locale()))


def fmt_datetime(moment: datetime) -> str:
    """A moment as date and time, short: 11/20/26, 2:30 PM / 20/11/2026 14:30."""
    from babel.dates import format_datetime

    return _plain(format_datetime(moment, format="short", tzinfo=moment.tzinfo, locale=_locale()))
