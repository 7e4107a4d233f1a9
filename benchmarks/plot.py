"""A log-log SVG of wall time against rows, from a benchmarks/matrix.py results file.

    python benchmarks/plot.py benchmarks/results/matrix-DATE.json > docs/benchmark.svg

One panel per export shape; one colour per command/format, leadsla solid with dots, its
yardstick dashed; ticks at every decade (and 2x, 5x of seconds); a dotted guide of slope 1
(time proportional to rows) in each panel. Plain string building, no plotting library."""

from __future__ import annotations

import json
import math
import sys
from html import escape

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f"]  # fmt: skip
PANEL_W, PANEL_H = 330, 300
LEFT, TOP, GAP, RIGHT, BOTTOM = 64, 64, 40, 230, 54
ORDER = ["score/table", "score/json", "score/csv", "score/output", "check-deadlines/table",
         "check-deadlines/json", "check-deadlines/csv", "check-deadlines/json-all", "report/json", "report/html"]  # fmt: skip


def _decades(lo: float, hi: float) -> tuple[float, float]:
    return math.floor(math.log10(lo)), math.ceil(math.log10(hi))


def _label_rows(n: float) -> str:
    for value, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= value:
            return f"{n / value:g}{suffix}"
    return f"{n:g}"


def _label_seconds(s: float) -> str:
    """Ticks fall on 1-2-5 steps of seconds: said in seconds (100 s, 500 s), never as
    fractions of a minute."""
    return f"{s:g} s"


