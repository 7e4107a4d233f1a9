"""Messages that are English wherever they are data, and in the reader's language on stderr.

The same message often goes two ways: `export.csv: no such file` ends a run on stderr (words
for people: translated), and is also a `validate --leads` problem in JSON and GitHub
annotations, or a reason in `--errors` (data: never translated). So a message is built once,
with `say()`: a `Message`, which IS the English string (a `str`: every place that stores,
compares, writes or serializes a message keeps English, as before), and which also keeps its
msgid and named values so that cli.py, when it writes to stderr, can show `local(message)` in
the active locale. Nothing but the stderr writer calls `local()`.

    say("{name}: no such file", name=name)
    say_n("{n} data warning", "{n} data warnings", n)    # n grouped: 1,234 / 1.234
    say("{rows} rows", rows=num(n))                       # a count for people
    cat(first, "; ", second)                              # pieces joined, each kept lazy

Msgids hold named placeholders without format specs (a count goes through `num`, so that its
grouping follows the locale); `scripts/i18n.py` extracts `say` and `say_n` like `_`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from leadsla import i18n
from leadsla.errors import Problem, bounded


class Message(str):
    """English text that can also say itself in the active locale (`local`)."""

    __slots__ = ("_local",)
    _local: Callable[[], str]

    def __new__(cls, english: str, localized: Callable[[], str]) -> Message:
        self = super().__new__(cls, english)
        self._local = localized
        return self

    def local(self) -> str:
        return self._local()

    # immutable, like a str: `dataclasses.asdict` (the explain JSON) deep-copies its values
    def __copy__(self) -> Message:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Message:
        return self

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        """Pickled as its English (a translation is for the process that shows it)."""
        return (str, (str(self),))


def local(text: object) -> str:
    """`text` in the active locale: a Message's translation, anything else as it is."""
    return text.local() if isinstance(text, Message) else str(text)


def _local_values(values: dict[str, object]) -> dict[str, str]:
    return {k: local(v) for k, v in values.items()}


def say(msgid: str, /, **values: object) -> Message:
    """`msgid` filled with `values` (English), translated when shown on stderr."""
    english = msgid.format(**values)
    return Message(english, lambda: i18n._(msgid).format(**_local_values(values)))


def say_n(singular: str, plural: str, n: int, /, **values: object) -> Message:
    """The singular or plural form for `n`; `{n}` is the count, grouped for the locale."""
    english = (singular if n == 1 else plural).format(n=f"{n:,}", **values)
    return Message(
        english,
        lambda: i18n.ngettext(singular, plural, n).format(
            n=i18n.fmt_int(n), **_local_values(values)
        ),
    )


def num(n: int) -> Message:
    """A count for people: `1,234` in English, `1.234` in pt-BR."""
    return Message(f"{n:,}", lambda: i18n.fmt_int(n))


def cat(*pieces: object) -> Message:
    """Pieces (messages or plain text) joined, each shown in the active locale."""
    return Message("".join(str(p) for p in pieces), lambda: "".join(local(p) for p in pieces))


def join(separator: str, pieces: Iterable[object]) -> Message:
    items = list(pieces)
    return Message(
        separator.join(str(p) for p in items),
        lambda: local(separator).join(local(p) for p in items),
    )


def problem_line(p: Problem) -> Message:
    """`Problem.text()` (`FILE:LINE:COL: warning: where: message`), its words translated on
    stderr (the place and the dotted path are the file's own)."""
    parts: list[object] = [p.location()]
    if p.level == "warning":
        # i18n: the level of a finding, after its place: "sla.yaml:3:1: warning: ..."
        parts.append(say("warning"))
    if p.where:
        parts.append(p.where)
    message = p.message
    # bounded as Problem bounds its English (a long quoted value keeps its ends)
    parts.append(Message(message, lambda: bounded(local(message))))
    return join(": ", parts)


def shown(text: object) -> str:
    """What stderr shows: the message in the active locale."""
    return local(text)
