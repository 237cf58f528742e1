"""Score the record of a set of articles against a gold file: events, stances, actor clusters, quote clusters.

The gold format (JSONL, one object per line) is documented in ``docs/gold-format.md`` ("The record across
articles"); ``read_record_gold`` checks it and raises ``GoldFormatError`` naming ``file:line`` for anything it
cannot use.  Definitions (the doc is the reference):

* **Names.**  A predicted actor names a gold party when their name keys are equal (``consolidate.name_words`` and
  ``translit_key``: case, diacritics, titles and transliteration variants do not count), when one of them is a
  bare surname equal to the other's surname key, or — for event parties — when the actor's affiliation names it
  (Rubio, affiliated with the United States, names the party "United States").
* **Events** are matched one-to-one per article, greedily: a candidate pair has the same PLOVER type and a source
  that names one of the gold sources (any, when the gold lists none).  Pairs agreeing on more (targets, modality,
  trigger word) are taken first.  Headline P/R/F1 is over these pairs; ``full`` also requires the targets and the
  modality (a gold modality may list several acceptable values).
* **Stances** are matched one-to-one per article on actor and topic name; ``labelled`` also requires the stance.
* **Actor clusters**: every predicted actor whose name is listed in a gold cluster (an entry ``"file: Name"``
  applies to that article only) is scored; merge precision = pairs of such actors in one predicted cluster that
  share a gold cluster / pairs in one predicted cluster, recall = the converse.  ``cross_spelling`` counts only
  pairs whose names differ (the merges that need the rules).
* **Quote clusters**: each gold quote (article, text) is found in the quoted passage of that article's statements
  that holds most of its word bigrams (at least ``QUOTE_FIND``); pairs of gold quotes found in different passages
  are scored like actor pairs.  A gold quote not found counts against recall.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from ..consolidate import (QUOTE_CONTAINMENT, Consolidation, consolidate, containment, fold, name_words,
                           quote_segments, quote_words, shingles, translit_key)
from ..errors import GoldFormatError, OnrecordError
from ..model import EVENT_MODALITIES, EVENT_TYPES, STANCES, Actor, Article
from .statements import greedy, prf

log = logging.getLogger(__name__)

QUOTE_FIND = 0.8  # share of a gold quote's word bigrams a statement must hold to be that quote
MATCHING = "greedy one-to-one per article; candidate pairs with more agreeing attributes first"


# ------------------------------------------------------------------------------------------------ gold

@dataclass(frozen=True)
class GoldEvent:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    modality: tuple[str, ...]  # acceptable values; empty = any
    trigger: str | None = None
    line: int = 0


@dataclass(frozen=True)
class GoldStance:
    actor: str
    topic: str
    stance: tuple[str, ...]  # acceptable values
    line: int = 0


@dataclass(frozen=True)
class GoldArticle:
    name: str  # the input file's name
    published: str | None
    site: str | None
    events: tuple[GoldEvent, ...]
    stances: tuple[GoldStance, ...]
    line: int


@dataclass(frozen=True)
class RecordGold:
    path: str
    articles: tuple[GoldArticle, ...]
    actor_clusters: tuple[tuple[tuple[str | None, str], ...], ...]  # ((article name or None, name), ...)
    quote_clusters: tuple[tuple[tuple[str, str], ...], ...]  # ((article name, text), ...)


_ARTICLE_KEYS = {"article", "published", "site", "events", "stances"}
_EVENT_KEYS = {"type", "sources", "targets", "modality", "trigger"}
_STANCE_KEYS = {"actor", "topic", "stance"}


def _names(value: Any, where: str, err) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise err(f"{where} must be a list of non-empty names")
    return tuple(v.strip() for v in value)


def _choices(value: Any, allowed: Sequence[str], where: str, err, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    vals = [value] if isinstance(value, str) else value
    if not isinstance(vals, list) or not vals or not all(isinstance(v, str) for v in vals):
        raise err(f"{where} must be one of {', '.join(allowed)} or a non-empty list of them")
    bad = [v for v in vals if v not in allowed]
    if bad:
        raise err(f"{where} {bad[0]!r} is not one of {', '.join(allowed)}")
    return tuple(vals)


def read_record_gold(path: str | Path) -> RecordGold:
    """Read and check a record gold file (see docs/gold-format.md)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFormatError(f"cannot read the gold file: {e}", source=str(path)) from e
    articles: list[GoldArticle] = []
    raw_actors: list[tuple[int, list[str]]] = []
    raw_quotes: list[tuple[int, list]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue

        def err(msg: str, n: int = n) -> GoldFormatError:
            return GoldFormatError(msg, source=f"{path}:{n}")

        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise err(f"not JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(obj, dict):
            raise err("each line must be a JSON object")
        kinds = [k for k in ("article", "actors", "quotes") if k in obj]
        if len(kinds) != 1:
            raise err("each line must have exactly one of the keys 'article', 'actors', 'quotes'")
        if kinds[0] == "article":
            unknown = set(obj) - _ARTICLE_KEYS
            if unknown:
                raise err(f"unknown key {sorted(unknown)[0]!r} in an article line")
            name = obj["article"]
            if not isinstance(name, str) or not name.strip() or "/" in name:
                raise err("'article' must be a file name (no folders)")
            if any(a.name == name for a in articles):
                raise err(f"article {name!r} is described twice")
            for key in ("published", "site"):
                if obj.get(key) is not None and not isinstance(obj[key], str):
                    raise err(f"'{key}' must be a string")
            events = []
            for i, ev in enumerate(obj.get("events") or []):
                where = f"events[{i}]"
                if not isinstance(ev, dict):
                    raise err(f"{where} must be an object")
                unknown = set(ev) - _EVENT_KEYS
                if unknown:
                    raise err(f"unknown key {sorted(unknown)[0]!r} in {where}")
                etype = _choices(ev.get("type"), EVENT_TYPES, f"{where}.type", err, required=True)
                if len(etype) != 1:
                    raise err(f"{where}.type must be one PLOVER type")
                trig = ev.get("trigger")
                if trig is not None and not isinstance(trig, str):
                    raise err(f"{where}.trigger must be a string")
                events.append(GoldEvent(etype[0], _names(ev.get("sources"), f"{where}.sources", err),
                                        _names(ev.get("targets"), f"{where}.targets", err),
                                        _choices(ev.get("modality"), EVENT_MODALITIES, f"{where}.modality", err,
                                                 required=False), trig, n))
            stances = []
            for i, st in enumerate(obj.get("stances") or []):
                where = f"stances[{i}]"
                if not isinstance(st, dict):
                    raise err(f"{where} must be an object")
                unknown = set(st) - _STANCE_KEYS
                if unknown:
                    raise err(f"unknown key {sorted(unknown)[0]!r} in {where}")
                for key in ("actor", "topic"):
                    if not isinstance(st.get(key), str) or not st[key].strip():
                        raise err(f"{where}.{key} must be a non-empty string")
                stances.append(GoldStance(st["actor"].strip(), st["topic"].strip(),
                                          _choices(st.get("stance"), STANCES, f"{where}.stance", err,
                                                   required=True), n))
            articles.append(GoldArticle(name, obj.get("published"), obj.get("site"), tuple(events),
                                        tuple(stances), n))
        elif kinds[0] == "actors":
            if set(obj) != {"actors"}:
                raise err("an actors line has only the key 'actors'")
            vals = obj["actors"]
            if not isinstance(vals, list) or not vals or not all(isinstance(v, str) and v.strip() for v in vals):
                raise err("'actors' must be a non-empty list of names")
            raw_actors.append((n, vals))
        else:
            if set(obj) != {"quotes"}:
                raise err("a quotes line has only the key 'quotes'")
            vals = obj["quotes"]
            if (not isinstance(vals, list) or not vals
                    or not all(isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) and x.strip()
                                                                           for x in v) for v in vals)):
                raise err("'quotes' must be a non-empty list of [article file, quote text] pairs")
            raw_quotes.append((n, vals))

    names = {a.name for a in articles}
    clusters = []
    owner: dict[tuple[str | None, str], int] = {}
    for n, vals in raw_actors:
        members = []
        for v in vals:
            art, sep, rest = v.partition(": ")
            key = (art, fold(rest)) if sep and art in names else (None, fold(v))
            name = rest if key[0] else v
            if not name_words(name):
                raise GoldFormatError(f"actor name {v!r} has no words", source=f"{path}:{n}")
            if key in owner:
                raise GoldFormatError(f"{v!r} is already in the actor cluster on line {owner[key]}",
                                      source=f"{path}:{n}")
            owner[key] = n
            members.append((key[0], name))
        clusters.append(tuple(members))
    quotes = []
    for n, vals in raw_quotes:
        for art, _ in vals:
            if art not in names:
                raise GoldFormatError(f"quote article {art!r} has no article line in this file",
                                      source=f"{path}:{n}")
        quotes.append(tuple((a, t) for a, t in vals))
    return RecordGold(str(path), tuple(articles), tuple(clusters), tuple(quotes))


