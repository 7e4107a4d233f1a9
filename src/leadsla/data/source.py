"""The export as a file DuckDB can read: encoding and delimiter detected, UTF-8 on disk."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from leadsla.errors import ExportUnreadable, UsageError
from leadsla.excerpt import excerpt
from leadsla.messages import num, say

CHUNK = 1 << 20
DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),  # named, so that --output writes it back big-endian
)


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; Windows maps them to C1 controls."""
    assert isinstance(exc, UnicodeDecodeError)
    return chr(exc.object[exc.start]), exc.start + 1


codecs.register_error("leadsla-c1", _c1_passthrough)


@dataclass(frozen=True)
class Source:
    """An export ready to read: `path` is UTF-8 without BOM (the original or a converted copy)."""

    name: str
    """What the user gave (a path, or `-` for standard input), for messages."""
    original: Path
    path: Path
    encoding: str
    """The input's encoding (`utf-8`, `utf-8-sig`, `utf-16`, `cp1252`...), used again by --output."""
    delimiter: str
    headers: list[str]
    header_lines: int
    """Physical lines taken by the header record: always 1 (a header line with a line break
    inside quotes is refused)."""
    newline: str = "\n"
    """The line break the export uses (written again by --output)."""
    utf8_guessed: bool = False
    """UTF-8 was detected from a valid first megabyte; a bad byte later means cp1252, or stray
    bytes in UTF-8 if the whole file passes `file_looks_utf8`."""
    bad_bytes: tuple[tuple[int, int], ...] = ()
    """(physical line, byte) of each line of a UTF-8 export holding a byte that is not UTF-8,
    read as U+FFFD (the first of each line)."""


MAX_SPOOL_VARIABLE = "LEADSLA_MAX_SPOOL"
DEFAULT_MAX_SPOOL = 20 * 10**9
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:([KMGT])(i?)B?|B?)", re.IGNORECASE)