def render(doc: dict) -> str:  # type: ignore[type-arg]
    results = doc["results"]
    shapes = list(dict.fromkeys(r["shape"] for r in results))
    cases = sorted(
        dict.fromkeys(r["case"] for r in results),
        key=lambda c: (ORDER.index(c) if c in ORDER else len(ORDER), c),
    )
    colour = {c: COLOURS[i % len(COLOURS)] for i, c in enumerate(cases)}
    rows = [r["rows"] for r in results]
    yard = lambda r: r["yardstick"]["median"] if r.get("yardstick") else 0  # noqa: E731
    times = [t for r in results for t in (r["leadsla"]["median"], yard(r)) if t > 0]
    x0, x1 = _decades(min(rows), max(rows))
    if x0 == x1:
        x1 += 1
    y0, y1 = _decades(min(times), max(times))
    if y0 == y1:
        y1 += 1
    width = LEFT + len(shapes) * PANEL_W + (len(shapes) - 1) * GAP + RIGHT
    height = TOP + PANEL_H + BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{LEFT}" y="18" font-size="14" font-weight="bold">leadsla wall time against rows '
        "(log-log; solid: leadsla, dashed: hand-written DuckDB yardstick)</text>",
        f'<text x="{LEFT}" y="34" fill="#555">{escape(_subtitle(doc))}</text>',
    ]
    for p, shape in enumerate(shapes):
        ox = LEFT + p * (PANEL_W + GAP)

        def X(n: float, ox: int = ox) -> float:
            return ox + (math.log10(n) - x0) / (x1 - x0) * PANEL_W

        def Y(t: float) -> float:
            return TOP + PANEL_H - (math.log10(t) - y0) / (y1 - y0) * PANEL_H

        out.append(
            f'<rect x="{ox}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#999"/>'
        )
        out.append(
            f'<text x="{ox + PANEL_W / 2}" y="{TOP - 6}" text-anchor="middle" font-weight="bold">{escape(shape)}</text>'
        )
        for e in range(x0, x1 + 1):
            x = X(10**e)
            out.append(
                f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + PANEL_H}" stroke="#eee"/>'
            )
            out.append(
                f'<line x1="{x:.1f}" y1="{TOP + PANEL_H}" x2="{x:.1f}" y2="{TOP + PANEL_H + 5}" stroke="#333"/>'
            )
            out.append(
                f'<text x="{x:.1f}" y="{TOP + PANEL_H + 18}" text-anchor="middle">{_label_rows(10**e)}</text>'
            )
        for e in range(y0, y1 + 1):
            for m in (1, 2, 5):
                t = m * 10.0**e
                if t > 10.0**y1:
                    continue
                y = Y(t)
                major = m == 1
                out.append(
                    f'<line x1="{ox}" y1="{y:.1f}" x2="{ox + PANEL_W}" y2="{y:.1f}" stroke="{"#ddd" if major else "#f3f3f3"}"/>'
                )
                if p == 0:
                    out.append(
                        f'<line x1="{ox - (5 if major else 3)}" y1="{y:.1f}" x2="{ox}" y2="{y:.1f}" stroke="#333"/>'
                    )
                    out.append(
                        f'<text x="{ox - 8}" y="{y + 4:.1f}" text-anchor="end">{_label_seconds(t)}</text>'
                    )
        out.append(
            f'<text x="{ox + PANEL_W / 2}" y="{TOP + PANEL_H + 38}" text-anchor="middle">rows</text>'
        )
        # a guide of slope 1 through the panel's middle: linear growth runs parallel to it
        ya, yb = 10 ** ((y0 + y1) / 2 - (x1 - x0) / 2), 10 ** ((y0 + y1) / 2 + (x1 - x0) / 2)
        out.append(f'<line x1="{X(10**x0):.1f}" y1="{Y(ya):.1f}" x2="{X(10**x1):.1f}" y2="{Y(yb):.1f}" '
                   f'stroke="#bbb" stroke-dasharray="1,3" clip-path="url(#clip{p})"/>')  # fmt: skip
        out.append(
            f'<clipPath id="clip{p}"><rect x="{ox}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}"/></clipPath>'
        )
        for case in cases:
            pts = sorted((r["rows"], r["leadsla"]["median"], yard(r))
                         for r in results if r["shape"] == shape and r["case"] == case)  # fmt: skip
            if not pts:
                continue
            for k, dash in ((1, ""), (2, ' stroke-dasharray="5,4"')):
                line = " ".join(f"{X(pt[0]):.1f},{Y(pt[k]):.1f}" for pt in pts if pt[k] > 0)
                out.append(
                    f'<polyline points="{line}" fill="none" stroke="{colour[case]}" stroke-width="1.6"{dash}/>'
                )
            for pt in pts:
                if pt[1] > 0:
                    out.append(f'<circle cx="{X(pt[0]):.1f}" cy="{Y(pt[1]):.1f}" r="2.5" fill="{colour[case]}">'
                               f"<title>{escape(shape)} {escape(case)} {pt[0]:,} rows: leadsla {pt[1]:.2f} s, "
                               f"yardstick {pt[2]:.2f} s</title></circle>")  # fmt: skip
    lx = LEFT + len(shapes) * PANEL_W + (len(shapes) - 1) * GAP + 18
    out.append(f'<text x="{lx}" y="{TOP + 4}" font-weight="bold">command / format</text>')
    for i, case in enumerate(cases):
        y = TOP + 22 + i * 18
        out.append(
            f'<line x1="{lx}" y1="{y - 4}" x2="{lx + 24}" y2="{y - 4}" stroke="{colour[case]}" stroke-width="2"/>'
        )
        out.append(f'<text x="{lx + 30}" y="{y}">{escape(case)}</text>')
    y = TOP + 22 + len(cases) * 18 + 10
    out.append(
        f'<line x1="{lx}" y1="{y - 4}" x2="{lx + 24}" y2="{y - 4}" stroke="#333" stroke-width="1.6"/>'
    )
    out.append(f'<text x="{lx + 30}" y="{y}">leadsla</text>')
    out.append(
        f'<line x1="{lx}" y1="{y + 14}" x2="{lx + 24}" y2="{y + 14}" stroke="#333" stroke-width="1.6" stroke-dasharray="5,4"/>'
    )
    out.append(f'<text x="{lx + 30}" y="{y + 18}">yardstick</text>')
    out.append(
        f'<line x1="{lx}" y1="{y + 32}" x2="{lx + 24}" y2="{y + 32}" stroke="#bbb" stroke-dasharray="1,3"/>'
    )
    out.append(f'<text x="{lx + 30}" y="{y + 36}">time ∝ rows</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _subtitle(doc: dict) -> str:  # type: ignore[type-arg]
    m = doc.get("machine", {})
    return (f"{doc.get('date', '')[:10]}; {m.get('cpu', '?')}, {m.get('cores', '?')} cores; "
            f"DuckDB {m.get('duckdb', '?')}; leadsla {m.get('leadsla_commit', '?')}; medians")  # fmt: skip


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/plot.py RESULTS.json > benchmark.svg")
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(render(json.load(f)))


if __name__ == "__main__":
    main()