# ------------------------------------------------------------------------------------------------ names

def _keys(name: str) -> list[str]:
    return [translit_key(w) for w in name_words(name)]


def names_same(a: str | None, b: str | None) -> bool:
    """Same name up to case, titles, diacritics and transliteration; or a bare surname of the other."""
    if not a or not b:
        return False
    ka, kb = _keys(a), _keys(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    return (len(ka) == 1 or len(kb) == 1) and ka[-1] == kb[-1]


def party_named(actor: Actor | None, gold_names: Iterable[str]) -> bool:
    if actor is None:
        return False
    return any(names_same(actor.name, g) or names_same(actor.affiliation, g) for g in gold_names)


# ------------------------------------------------------------------------------------------------ scoring

def _trigger_agrees(gold: str | None, pred: str) -> bool:
    if not gold:
        return False
    gw, pw = fold(gold).split(), fold(pred).split()
    return any(a[:4] == b[:4] for a in gw for b in pw)


def score_events(golds: Sequence[GoldArticle], articles: dict[str, Article]) -> dict[str, Any]:
    n_gold = n_pred = tp = full = tgt_ok = mod_ok = 0
    by_type: dict[str, list[int]] = {}
    missed, spurious = [], []
    for g in golds:
        art = articles.get(g.name)
        if art is None:
            continue
        preds = list(art.events)
        n_gold += len(g.events)
        n_pred += len(preds)
        for ge in g.events:
            by_type.setdefault(ge.type, [0, 0, 0])[0] += 1
        for pe in preds:
            by_type.setdefault(pe.type, [0, 0, 0])[1] += 1
        cands = []
        for gi, ge in enumerate(g.events):
            for pi, pe in enumerate(preds):
                if ge.type not in {pe.type, pe.surface_type}:
                    continue  # the record gold codes the trigger as written ("will not accept": AGREE, negated)
                if ge.sources and not any(party_named(art.actor(s), ge.sources) for s in pe.sources):
                    continue
                t_ok = (not ge.targets and not pe.targets) or any(party_named(art.actor(t), ge.targets)
                                                                   for t in pe.targets)
                m_ok = not ge.modality or pe.modality in ge.modality
                cands.append(((-(t_ok + m_ok), -_trigger_agrees(ge.trigger, pe.trigger.text), gi, pi), gi, pi))
        pairs = greedy(cands)
        tp += len(pairs)
        got_g = {gi for gi, _ in pairs}
        got_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            ge, pe = g.events[gi], preds[pi]
            by_type[ge.type][2] += 1
            t_ok = (not ge.targets and not pe.targets) or any(party_named(art.actor(t), ge.targets)
                                                               for t in pe.targets)
            m_ok = not ge.modality or pe.modality in ge.modality
            tgt_ok += t_ok
            mod_ok += m_ok
            full += t_ok and m_ok
        missed += [f"{g.name}: {ge.type} {'/'.join(ge.sources) or '-'} ({ge.trigger or ''})"
                   for gi, ge in enumerate(g.events) if gi not in got_g]
        spurious += [f"{g.name}: {pe.type} {pe.modality} "
                     f"{'/'.join(art.actor(s).name if art.actor(s) else s for s in pe.sources) or '-'} "
                     f"({pe.trigger.text})" for pi, pe in enumerate(preds) if pi not in got_p]
    return {
        "matching": MATCHING,
        "headline": prf(tp, n_pred, n_gold),
        "full": prf(full, n_pred, n_gold),
        "on_matched": {"targets": {"correct": tgt_ok, "total": tp}, "modality": {"correct": mod_ok, "total": tp}},
        "by_type": {t: prf(v[2], v[1], v[0]) for t, v in sorted(by_type.items())},
        "missed": missed,
        "spurious": spurious,
    }


def score_stances(golds: Sequence[GoldArticle], articles: dict[str, Article]) -> dict[str, Any]:
    n_gold = n_pred = tp = labelled = 0
    missed, spurious, wrong = [], [], []
    for g in golds:
        art = articles.get(g.name)
        if art is None:
            continue
        topics = {t.id: t.name for t in art.topics}
        preds = [(art.actor(s.actor), topics.get(s.topic, s.topic), s) for s in art.stances]
        n_gold += len(g.stances)
        n_pred += len(preds)
        cands = []
        for gi, gs in enumerate(g.stances):
            for pi, (actor, topic, s) in enumerate(preds):
                if actor is None or fold(topic) != fold(gs.topic) or not names_same(actor.name, gs.actor):
                    continue
                cands.append(((s.stance not in gs.stance, gi, pi), gi, pi))
        pairs = greedy(cands)
        tp += len(pairs)
        for gi, pi in pairs:
            if preds[pi][2].stance in g.stances[gi].stance:
                labelled += 1
            else:
                wrong.append(f"{g.name}: {g.stances[gi].actor} on {g.stances[gi].topic}: "
                             f"{preds[pi][2].stance}, gold {'/'.join(g.stances[gi].stance)}")
        got_g = {gi for gi, _ in pairs}
        got_p = {pi for _, pi in pairs}
        missed += [f"{g.name}: {gs.actor} on {gs.topic} ({'/'.join(gs.stance)})"
                   for gi, gs in enumerate(g.stances) if gi not in got_g]
        spurious += [f"{g.name}: {a.name if a else '?'} on {t} ({s.stance})"
                     for pi, (a, t, s) in enumerate(preds) if pi not in got_p]
    return {"matching": MATCHING, "actor_topic": prf(tp, n_pred, n_gold), "labelled": prf(labelled, n_pred, n_gold),
            "wrong_stance": wrong, "missed": missed, "spurious": spurious}


def _pairs_prf(same_pred: set, same_gold: set) -> dict[str, float | int]:
    tp = len(same_pred & same_gold)
    return prf(tp, len(same_pred), len(same_gold))


def score_actor_clusters(gold: RecordGold, result: Consolidation, names_by_id: dict[str, str]) -> dict[str, Any]:
    lookup: dict[tuple[str | None, str], int] = {}
    for ci, members in enumerate(gold.actor_clusters):
        for art, name in members:
            lookup[(art, fold(name))] = ci
    nodes = []  # (label, gold cluster, predicted cluster, folded name)
    unmapped: set[str] = set()
    for c in result.actors:
        for m in c.members:
            art = names_by_id.get(m.article_id)
            key = fold(" ".join(name_words(m.name)))
            ci = lookup.get((art, fold(m.name)), lookup.get((art, key), lookup.get((None, fold(m.name)),
                                                                                   lookup.get((None, key)))))
            if ci is None:
                unmapped.add(m.name)
                continue
            nodes.append((f"{m.name} @{art}", ci, c.id, key))
    same_pred, same_gold, cross_pred, cross_gold = set(), set(), set(), set()
    for (i, a), (j, b) in combinations(enumerate(nodes), 2):
        pair = (i, j)
        if a[2] == b[2]:
            same_pred.add(pair)
        if a[1] == b[1]:
            same_gold.add(pair)
        if a[3] != b[3]:
            if a[2] == b[2]:
                cross_pred.add(pair)
            if a[1] == b[1]:
                cross_gold.add(pair)
    wrong = sorted({" + ".join(sorted((nodes[i][0], nodes[j][0]))) for i, j in same_pred - same_gold})
    missed = sorted({" + ".join(sorted((nodes[i][0], nodes[j][0]))) for i, j in same_gold - same_pred})
    return {"pairs": _pairs_prf(same_pred, same_gold), "cross_spelling": _pairs_prf(cross_pred, cross_gold),
            "actors_scored": len(nodes), "gold_clusters": len(gold.actor_clusters),
            "predicted_clusters": len({n[2] for n in nodes}), "wrong_merges": wrong, "missed_merges": missed,
            "unscored_names": sorted(unmapped, key=str.casefold)}


def find_quote(article: Article, text: str) -> tuple[tuple[str, int] | None, float]:
    """The (statement id, passage) of ``article`` that holds the gold quote ``text`` best, and the share of the
    gold quote's word bigrams it holds; None when no passage holds ``QUOTE_FIND`` of them."""
    g = shingles(quote_words(text))
    best, found = 0.0, None
    for st in article.statements:
        for seg, passage in enumerate(quote_segments(st)):
            have = shingles(quote_words(passage))
            share = len(g & have) / len(g) if g else 0.0
            if share > best:
                best, found = share, (st.id, seg)
    return (found, best) if best >= QUOTE_FIND else (None, best)


def score_quote_clusters(gold: RecordGold, result: Consolidation, articles: dict[str, Article]) -> dict[str, Any]:
    cluster_of = {(s.article_id, s.statement_id, s.segment): q.id for q in result.quotes for s in q.sources}
    passages = {(s.article_id, s.statement_id, s.segment): s.text for q in result.quotes for s in q.sources}
    speakers = {(s.article_id, s.statement_id, s.segment): s.speaker for q in result.quotes for s in q.sources}
    items = []  # (label, gold cluster, statement key or None)
    not_found = []
    for ci, members in enumerate(gold.quote_clusters):
        for art_name, text in members:
            art = articles.get(art_name)
            if art is None:
                continue  # the article is not among the inputs: its quotes are not scored
            found, share = find_quote(art, text)
            if found is None:
                not_found.append(f"{art_name}: {text[:60]} (best passage holds {share:.2f})")
            items.append((f"{art_name}: {text[:40]}", ci, (art.id, *found) if found else None))
    same_pred, same_gold = set(), set()
    for (i, a), (j, b) in combinations(enumerate(items), 2):
        if a[2] is not None and a[2] == b[2]:
            continue  # one passage holding two gold quotes says nothing about clustering
        if a[1] == b[1]:
            same_gold.add((i, j))
        if a[2] is not None and b[2] is not None and cluster_of.get(a[2]) == cluster_of.get(b[2]):
            same_pred.add((i, j))
    # the similarity the threshold decides on, between the passages the gold quotes were found in
    same_sims, diff_sims, diff_compatible = [], [], []
    for (i, a), (j, b) in combinations(enumerate(items), 2):
        if a[2] is None or b[2] is None or a[2] == b[2]:
            continue
        sim = containment(shingles(quote_words(passages[a[2]])), shingles(quote_words(passages[b[2]])))
        (same_sims if a[1] == b[1] else diff_sims).append(sim)
        sa, sb = speakers[a[2]], speakers[b[2]]
        if a[1] != b[1] and (sa is None or sb is None or sa == sb):
            diff_compatible.append(sim)
    wrong = sorted({f"{items[i][0]} + {items[j][0]}" for i, j in same_pred - same_gold})
    missed = sorted({f"{items[i][0]} + {items[j][0]}" for i, j in same_gold - same_pred})
    return {"pairs": _pairs_prf(same_pred, same_gold), "quotes_scored": len(items),
            "gold_clusters": len(gold.quote_clusters), "not_found": not_found,
            "similarity": {"threshold": QUOTE_CONTAINMENT,
                           "same_quote_min": round(min(same_sims), 3) if same_sims else None,
                           "different_quote_max": round(max(diff_sims), 3) if diff_sims else None,
                           "different_quote_compatible_speakers_max": (round(max(diff_compatible), 3)
                                                                       if diff_compatible else None)},
            "wrong_merges": wrong, "missed_merges": missed}


def evaluate_record(gold: RecordGold, articles: dict[str, Article]) -> dict[str, Any]:
    """Score extracted ``articles`` (keyed by the gold article file name) against ``gold``."""
    result = consolidate(articles.values())
    names_by_id = {a.id: name for name, a in articles.items()}
    present = [g for g in gold.articles if g.name in articles]
    return {
        "gold": gold.path,
        "articles": len(present),
        "missing_articles": [g.name for g in gold.articles if g.name not in articles],
        "events": score_events(present, articles),
        "stances": score_stances(present, articles),
        "actor_clusters": score_actor_clusters(gold, result, names_by_id),
        "quote_clusters": score_quote_clusters(gold, result, articles),
    }


# ------------------------------------------------------------------------------------------------ running

def extract_inputs(gold: RecordGold, inputs: Sequence[str | Path], extract: Callable | None = None,
                   model: str | None = None) -> tuple[dict[str, Article], list[str]]:
    """Read and extract the gold articles found under ``inputs`` (matched by file name); the gold line's
    ``published``/``site`` supply or override the file's metadata.  Returns the articles and error lines."""
    from .. import ingest
    from ..config import Options

    files: dict[str, Path] = {}
    for p in ingest.iter_paths(inputs):
        files.setdefault(p.name, p)
    options = Options.from_env(model=model)
    if extract is None:
        from ..nlp import load_nlp
        from ..pipeline import extract_document

        nlp = load_nlp(options)

        def extract(doc):  # noqa: F811 - the default extractor
            return extract_document(doc, nlp, options)

    articles: dict[str, Article] = {}
    errors: list[str] = []
    for g in gold.articles:
        path = files.get(g.name)
        if path is None:
            log.info("%s: not among the inputs; its gold is not scored", g.name)
            continue
        try:
            doc = ingest.read_document(path, max_bytes=options.max_bytes)
            doc = replace(doc, published=g.published or doc.published, site=g.site or doc.site)
            articles[g.name] = extract(doc)
        except OnrecordError as err:
            errors.append(str(err))
    return articles, errors
