"""Terminal output for the CLI: query rows as table/JSON/JSONL/CSV, and one article with its record marked up.

Kept apart from ``cli`` so commands stay "parse, call one library function, render", and apart from the library
so the library never prints.  All user-derived text reaches rich as ``Text`` objects, never as markup, so an
article containing ``[bold]`` is shown literally.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Article

ROW_FORMATS = ("table", "json", "jsonl", "csv")

# Styles for the marked-up article text; the legend printed under it uses the same table.
KIND_STYLES = {"direct": "green", "indirect": "cyan", "mixed": "yellow"}
MENTION_STYLE = "underline"
CUE_STYLE = "bold"
SPEAKER_STYLE = "bold magenta"
UNRESOLVED_STYLE = "bold red"


def stdout_console() -> Console:
    # Built per call so it writes to the sys.stdout of the moment (click's test runner swaps it).
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """One error line on stderr, in red when stderr is a terminal."""
    stderr_console().print(Text(message, style="red"), soft_wrap=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def render_rows(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[str],
                title: str | None = None) -> None:
    """Print query rows on stdout.  ``columns`` picks and orders the table columns; the machine formats
    (json, jsonl, csv) carry every field of every row."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        fields = list(rows[0].keys()) if rows else list(columns)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    elif fmt == "table":
        if not rows:
            stderr_console().print(Text("no results", style="dim"))
            return
        table = Table(title=title, show_lines=False, expand=False)
        for col in columns:
            wide = col in ("content", "title", "text", "evidence_text", "because")
            table.add_column(col, overflow="fold", no_wrap=not wide and col in ("id", "article_id"),
                             ratio=3 if wide else None)
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c))) for c in columns))
        stdout_console().print(table)
    else:  # click.Choice keeps this from happening; a programming error if it does
        raise ValueError(f"unknown output format {fmt!r}")


def marked_text(article: Article) -> Text:
    """The article text with actor mentions underlined, statements coloured by kind, cues bold, speakers
    magenta (red when the speaker could not be resolved to an actor)."""
    text = Text(article.text)
    n = len(article.text)

    def mark(span, style):
        if span is not None and 0 <= span[0] < span[1] <= n:
            text.stylize(style, span[0], span[1])

    for actor in article.actors:
        for m in actor.mentions:
            mark(m, MENTION_STYLE)
    for st in article.statements:
        for span in st.content_spans:
            mark(span, KIND_STYLES.get(st.kind, "yellow"))
        if st.cue:
            mark(st.cue.span, CUE_STYLE)
        mark(st.speaker.span, SPEAKER_STYLE if st.speaker.actor else UNRESOLVED_STYLE)
    return text


def _legend() -> Text:
    parts = [(f"{k} statement", s) for k, s in KIND_STYLES.items()]
    parts += [("cue", CUE_STYLE), ("speaker", SPEAKER_STYLE), ("unresolved speaker", UNRESOLVED_STYLE),
              ("actor mention", MENTION_STYLE)]
    legend = Text("key: ", style="dim")
    for i, (label, style) in enumerate(parts):
        if i:
            legend.append("  ")
        legend.append(label, style=style)
    return legend


def events_table(article: Article) -> Table:
    """The article's events, one row each, with parties named through the article's actors."""
    def names(ids) -> str:
        return ", ".join((article.actor(i).name if article.actor(i) else i) for i in ids)

    statement_no = {s.id: n for n, s in enumerate(article.statements, 1)}
    table = Table(title=f"{len(article.events)} events", title_justify="left")
    table.add_column("type", no_wrap=True)
    for col in ("modality", "who → whom", "trigger", "when", "where", "st."):
        table.add_column(col, overflow="fold")
    for ev in article.events:
        when = ""
        if ev.time:
            when = ev.time.text + (f" = {ev.time.resolved}" if ev.time.resolved else " (unresolved)")
        where = ""
        if ev.place:
            where = ev.place.text + (f", {ev.place.country}" if ev.place.country and
                                     ev.place.country != ev.place.text else "")
        who = names(ev.sources) or "—"
        if ev.targets:
            who += f" → {names(ev.targets)}"
        st = f"#{statement_no[ev.statement]}" if ev.statement in statement_no else ""
        table.add_row(Text(ev.type, style="bold"), Text(ev.modality), Text(who), Text(ev.trigger.text),
                      Text(when), Text(where), Text(st))
    return table


