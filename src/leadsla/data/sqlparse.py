"""DuckDB macros that read export cells as their types (SPEC §2): blanks, booleans, numbers, times.

The macro bodies are constant SQL; user text (date formats, zone names) reaches them only as
literals built by sqlglot in `reader.py`."""

from __future__ import annotations

from leadsla.sla.asof import FIRST_DAY, LAST_DAY

BLANKS = ("", "N/A", "NA", "NULL", "-")
BLANK_PATTERN = "(?i)|n/a|na|null|-"
"""BLANKS as one case-insensitive regular expression (the empty alternative is the empty cell)."""
TRUE_WORDS = ("true", "yes", "y", "sim", "s", "1", "x", "verdadeiro")
FALSE_WORDS = ("false", "no", "n", "não", "nao", "0", "falso")


def _words() -> str:
    return "[" + ", ".join("'" + w.replace("'", "''") + "'" for w in TRUE_WORDS + FALSE_WORDS) + "]"


def _bools() -> str:
    """NULL, then the truth of each of `_words()`."""
    return "[NULL, " + ", ".join(["true"] * len(TRUE_WORDS) + ["false"] * len(FALSE_WORDS)) + "]"


# ISO 8601 as SPEC §2 writes it: YYYY-MM-DD[( |T)hh:mm[:ss[.f]]][ ][Z|±hh[:mm]|±hhmm]
ISO_PATTERN = (
    r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?"
    r"(?: ?(Z|z|[+-]\d{2}(?::?\d{2})?))?$"
)
ISO_NAIVE = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
ISO_WITH_OFFSET = (
    r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?"
    r" ?(?:Z|z|[+-]\d{2}(?::?\d{2})?)$"
)
"""ISO_PATTERN with the offset required."""
EPOCH_S_PATTERN = r"-?\d{1,12}(?:\.\d+)?"
EPOCH_MS_PATTERN = r"-?\d{1,15}"
"""The shapes the epoch formats read (shared with reader.naive_stamp)."""
ISO_TIME_OFFSET = (
    r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)? ?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)"
)


