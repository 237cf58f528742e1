"""What the pages show, computed from query results: the article text cut into marked pieces, speaker colours,
and the charts as plain geometry.  Pure functions over records and rows; the templates turn them into HTML and
SVG (autoescaped).  The one exception is ``text_html``, the article page's hot path, which builds the marked text
itself and passes every value from the record through ``markupsafe.escape``.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import Article

if TYPE_CHECKING:
    from markupsafe import Markup

N_COLOURS = 8  # speaker/party colour classes c0..c7 in style.css


@dataclass(slots=True)
class Piece:
    """A run of text under one unchanging set of marks (so nested tags around it are always well formed)."""

    text: str
    start: int
    statement: int | None = None  # index into the article's statements
    actor: str | None = None  # actor id of a mention covering the piece
    cue: bool = False
    speaker: bool = False
    trigger: int | None = None  # index into the article's events
    topic: str | None = None  # canonical name of a topic mention covering the piece
    removed: list[dict[str, Any]] = field(default_factory=list)  # chrome that stood just before this piece


def speaker_key(statement) -> str:
    return statement.speaker.actor or ("?" + (statement.speaker.text or ""))


def speaker_colours(article: Article) -> "OrderedDict[str, int | None]":
    """Speaker key → colour index, in order of first statement; unresolved speakers get None (grey)."""
    colours: OrderedDict[str, int | None] = OrderedDict()
    n = 0
    for st in article.statements:
        key = speaker_key(st)
        if key in colours:
            continue
        if st.speaker.actor:
            colours[key] = n % N_COLOURS
            n += 1
        else:
            colours[key] = None
    return colours


def speakers(article: Article) -> list[dict[str, Any]]:
    """The article's speakers in order of first statement: actor id (None if unresolved), name, colour, count."""
    colours = speaker_colours(article)
    out: dict[str, dict[str, Any]] = {}
    for st in article.statements:
        key = speaker_key(st)
        if key not in out:
            actor = article.actor(st.speaker.actor)
            out[key] = {"actor": st.speaker.actor, "name": actor.name if actor else st.speaker.text,
                        "colour": colours[key], "count": 0}
        out[key]["count"] += 1
    return list(out.values())


def pieces(article: Article, *, show_removed: bool = False) -> list[Piece]:
    """Cut the clean text at every boundary of a statement, cue, speaker mention, actor mention or event trigger
    (and, with ``show_removed``, where removed chrome stood). Spans outside the text are ignored."""
    text, n = article.text, len(article.text)
    marks: list[tuple[int, int, str, Any]] = []

    def add(span, kind, payload):
        if span is not None and 0 <= span[0] < span[1] <= n:
            marks.append((span[0], span[1], kind, payload))

    for i, st in enumerate(article.statements):
        for sp in st.content_spans:
            add(sp, "st", i)
        if st.cue:
            add(st.cue.span, "cue", i)
        add(st.speaker.span, "spk", i)
    for a in article.actors:
        for m in a.mentions:
            add(m, "men", a.id)
    for i, e in enumerate(article.events):
        add(e.trigger.span, "ev", i)
    for t in article.topics:
        for m in t.mentions:
            add(m, "top", t.name)
    removed_at: dict[int, list[dict[str, Any]]] = {}
    if show_removed:
        for r in article.removed:
            removed_at.setdefault(min(max(r.at, 0), n), []).append(r.to_dict())
    bounds = sorted({0, n, *removed_at, *(m[0] for m in marks), *(m[1] for m in marks)})
    starts: dict[int, list] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    active: list = []
    out: list[Piece] = []
    for a, b in zip(bounds, bounds[1:] + [None]):
        active = [m for m in active if m[1] > a] + starts.get(a, [])
        if b is None:  # the end of the text: only chrome that stood after the last character
            if removed_at.get(a):
                out.append(Piece("", a, removed=removed_at[a]))
            break
        p = Piece(text[a:b], a, removed=removed_at.get(a, []))
        for start, end, kind, payload in active:
            if kind == "st":
                p.statement = payload
            elif kind == "men" and p.actor is None:
                p.actor = payload
            elif kind == "cue":
                p.cue = True
            elif kind == "spk":
                p.speaker = True
            elif kind == "ev":
                p.trigger = payload
            elif kind == "top" and p.topic is None:
                p.topic = payload
        out.append(p)
    return out


