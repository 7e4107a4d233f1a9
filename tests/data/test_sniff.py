"""The sniffer (data/sniff.py): which date formats and decimal mark read a column's cells, as
the reader reads them (its own typing SQL, in a real DuckDB)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from leadsla.data.db import Connection, connect
from leadsla.data.sniff import guess_date_formats, guess_decimal, sample_column, yaml_line
from leadsla.data.source import prepare


@pytest.fixture
def con(tmp_path: Path) -> Iterator[Connection]:
    c = connect(tmp_path)
    yield c
    c.close()


def test_rd_station_stamps(con: Connection) -> None:
    cells = ["20/07/2026 09:17", "13/08/2026 15:42", "02/09/2026 16:30"]
    g = guess_date_formats(con, cells, ["iso"], "America/Sao_Paulo")
    assert (g.formats, g.reads, g.current_reads, g.rival, g.better) == (
        ["%d/%m/%Y %H:%M"],
        3,
        0,
        None,
        True,
    )


def test_day_and_month_tie_when_no_day_is_above_12(con: Connection) -> None:
    g = guess_date_formats(con, ["02/07/2026 09:17", "11/03/2026 10:05"], ["iso"])
    assert g.formats == ["%d/%m/%Y %H:%M"] and g.rival == ["%m/%d/%Y %H:%M"]
    assert g.why == "no day in the sample is above 12"
    # a day above 12 tells them apart
    g = guess_date_formats(
        con, ["02/07/2026 09:17", "11/03/2026 10:05", "7/13/2026 10:05"], ["iso"]
    )
    assert g.formats == ["%m/%d/%Y %H:%M"] and g.rival is None


def test_epoch_seconds_and_milliseconds(con: Connection) -> None:
    g = guess_date_formats(con, ["1771942680", "1771942700"], ["iso"])
    assert g.formats == ["epoch_s"] and g.rival == ["epoch_ms"]
    # 13 digits are too many for seconds: milliseconds, no doubt
    g = guess_date_formats(con, ["1771942680000"], ["iso"])
    assert g.formats == ["epoch_ms"] and g.rival is None


def test_common_shapes_of_exports_md(con: Connection) -> None:
    assert guess_date_formats(con, ["2/24/2026, 2:18 PM"], ["iso"]).formats == [
        "%m/%d/%Y, %I:%M %p"
    ]
    assert guess_date_formats(con, ["24.02.2026 17:18"], ["iso"]).formats == ["%d.%m.%Y %H:%M"]
    # every one of these is iso: the SLA's own format comes first
    cells = ["2026-02-24T17:18:00.000Z", "2026-09-02 16:30:10 -0300", "2026-02-24 17:18"]
    g = guess_date_formats(con, cells, ["iso"])
    assert (g.formats, g.better) == (["iso"], False)


def test_a_mixed_column_gets_several_formats(con: Connection) -> None:
    cells = ["20/07/2026 09:17", "21/07/2026", "2026-07-22 10:00", "23/07/2026 11:00"]
    g = guess_date_formats(con, cells, ["iso"])
    # the best first, then what reads most of the rest (the SLA's own first among equals)
    assert g.formats == ["%d/%m/%Y %H:%M", "iso", "%d/%m/%Y"] and g.reads == 4


def test_reads_as_the_reader_reads(con: Connection) -> None:
    # the reader's %Y takes four digits (DuckDB alone reads 26 as the year 26)
    g = guess_date_formats(con, ["24/02/26 17:18"] * 3, ["iso"])
    assert g.reads == 0 and not g.better


def test_half_a_sample_is_not_a_fix(con: Connection) -> None:
    g = guess_date_formats(con, ["ontem", "??", "n/d", "20/07/2026 09:17"], ["iso"])
    assert g.reads == 1 and not g.better


def test_decimal(con: Connection) -> None:
    g = guess_decimal(con, ["1.234,5", "12,5", "3"], ".")
    assert (g.decimal, g.reads, g.current_reads, g.better) == (",", 3, 1, True)
    g = guess_decimal(con, ["1,234.5", "12.5"], ".")
    assert (g.decimal, g.better) == (".", False)


def test_yaml_lines_paste_into_the_sla() -> None:
    assert yaml_line("date_formats", ["%d/%m/%Y %H:%M", "iso"]) == (
        'leads: {date_formats: ["%d/%m/%Y %H:%M", iso]}'
    )
    assert yaml_line("decimal", ",") == 'leads: {decimal: ","}'


def test_sample_column_skips_blanks_and_rejected_rows(con: Connection, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    lines = ["id;when"] + [f"{i};N/A" for i in range(5)] + ["9;a;b"]
    lines += [f"{i}; {i:02d}/07/2026 " for i in range(10, 1200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = prepare("x.csv", path, "auto", "auto", tmp_path)
    cells = sample_column(con, source, 1)
    assert len(cells) == 1000 and cells[:2] == ["10/07/2026", "11/07/2026"]
