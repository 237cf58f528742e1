"""The statement scorer and the gold readers, on hand-built gold and predictions (no model needed except where
marked slow), plus a read of the PolNeAR dev split when the eval data is present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.errors import GoldFormatError, NotFoundError
from onrecord.evaluate import statements as st
from onrecord.evaluate.gold import GoldDoc, GoldStatement, derive_kind, parse_brat, read_brat_dir, read_jsonl
from onrecord.model import Actor, Article, Speaker, Statement, TextSpan

TEXT = "“We will win,” Rubio said on Monday. The ministry said talks would resume soon. He added nothing."
#       0         1         2         3         4         5         6         7         8         9
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456


def span_of(text: str, piece: str) -> tuple[int, int]:
    a = text.index(piece)
    return (a, a + len(piece))


def stmt(text: str, content: str, *, kind: str = "indirect", cue: str | None = None, speaker: str | None = None,
         actor: str | None = None, sid: str = "s") -> Statement:
    c = span_of(text, content)
    return Statement(
        id=sid, kind=kind, content_text=content, content_spans=(c,),
        cue=TextSpan(cue, span_of(text, cue)) if cue else None,
        speaker=Speaker(text=speaker, span=span_of(text, speaker) if speaker else None, actor=actor),
        medium=None, sentence_span=(0, len(text)),
    )


def gold(text: str, content: str, *, kind: str | None = "indirect", cue: str | None = None,
         source: str | None = None, name: str | None = None) -> GoldStatement:
    return GoldStatement(
        content_spans=(span_of(text, content),),
        source_spans=(span_of(text, source),) if source else (),
        cue_spans=(span_of(text, cue),) if cue else (),
        speaker_name=name if name is not None else source,
        kind=kind,
    )


def score(golds: list[GoldStatement], preds: list[Statement], actors=(), text: str = TEXT) -> dict:
    gdoc = GoldDoc("d1", text, tuple(golds))
    art = Article(id="a", text=text, actors=tuple(actors), statements=tuple(preds))
    return st.evaluate_statements([gdoc], lambda g: art)


# ------------------------------------------------------------------------------------------------ matching

def test_quote_marks_and_punctuation_do_not_decide_an_exact_match():
    r = score([gold(TEXT, "We will win", kind="direct")], [stmt(TEXT, "“We will win,”", kind="direct")])
    assert r["thresholds"]["exact"]["tp"] == 1
    assert r["thresholds"]["exact"]["f1"] == 1.0


def test_thresholds_follow_the_larger_span():
    # gold "talks would resume soon" (23 chars); prediction "talks would resume" (18): 18/23 = 0.78
    r = score([gold(TEXT, "talks would resume soon")], [stmt(TEXT, "talks would resume")])
    t = r["thresholds"]
    assert (t["exact"]["tp"], t["0.8"]["tp"], t["0.5"]["tp"], t["any"]["tp"]) == (0, 0, 1, 1)
    # a prediction that swallows the sentence around a short gold content is not a 0.5 match
    r = score([gold(TEXT, "resume")], [stmt(TEXT, "The ministry said talks would resume soon")])
    assert r["thresholds"]["0.5"]["tp"] == 0 and r["thresholds"]["any"]["tp"] == 1


def test_any_threshold_needs_a_shared_letter():
    text = "alpha, beta"
    r = score([gold(text, "alpha,")], [stmt(text, ", beta")], text=text)
    assert r["thresholds"]["any"]["tp"] == 0


def test_two_predictions_on_one_gold_count_once():
    preds = [stmt(TEXT, "talks would resume soon", sid="p1"), stmt(TEXT, "talks would resume", sid="p2")]
    r = score([gold(TEXT, "talks would resume soon")], preds)
    h = r["thresholds"]["0.5"]
    assert (h["tp"], h["pred"], h["gold"]) == (1, 2, 1)
    assert h["precision"] == 0.5 and h["recall"] == 1.0


def test_greedy_matching_gives_each_gold_its_best_prediction():
    text = "one two three four five six seven eight"
    golds = [gold(text, "one two three four"), gold(text, "five six seven eight")]
    preds = [stmt(text, "five six seven eight", sid="b"), stmt(text, "one two three four", sid="a")]
    assert st.match(text, [st.normalise(text, g.content_spans) for g in golds],
                    [st.normalise(text, p.content_spans) for p in preds], "exact") == [(0, 1), (1, 0)]


def test_discontinuous_contents_are_compared_as_character_sets():
    text = "“If they come,” she said, “we will talk.”"
    g = GoldStatement(content_spans=(span_of(text, "“If they come,”"), span_of(text, "“we will talk.”")))
    p = Statement(id="p", kind="direct", content_text="", content_spans=(span_of(text, "If they come"),
                  span_of(text, "we will talk")), cue=None, speaker=Speaker(None, None, None), medium=None,
                  sentence_span=(0, len(text)))
    r = score([g], [p], text=text)
    assert r["thresholds"]["exact"]["tp"] == 1
    one_half = Statement(id="q", kind="direct", content_text="", content_spans=(span_of(text, "If they come"),),
                         cue=None, speaker=Speaker(None, None, None), medium=None, sentence_span=(0, len(text)))
    assert score([g], [one_half], text=text)["thresholds"]["0.5"]["tp"] == 1  # 12 of 24 characters


def test_kind_breakdown_uses_gold_kind_for_recall_and_predicted_kind_for_precision():
    golds = [gold(TEXT, "We will win", kind="direct"), gold(TEXT, "talks would resume soon", kind="indirect")]
    preds = [stmt(TEXT, "“We will win,”", kind="mixed")]
    k = score(golds, preds)["by_kind"]
    assert k["direct"]["0.5"]["recall"] == 1.0 and k["indirect"]["0.5"]["recall"] == 0.0
    assert k["mixed"]["0.5"]["precision"] == 1.0 and k["direct"]["0.5"]["pred"] == 0


def test_empty_predictions_and_empty_gold():
    r = score([gold(TEXT, "talks would resume soon")], [])
    assert r["thresholds"]["0.5"] == {"tp": 0, "pred": 0, "gold": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    r = score([], [stmt(TEXT, "talks would resume soon")])
    assert r["thresholds"]["0.5"]["precision"] == 0.0 and r["gold"] == 0


# ------------------------------------------------------------------------------------------------ cue and speaker

def test_cue_and_speaker_checks_on_matched_pairs():
    rubio = Actor(id="A1", name="Marco Rubio", kind="person")
    golds = [
        gold(TEXT, "We will win", kind="direct", cue="said on", source="Rubio", name="Sen. Marco Rubio"),
        gold(TEXT, "talks would resume soon", cue="said talks", source="The ministry"),
        gold(TEXT, "nothing", cue="added", source="He"),  # pronoun gold name: not counted for names
    ]
    preds = [
        stmt(TEXT, "“We will win,”", kind="direct", cue="said", speaker="Rubio", actor="A1", sid="1"),
        stmt(TEXT, "talks would resume soon", cue=None, speaker="Monday", sid="2"),  # wrong cue and speaker
        stmt(TEXT, "nothing", cue="added", speaker="He", actor="A1", sid="3"),
    ]
    r = score(golds, preds, actors=[rubio])
    assert r["cue"] == {"correct": 2, "total": 3, "accuracy": round(2 / 3, 4)}
    assert r["speaker_span"]["correct"] == 2 and r["speaker_span"]["total"] == 3
    assert r["speaker_name"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    # resolved: the name check's pairs; Rubio by name; "Monday" is no mention of an actor ("He" is not counted)
    assert r["speaker_resolved"] == {"correct": 1, "total": 2, "accuracy": 0.5}


def test_speaker_resolved_reads_a_role_source_through_our_actor_mentions():
    text = "Donald Trump spoke. The Republican nominee said taxes would fall. The foreign ministry said nothing new."
    trump = Actor(id="A1", name="Donald Trump", kind="person", mentions=((0, 12),))
    golds = [gold(text, "taxes would fall", source="The Republican nominee"),
             gold(text, "nothing new", source="The foreign ministry")]
    preds = [stmt(text, "taxes would fall", speaker="The Republican nominee", actor="A1", sid="1"),
             stmt(text, "nothing new", speaker="Donald Trump", actor="A1", sid="2")]  # the wrong actor
    r = score(golds, preds, actors=[trump], text=text)
    assert r["speaker_name"]["correct"] == 0  # the strict check: no word of "Donald Trump" in either gold source
    assert r["speaker_resolved"] == {"correct": 1, "total": 2, "accuracy": 0.5}


@pytest.mark.parametrize("pred,gold_name,expected", [
    ("Marco Rubio", "Sen. Marco Rubio", True),
    ("Rubio", "Secretary of State Marco Rubio's office", True),
    ("rubio", "RUBIO", True),
    ("Marco Rubio", "he", False),
    ("the President", "President Obama", False),  # titles alone identify no one
    ("Sergey Lavrov", "Marco Rubio", False),
    (None, "Marco Rubio", False),
])
def test_names_match(pred, gold_name, expected):
    assert st.names_match(pred, gold_name) is expected


def test_unresolved_speaker_falls_back_to_mention_text():
    s = stmt(TEXT, "talks would resume soon", speaker="The ministry", actor="missing")
    art = Article(id="a", text=TEXT, statements=(s,))
    assert st.predicted_name(art, s) == "The ministry"


def test_predictor_errors_count_as_no_predictions():
    def boom(g):
        raise NotFoundError("gone", source=g.doc_id)

    r = st.evaluate_statements([GoldDoc("d1", TEXT, (gold(TEXT, "nothing"),))], boom)
    assert r["pred"] == 0 and r["gold"] == 1 and r["errors"] and "d1" in r["errors"][0]


def test_limit_and_misaligned_text_are_reported():
    docs = [GoldDoc(f"d{i}", TEXT, ()) for i in range(5)]
    r = st.evaluate_statements(docs, lambda g: Article(id="a", text=TEXT + " "), limit=2)
    assert r["docs"] == 2 and r["misaligned"] == ["d0", "d1"]


# ------------------------------------------------------------------------------------------------ kinds

@pytest.mark.parametrize("content,kind", [
    ("“We will win,”", "direct"),
    ('"We will win".', "direct"),
    ("‘in their heads.’", "direct"),
    ("that the plan would “keep the details under wraps”", "mixed"),
    ("that Clinton’s team avoided the hospital", "indirect"),
])
def test_derive_kind(content, kind):
    assert derive_kind(content, ((0, len(content)),)) == kind


def test_derive_kind_all_fragments_quoted_is_direct():
    text = "“One,” he said, “two.”"
    assert derive_kind(text, ((0, 6), (16, 22))) == "direct"
    assert derive_kind(text, ((0, 6), (7, 9))) == "mixed"


# ------------------------------------------------------------------------------------------------ brat

BRAT_TEXT = "Rubio said talks would resume.\n“We will\nwin,” he said, “soon.” Officials believe it."


def _brat_split(tmp_path: Path, ann: str, text: str = BRAT_TEXT) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_b2.ann").write_text("T1\tContent 0 5\tRubio\nE1\tAttribution:T1\n",
                                                           encoding="utf-8")
    (tmp_path / "attributions" / "doc1_a1.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def _t(tid: str, label: str, frags: list[tuple[int, int]], text: str = BRAT_TEXT) -> str:
    offs = ";".join(f"{a} {b}" for a, b in frags)
    return f"{tid}\t{label} {offs}\t" + " ".join(text[a:b] for a, b in frags) + "\n"


def test_brat_fragments_missing_source_and_multiline_text(tmp_path):
    s = BRAT_TEXT
    said, talks = span_of(s, "said"), span_of(s, "talks would resume")
    q1, q2 = span_of(s, "“We will\nwin,”"), span_of(s, "he said")
    bel, it = span_of(s, "believe"), span_of(s, "it")
    ann = (
        _t("T1", "Source", [span_of(s, "Rubio")]) + _t("T2", "Cue", [said]) + _t("T3", "Content", [talks])
        + _t("T4", "Attribution", [said]) + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        + _t("T5", "Content", [q1, span_of(s, "“soon.”")]) + _t("T6", "Source", [(q2[0], q2[0] + 2)])
        + _t("T7", "Cue", [(q2[0] + 3, q2[1])]) + "E2\tAttribution:T7 Cue:T7 Content:T5 Source:T6\n"
        + _t("T8", "Cue", [bel]) + _t("T9", "Content", [it])
        + "E3\tAttribution-no-source:T8 Content:T9 Cue:T8\n"
        + "E4\tAttribution-no-source:T8 \n"  # no content: skipped
        + _t("T10", "Discard", [span_of(s, "Officials")]) + "#1\tAnnotatorNotes T1\tok\n"
    )
    docs = list(read_brat_dir(_brat_split(tmp_path, ann)))
    assert [d.doc_id for d in docs] == ["doc1"]
    a, b, c = docs[0].statements  # the first annotator file (a1) in sorted order, not b2
    assert a == GoldStatement(content_spans=(talks,), source_spans=(span_of(s, "Rubio"),), cue_spans=(said,),
                              speaker_name="Rubio", kind="indirect")
    assert b.content_spans == (q1, span_of(s, "“soon.”")) and b.kind == "direct" and b.speaker_name == "he"
    assert c.source_spans == () and c.speaker_name is None and c.cue_spans == (bel,)


@pytest.mark.parametrize("ann,needle", [
    ("T1\tContent 0 500\tx\n", "outside the text"),
    ("T1\tContent 0 five\tx\n", "bad offsets"),
    ("T1\tContent 0 5\tWrong\n", "does not match the offsets"),
    ("T1\tContent 0 5\tRubio\nE1\tAttribution:T9 Content:T1\n", "T9, which is not defined"),
    ("T1\tContent 0 5\tRubio\nE1\tContent\n", "bad event argument"),
])
def test_brat_errors_name_file_and_line(tmp_path, ann, needle):
    with pytest.raises(GoldFormatError) as ei:
        list(read_brat_dir(_brat_split(tmp_path, ann)))
    assert needle in ei.value.message
    assert ei.value.source.endswith(f"doc1_a1.ann:{ann.count(chr(10))}")


def test_brat_dir_must_have_text_and_attributions(tmp_path):
    with pytest.raises(GoldFormatError, match="not a brat split"):
        list(read_brat_dir(tmp_path))


def test_parse_brat_checks_offsets_against_the_text(tmp_path):
    p = tmp_path / "x.ann"
    p.write_text("T1\tContent 0 5\tRubio\nE1\tAttribution:T1 Content:T1\n", encoding="utf-8")
    assert parse_brat(p, BRAT_TEXT)[0].content_spans == ((0, 5),)
    with pytest.raises(GoldFormatError, match="outside the text"):
        parse_brat(p, "Rub")


# ------------------------------------------------------------------------------------------------ JSONL

def _jsonl(tmp_path: Path, *records) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                 encoding="utf-8")
    return p


GOOD = {"id": "a1", "text": TEXT, "statements": [
    {"content_spans": [list(span_of(TEXT, "We will win"))], "speaker_span": list(span_of(TEXT, "Rubio")),
     "cue_span": list(span_of(TEXT, "said")), "speaker": "Marco Rubio", "kind": "direct"},
    {"content_spans": [list(span_of(TEXT, "talks would resume soon"))], "speaker_span": None, "cue_span": None,
     "speaker": None, "kind": None},
]}


def test_jsonl_reads_statements(tmp_path):
    (doc,) = read_jsonl(_jsonl(tmp_path, GOOD))
    a, b = doc.statements
    assert a.source_spans == (span_of(TEXT, "Rubio"),) and a.speaker_name == "Marco Rubio" and a.kind == "direct"
    assert b.source_spans == () and b.cue_spans == () and b.kind is None


@pytest.mark.parametrize("bad,needle", [
    ('{"id": "x", "text": "abc", "statements": [}', "invalid JSON"),
    ('["not", "an", "object"]', "JSON object"),
    ({"id": "", "text": "abc", "statements": []}, "'id'"),
    ({"id": "a1", "text": "abc", "statements": []}, "duplicate id"),
    ({"id": "x", "text": 3, "statements": []}, "'text'"),
    ({"id": "x", "text": "abc"}, "'statements'"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": []}]}, "content_spans must be a non-empty"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [[0, 9]]}]}, "[0, 9] is outside the text"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [[2, 1]]}]}, "reversed"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [["0", 1]]}]}, "integers"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [[0, 1]], "kind": "quote"}]}, "'quote'"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [[0, 1]], "speaker_spam": [0, 1]}]},
     "unknown keys ['speaker_spam']"),
    ({"id": "x", "text": "abc", "statements": [{"content_spans": [[0, 1]], "cue_span": [0, 7]}]}, "cue_span"),
])
def test_jsonl_errors_name_file_and_line(tmp_path, bad, needle):
    path = _jsonl(tmp_path, GOOD, "", bad)
    with pytest.raises(GoldFormatError) as ei:
        list(read_jsonl(path))
    assert needle in ei.value.message
    assert ei.value.source == f"{path}:3"
    assert str(ei.value).startswith("E400 ")


def test_jsonl_bad_bytes_name_the_line(tmp_path):
    path = _jsonl(tmp_path, GOOD)
    path.write_bytes(path.read_bytes() + b'{"id": "caf\xe9"}\n')
    with pytest.raises(GoldFormatError, match="not UTF-8") as ei:
        list(read_jsonl(path))
    assert ei.value.source == f"{path}:2"


def test_jsonl_missing_file(tmp_path):
    with pytest.raises(GoldFormatError, match="no such gold file"):
        list(read_jsonl(tmp_path / "nope.jsonl"))


# ------------------------------------------------------------------------------------------------ CLI

def test_cli_statements_json(tmp_path, monkeypatch):
    from onrecord.evaluate.cli import eval_group

    pred = stmt(TEXT, "“We will win,”", kind="direct", cue="said", speaker="Rubio")
    monkeypatch.setattr(st, "default_predictor",
                        lambda model=None: lambda g: Article(id=g.doc_id, text=g.text, statements=(pred,)))
    path = _jsonl(tmp_path, GOOD)
    res = CliRunner().invoke(eval_group, ["statements", "--gold", str(path), "--format", "jsonl", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["thresholds"]["exact"]["tp"] == 1 and out["gold"] == 2 and out["speaker_name"]["correct"] == 1
    res = CliRunner().invoke(eval_group, ["statements", "--gold", str(path), "--format", "jsonl"])
    assert res.exit_code == 0 and "0.5 (headline)" in res.output and "speaker mention" in res.output


def test_cli_statements_reports_gold_errors(tmp_path):
    from onrecord.evaluate.cli import eval_group

    path = _jsonl(tmp_path, GOOD, "{broken")
    res = CliRunner().invoke(eval_group, ["statements", "--gold", str(path), "--format", "jsonl"])
    assert res.exit_code == 1
    assert f"E400 {path}:2: invalid JSON" in res.output


# ------------------------------------------------------------------------------------------------ with the model

@pytest.mark.slow
def test_default_predictor_keeps_gold_offsets(nlp):
    # decomposed "é" (e + U+0301): NFC normalisation in ingest would shift the offsets after it
    text = "Le ministre de\u0301ja\u0300 said the talks would resume on Monday.\n\n“We will win,” Rubio said."
    g = GoldDoc("nfd", text, (GoldStatement(content_spans=(span_of(text, "We will win"),)),))
    predict = st.default_predictor(nlp)
    art = predict(g)
    assert art.text == text
    r = st.evaluate_statements([g], predict)
    assert r["misaligned"] == [] and r["docs"] == 1 and r["errors"] == []


# ------------------------------------------------------------------------------------------------ PolNeAR

@pytest.mark.evaldata
def test_polnear_dev_reads_all_documents(eval_data):
    split = eval_data / "polnear" / "data" / "dev"
    if not split.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {split}")
    docs = list(read_brat_dir(split))
    assert len(docs) == 84 == len({d.doc_id for d in docs})
    stmts = [s for d in docs for s in d.statements]
    assert 1500 < len(stmts) < 3000  # ~26 attributions per article, one annotator each
    assert sum(1 for d in docs if d.statements) >= 80
    kinds = {k: sum(s.kind == k for s in stmts) for k in ("direct", "indirect", "mixed")}
    assert all(kinds.values()) and kinds["indirect"] > kinds["direct"]  # PolNeAR is mostly reported speech
    assert sum(bool(s.source_spans) for s in stmts) > 0.85 * len(stmts)
    assert all(s.cue_spans for s in stmts)
    for d in docs:
        for s in d.statements:
            assert all(0 <= a < b <= len(d.text) for a, b in s.content_spans)


# -- gold that names a shared text instead of carrying it -------------------------------------------------------

def _shared(tmp_path, text="Rubio said the talks would resume on Monday."):
    data = tmp_path / "eval-data"
    (data / "news").mkdir(parents=True)
    (data / "news" / "texts.jsonl").write_text(json.dumps({"id": "a/1", "text": text}) + "\n", encoding="utf-8")
    return data, text


def _gold_line(text, digest=None, extra=None):
    import hashlib

    d = {"id": "g1", "source": {"file": "news/texts.jsonl", "id": "a/1"},
         "sha256": digest or hashlib.sha256(text.encode()).hexdigest(),
         "statements": [{"content_spans": [[11, 44]], "speaker_span": [0, 5], "cue_span": [6, 10],
                         "speaker": "Marco Rubio", "kind": "indirect"}]}
    d.update(extra or {})
    return json.dumps(d) + "\n"


def test_jsonl_gold_reads_its_text_from_the_shared_data_by_id(tmp_path):
    data, text = _shared(tmp_path)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line(text), encoding="utf-8")
    [doc] = list(read_jsonl(gold, eval_data=data))
    assert doc.text == text and doc.statements[0].speaker_name == "Marco Rubio"
    assert text[slice(*doc.statements[0].content_spans[0])] == "the talks would resume on Monday."


def test_jsonl_gold_on_a_different_text_is_e400(tmp_path):
    data, text = _shared(tmp_path)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line(text, digest="0" * 64), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not the same text") as ei:
        list(read_jsonl(gold, eval_data=data))
    assert ei.value.code == "E400" and "gold.jsonl:1" in str(ei.value)


def test_jsonl_gold_without_the_shared_data_says_where_it_looked(tmp_path):
    _, text = _shared(tmp_path)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line(text), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not found"):
        list(read_jsonl(gold, eval_data=tmp_path / "nowhere"))
    gold.write_text(_gold_line(text, extra={"text": text}), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="either 'text' or 'source'"):
        list(read_jsonl(gold, eval_data=tmp_path / "nowhere"))


def test_scoring_can_keep_only_some_statement_types():
    text = "Rubio said the talks would resume. Rubio believes the talks will fail."
    gold = GoldDoc("d", text, (GoldStatement(content_spans=((11, 33),), speaker_name="Rubio"),))

    def predict(g):
        mk = lambda a, b, t: Statement(id=t, kind="indirect", content_text=text[a:b], content_spans=((a, b),),
                                       cue=None, speaker=Speaker("Rubio", (0, 5), None), medium=None,
                                       sentence_span=(0, len(text)), type=t)
        return Article(id="d", text=text, statements=(mk(11, 33, "speech"), mk(50, 69, "belief")))

    every = st.evaluate_statements([gold], predict)
    said = st.evaluate_statements([gold], predict, types=("speech", "writing"))
    assert every["thresholds"]["0.5"]["precision"] == 0.5 and said["thresholds"]["0.5"]["precision"] == 1.0
