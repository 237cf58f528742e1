"""The table and the plot of bench/scale.py's results (results.json), with a power-law projection to 1M."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import header_lines

SERIES = (("full_s", "full consolidation", "#1f77b4"), ("incremental_s", "incremental, +1 day", "#d62728"),
          ("sqlite_ingest_s", "SQLite ingest", "#2ca02c"), ("parquet_ingest_s", "Parquet write", "#9467bd"))


def fit(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(a, b) of y = a·x^b through the last two points (log-log), or None with fewer than two."""
    pts = [(x, y) for x, y in points if x > 0 and y and y > 0][-2:]
    if len(pts) < 2 or pts[0][0] == pts[1][0]:
        return None
    (x0, y0), (x1, y1) = pts
    b = math.log(y1 / y0) / math.log(x1 / x0)
    return y1 / x1 ** b, b


def fits(rows: list[dict]) -> tuple[dict, str]:
    """Per series, (a, b) of the projection and how it was made: a power law through the last two sizes when they
    ran under a similar load (1-minute load average within 1.0), else linear (b = 1, a lower bound for the
    superlinear parts) from the size measured under the lowest load."""
    loads = [r.get("load_avg_start", 0) for r in rows]
    if len(rows) >= 2 and max(loads[-2:]) - min(loads[-2:]) <= 1.0:
        return {k: fit([(r["size"], r.get(k)) for r in rows]) for k, _, _ in SERIES}, "power law through the last two sizes"
    best = min(rows, key=lambda r: r.get("load_avg_start", 0))
    out = {k: (best[k] / best["size"], 1.0) if best.get(k) else None for k, _, _ in SERIES}
    return out, (f"linear from the {best['size']:,} run (the least loaded; the sizes ran under different loads, so "
                 "no exponent is fitted)")


def table(results: dict) -> list[str]:
    rows = [results[k] for k in sorted((k for k in results if k.isdigit()), key=int)]
    out = [("| articles | SQLite ingest (art/s) | Parquet write (art/s) | full consolidation s | +1 day incremental s "
           "| incremental / full | full over N + 1 day s | identical | load avg start → end | peak RSS MiB | SQLite MiB | Parquet MiB |"),
           "|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|"]
    for r in rows:
        full = r.get("full_s") or r.get("full_after_s")
        ident = {True: "yes", False: "**NO**"}.get(r.get("identical"), "not checked")
        sec = lambda k, r=r: f"{r[k]:.1f}" if r.get(k) is not None else "not run"
        rate = lambda k, r=r: f"{r['size'] / r[k]:,.0f}" if r.get(k) else "not run"
        ratio = f"{r['incremental_s'] / full:.1%}" if r.get("incremental_s") and full else "—"
        rss = r.get("peak_rss_mib") or r.get("rss_after_incremental_mib") or r.get("rss_after_ingest_mib")
        sqlite = r.get("sqlite_bytes") or r.get("sqlite_bytes_before_more")
        out.append(f"| {r['size']:,} | {rate('sqlite_ingest_s')} | {rate('parquet_ingest_s')} | {sec('full_s')} "
                   f"| {sec('incremental_s')} | {ratio} | {sec('full_after_s')} | {ident} "
                   f"| {r.get('load_avg_start', '?')} → {r.get('load_avg_end', '?')} | {rss} | {sqlite / 2**20:,.0f} "
                   f"| {r['parquet_bytes'] / 2**20:,.0f} |")
    return out


def projection(results: dict, target: int = 1_000_000) -> list[str]:
    rows = [results[k] for k in sorted((k for k in results if k.isdigit()), key=int)]
    if len(rows) < 2 or rows[-1]["size"] >= target:
        return []
    out = []
    fitted, how = fits(rows)
    for key, label, _ in SERIES:
        f = fitted[key]
        if f:
            out.append(f"{label} ≈ {f[0] * target ** f[1]:,.0f} s (exponent {f[1]:.2f})")
    for key, label in (("sqlite_bytes", "SQLite"), ("parquet_bytes", "Parquet")):
        last = next((r for r in reversed(rows) if r.get(key) or r.get(f"{key}_before_more")), None)
        if last is None:
            continue
        stored = last["size"] + (last.get("more", 0) if key == "sqlite_bytes" and last.get(key) else 0)  # + the day
        per = (last.get(key) or last[f"{key}_before_more"]) / stored
        out.append(f"{label} ≈ {per * target / 2**30:.1f} GiB ({per / 1024:.1f} KiB per article)")
    return [f"Projected to {target:,} articles ({how}; y = a·N^b): " + "; ".join(out) + "."]


PAGES = {"actor": "actor `/actors/{id}`", "search": "search `/search?q=`", "topic": "topic `/topics/{name}`",
         "actors": "actor list `/actors?…`"}