MACROS = [
    # `t` is a trimmed cell: blank when empty or one of the markers (any case); a length test
    # first, then one regular expression, is the cheapest way to say it
    f"""CREATE OR REPLACE TEMP MACRO ls_blank(t) AS
        CASE WHEN strlen(t) > 4 THEN t WHEN regexp_full_match(t, '{BLANK_PATTERN}') THEN NULL ELSE t END""",
    # one lookup of lower(x) among the words (a test per word lowered `x` once per word)
    f"""CREATE OR REPLACE TEMP MACRO ls_bool(x) AS
        {_bools()}[1 + coalesce(list_position({_words()}, lower(x)), 0)]""",
    # plain digits (most cells) take a quick cast; the rest the full grammar
    # a cell of digits and dots only (most numbers), not ending in one: a plain cast (the
    # grammar below reads such a cell iff it has at most one dot, and then as the cast does)
    r"""CREATE OR REPLACE TEMP MACRO ls_num_dot(x) AS
        CASE WHEN NOT x GLOB '*[!0-9.]*' AND NOT x LIKE '%.' THEN TRY_CAST(x AS DOUBLE)
             WHEN regexp_full_match(x, '[+-]?[0-9]{1,15}') THEN CAST(x AS DOUBLE)
             WHEN regexp_full_match(x, '[+-]?(?:\d{1,3}(?:[, \x{00A0}]\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+')
             THEN TRY_CAST(regexp_replace(x, '[, \x{00A0}]', '', 'g') AS DOUBLE) END""",
    r"""CREATE OR REPLACE TEMP MACRO ls_num_comma(x) AS
        CASE WHEN NOT x GLOB '*[!0-9,]*' AND NOT x LIKE '%,' THEN TRY_CAST(replace(x, ',', '.') AS DOUBLE)
             WHEN regexp_full_match(x, '[+-]?[0-9]{1,15}') THEN CAST(x AS DOUBLE)
             WHEN regexp_full_match(x, '[+-]?(?:\d{1,3}(?:[. \x{00A0}]\d{3})+|\d+)(?:,\d+)?|[+-]?,\d+')
             THEN TRY_CAST(replace(regexp_replace(x, '[. \x{00A0}]', '', 'g'), ',', '.') AS DOUBLE) END""",
    # An offset: 'Z', '-03', '-0300' or '-03:00' -> minutes east of UTC.
    r"""CREATE OR REPLACE TEMP MACRO ls_offset_minutes(z) AS
        CASE WHEN upper(z) = 'Z' THEN 0
             ELSE (CASE WHEN z[1] = '-' THEN -1 ELSE 1 END)
                  * (CAST(z[2:3] AS INTEGER) * 60
                     + COALESCE(TRY_CAST(nullif(replace(z[4:], ':', ''), '') AS INTEGER), 0)) END""",
    """CREATE OR REPLACE TEMP MACRO ls_iso_parts(p, zone) AS
        CASE WHEN p.d = '' THEN NULL
             WHEN p.z = '' THEN timezone(zone, TRY_CAST(p.d || ' ' || coalesce(nullif(p.t, ''), '00:00') AS TIMESTAMP))
             ELSE timezone('UTC', TRY_CAST(p.d || ' ' || coalesce(nullif(p.t, ''), '00:00') AS TIMESTAMP)
                          - to_minutes(CAST(ls_offset_minutes(p.z) AS BIGINT))) END""",
    # Most ISO cells have no offset: a full match and a cast. With a time and an offset, DuckDB
    # casts it once the space before the offset is gone; the rest (a date with an offset)
    # goes through the parts.
    f"""CREATE OR REPLACE TEMP MACRO ls_iso(x, zone) AS
        CASE WHEN regexp_full_match(x, '{ISO_NAIVE}') THEN timezone(zone, TRY_CAST(x AS TIMESTAMP))
             WHEN regexp_full_match(x, '{ISO_TIME_OFFSET}')
             THEN TRY_CAST(regexp_replace(upper(x), ' ([-+Z])', '\\1') AS TIMESTAMPTZ)
             ELSE ls_iso_parts(regexp_extract(x, '{ISO_PATTERN}', ['d', 't', 'z']), zone) END""",
    # The naive reading of an ISO cell, when it has no offset (as ls_iso's first branch): for
    # the cells localtime.py may have to correct.
    f"""CREATE OR REPLACE TEMP MACRO ls_iso_naive(x) AS
        CASE WHEN regexp_full_match(x, '{ISO_NAIVE}') THEN TRY_CAST(x AS TIMESTAMP) END""",
    # ls_iso's reading of a cell with an offset, NULL for any other (for the read, reader.py,
    # which reads naive cells with ls_iso_naive and the export's zone, see ls_wall)
    """CREATE OR REPLACE TEMP MACRO ls_iso_parts_zoned(p) AS
        CASE WHEN p.d = '' OR p.z = '' THEN NULL
             ELSE timezone('UTC', TRY_CAST(p.d || ' ' || coalesce(nullif(p.t, ''), '00:00') AS TIMESTAMP)
                          - to_minutes(CAST(ls_offset_minutes(p.z) AS BIGINT))) END""",
    f"""CREATE OR REPLACE TEMP MACRO ls_iso_zoned(x) AS
        CASE WHEN regexp_full_match(x, '{ISO_TIME_OFFSET}')
             THEN TRY_CAST(CASE WHEN contains(x, ' ') OR contains(x, 'z') THEN regexp_replace(upper(x), ' ([-+Z])', '\\1') ELSE x END AS TIMESTAMPTZ)
             ELSE ls_iso_parts_zoned(regexp_extract(x, '{ISO_PATTERN}', ['d', 't', 'z'])) END""",
    # ICU's reading of a naive stamp in `zone`; localtime.prepare redefines it for the
    # export's zone, with a quicker way for the stamps after its last change of offset
    "CREATE OR REPLACE TEMP MACRO ls_wall(t, zone) AS timezone(zone, t)",
    # Does ls_iso read `x` as a stamp with an offset? (For localtime.py: the shape, and a
    # date and time that exist; no expression twice, see reader.naive_stamp.)
    f"""CREATE OR REPLACE TEMP MACRO ls_iso_offset_shape(x) AS
        TRY_CAST(regexp_extract(x, '{ISO_WITH_OFFSET}', 1) || ' '
                 || coalesce(nullif(regexp_extract(x, '{ISO_WITH_OFFSET}', 2), ''), '00:00') AS TIMESTAMP)
        IS NOT NULL""",
    # ICU's reading `r` of a naive stamp `t`, as it is; localtime.prepare redefines it for the
    # export's zone (a repeated wall time is its first pass, a skipped one the jump)
    "CREATE OR REPLACE TEMP MACRO ls_local(r, t) AS r",
    # `make_timestamptz(µs)` is the instant `timezone('UTC', epoch_ms(ms))` is, without ICU
    f"""CREATE OR REPLACE TEMP MACRO ls_epoch_s(x) AS
        CASE WHEN regexp_full_match(x, '{EPOCH_S_PATTERN}') THEN TRY(to_timestamp(CAST(x AS DOUBLE))) END""",
    f"""CREATE OR REPLACE TEMP MACRO ls_epoch_ms(x) AS
        CASE WHEN regexp_full_match(x, '{EPOCH_MS_PATTERN}') THEN TRY(make_timestamptz(CAST(x AS BIGINT) * 1000)) END""",
    # A time outside the dates leadsla computes with (sla/asof.py) is unreadable: 0001-01-01
    # is a placeholder for "no date", and Python cannot hold the year 0 or 10000 that such a
    # time reaches in some zones. Applied to a column (the read time), so `t` is evaluated once.
    # The bounds are the first and last day's local times in any zone (UTC-12 to UTC+14).
    f"""CREATE OR REPLACE TEMP MACRO ls_in_range(t) AS
        CASE WHEN t >= TIMESTAMPTZ '{FIRST_DAY.isoformat()} 00:00:00+14'
              AND t < TIMESTAMPTZ '{LAST_DAY.isoformat()} 00:00:00-12' + INTERVAL 1 DAY THEN t END""",
]
