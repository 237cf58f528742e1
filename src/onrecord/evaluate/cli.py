"""``onrecord eval``: score onrecord against gold data and print a table (or JSON with ``--json``).

The main CLI adds ``eval_group`` when this module imports; the scorers are imported only when a command runs, so
``onrecord --help`` does not pay for them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..errors import OnrecordError
from ..render import error, stderr_console, stdout_console


def _fail(ctx: click.Context, err: OnrecordError) -> None:
    error(str(err))
    ctx.exit(1)


@click.group("eval")
def eval_group() -> None:
    """Score onrecord against gold annotations."""


@eval_group.command("statements")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, path_type=Path),
              help="brat split directory (text/ + attributions/) or a JSONL gold file")
@click.option("--format", "fmt", type=click.Choice(["brat", "jsonl"]), default="brat", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="score only the first N documents")
@click.option("--model", default=None, help="spaCy model (default: as for extract)")
@click.option("--types", "types", default=None, metavar="TYPE[,TYPE]",
              help="score only predicted statements of these types (speech, writing, belief); default all")
@click.option("--eval-data", "eval_data", default=None, type=click.Path(path_type=Path),
              help="where a JSONL gold's shared texts are (default $ONRECORD_EVAL_DATA, $ONRECORD_SHARED/eval-data, "
                   "../shared/eval-data)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def statements_cmd(ctx: click.Context, gold_path: Path, fmt: str, limit: int | None, model: str | None,
                   types: str | None, eval_data: Path | None, as_json: bool) -> None:
    """Statement extraction: content P/R/F1 at exact/0.8/0.5/any overlap, per kind; cue and speaker accuracy."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .gold import read_brat_dir, read_jsonl
    from .statements import default_predictor, evaluate_statements

    try:
        golds = list(read_brat_dir(gold_path) if fmt == "brat" else read_jsonl(gold_path, eval_data=eval_data))
        keep = None
        if types is not None:
            from ..model import STATEMENT_TYPES

            keep = [t.strip() for t in types.split(",") if t.strip()]
            bad = [t for t in keep if t not in STATEMENT_TYPES]
            if bad or not keep:
                raise click.BadParameter(f"{', '.join(bad) or types!r}: types are {', '.join(STATEMENT_TYPES)}",
                                         param_hint="--types")
        if limit is not None:
            golds = golds[:limit]
        predict = default_predictor(model=model)
        console = stderr_console()
        with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), console=console,
                      transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("docs", total=len(golds))

            def tracked(g):
                try:
                    return predict(g)
                finally:
                    progress.advance(task)

            result = evaluate_statements(golds, tracked, types=keep)
    except OnrecordError as err:
        _fail(ctx, err)
        return
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    out = stdout_console()
    for table in statement_tables(result, title=str(gold_path)):
        out.print(table)
    for e in result["errors"]:
        error(e)


@eval_group.command("extraction")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, path_type=Path),
              help="gold article bodies (see docs/gold-format.md)")
@click.option("--no-site-dedup", is_flag=True, help="do not drop lines repeated across pages of one site")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def extraction_cmd(ctx: click.Context, gold_path: Path, no_site_dedup: bool, as_json: bool) -> None:
    """Article-body extraction: shingle precision/recall/F1 against gold bodies."""
    try:
        from .extraction import evaluate_extraction
    except ImportError as err:
        error(f"E400 the extraction evaluator is unavailable: {err}")
        ctx.exit(1)
        return
    try:
        result = evaluate_extraction(gold_path, site_dedup=not no_site_dedup)
    except OnrecordError as err:
        _fail(ctx, err)
        return
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    stdout_console().print(flat_table(result, title=f"extraction: {gold_path}"))


@eval_group.command("record")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="record gold file (JSONL; see docs/gold-format.md)")
@click.option("--inputs", "inputs", required=True, multiple=True, type=click.Path(path_type=Path),
              help="files or folders holding the gold articles, matched by file name (repeatable); a gold "
                   "article not found here is reported and not scored")