def stances_table(article: Article) -> Table:
    """Where each actor stands on each topic, with the rule that decided it."""
    topics = {t.id: t for t in article.topics}
    table = Table(title=f"{len(article.stances)} stances on {len(article.topics)} topics", title_justify="left")
    for col, kw in (("actor", {}), ("topic", {}), ("stance", {}), ("date", {}), ("because", {"ratio": 3})):
        table.add_column(col, overflow="fold", **kw)
    for st in article.stances:
        actor = article.actor(st.actor)
        who = actor.name + (f" ({actor.affiliation})" if actor and actor.affiliation else "") if actor else st.actor
        topic = topics.get(st.topic)
        table.add_row(Text(who), Text(topic.name if topic else st.topic), Text(st.stance, style="bold"),
                      Text(st.date or ""), Text(st.because))
    return table


def render_article(article: Article, console: Console | None = None) -> None:
    """A readable report of one record: metadata, marked text, statements, events, actors, removed chrome."""
    console = console or stdout_console()
    console.rule(Text(article.title or "(untitled)", style="bold"))
    meta = [("id", article.id), ("source", article.source), ("site", article.site),
            ("published", article.published), ("author", article.author)]
    console.print(Text("  ".join(f"{k}: {v}" for k, v in meta if v), style="dim"), soft_wrap=True)
    console.print()
    console.print(marked_text(article))
    console.print()
    console.print(_legend())

    if article.statements:
        table = Table(title=f"{len(article.statements)} statements", title_justify="left")
        for col, kw in (("#", {}), ("kind", {}), ("speaker", {}), ("cue", {}), ("content", {"ratio": 3})):
            table.add_column(col, overflow="fold", **kw)
        for i, st in enumerate(article.statements, 1):
            actor = article.actor(st.speaker.actor)
            who = Text(st.speaker.text or "—", style=SPEAKER_STYLE if actor else UNRESOLVED_STYLE)
            if actor and actor.name != st.speaker.text:
                who.append(f" → {actor.name}", style="magenta")
            who.append(f" ({st.speaker.resolution})", style="dim")
            table.add_row(str(i), Text(st.kind, style=KIND_STYLES.get(st.kind, "")), who,
                          Text(st.cue.text if st.cue else ""), Text(st.content_text))
        console.print(table)
    else:
        console.print(Text("no statements found", style="dim"))

    if article.events:
        console.print(events_table(article))

    if article.stances:
        console.print(stances_table(article))
    if article.topics:
        line = Text("topics: ", style="bold")
        line.append("; ".join(f"{t.name} = " + " = ".join(f"“{a}”" for a in t.aliases) for t in article.topics))
        console.print(line, soft_wrap=True)

    if article.actors:
        table = Table(title=f"{len(article.actors)} actors", title_justify="left")
        for col in ("id", "name", "kind", "roles", "affiliation", "mentions"):
            table.add_column(col, overflow="fold")
        for a in article.actors:
            table.add_row(Text(a.id), Text(a.name, style="bold"), Text(a.kind), Text(", ".join(a.roles)),
                          Text(a.affiliation or ""), str(len(a.mentions)))
        console.print(table)

    if article.removed:
        console.print(Text(f"removed from the input ({len(article.removed)}):", style="bold"))
        for r in article.removed:
            line = Text(f"  at {r.at} [{r.reason}] ", style="dim")
            line.append(r.text.replace("\n", " ⏎ "), style="strike dim")
            console.print(line, soft_wrap=True)