def latency_lines(results: dict) -> list[str]:
    """Per size, a table of the page latency runs side by side (before and after a change, say): p50 / p99 ms
    per page and number of clients, with requests answered in the cell."""
    out = []
    for k in sorted((k for k in results if k.isdigit()), key=int):
        r = results[k]
        if r.get("latency") and not r.get("latency_runs"):  # the one-cell form of earlier runs
            cells = ", ".join(f"{page} p99 {v['p99_ms']:.0f} ms (p50 {v['p50_ms']:.0f}, {v['rps']:.0f} req/s, "
                              f"{v['errors']} errors)" for page, v in r["latency"].items())
            out.append(f"Pages on the {r['size']:,}-article store, {r.get('latency_clients')} clients: {cells}.")
        runs = r.get("latency_runs") or []
        if not runs:
            continue
        out.append(f"Pages on the {k if not runs[0].get('articles') else runs[0]['articles']:,}-article store "
                   f"(p50 / p99 ms, requests answered in the {runs[0].get('seconds', 10):g} s cell):")
        out.append("")
        for i, run in enumerate(runs, 1):
            how = run["tool"] + (f", {run['think']:g} s think" if run.get("think") else "")
            out.append(f"{i}. {run.get('label') or 'run'}: {run['at']}, schema {run['schema']}, "
                       f"{'consolidated' if run['consolidated'] else 'not consolidated'}, {how}, load "
                       f"{run['load_avg_start']} → {run['load_avg_end']}; warm-up {run['cells']['warm_up']['urls']} "
                       f"URLs in {run['cells']['warm_up']['s']:.0f} s")
        out += ["", "| page | clients | " + " | ".join(f"run {i}" for i in range(1, len(runs) + 1)) + " |",
                "|---|---:|" + "---:|" * len(runs)]
        clients = sorted({c for run in runs for c in run["cells"] if c != "warm_up"}, key=int)
        for page in PAGES:
            for c in clients:
                cells = []
                for run in runs:
                    v = run["cells"].get(c, {}).get(page)
                    if v is None:
                        cells.append("—")
                    elif not v["requests"]:
                        cells.append("none answered")
                    else:
                        cells.append(f"{v['p50_ms']:,.0f} / {v['p99_ms']:,.0f} ({v['requests']})")
                if any(x != "—" for x in cells):
                    out.append(f"| {PAGES[page]} | {c} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def svg(results: dict, path: Path) -> None:
    """A log-log plot of seconds against articles, one line per series, dashed to the 1M projection."""
    rows = [results[k] for k in sorted((k for k in results if k.isdigit()), key=int)]
    w, h, left, right, top, bottom = 640, 400, 70, 190, 30, 50
    xs = [r["size"] for r in rows] + [1_000_000]
    ys = [r[k] for r in rows for k, _, _ in SERIES if r.get(k)]
    fitted = fits(rows)[0]
    ys += [f[0] * 1e6 ** f[1] for f in fitted.values() if f]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    px = lambda x: left + (math.log10(x) - x0) / (x1 - x0) * (w - left - right)
    py = lambda y: h - bottom - (math.log10(y) - y0) / (y1 - y0) * (h - top - bottom)
    el = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
          f'<rect width="{w}" height="{h}" fill="white"/>',
          f'<text x="{left}" y="18" font-size="14">onrecord scale bench: seconds vs archive size (log-log)</text>']
    for e in range(int(y0), int(y1) + 1):
        y = py(10 ** e)
        el.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        el.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for x in sorted(set(xs)):
        el.append(f'<line x1="{px(x):.1f}" y1="{top}" x2="{px(x):.1f}" y2="{h - bottom}" stroke="#eee"/>')
        el.append(f'<text x="{px(x):.1f}" y="{h - bottom + 16}" text-anchor="middle">{x:,}</text>')
    el.append(f'<text x="{(left + w - right) / 2:.0f}" y="{h - 12}" text-anchor="middle">articles in the archive '
              '(1,000,000: projected, dashed)</text>')
    for i, (key, label, colour) in enumerate(SERIES):
        pts = [(px(r["size"]), py(r[key])) for r in rows if r.get(key)]
        if pts:
            el.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                      + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
            el += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in pts]
        f = fitted[key]
        if f and pts and rows[-1]["size"] < 1_000_000:
            el.append(f'<line x1="{pts[-1][0]:.1f}" y1="{pts[-1][1]:.1f}" x2="{px(1e6):.1f}" '
                      f'y2="{py(f[0] * 1e6 ** f[1]):.1f}" stroke="{colour}" stroke-width="2" stroke-dasharray="5,4"/>')
        ly = top + 20 + 20 * i
        el.append(f'<line x1="{w - right + 12}" y1="{ly}" x2="{w - right + 32}" y2="{ly}" stroke="{colour}" '
                  'stroke-width="2"/>')
        el.append(f'<text x="{w - right + 38}" y="{ly + 4}">{label}</text>')
    el.append("</svg>")
    path.write_text("\n".join(el) + "\n", encoding="utf-8")


def report(results_path: Path, plot: Path, docs: Path | None) -> None:
    if not results_path.is_file():
        sys.exit(f"no results at {results_path}: run bench/scale.py --size N first")
    results = json.loads(results_path.read_text())
    first = results[min((k for k in results if k.isdigit()), key=int)]
    lines = [*header_lines(),
             (f"Archive: perturbed copies of {first['base']} extracted records (BBC News, every k-th article, + the "
             f"example), {first['per_day']:,} articles a day; incremental = one more day of {first['more']:,}. "
             "Identical: the incremental run's clusters equal a full rebuild's over the same store. "
             "Incremental / full: against the full run over N (the rebuild over N + 1 day ran later, under whatever load the shared machine had then: see the load column)."),
             "", *table(results), "", *projection(results), "", *latency_lines(results), "",
             f"![scale curve]({plot.name})"]
    svg(results, plot)
    print("\n".join(lines))
    print("wrote", plot)
    if docs is not None:
        start, end = "<!-- scale:start -->", "<!-- scale:end -->"
        body = "\n".join([start, *lines, end])
        text = docs.read_text(encoding="utf-8")
        if start in text:
            text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: body, text, flags=re.DOTALL)
        else:
            text = text.rstrip("\n") + "\n\n" + body + "\n"
        docs.write_text(text, encoding="utf-8")
        print("wrote", docs)