@click.option("--model", default=None, help="spaCy model (default: as for extract)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def record_cmd(ctx: click.Context, gold_path: Path, inputs: tuple[Path, ...], model: str | None,
               as_json: bool) -> None:
    """The record across articles: events, stances (P/R/F1), actor and quote clusters (pairwise merge P/R/F1)."""
    from .record import evaluate_record, extract_inputs, read_record_gold

    try:
        gold = read_record_gold(gold_path)
        articles, errors = extract_inputs(gold, inputs, model=model)
        result = evaluate_record(gold, articles)
    except OnrecordError as err:
        _fail(ctx, err)
        return
    result["errors"] = errors
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    out = stdout_console()
    for table in record_tables(result):
        out.print(table)
    for name in result["missing_articles"]:
        error(f"{name}: not among the inputs, not scored")
    for e in errors:
        error(e)


@eval_group.command("events")
@click.option("--gold", "gold_paths", type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True,
              help="sentence gold (JSONL references: article id, offsets, PLOVER codes; tests/data/plover-bbc-gold.jsonl);"
                   " repeat for more files, each scored in its own halves (plover-bbc-gold-2.jsonl: dev2, held-out2)")
@click.option("--bbc", "bbc_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="the BBC articles the gold refers to (bbc-fulltext.jsonl)")
@click.option("--synthetic", "synthetic_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="PLOVER synthetic stories (gpt_synthetic_events_*.csv.gz): type recall, confusion")
@click.option("--every", type=click.IntRange(min=1), default=1, show_default=True,
              help="score every N-th synthetic story")
@click.option("--model", default=None, help="spaCy model (default: as for extract)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def events_cmd(ctx: click.Context, gold_paths: tuple[Path, ...], bbc_path: Path | None, synthetic_path: Path | None,
               every: int, model: str | None, as_json: bool) -> None:
    """PLOVER events: type and type+source+target on hand-coded real sentences; type recall on synthetic stories."""
    from ..nlp import load_nlp
    from .events import evaluate_sentences, evaluate_synthetic

    if synthetic_path is None and (not gold_paths or bbc_path is None):
        raise click.UsageError("give --gold with --bbc, or --synthetic (or both)")
    result: dict[str, Any] = {}
    try:
        nlp = load_nlp(model)
        if gold_paths and bbc_path is not None:
            result["sentences"] = evaluate_sentences(list(gold_paths), bbc_path, nlp)
        if synthetic_path is not None:
            result["synthetic"] = evaluate_synthetic(synthetic_path, nlp, every=every)
    except OnrecordError as err:
        _fail(ctx, err)
        return
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    out = stdout_console()
    if "sentences" in result:
        r = result["sentences"]
        t = Table(title=f"PLOVER events, real sentences ({r['rows']} gold, {r['skipped']} skipped)")
        for c in ("split", "sentences", "type", "type+source+target"):
            t.add_column(c)
        for split in sorted(k for k, v in r.items() if isinstance(v, dict) and "type_accuracy" in v):
            t.add_row(split, str(r[split]["sentences"]), _pct(r[split]["type_accuracy"]),
                      _pct(r[split]["type_source_target"]))
        out.print(t)
    if "synthetic" in result:
        r = result["synthetic"]
        t = Table(title=f"PLOVER synthetic stories ({r['stories']} scored): type recall")
        t.add_column("type")
        splits = [s for s in ("dev", "held-out") if s in r]
        for s in splits:
            t.add_column(s)
        types = sorted({k for s in splits for k in r[s]["by_type"]})
        for k in types:
            t.add_row(k, *[_pct(r[s]["by_type"][k]["recall"]) if k in r[s]["by_type"] else "–" for s in splits])
        t.add_row("all", *[_pct(r[s]["type_recall"]) for s in splits])
        out.print(t)


@eval_group.command("times")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TimeML gold as JSON (the shape of eval-data/timebank/tbaq.json)")
@click.option("--part", type=click.Choice(["dev", "heldout", "all"]), default=None,
              help="score one part of the fixed dev/held-out split (default: both, side by side)")
@click.option("--markdown", is_flag=True, help="print the per-type table as Markdown (docs/benchmarks.md)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def times_cmd(ctx: click.Context, gold_path: Path, part: str | None, markdown: bool, as_json: bool) -> None:
    """Temporal expressions: span and TimeML value P/R/F1, strict and relaxed (TempEval-3), per type."""
    from .times import HEIDELTIME_VALUE_F1, evaluate_times, load_tbaq, markdown_table, split_of

    try:
        docs = load_tbaq(gold_path)
    except OnrecordError as err:
        _fail(ctx, err)
        return
    parts = ("dev", "heldout") if part is None else (part,)
    result = {p: evaluate_times([d for d in docs if p == "all" or split_of(d["id"]) == p]) for p in parts}
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    if markdown and part is None:
        click.echo(markdown_table(result))
        return
    out = stdout_console()
    for p, r in result.items():
        table = Table(title=f"times: {gold_path} ({p}, {r['documents']} documents; HeidelTime value F1 "
                            f"{HEIDELTIME_VALUE_F1} on TempEval-3 platinum)")
        for col in ("type", "gold", "system", "value F1 relaxed", "value F1 strict", "span F1 relaxed",
                    "span F1 strict", "value P relaxed", "value R relaxed"):
            table.add_column(col, justify="left" if col == "type" else "right")
        for group, g in r["groups"].items():
            rv, sv = g["relaxed"]["value"], g["strict"]["value"]
            table.add_row(group, str(rv["gold"]), str(rv["system"]), _pct(rv["f1"]), _pct(sv["f1"]),
                          _pct(g["relaxed"]["span"]["f1"]), _pct(g["strict"]["span"]["f1"]),
                          _pct(rv["precision"]), _pct(rv["recall"]))
        out.print(table)


def record_tables(result: dict[str, Any]) -> list[Table]:
    """One P/R/F1 table for the four parts, then the mistakes of the clustering parts."""
    main = Table(title=f"record: {result['gold']} — {result['articles']} articles")
    for col in ("part", "level", "matched", "pred", "gold", "precision %", "recall %", "F1 %"):
        main.add_column(col, justify="left" if col in ("part", "level") else "right")
    rows = [("events", "type + source", result["events"]["headline"]),
            ("events", "+ targets + modality", result["events"]["full"]),
            ("stances", "actor + topic", result["stances"]["actor_topic"]),
            ("stances", "+ stance", result["stances"]["labelled"]),
            ("actor clusters", "merge pairs", result["actor_clusters"]["pairs"]),
            ("actor clusters", "cross-spelling pairs", result["actor_clusters"]["cross_spelling"]),
            ("quote clusters", "merge pairs", result["quote_clusters"]["pairs"])]
    for part, level, r in rows:
        main.add_row(part, level, str(r["tp"]), str(r["pred"]), str(r["gold"]), _pct(r["precision"]),
                     _pct(r["recall"]), _pct(r["f1"]))
    sim = result["quote_clusters"]["similarity"]
    main.caption = (f"quote similarity (word-bigram containment): same quote ≥ {sim['same_quote_min']}; different "
                    f"quotes ≤ {sim['different_quote_max']}, ≤ {sim['different_quote_compatible_speakers_max']} "
                    f"where the speakers could be one; threshold {sim['threshold']}")
    tables = [main]
    mistakes = Table(title="clustering mistakes")
    mistakes.add_column("part")
    mistakes.add_column("kind")
    mistakes.add_column("pair")
    for part in ("actor_clusters", "quote_clusters"):
        for kind in ("wrong_merges", "missed_merges"):
            for pair in result[part][kind]:
                mistakes.add_row(part.replace("_", " "), kind.replace("_", " "), pair)
    if mistakes.row_count:
        tables.append(mistakes)
    return tables


# ------------------------------------------------------------------------------------------------ rendering

def _pct(v: float) -> str:
    return f"{100 * v:.1f}"


def statement_tables(result: dict[str, Any], title: str = "") -> list[Table]:
    """Content P/R/F1 per threshold, recall/precision per kind, and the matched-pair accuracies."""
    main = Table(title=f"statements: {title} — {result['docs']} docs, {result['gold']} gold, "
                       f"{result['pred']} predicted")
    for col in ("content overlap", "matched", "precision %", "recall %", "F1 %"):
        main.add_column(col, justify="left" if col == "content overlap" else "right")
    for t, r in result["thresholds"].items():
        label = f"≥ {t}" if t[0].isdigit() else t
        if t == result["headline"]:
            label += " (headline)"
        main.add_row(label, str(r["tp"]), _pct(r["precision"]), _pct(r["recall"]), _pct(r["f1"]))

    kinds = Table(title="by kind: recall % (by gold kind) / precision % (by predicted kind)")
    kinds.add_column("kind")
    kinds.add_column("gold", justify="right")
    kinds.add_column("pred", justify="right")
    for t in result["thresholds"]:
        kinds.add_column(f"≥ {t}" if t[0].isdigit() else t, justify="right", no_wrap=True)
    for k, per in result["by_kind"].items():
        first = next(iter(per.values()))
        row = [k, str(first["gold"]), str(first["pred"])]
        row += [f"{_pct(per[t]['recall'])}/{_pct(per[t]['precision'])}" for t in result["thresholds"]]
        kinds.add_row(*row)

    acc = Table(title=f"on statements matched at ≥ {result['headline']}")
    for col in ("check", "correct", "of", "accuracy %"):
        acc.add_column(col, justify="left" if col == "check" else "right")
    for key, label in (("cue", "cue span overlaps gold cue"),
                       ("speaker_span", "speaker mention overlaps gold source"),
                       ("speaker_name", "resolved speaker name ~ gold speaker"),
                       ("speaker_resolved", "name ~ gold, or gold source is a mention of our actor")):
        r = result[key]
        acc.add_row(label, str(r["correct"]), str(r["total"]), _pct(r["accuracy"]))
    if result.get("misaligned"):
        acc.caption = f"{len(result['misaligned'])} documents whose text differed from the gold text"
    return [main, kinds, acc]


def _flatten(d: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(d, dict):
        rows = []
        for k, v in d.items():
            rows += _flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return rows
    if isinstance(d, (list, tuple)) and len(d) > 8:
        return [(prefix, f"{len(d)} items")]
    if isinstance(d, float):
        return [(prefix, f"{d:.4f}")]
    return [(prefix, str(d))]


def flat_table(result: dict[str, Any], title: str = "") -> Table:
    """A two-column table of a nested result (for scorers whose result shape this module does not own)."""
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for k, v in _flatten(result):
        table.add_row(k, v)
    return table


@eval_group.command("gap")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="GAP folder with gap-development.tsv / gap-validation.tsv")
@click.option("--split", type=click.Choice(["development", "validation", "both"]), default="both",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="score only the first N pronouns")
@click.option("--model", default=None, help="spaCy model (default: as for extract)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.pass_context
def gap_cmd(ctx: click.Context, gold_path: Path, split: str, limit: int | None, model: str | None,
            as_json: bool) -> None:
    """Pronoun → name resolution on GAP: P/R/F1 over (pronoun, name) pairs, per gender, and the F/M ratio."""
    from .gap import SPLITS, evaluate_gap, split_path

    try:
        results = {s: evaluate_gap(split_path(gold_path, s), model=model, limit=limit)
                   for s in (SPLITS if split == "both" else (split,))}
    except OnrecordError as err:
        _fail(ctx, err)
        return
    if as_json:
        stdout_console().print_json(json.dumps(results))
        return
    table = Table(title="GAP pronoun resolution (pairs)")
    for col in ("split", "pronouns", "P", "R", "F1", "F1 masc", "F1 fem", "bias F/M"):
        table.add_column(col)
    for s, r in results.items():
        a = r["all"]
        table.add_row(s, str(r["examples"]), f"{a['precision']:.3f}", f"{a['recall']:.3f}", f"{a['f1']:.3f}",
                      f"{r['masculine']['f1']:.3f}", f"{r['feminine']['f1']:.3f}", f"{r['bias']:.2f}")
    stdout_console().print(table)