def bar_chart(rows: list[dict[str, Any]], *, x: str, series: str, value: str, width: int = 720,
              height: int = 220, max_bars: int = 60) -> dict[str, Any]:
    """A stacked bar chart as geometry: one bar per ``x`` value (the last ``max_bars``), stacked by ``series``.

    Returns {"width", "height", "bars": [{"x", "label", "total", "parts": [{"y", "h", "series", "colour",
    "value"}]}], "legend": [{"series", "colour", "total"}], "ticks": [{"y", "label"}], "bar_width"}."""
    xs = list(OrderedDict.fromkeys(r[x] for r in rows))[-max_bars:]
    totals_by_series: dict[Any, int] = {}
    for r in rows:
        if r[x] in xs:
            totals_by_series[r[series]] = totals_by_series.get(r[series], 0) + r[value]
    order = sorted(totals_by_series, key=lambda s: (-totals_by_series[s], str(s)))
    colour = {s: (i % N_COLOURS if s is not None else None) for i, s in enumerate(order)}
    stacks: dict[Any, list[tuple[Any, int]]] = {k: [] for k in xs}
    for r in rows:
        if r[x] in stacks:
            stacks[r[x]].append((r[series], r[value]))
    peak = max((sum(v for _, v in st) for st in stacks.values()), default=0) or 1
    left, bottom, top = 36, 28, 8
    plot_h = height - bottom - top
    step = (width - left - 8) / max(len(xs), 1)
    bar_w = max(2.0, min(40.0, step * 0.8))
    bars = []
    for i, k in enumerate(xs):
        y = top + plot_h
        parts = []
        for s, v in sorted(stacks[k], key=lambda sv: order.index(sv[0])):
            h = plot_h * v / peak
            y -= h
            parts.append({"y": round(y, 1), "h": round(h, 1), "series": s, "colour": colour[s], "value": v})
        bars.append({"x": round(left + i * step + (step - bar_w) / 2, 1), "label": k,
                     "total": sum(v for _, v in stacks[k]), "parts": parts})
    label_every = max(1, len(xs) // 8)
    for i, bar in enumerate(bars):
        bar["show_label"] = i % label_every == 0
    ticks = [{"y": round(top + plot_h - plot_h * f, 1), "label": round(peak * f)} for f in (0, 0.5, 1)]
    legend = [{"series": s, "colour": colour[s], "total": totals_by_series[s]} for s in order]
    return {"width": width, "height": height, "bars": bars, "bar_width": round(bar_w, 1), "legend": legend,
            "ticks": ticks, "left": left, "base": top + plot_h}


def stance_chart(rows: list[dict[str, Any]], *, by: str, width: int = 720, max_dates: int = 40,
                 evidence: Callable[[list[dict[str, Any]]], Any] | None = None) -> dict[str, Any]:
    """Stances over time as geometry: one lane per ``by`` value ("actor" — the actor across articles when
    clustered — or "topic"), one column per date, one mark per stance, coloured by the stance and shaped by what
    carries it (a statement: circle; an event: square). Undated stances are counted, not drawn.

    A lane's stances of one date take four places side by side, the fifth where the first was, and so on: only
    the last stance drawn at each place is kept (the one on top), so a chart holds at most lanes × dates × 4
    marks however many stances there are.  ``evidence``: called with the rows kept, to give them their
    ``evidence_kinds`` (rows of ``Store.stances(evidence=False)`` have none)."""
    if by == "actor":
        rows = [{**r, "actor": r.get("cluster_name") or r["actor"]} for r in rows]
    dated = [r for r in rows if r.get("date")]
    dates = sorted({r["date"][:10] for r in dated})[-max_dates:]
    lanes = list(OrderedDict.fromkeys(r[by] for r in sorted(dated, key=lambda r: r["date"]) if r["date"][:10] in dates))
    left, top, lane_h, bottom = 170, 10, 26, 30
    height = top + lane_h * max(len(lanes), 1) + bottom
    step = (width - left - 20) / max(len(dates), 1)
    xs = {d: left + step * (i + 0.5) for i, d in enumerate(dates)}
    ys = {lane: top + lane_h * (i + 0.5) for i, lane in enumerate(lanes)}
    stack: dict[tuple, int] = {}
    on_top: dict[tuple, tuple[int, dict[str, Any]]] = {}  # (lane, date, place) → the last row drawn there
    for i, r in enumerate(dated):
        d = r["date"][:10]
        if d not in xs:
            continue
        k = (r[by], d)
        n = stack.get(k, 0)
        stack[k] = n + 1
        on_top[(r[by], d, n % 4)] = (i, r)
    shown = sorted(on_top.items(), key=lambda kv: kv[1][0])  # in drawing order
    if evidence is not None:
        evidence([r for _, (_, r) in shown])
    marks = []
    for (_, d, place), (_, r) in shown:
        kinds = r.get("evidence_kinds") or []
        marks.append({"x": round(xs[d] + place * 7 - 10, 1), "y": round(ys[r[by]], 1), "stance": r["stance"],
                      "shape": "event" if kinds and kinds[0] == "event" else "statement",
                      "label": f"{r['actor']} · {r['topic']} · {r['stance']} · {d}"
                               f"{' · ' + kinds[0] if kinds and kinds[0] else ''}",
                      "href": f"/articles/{_q(r['article_id'])}#e-{_q(r['evidence'][0])}" if r.get("evidence")
                      else f"/articles/{_q(r['article_id'])}"})
    every = max(1, len(dates) // 8)
    return {"width": width, "height": height, "left": left, "base": top + lane_h * max(len(lanes), 1),
            "lanes": [{"label": lane, "y": round(ys[lane], 1)} for lane in lanes],
            "dates": [{"label": d, "x": round(xs[d], 1), "show": i % every == 0} for i, d in enumerate(dates)],
            "marks": marks, "marks_svg": marks_svg(marks), "undated": len(rows) - len(dated)}


def marks_svg(marks: list[dict[str, Any]]) -> "Markup":
    """A chart's marks as SVG (what the stance_chart macro's loop wrote; built here as text_html is, since a
    topic's chart holds hundreds of them).  Every value goes through ``escape``; the markup is fixed strings."""
    from markupsafe import Markup, escape

    out = []
    for m in marks:
        cls, title = escape(m["stance"]), escape(m["label"])
        if m["shape"] == "event":
            shape = (f'<rect class="stance-{cls}" x="{m["x"] - 5.5}" y="{m["y"] - 5.5}" width="11" height="11">'
                     f'<title>{title}</title></rect>')
        else:
            shape = f'<circle class="stance-{cls}" cx="{m["x"]}" cy="{m["y"]}" r="6"><title>{title}</title></circle>'
        out.append(f'<a href="{escape(m["href"])}">{shape}</a>')
    return Markup("".join(out))


def matrix_key(r: dict[str, Any]) -> str:
    """The row of the actor × stance matrix a stance falls in: one per actor across articles when `consolidate`
    has clustered them, else per actor id and name."""
    return r.get("cluster_id") or (r["actor_id"] + "|" + str(r["actor"]))


def stance_matrix(rows: list[dict[str, Any]], stances: tuple[str, ...], *, per_cell: int | None = None,
                  actors: int | None = None,
                  evidence: Callable[[list[dict[str, Any]]], Any] | None = None) -> list[dict[str, Any]]:
    """Actor × stance: for each actor (most stances first; the first ``actors`` of them) the stance rows under
    each stance value (the first ``per_cell`` of them; ``counts`` says how many there are).  ``evidence``: called
    with the rows kept, to give them their evidence text (rows of ``Store.stances(evidence=False)`` have none)."""
    by_actor: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        key = matrix_key(r)
        a = by_actor.setdefault(key, {
            "key": key, "actor": r.get("cluster_name") or r["actor"], "actor_id": r["actor_id"],
            "affiliation": r.get("affiliation"), "cells": {s: [] for s in stances},
            "counts": dict.fromkeys(stances, 0), "total": 0})
        if r["stance"] in a["cells"]:
            if per_cell is None or a["counts"][r["stance"]] < per_cell:
                a["cells"][r["stance"]].append(r)
            a["counts"][r["stance"]] += 1
            a["total"] += 1
    out = sorted(by_actor.values(), key=lambda a: (-a["total"], str(a["actor"])))[:actors]
    if evidence is not None:
        evidence([r for a in out for cell in a["cells"].values() for r in cell])
    return out


def _q(value: str) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="")


def text_html(article: Article, *, show_removed: bool = False) -> "Markup":
    """The clean text as HTML: statements highlighted (coloured by speaker, with speaker, kind, cue and medium in
    ``title`` and ``data-*``), speaker mentions and cues bold, actor and topic mentions linked, event triggers
    underlined, removed chrome in place when asked.

    Built here rather than in the template because it is the hot path of the article page (a template loop over
    ~100 pieces costs several times more). Every value from the record goes through ``escape``; the literal markup
    is fixed strings.
    """
    from markupsafe import Markup, escape

    colours = speaker_colours(article)
    names = {a.id: a.name for a in article.actors}
    opens = []
    for st in article.statements:
        colour = colours[speaker_key(st)]
        who = names.get(st.speaker.actor) or st.speaker.text or ""
        title = " · ".join(x for x in (who or "unresolved speaker", st.kind, st.cue.text if st.cue else None,
                                       st.medium.text if st.medium else None) if x)
        opens.append(f'<span class="st k-{escape(st.kind)} {"cnone" if colour is None else f"c{colour}"}" '
                     f'data-st="{escape(st.id)}" data-speaker="{escape(who)}" title="{escape(title)}" tabindex="0">')
    out: list[str] = []
    for p in pieces(article, show_removed=show_removed):
        for r in p.removed:
            out.append(f'<del class="removed" title="removed: {escape(r["reason"])}">{escape(r["text"])}</del>')
        if p.statement is not None:
            out.append(opens[p.statement])
        # one link per piece: an actor mention wins over a topic mention (links cannot nest)
        topic = p.topic if not p.actor else None
        if p.actor:
            out.append(f'<a class="mention" href="/actors/{escape(_q(p.actor))}">')
        elif topic:
            out.append(f'<a class="topic-mention" href="/topics/{escape(_q(topic))}" title="topic: {escape(topic)}">')
        inner = ("cue " if p.cue else "") + ("spk " if p.speaker else "") + ("ev" if p.trigger is not None else "")
        if inner:
            if p.trigger is not None:
                e = article.events[p.trigger]
                out.append(f'<span class="{inner.strip()}" title="{escape(e.type)} ({escape(e.modality)})">')
            else:
                out.append(f'<span class="{inner.strip()}">')
        out.append(str(escape(p.text)))
        if inner:
            out.append("</span>")
        if p.actor or topic:
            out.append("</a>")
        if p.statement is not None:
            out.append("</span>")
    return Markup("".join(out))
