"""Statement extraction on PolNeAR: onrecord against textacy's ``direct_quotations``, on the same parse.

Each article is parsed once by the onrecord pipeline (spaCy model + ``onrecord_actors`` + ``onrecord_quotes``);
onrecord's statements are read from that Doc, and textacy's rule-based direct-quotation extractor reads the very
same Doc, so the two differ only in the extraction rules.  Both are scored by ``evaluate_statements`` (see
docs/gold-format.md for the overlap and matching definitions).  textacy's triples become statements with content =
the quoted span (marks included; the scorer trims them), speaker = the speaker tokens, cue = the cue tokens.

    python bench/statements.py --gold ../shared/eval-data/polnear/data/dev [--limit N] [--write-docs]

``--sample N`` scores the N articles whose ``sha1(stem)`` hex digest sorts first — a fixed sample of a split that is
not read otherwise, e.g. 60 of PolNeAR train as a held-out check on rules made on dev (print its figures only):

    python bench/statements.py --gold ../shared/eval-data/polnear/data/train --sample 60
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

from onrecord.evaluate.gold import read_brat_dir  # noqa: E402
from onrecord.evaluate.statements import evaluate_statements  # noqa: E402
from onrecord.model import Article, Speaker, Statement, TextSpan, content_hash  # noqa: E402


def _tok_span(tokens) -> tuple[int, int]:
    return (min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens))


def textacy_article(gold, sdoc) -> tuple[Article, bool]:
    """textacy's direct quotations as an Article; the flag is False when textacy refused the document
    (it raises on an odd number of quote marks rather than guess which quote is unclosed)."""
    from textacy.extract.triples import direct_quotations

    stmts = []
    try:
        triples = list(direct_quotations(sdoc))
    except ValueError:
        return Article(id=gold.doc_id, text=gold.text), False
    for tr in triples:
        c = (tr.content.start_char, tr.content.end_char)
        spk, cue = _tok_span(tr.speaker), _tok_span(tr.cue)
        sent = tr.content.sent
        stmts.append(Statement(
            id=content_hash(gold.doc_id, str(c)),
            kind="direct",
            content_text=gold.text[c[0]:c[1]],
            content_spans=(c,),
            cue=TextSpan(gold.text[cue[0]:cue[1]], cue),
            speaker=Speaker(text=gold.text[spk[0]:spk[1]], span=spk, actor=None),
            medium=None,
            sentence_span=(sent.start_char, sent.end_char),
        ))
    return Article(id=gold.doc_id, text=gold.text, statements=tuple(stmts)), True


def onrecord_article(gold, sdoc) -> Article:
    """What ``pipeline.extract_document`` builds with ``clean=False``, from the already-parsed Doc."""
    return Article(id=gold.doc_id, text=gold.text, actors=tuple(sdoc._.onrecord_actors),
                   statements=tuple(sdoc._.onrecord_statements))


def sample(golds: list, n: int) -> list:
    """The ``n`` articles whose sha1(stem) hex digest sorts first, in their own order."""
    keep = set(sorted((g.doc_id for g in golds), key=lambda s: hashlib.sha1(s.encode()).hexdigest())[:n])
    return [g for g in golds if g.doc_id in keep]


def run(gold_dir: Path, limit: int | None, n_sample: int | None = None) -> tuple[list[dict], int]:
    from onrecord.nlp import load_nlp

    golds = list(read_brat_dir(gold_dir))
    golds = (sample(golds, n_sample) if n_sample else golds)[:limit]
    nlp = load_nlp(None)
    t0 = time.perf_counter()
    sdocs = list(nlp.pipe((g.text for g in golds), batch_size=8))
    t_parse = time.perf_counter() - t0

    ours = {g.doc_id: onrecord_article(g, d) for g, d in zip(golds, sdocs)}
    t0 = time.perf_counter()
    theirs, refused = {}, 0
    for g, d in zip(golds, sdocs):
        theirs[g.doc_id], ok = textacy_article(g, d)
        refused += not ok
    t_textacy = time.perf_counter() - t0

    rows = []
    for name, arts, secs in (("onrecord", ours, t_parse), ("textacy direct_quotations", theirs, t_textacy)):
        r = evaluate_statements(golds, lambda g, arts=arts: arts[g.doc_id])
        r["system"], r["seconds"] = name, secs
        rows.append(r)
    return rows, refused


def _pct(v: float) -> str:
    return f"{100 * v:.1f}"


def table(rows: list[dict], refused: int, gold_dir: Path) -> list[str]:
    r0 = rows[0]
    out = _common.header_lines() + [
        "",
        f"PolNeAR `{gold_dir.name}` split: {r0['docs']} articles, {r0['gold']} gold attributions (one annotator "
        "per article). Content match: one-to-one, greedy by overlap; overlap = shared characters / larger span "
        "(docs/gold-format.md). P/R/F1 at overlap ≥ 0.5 (headline), F1 at the other thresholds; recall by gold "
        "kind at ≥ 0.5; cue and speaker accuracy on the pairs matched at ≥ 0.5. Speaker name compares our actor's "
        "name with the gold Source text (strict: a role such as \"the Republican nominee\" never matches a name); "
        "speaker resolved also passes when the gold Source is one of our actor's mentions.",
        "",
        "| system | pred | P ≥0.5 | R ≥0.5 | F1 ≥0.5 | F1 exact | F1 ≥0.8 | F1 any | R direct | R mixed | "
        "R indirect | cue | speaker span | speaker name | speaker resolved | seconds |",
        "|---|" + "---:|" * 15,
    ]
    for r in rows:
        t = r["thresholds"]
        k = r["by_kind"]
        out.append(
            f"| {r['system']} | {r['pred']} | {_pct(t['0.5']['precision'])} | {_pct(t['0.5']['recall'])} | "
            f"{_pct(t['0.5']['f1'])} | {_pct(t['exact']['f1'])} | {_pct(t['0.8']['f1'])} | {_pct(t['any']['f1'])} | "
            f"{_pct(k['direct']['0.5']['recall'])} | {_pct(k['mixed']['0.5']['recall'])} | "
            f"{_pct(k['indirect']['0.5']['recall'])} | {_pct(r['cue']['accuracy'])} | "
            f"{_pct(r['speaker_span']['accuracy'])} | {_pct(r['speaker_name']['accuracy'])} | "
            f"{_pct(r['speaker_resolved']['accuracy'])} | {r['seconds']:.1f} |"
        )
    out += [
        "",
        f"Seconds: onrecord = parse + onrecord components (the one shared parse); textacy = its extraction on "
        f"that parse. textacy refused {refused} of {r0['docs']} articles (odd number of quote marks) and "
        "extracts direct quotations only. Gold kinds: "
        + ", ".join(f"{k} {v['0.5']['gold']}" for k, v in r0["by_kind"].items()) + ".",
    ]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=Path("../shared/eval-data/polnear/data/dev"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--sample", type=int, default=None, help="only the N articles whose sha1(stem) sorts first")
    ap.add_argument("--write-docs", action="store_true", help="update the statements section of docs/benchmarks.md")
    args = ap.parse_args()
    rows, refused = run(args.gold, args.limit, args.sample)
    lines = table(rows, refused, args.gold)
    print("\n".join(lines))
    if args.write_docs:
        print("wrote", _common.write_section("statements", lines))


if __name__ == "__main__":
    main()