def max_spool() -> int:
    """The most bytes leadsla copies from standard input or a pipe: `LEADSLA_MAX_SPOOL`
    (bytes, or with a unit: `500M`, `20G`, `1.5GB`, `2GiB`), else 20 GB."""
    text = os.environ.get(MAX_SPOOL_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MAX_SPOOL
    size = 0
    if m := _SIZE.fullmatch(text):
        power = "KMGT".index(m.group(2).upper()) + 1 if m.group(2) else 0
        size = int(Decimal(m.group(1)) * (1024 if m.group(3) else 1000) ** power)
    if size <= 0:
        raise UsageError(
            say(
                "{variable}={text}: give a size in bytes, such as 20G, 500M or 1000000",
                variable=MAX_SPOOL_VARIABLE,
                text=text,
            )
        )
    return size


def human_size(size: int) -> str:
    """`20 GB`, `1.5 MB`, `999 bytes` (units of 1000, as disks are sold)."""
    for power, unit in ((4, "TB"), (3, "GB"), (2, "MB"), (1, "KB")):
        if size >= 1000**power:
            return f"{size / 1000**power:.2f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} bytes"


def spool_stdin(tmpdir: Path) -> Path:
    """Standard input copied to the run's folder: DuckDB reads a file, several times."""
    if sys.stdin is None:
        raise ExportUnreadable(say("-: standard input is closed"))
    return spool(sys.stdin.buffer, "standard input", tmpdir / "stdin.csv")


def spool_if_stream(name: str, path: Path, tmpdir: Path) -> Path:
    """`path`, or a copy in the run's folder when it is not a regular file: a FIFO, process
    substitution (`<(...)`, a pipe under /dev/fd), a device. Each is read once, so it could
    not be opened again to detect its encoding and then to read it."""
    try:
        info = path.stat()
    except OSError:
        return path  # `prepare` says what is wrong with it
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return path
    try:
        with path.open("rb") as stream:
            return spool(stream, name, tmpdir / "pipe.csv")
    except OSError as exc:
        raise ExportUnreadable(_cannot_read(name, exc)) from None


def _cannot_read(name: str, exc: OSError) -> str:
    return say("{name}: cannot read ({reason})", name=name, reason=str(exc.strerror))


def spool(stream: BinaryIO, name: str, target: Path) -> Path:
    """Copy `stream` to `target` in chunks (SIGINT is felt between them), at most
    `max_spool()` bytes."""
    limit = max_spool()
    copied = 0
    with temp_file(target, name) as out:
        while True:
            try:
                chunk = stream.read(CHUNK)
            except OSError as exc:
                raise ExportUnreadable(_cannot_read(name, exc)) from None
            if not chunk:
                return target
            if copied + len(chunk) > limit:
                raise ExportUnreadable(
                    say(
                        "{name}: more than {size}, the most leadsla copies to its temp folder"
                        " ({variable}, default 20G); give the export as a file, or raise"
                        " {variable}",
                        name=name,
                        size=human_size(limit),
                        variable=MAX_SPOOL_VARIABLE,
                    )
                )
            out.write(chunk)
            copied += len(chunk)


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@contextmanager
def temp_file(target: Path, name: str = "") -> Iterator[BinaryIO]:
    """`target`, a file of the run's folder, open for writing. If anything stops the writing,
    the file is removed at once (its space freed now, not at the end of the run), and a full
    file system is said plainly, naming the temp folder (TMPDIR)."""
    try:
        with target.open("wb") as out:
            yield out
    except BaseException as exc:
        target.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in _FULL:
            raise ExportUnreadable(
                say(
                    "{name}the temp folder {folder} is full ({reason}); free space there, or"
                    " set TMPDIR to a folder with room for a copy of the export",
                    name=name + ": " if name else "",
                    folder=str(target.parent.parent),
                    reason=str(exc.strerror),
                )
            ) from None
        raise


EXPORT_LINK = "export.link.csv"
_PATTERN = re.compile(r"[*?\[]")


def fixed_name(original: Path, tmpdir: Path) -> Path:
    """The export under a fixed name in the run's folder: DuckDB takes `*`, `?` and `[...]`
    in a file name for a pattern, `~` for the home folder and `s3://` or `http://` for a URL,
    and would read other files than the one given. A symbolic link; a hard link, or else a
    copy, where the system allows no symbolic link."""
    link = tmpdir / EXPORT_LINK
    target = os.path.abspath(original)
    if os.path.lexists(link):
        if os.path.realpath(link) == os.path.realpath(target):
            return link  # read again (another encoding), or given that very name
        link.unlink()
    try:
        os.symlink(target, link)
    except OSError:
        try:
            os.link(target, link)
        except OSError:
            with open(target, "rb") as f, temp_file(link) as out:
                shutil.copyfileobj(f, out, CHUNK)
    return link


def duckdb_path(path: Path) -> str:
    """`path` (a file in the run's folder) as DuckDB must be given it to open that file alone.
    The name is ours (see `fixed_name`), but the temp folder's own path (TMPDIR) may hold a
    pattern character: each is written as a class that matches it alone (`[*]`, `[[]`)."""
    return _PATTERN.sub(lambda m: f"[{m.group()}]", os.path.abspath(path))


def _sniff_encoding(path: Path, declared: str) -> str:
    with path.open("rb") as f:
        head = f.read(4)
    if declared != "auto":
        if declared in ("utf-8", "utf_8") and head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return declared
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return "utf-8"


def _looks_binary(path: Path) -> bool:
    """A NUL byte in the first bytes or the header line: an image, a spreadsheet (xlsx, xls),
    an archive, or UTF-16 without its BOM. (A stray NUL in a cell further on is data.)"""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    return b"\x00" in head[:16] or b"\x00" in head.split(b"\n", 1)[0]


def utf8_votes(text: str) -> tuple[int, int]:
    """(letters, bad): characters beyond ASCII that decoded as UTF-8, and bytes that did not,
    in text decoded with errors="replace"."""
    bad = text.count("\ufffd")
    return sum(1 for c in text if ord(c) > 127) - bad, bad


def looks_utf8(letters: int, bad: int) -> bool:
    """UTF-8 with a few stray bytes, rather than cp1252? cp1252 text forms a valid UTF-8
    sequence only by chance (an accented letter before `–` or NBSP), next to many bytes that
    are not UTF-8; a UTF-8 export with a typo has many letters for each bad byte."""
    return letters > 0 and letters >= 3 * bad


def _utf8_evidence(path: Path) -> tuple[bool, bool]:
    """(valid, utf8): is the first megabyte valid UTF-8, and if not, does it look like UTF-8
    with stray bytes (see looks_utf8)? The rest is checked by DuckDB as it reads, which spares
    a pass over large files."""
    with path.open("rb") as f:
        head = f.read(CHUNK)
    try:
        head.decode("utf-8")
        return True, True
    except UnicodeDecodeError:
        return False, looks_utf8(*utf8_votes(head.decode("utf-8", errors="replace")))


def file_looks_utf8(path: Path) -> bool:
    """looks_utf8 over the whole file (a whole pass: only for a file whose first megabyte was
    valid UTF-8 and that then met a byte that is not)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    letters = bad = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            more, worse = utf8_votes(decoder.decode(chunk))
            letters, bad = letters + more, bad + worse
    return looks_utf8(letters, bad)


def transcode_utf8_replacing(src: Path, target: Path) -> tuple[tuple[int, int], ...]:
    """Copy a UTF-8 file (without BOM: only a detected UTF-8 comes here) with a few bad bytes,
    each read as U+FFFD; return (line, byte) of the first bad byte of each such physical line."""
    bad: list[tuple[int, int]] = []
    line = 1
    carry = b""
    with src.open("rb") as f, temp_file(target) as out:
        while True:
            chunk = f.read(CHUNK)
            data = carry + chunk
            cut = data.rfind(b"\n") + 1 if chunk else len(data)
            if chunk and cut == 0:
                carry = data
                continue
            data, carry = data[:cut], data[cut:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                parts = []
                for i, raw in enumerate(data.split(b"\n")):
                    try:
                        parts.append(raw.decode("utf-8"))
                    except UnicodeDecodeError as exc:
                        bad.append((line + i, raw[exc.start]))
                        parts.append(raw.decode("utf-8", errors="replace"))
                text = "\n".join(parts)
            out.write(text.encode("utf-8"))
            line += data.count(b"\n")
            if not chunk:
                return tuple(bad)


def _transcode(src: Path, encoding: str, target: Path) -> None:
    """Stream `src` from `encoding` into UTF-8 at `target`, dropping any BOM."""
    errors = "leadsla-c1" if codecs.lookup(encoding).name == "cp1252" else "strict"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    first = True
    try:
        with src.open("rb") as f, temp_file(target) as out:
            while chunk := f.read(CHUNK):
                text = decoder.decode(chunk)
                if first and text.startswith("\ufeff"):
                    text = text[1:]
                first = first and not text
                out.write(text.encode("utf-8"))
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ExportUnreadable(
            say(
                "{path}: not valid {encoding} text ({reason}); set `leads.encoding` in the SLA",
                path=str(src),
                encoding=encoding,
                reason=exc.reason,
            )
        ) from None


MAX_HEADER_LINE = 2_000_000
"""Characters a header line may have, as any record (DuckDB's `max_line_size`): room for an
export of 100,000 columns; longer is no export's header (a file without line breaks, or one
with CR-only ones DuckDB would read as one line)."""


def _header_line(path: Path, name: str) -> str:
    """The first line, with its line break. A header line cannot hold a line break: a quote
    left open in it would take the lines after it into the header (every row before the
    closing quote lost, silently), so it is refused, and so is a line longer than
    MAX_HEADER_LINE."""
    with path.open("r", encoding="utf-8", newline="") as f:
        line = f.readline(MAX_HEADER_LINE + 1)
    text = line.rstrip("\r\n").removeprefix("\ufeff")
    if len(text) > MAX_HEADER_LINE:
        raise ExportUnreadable(
            say(
                "{name}:1: the header line is longer than {limit} characters (no line break):"
                " not an export's header (is the file CSV, with line breaks?)",
                name=name,
                limit=num(MAX_HEADER_LINE),
            )
        )
    column = unclosed_quote(text)
    if column:
        raise ExportUnreadable(
            say(
                "{name}:1:{column}: the header line has an unclosed quote at column {column}"
                " (`{text}`): a header cannot hold a line break, and the lines after it would"
                " become part of the header; close the quote or remove it",
                name=name,
                column=column,
                text=excerpt(text[column - 1 :], 30),
            )
        )
    return line


def _leading_blank_lines(path: Path) -> int:
    """How many blank lines come before the first line with text (0: there is none, the file
    is empty or blank to the end as far as MAX_HEADER_LINE characters go)."""
    blank = 0
    with path.open("r", encoding="utf-8", errors="replace", newline="") as f:
        for line in f:
            if line.lstrip("\ufeff").strip():
                return blank
            blank += 1
            if blank > MAX_HEADER_LINE:
                break
    return 0


def unclosed_quote(line: str) -> int:
    """The 1-based column of the quote that `line` opens and never closes, else 0 (quotes
    are paired as CSV pairs them: `""` inside a quoted cell is a quote character)."""
    opened = 0
    for i, ch in enumerate(line):
        if ch == '"':
            opened = 0 if opened else i + 1
    return opened


def detect_delimiter(header: str) -> str:
    """The candidate that splits the header line into the most fields, outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def prepare(
    name: str,
    original: Path,
    declared_encoding: str,
    declared_delimiter: str,
    tmpdir: Path,
    replace_bad_utf8: bool = False,
) -> Source:
    """Detect encoding and delimiter and give DuckDB a UTF-8 file (SPEC §2)."""
    if not original.exists():
        raise ExportUnreadable(say("{name}: no such file", name=name))
    if original.is_dir():
        raise ExportUnreadable(say("{name}: is a directory, not a CSV export", name=name))
    try:
        with original.open("rb") as f:
            f.read(1)
    except OSError as exc:
        raise ExportUnreadable(_cannot_read(name, exc)) from None
    try:
        encoding = _sniff_encoding(original, declared_encoding)
        codecs.lookup(encoding)
    except LookupError:
        raise ExportUnreadable(
            say("unknown encoding `{encoding}`", encoding=declared_encoding)
        ) from None
    path = original
    canonical = codecs.lookup(encoding).name
    if not canonical.startswith(("utf-16", "utf-32")) and _looks_binary(original):
        raise ExportUnreadable(
            say(
                "{name}: not a CSV export (it holds binary data); a UTF-16 export without a"
                " byte-order mark needs `leads.encoding: utf-16`",
                name=name,
            )
        )
    guessed = canonical == "utf-8" and declared_encoding == "auto"
    bad_bytes: tuple[tuple[int, int], ...] = ()
    if guessed:
        valid, utf8 = _utf8_evidence(original)
        guessed = valid and not replace_bad_utf8
        if replace_bad_utf8 or (not valid and utf8):
            # UTF-8 with a stray byte: keep it UTF-8, and say where the bad bytes are
            path = tmpdir / "export.utf8.csv"
            bad_bytes = transcode_utf8_replacing(original, path)
        elif not valid:
            encoding, canonical = "cp1252", "cp1252"
    if canonical not in ("utf-8", "utf-8-sig"):
        # DuckDB reads UTF-8 only as we use it; cp1252 is not latin-1 in 0x80-0x9F (€ “ ” –)
        path = tmpdir / "export.utf8.csv"
        _transcode(original, encoding, path)
    elif path == original:
        path = fixed_name(original, tmpdir)
    try:
        header = _header_line(path, name)
    except UnicodeDecodeError:
        raise ExportUnreadable(
            say(
                "{name}: not valid {encoding} text at the start; set `leads.encoding` in the"
                " SLA (Excel's default is cp1252)",
                name=name,
                encoding=encoding,
            )
        ) from None
    if not header.lstrip("\ufeff").strip():
        blank = _leading_blank_lines(path)
        if blank:
            raise ExportUnreadable(
                say(
                    "{name}:1: the header line must be the first line, and the file starts"
                    " with {n} blank lines; remove them",
                    name=name,
                    n=num(blank),
                )
            )
        raise ExportUnreadable(say("{name}: empty file (no header line)", name=name))
    delimiter = declared_delimiter if declared_delimiter != "auto" else detect_delimiter(header)
    try:
        # the BOM goes first: before it, a quoted first header ("Record ID", as HubSpot writes
        # every header) is not quoted to the csv module, and keeps its quotes as text
        line = header.removeprefix("\ufeff")
        headers = next(csv.reader(io.StringIO(line), delimiter=delimiter, quotechar='"'))
    except (csv.Error, StopIteration) as exc:
        raise ExportUnreadable(
            say("{name}:1: cannot read the header line ({reason})", name=name, reason=str(exc))
        ) from None
    headers = [h.strip().lstrip("\ufeff").strip() for h in headers]
    newline = "\r\n" if header.endswith("\r\n") else "\n"
    return Source(
        name,
        original,
        path,
        encoding,
        delimiter,
        headers,
        1,
        newline,
        guessed,
        bad_bytes,
    )


def with_lf_line_breaks(source: Source, tmpdir: Path) -> Source:
    """A copy of the UTF-8 file with CRLF turned into LF, for a file that mixes both (DuckDB's
    strict parser stops at it). Physical lines stay where they are; a CRLF inside a quoted
    cell becomes LF."""
    target = tmpdir / "export.lf.csv"
    if source.path == target:
        return source
    carry = b""
    with source.path.open("rb") as f, temp_file(target) as out:
        while chunk := f.read(CHUNK):
            chunk = carry + chunk
            carry = b"\r" if chunk.endswith(b"\r") else b""
            out.write(chunk[: len(chunk) - len(carry)].replace(b"\r\n", b"\n"))
        out.write(carry)
    return replace(source, path=target)
