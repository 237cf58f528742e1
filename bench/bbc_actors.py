"""Actors on the BBC politics articles: are parties typed as organisations, and do known politicians carry the
party (or country) the article states?

The list of known politicians and their parties is ``tests/data/bbc-politicians.json`` (names and parties only,
checked by reading the articles; split alternately into dev and held-out).  For each politics article and each
listed politician the article names:

- **stated**: the article gives the party with the name — a party word up to four words before the name
  ("Conservative leader Michael Howard", "Lib Dem home affairs spokesman Mark Oaten", "Labour's Peter Hain") or
  in an apposition after it ("Mark Oaten, the Lib Dem spokesman") — found by a pattern on the text, independent of
  onrecord;
- **carried**: the politician's actor record has the expected party or the country among its affiliations;
- **wrong**: the record has an affiliation that is neither.

Parties typed as persons: of the actor records whose name is a party's ("Labour", "Lib Dems", "Tories"), the
share with kind ``person``.

    python bench/bbc_actors.py --data ../shared/eval-data/bbc-news/bbc-fulltext.jsonl [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

LIST = Path(__file__).resolve().parent.parent / "tests" / "data" / "bbc-politicians.json"
# party words as articles write them → the canonical name in the list
FORMS = {
    "Labour Party": ["Labour", "Labour Party", "New Labour"],
    "Conservative Party": ["Conservative", "Conservatives", "Tory", "Tories", "Conservative Party"],
    "Liberal Democrats": ["Liberal Democrat", "Liberal Democrats", "Lib Dem", "Lib Dems"],
    "Scottish National Party": ["SNP", "Scottish National Party"],
    "Plaid Cymru": ["Plaid Cymru"],
    "UK Independence Party": ["UKIP", "UK Independence Party"],
    "Veritas": ["Veritas"],
    "Respect": ["Respect Party"],
    "Green Party": ["Green Party", "Greens"],
}
_FORM_RE = "|".join(sorted((re.escape(f) for fs in FORMS.values() for f in fs), key=len, reverse=True))
PARTY_NAMES = {f.lower() for fs in FORMS.values() for f in fs} | {k.lower() for k in FORMS}


def _canon(word: str) -> str | None:
    for k, fs in FORMS.items():
        if word.lower() in {f.lower() for f in fs} | {k.lower()}:
            return k
    return None


def stated(text: str, name: str) -> set[str]:
    """Parties the text states for ``name`` (full name or surname) by title or apposition."""
    surname = name.split()[-1]
    who = f"(?:{re.escape(name)}|{re.escape(surname)})"
    found = set()
    for m in re.finditer(rf"\b({_FORM_RE})(?:'s|’s)?\s+(?:[\w-]+\s+){{0,4}}{who}\b", text):
        found.add(_canon(m.group(1)))
    for m in re.finditer(rf"\b{who},\s+(?:the\s+|a\s+|an\s+)?(?:former\s+|new\s+)?({_FORM_RE})\b", text):
        found.add(_canon(m.group(1)))
    return found - {None}


def _affs(actor: dict) -> set[str]:
    out = {actor.get("affiliation")} | {a["name"] for a in actor.get("affiliations") or ()}
    return {a for a in out if a}


def _norm_party(name: str) -> str:
    return _canon(name) or name


def measure(articles: list[dict], people: list[dict], extract) -> dict:
    by_split: dict[str, dict[str, int]] = {}
    party_records = party_persons = 0
    for art in articles:
        rec = extract(art["text"])
        for a in rec["actors"]:
            if a["name"].lower() in PARTY_NAMES:
                party_records += 1
                party_persons += a["kind"] == "person"
        for p in people:
            name = p["name"]
            if name not in art["text"]:
                continue
            st = stated(art["text"], name)
            if not st:
                continue
            c = by_split.setdefault(p["split"], {"stated": 0, "carried": 0, "wrong": 0, "with_any": 0})
            c["stated"] += 1
            actor = next((a for a in rec["actors"] if a["kind"] == "person" and a["name"] == name), None)
            affs = _affs(actor) if actor else set()
            ok = {_norm_party(x) for x in affs} & (set(p["parties"]) | {p["country"]})
            bad = {x for x in affs if _norm_party(x) not in set(p["parties"]) | {p["country"]}}
            c["carried"] += bool(ok)
            c["wrong"] += bool(bad)
            c["with_any"] += bool(affs)
    out = {"articles": len(articles), "party_records": party_records,
           "parties_typed_person": party_persons / party_records if party_records else 0.0}
    for split, c in sorted(by_split.items()):
        out[split] = {**c, "carried_rate": c["carried"] / c["stated"] if c["stated"] else 0.0,
                      "wrong_rate": c["wrong"] / c["with_any"] if c["with_any"] else 0.0}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval-data/bbc-news/bbc-fulltext.jsonl"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    import onrecord

    arts = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    arts = [a for a in arts if a.get("category") == "politics"][: args.limit]
    people = json.loads(LIST.read_text(encoding="utf-8"))["people"]
    from onrecord.nlp import load_nlp

    nlp = load_nlp(None)
    result = measure(arts, people, lambda t: onrecord.extract(t, nlp=nlp).to_dict())
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
