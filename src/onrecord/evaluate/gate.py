"""The accuracy gate: scores on gold data must not fall below floors pinned in a file.

``tests/accuracy-floors.json`` holds, per benchmark, the digest of the gold data the floors were measured on and
one floor per metric. CI runs the benchmarks (``tests/test_accuracy_gate.py``) and fails when a score is below its
floor by more than ``epsilon`` or when the data's digest differs (floors measured on other data mean nothing).

Floors only go up. ``python -m onrecord.evaluate.gate --update`` measures again and raises each floor to the new
score (rounded down to 3 decimals); it refuses, and changes nothing, when any score is below its floor — lowering a
floor is not something the tool does. Raising floors is a deliberate commit of the updated file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

FLOORS = Path(__file__).resolve().parents[3] / "tests" / "accuracy-floors.json"
GENERAL_NEWS = Path(__file__).resolve().parents[3] / "tests" / "data" / "general-news"
# the general-news gold annotates what was said or written (the Gender Gap Tracker's quotes), not beliefs
GENERAL_NEWS_TYPES = ("speech", "writing")
EPSILON = 0.005


def digest_paths(paths: list[Path]) -> str:
    """sha256 (16 hex) over the relative names and bytes of files (directories expand, sorted)."""
    files: list[tuple[str, Path]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += [(str(f.relative_to(p)), f) for f in sorted(p.rglob("*")) if f.is_file()]
        else:
            files.append((p.name, p))
    h = hashlib.sha256()
    for name, f in files:
        h.update(name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def statements_metrics(result: dict) -> dict[str, float]:
    t = result["thresholds"]
    return {
        "f1@0.5": t["0.5"]["f1"],
        "precision@0.5": t["0.5"]["precision"],
        "recall@0.5": t["0.5"]["recall"],
        "f1@exact": t["exact"]["f1"],
        "speaker_span": result["speaker_span"]["accuracy"],
        "speaker_name": result["speaker_name"]["accuracy"],
        "speaker_resolved": result["speaker_resolved"]["accuracy"],
    }


def extraction_metrics(result: dict) -> dict[str, float]:
    return {"f1": result["f1"], "precision": result["precision"], "recall": result["recall"],
            "token_f1": result["token_f1"]}


def run_statements(eval_data: Path, predict: Callable | None = None) -> tuple[str, dict[str, float]]:
    from .gold import read_brat_dir
    from .statements import evaluate_statements

    root = eval_data / "polnear" / "data" / "dev"
    result = evaluate_statements(read_brat_dir(root), predict)
    return digest_paths([root]), statements_metrics(result)


def run_general_news(eval_data: Path, half: str = "dev", predict: Callable | None = None
                     ) -> tuple[str, dict[str, float]]:
    """The general-news statements gold (tests/data/general-news/<half>.jsonl, texts from the shared BBC file);
    the digest covers the gold file and the source texts it names."""
    from .gold import SharedTexts, jsonl_sources, read_jsonl
    from .statements import evaluate_statements

    path = GENERAL_NEWS / f"{half}.jsonl"
    shared = SharedTexts(eval_data)
    sources = sorted(jsonl_sources(path))
    result = evaluate_statements(read_jsonl(path, eval_data=eval_data), predict, types=GENERAL_NEWS_TYPES)
    return digest_paths([path] + [shared.path(f) for f in sources]), statements_metrics(result)


def run_extraction(eval_data: Path, extractor: Callable[[str], str] | None = None) -> tuple[str, dict[str, float]]:
    from .extraction import evaluate_extraction

    path = eval_data / "aeb-plaintext" / "aeb_plaintext.json"
    result = evaluate_extraction(path, extractor=extractor)
    return digest_paths([path]), extraction_metrics(result)


def run_gap(eval_data: Path) -> tuple[str, dict[str, float]]:
    """Pronoun resolution on GAP validation (the held-out split; development trained the weights)."""
    from .gap import evaluate_gap, split_path

    path = split_path(eval_data / "gap", "validation")
    result = evaluate_gap(path)
    return digest_paths([path]), {"f1": result["all"]["f1"], "precision": result["all"]["precision"],
                                  "recall": result["all"]["recall"]}


EVENT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "plover-bbc-gold.jsonl"
# the second sentence gold (other articles, coded before the system was run on them): halves dev2 and held-out2
EVENT_GOLD_2 = Path(__file__).resolve().parents[3] / "tests" / "data" / "plover-bbc-gold-2.jsonl"
# the third (other articles again, coded before the system was run on them): dev as a whole (dev3), no held-out half
EVENT_GOLD_3 = Path(__file__).resolve().parents[3] / "tests" / "data" / "plover-bbc-gold-3.jsonl"
SYNTHETIC_EVERY = 3  # the gate scores every third synthetic story (1,500 of 4,500): minutes, not a quarter hour


def run_events_bbc(eval_data: Path, nlp=None, gold: Path = EVENT_GOLD) -> tuple[str, dict[str, float]]:
    """PLOVER events in real BBC sentences (tests/data/plover-bbc-gold.jsonl, coded by hand): type and type +
    source + target, on the halves a gold file has: dev and held-out (``gold=EVENT_GOLD_2``: dev2 and held-out2;
    ``EVENT_GOLD_3``: dev3 only)."""
    from ..nlp import load_nlp
    from .events import evaluate_sentences, gold_suffix

    bbc = eval_data / "bbc-news" / "bbc-fulltext.jsonl"
    r = evaluate_sentences(gold, bbc, nlp or load_nlp(None))
    scores = {}
    for half in ("dev", "held-out"):
        split = half + gold_suffix(gold)
        if split not in r:
            continue
        scores[f"{split}/type"] = r[split]["type_accuracy"]
        scores[f"{split}/type_source_target"] = r[split]["type_source_target"]
    return digest_paths([gold, bbc]), scores


def run_events_synthetic(eval_data: Path, nlp=None) -> tuple[str, dict[str, float]]:
    """PLOVER type recall on the synthetic stories (every ``SYNTHETIC_EVERY``-th), dev and held-out."""
    from ..nlp import load_nlp
    from .events import evaluate_synthetic

    path = eval_data / "plover-synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.gz"
    r = evaluate_synthetic(path, nlp or load_nlp(None), every=SYNTHETIC_EVERY)
    return digest_paths([path]), {f"{s}/type_recall": r[s]["type_recall"] for s in ("dev", "held-out")}


def times_metrics(result: dict) -> dict[str, float]:
    """Value F1 (relaxed match) per type group and strict over DATE/TIME, for both parts of the fixed split."""
    out = {}
    for part, r in result.items():
        g = r["groups"]
        out[f"{part}_value_f1_datetime"] = g["DATE/TIME"]["relaxed"]["value"]["f1"]
        out[f"{part}_value_f1_datetime_strict"] = g["DATE/TIME"]["strict"]["value"]["f1"]
        out[f"{part}_value_f1_all"] = g["all"]["relaxed"]["value"]["f1"]
        out[f"{part}_value_f1_duration"] = g["DURATION"]["relaxed"]["value"]["f1"]
        out[f"{part}_span_f1_relaxed"] = g["all"]["relaxed"]["span"]["f1"]
    return out


def run_times(eval_data: Path, predict: Callable | None = None) -> tuple[str, dict[str, float]]:
    from .times import evaluate_tbaq

    path = eval_data / "timebank" / "tbaq.json"
    return digest_paths([path]), times_metrics(evaluate_tbaq(path, predict))


BENCHMARKS: dict[str, Callable[[Path], tuple[str, dict[str, float]]]] = {
    "statements/polnear-dev": run_statements,
    "extraction/aeb-plaintext": run_extraction,
    "coref/gap-validation": run_gap,
    "statements/general-news-dev": lambda data: run_general_news(data, "dev"),
    "statements/general-news-heldout": lambda data: run_general_news(data, "heldout"),
    "statements/general-news-dev2": lambda data: run_general_news(data, "dev2"),
    "events/plover-bbc": run_events_bbc,
    "events/plover-bbc-2": lambda data: run_events_bbc(data, gold=EVENT_GOLD_2),
    "events/plover-bbc-3": lambda data: run_events_bbc(data, gold=EVENT_GOLD_3),
    "events/plover-synthetic": run_events_synthetic,
    "times/tbaq": run_times,
}


def load_floors(path: Path = FLOORS) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check(name: str, digest: str, scores: dict[str, float], floors: dict) -> list[str]:
    """Failures (empty when the scores pass): each says which metric fell, from what to what."""
    entry = floors["benchmarks"].get(name)
    if entry is None:
        return [f"{name}: no floors pinned"]
    eps = floors.get("epsilon", EPSILON)
    out = []
    if entry["digest"] != digest:
        out.append(f"{name}: gold data digest {digest} differs from the pinned {entry['digest']}; "
                   "re-pin the floors deliberately for the new data")
    for metric, floor in entry["floors"].items():
        got = scores.get(metric)
        if got is None:
            out.append(f"{name}: metric {metric} missing from the results")
        elif got < floor - eps:
            out.append(f"{name}: {metric} {got:.4f} is below its floor {floor:.4f} (epsilon {eps})")
    return out


def update(floors: dict, name: str, digest: str, scores: dict[str, float]) -> dict:
    """New floors = the measured scores rounded down; refuses (ValueError) if any score is below its floor."""
    entry = floors["benchmarks"].get(name)
    eps = floors.get("epsilon", EPSILON)
    if entry is not None and entry["digest"] == digest:
        below = [f"{m} {scores.get(m, float('nan')):.4f} < floor {f:.4f}" for m, f in entry["floors"].items()
                 if not scores.get(m, -1.0) >= f - eps]
        if below:
            raise ValueError(f"{name}: refusing to lower floors: " + "; ".join(below))
        new = {m: max(f, math.floor(scores[m] * 1000) / 1000) for m, f in entry["floors"].items()}
        new.update({m: math.floor(v * 1000) / 1000 for m, v in scores.items() if m not in new})
    elif entry is not None:
        raise ValueError(f"{name}: the gold data changed (digest {digest}, pinned {entry['digest']}); "
                         "edit the floors file by hand in a commit that says why")
    else:
        new = {m: math.floor(v * 1000) / 1000 for m, v in scores.items()}
    out = json.loads(json.dumps(floors))
    out["benchmarks"][name] = {"digest": digest, "floors": new}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-data", type=Path, default=Path("../shared/eval-data"))
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    args = ap.parse_args(argv)
    floors = load_floors(args.floors) if args.floors.exists() else {"epsilon": EPSILON, "benchmarks": {}}
    failed = False
    for name, run in BENCHMARKS.items():
        digest, scores = run(args.eval_data)
        print(name, digest, json.dumps({k: round(v, 4) for k, v in scores.items()}))
        if args.update:
            try:
                floors = update(floors, name, digest, scores)
            except ValueError as err:
                print(err, file=sys.stderr)
                return 1
        else:
            for f in check(name, digest, scores, floors):
                print("FAIL", f, file=sys.stderr)
                failed = True
    if args.update:
        args.floors.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", args.floors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
