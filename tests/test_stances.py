"""Topics, stances and the mapping of actors to parties, on hand-built sentences; then the store and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.model import Actor, Article, Event, Stance, Statement, Speaker, TextSpan, Topic
from onrecord.nlp.stances import aggregate
from onrecord.store import Store

PUBLISHED = "2025-03-12"


def _extract(nlp, text: str, published: str | None = PUBLISHED) -> Article:
    from onrecord.pipeline import extract

    return extract(text, nlp=nlp, published=published)


def _stances(article: Article) -> dict[tuple[str, str], str]:
    names = {t.id: t.name for t in article.topics}
    return {(article.actor(s.actor).name, names[s.topic]): s.stance for s in article.stances}


def _aliases(article: Article, name: str) -> list[str]:
    return next(list(t.aliases) for t in article.topics if t.name == name)


# -- aggregation (no model) -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pieces", "expected"), [
    (["support"], "support"),
    (["support", "support"], "support"),
    (["oppose", "neutral"], "oppose"),
    (["neutral"], "neutral"),
    (["support", "oppose"], "unclear"),
    (["support", "conditional"], "conditional"),
    (["oppose", "conditional"], "oppose"),
])
def test_aggregation_rule(pieces, expected):
    stance, rule = aggregate(pieces)
    assert stance == expected
    assert (rule == "") == (len(set(pieces) - ({"neutral"} if len(set(pieces)) > 1 else set())) == 1)


# -- topics -----------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_topic_aliases_and_anaphor(nlp):
    art = _extract(nlp, "The two sides agreed in principle to a 30-day ceasefire on Tuesday. "
                        "Critics in Moscow said the deal would fail. A truce would let both armies rest.")
    assert [t.name for t in art.topics] == ["ceasefire"]
    assert _aliases(art, "ceasefire") == ["a 30-day ceasefire", "the deal", "A truce"]
    topic = art.topics[0]
    assert [art.text[a:b] for a, b in topic.mentions] == ["a 30-day ceasefire", "the deal", "A truce"]
    assert topic.label == "30-day ceasefire"


@pytest.mark.slow
def test_generic_plural_and_unsafe_anaphor_are_not_linked(nlp):
    art = _extract(nlp, "Russia has violated agreements before. Kyiv wants a ceasefire and a peace deal. "
                        "Officials said the proposal was serious.")
    names = {t.name: t for t in art.topics}
    assert set(names) == {"ceasefire", "peace deal"}
    # "the proposal" follows a sentence naming two topics: which one is meant is not safe to say
    assert all("the proposal" not in t.aliases for t in art.topics)
    assert all("agreements" not in a for t in art.topics for a in t.aliases)


@pytest.mark.slow
def test_membership_forms_share_one_name(nlp):
    art = _extract(nlp, "Ukraine wants to join NATO. Moscow rejects NATO membership for Kyiv. "
                        "The ceasefire agreement was signed on Monday.")
    assert [t.name for t in art.topics] == ["NATO membership", "ceasefire"]
    assert _aliases(art, "NATO membership") == ["join NATO", "NATO membership"]
    assert _aliases(art, "ceasefire") == ["The ceasefire agreement"] or _aliases(art, "ceasefire") == [
        "ceasefire agreement"]


# -- stances ----------------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Senator John Smith said he wanted a ceasefire.", {("John Smith", "ceasefire"): "support"}),
    ("“The ceasefire will not work,” said John Smith, a retired general.",
     {("John Smith", "ceasefire"): "oppose"}),
    ("John Smith says he does want a truce, but only on terms that suit Moscow.",
     {("John Smith", "ceasefire"): "conditional"}),
    ("Prime Minister Jane Doe said in a statement that “Russia must now agree to a ceasefire.”",
     {("Jane Doe", "ceasefire"): "support"}),
    ("Senator John Smith was wary of the ceasefire.", {("John Smith", "ceasefire"): "oppose"}),
    ("Hamas said it had accepted the ceasefire proposal.", {("Hamas", "ceasefire"): "support"}),
    ("Hamas said it would not accept a ceasefire.", {("Hamas", "ceasefire"): "oppose"}),
    ("Prime Minister Benjamin Netanyahu said he would not accept a ceasefire until all hostages were freed.",
     {("Benjamin Netanyahu", "ceasefire"): "conditional"}),
    ("The truce was signed by Israel and Hamas on Sunday.",
     {("Israel", "ceasefire"): "support", ("Hamas", "ceasefire"): "support"}),
])
def test_stance_rules(nlp, text, expected):
    art = _extract(nlp, text)
    assert _stances(art) == expected
    for s in art.stances:
        assert s.because and s.date in {PUBLISHED, "2025-03-09"} and s.spans


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # a contrast that names a reservation makes support conditional, in the quote or after the cue
    ("“We certainly support the ceasefire, but there are issues that we need to discuss,” John Smith said.",
     "conditional"),
    ("“We certainly support the ceasefire,” John Smith said, before adding that many questions remained open.",
     "conditional"),
    ("“We support the ceasefire, but so does everyone,” John Smith said.", "support"),  # a contrast, no reservation
    ("“We support the ceasefire,” John Smith said.", "support"),
])
def test_support_with_a_reservation_is_conditional(nlp, text, expected):
    art = _extract(nlp, text)
    assert _stances(art) == {("John Smith", "ceasefire"): expected}
    if expected == "conditional":
        assert "reservation" in art.stances[0].because


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("John Smith said he would study the ceasefire proposal.", {("John Smith", "ceasefire"): "neutral"}),
    ("John Smith said he would not comment on the ceasefire.", {("John Smith", "ceasefire"): "neutral"}),
    ("The Kremlin declined to comment on the ceasefire proposal.", {("Kremlin", "ceasefire"): "neutral"}),
    ("Britain took no position on the ceasefire.", {("United Kingdom", "ceasefire"): "neutral"}),
    # a spokesperson speaks for the government; studying the outcome is neutral on what was agreed
    ("Ukraine agreed to a 30-day ceasefire. Kremlin spokesman Dmitry Peskov said Moscow was studying the "
     "results of the meeting.", {("Ukraine", "ceasefire"): "support", ("Dmitry Peskov", "ceasefire"): "neutral"}),
    # neutral gives way to any position the actor also takes
    ("John Smith said he would study the ceasefire proposal. “We support the ceasefire,” Smith said.",
     {("John Smith", "ceasefire"): "support"}),
    # a negated study verb is not a withheld position
    ("John Smith said he would not study the ceasefire proposal.", {}),
])
def test_withholding_a_position_is_neutral(nlp, text, expected):
    art = _extract(nlp, text)
    assert _stances(art) == expected
    assert all(s.because for s in art.stances)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "date"), [
    ("Marco Rubio said Wednesday that he wanted a ceasefire.", "2025-03-12"),
    ("Speaking Wednesday afternoon in a briefing, Volodymyr Zelenskyy said he wanted a ceasefire.", "2025-03-12"),
    ("Marco Rubio, speaking on Tuesday, said he wanted a ceasefire.", "2025-03-11"),
    ("On Wednesday, Marco Rubio met reporters and said he wanted a ceasefire.", "2025-03-12"),
    # a time inside what was said is not the date of saying it
    ("Marco Rubio said he wanted a ceasefire that would begin on Monday.", "2025-03-14"),
    ("Marco Rubio said he wanted a ceasefire.", "2025-03-14"),
])
def test_a_stance_is_dated_by_the_time_of_its_statement(nlp, text, date):
    [stance] = _extract(nlp, text, published="2025-03-14").stances
    assert stance.date == date


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # an evaluative word inside a clause embedded in the description is not the description
    ("Ukraine backs a 30-day ceasefire. Greta Waltz, a researcher, said the ceasefire was a test of whether "
     "Moscow wanted peace at all.", None),
    ("Ukraine backs a 30-day ceasefire. Greta Waltz, a researcher, said the ceasefire was an important step "
     "toward peace.", "support"),
    ("Ukraine backs a 30-day ceasefire. Greta Waltz, a researcher, said the ceasefire was a trap that would "
     "help Moscow.", "oppose"),
])
def test_a_description_is_read_without_its_embedded_clauses(nlp, text, expected):
    got = _stances(_extract(nlp, text)).get(("Greta Waltz", "ceasefire"))
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # an office that speaks for its government owns what it says of its country
    ("Kremlin spokesman Dmitry Peskov said Russia was ready to accept a ceasefire.",
     {("Dmitry Peskov", "ceasefire"): "support"}),
    ("Ukrainian President Volodymyr Zelenskyy said Ukraine was ready to accept a ceasefire.",
     {("Volodymyr Zelenskyy", "ceasefire"): "support"}),
    # not what it says of another country, and not a former office holder
    ("Ukrainian President Volodymyr Zelenskyy said Russia was ready to accept a ceasefire.", {}),
    ("Former Ukrainian President Petro Poroshenko said Ukraine was ready to accept a ceasefire.", {}),
])
def test_an_official_speaks_for_their_country(nlp, text, expected):
    art = _extract(nlp, text)
    assert _stances(art) == expected
    assert all("speaking for" in s.because for s in art.stances)


@pytest.mark.slow
def test_an_act_someone_is_accused_of_is_no_ones_stance(nlp):
    art = _extract(nlp, "Volodymyr Zelenskyy accused Vladimir Putin of preparing to reject the ceasefire.")
    assert [t.name for t in art.topics] == ["ceasefire"]
    assert art.stances == ()  # not Zelenskyy oppose (he accuses), not Putin oppose (only claimed)


@pytest.mark.slow
def test_a_group_that_takes_a_position_without_speaking_becomes_an_actor(nlp):
    art = _extract(nlp, "Some officials in Moscow appeared hostile toward the ceasefire.")
    assert _stances(art) == {("officials in Moscow", "ceasefire"): "oppose"}
    group = next(a for a in art.actors if a.kind == "group")
    assert group.affiliation == "Russia" and art.stances[0].evidence == ()


@pytest.mark.slow
def test_a_prediction_about_someone_else_is_no_stance(nlp):
    art = _extract(nlp, "“Putin will not accept a ceasefire,” John Smith wrote in a post on X.")
    assert [t.name for t in art.topics] == ["ceasefire"]
    assert art.stances == ()


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "“If we reject this treaty, Britain will be isolated,” said Foreign Secretary Jack Straw.",  # a supposition
    "Michael Howard said a referendum would be held in Wales.",  # "be held" is not "the truce will hold"
    "Gordon Brown insisted his spending plans were affordable.",  # a claim, and no evaluative word we know
])
def test_no_stance_where_the_rules_would_guess(nlp, text):
    assert _extract(nlp, text).stances == ()


@pytest.mark.slow
def test_generic_noun_refers_back_only_to_an_agreement(nlp):
    art = _extract(nlp, "Voters will decide in a referendum next year. Critics said this treaty was flawed. "
                        "The Tories dismissed the maternity pay plan as desperate.")
    assert [t.name for t in art.topics] == ["referendum", "maternity pay plan"]
    assert _stances(art) == {("Tories", "maternity pay plan"): "oppose"}


@pytest.mark.slow
def test_agree_event_gives_its_parties_support_and_a_hypothetical_does_not(nlp):
    art = _extract(nlp, "Ukraine and Poland agreed to a ceasefire on Monday. Even if Russia were to agree to "
                        "the truce, problems remain.")
    got = _stances(art)
    assert got == {("Ukraine", "ceasefire"): "support", ("Poland", "ceasefire"): "support"}
    st = art.stances[0]
    assert st.date == "2025-03-10"  # the event's resolved time, not the publication date
    assert any(e.id in st.evidence for e in art.events if e.type == "AGREE")


# -- parties ----------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_office_title_maps_to_the_one_country_the_article_names(nlp):
    art = _extract(nlp, "Secretary of State Jane Doe said the U.S. would resume aid. "
                        "National security adviser John Roe said British troops were ready.")
    people = {a.name: a.affiliation for a in art.actors if a.kind == "person"}
    assert people["Jane Doe"] == "United States"
    assert people["John Roe"] is None  # the office exists in the US and the UK, both named here


@pytest.mark.slow
def test_office_title_without_its_country_in_the_article_stays_unaffiliated(nlp):
    art = _extract(nlp, "Secretary of State Jane Doe said talks would resume.")
    assert next(a.affiliation for a in art.actors if a.name == "Jane Doe") is None


@pytest.mark.slow
def test_delegation_shares_the_known_affiliation(nlp):
    art = _extract(nlp, "Secretary of State Jane Doe and John Roe, the national security adviser, held talks with "
                        "Ukrainian Foreign Minister Andrii Sybiha in Jeddah on Tuesday. The U.S. and Britain "
                        "welcomed the meeting.")
    people = {a.name: a.affiliation for a in art.actors if a.kind == "person"}
    assert people["Jane Doe"] == "United States"
    assert people["John Roe"] == "United States"
    assert people["Andrii Sybiha"] == "Ukraine"


@pytest.mark.slow
def test_between_two_people_is_not_one_side(nlp):
    art = _extract(nlp, "Talks between Secretary of State Jane Doe and envoy John Roe took place in Jeddah on "
                        "Tuesday. The U.S. and Britain welcomed them.")
    people = {a.name: a.affiliation for a in art.actors if a.kind == "person"}
    assert people["Jane Doe"] == "United States"
    assert people.get("John Roe") is None


@pytest.mark.slow
def test_the_answer_belongs_to_the_party_asked(nlp):
    art = _extract(nlp, "Jane Doe said her team would contact Russia on Thursday. Ukraine agreed to the plan. "
                        "“If their response is ‘no,’ it will be unfortunate,” Doe said.")
    names = {a.id: a.name for a in art.actors}
    rejects = [e for e in art.events if e.type == "REJECT"]
    assert rejects and all([names[a] for a in e.sources] == ["Russia"] for e in rejects)
    assert all(e.modality == "hypothetical" for e in rejects)


# -- store and CLI ----------------------------------------------------------------------------------------------

def _stored(art_id: str = "art1", published: str = PUBLISHED, stance: str = "support", date: str | None = None,
            text: str = "Doe said she wanted a ceasefire. Russia met Ukraine in Jeddah.") -> Article:
    doe = Actor(id="p1", name="Jane Doe", kind="person", affiliation="United States", mentions=((0, 3),))
    russia = Actor(id="c1", name="Russia", kind="country", mentions=((33, 39),))
    ukraine = Actor(id="c2", name="Ukraine", kind="country", mentions=((44, 51),))
    st = Statement(id="s1", kind="indirect", content_text="she wanted a ceasefire", content_spans=((9, 31),),
                   cue=TextSpan("said", (4, 8)), speaker=Speaker("Doe", (0, 3), "p1", "name"), medium=None,
                   sentence_span=(0, 32))
    ev = Event(id="e1", type="CONSULT", trigger=TextSpan("met", (40, 43)), sentence_span=(33, 62),
               sources=("c1",), targets=("c2",))
    topic = Topic(id="t1", name="ceasefire", label="ceasefire", aliases=("a ceasefire",), mentions=((20, 31),))
    stance_ = Stance(id="x1", actor="p1", topic="t1", stance=stance, evidence=("s1",), spans=((9, 31),), date=date,
                     because="support — statement: wanted on “a ceasefire” (first person)")
    return Article(id=art_id, text=text, title=f"Talks {art_id}", site="example.org", published=published,
                   actors=(doe, russia, ukraine), statements=(st,), events=(ev,), topics=(topic,),
                   stances=(stance_,))


def test_store_round_trip_and_stance_queries(store_target):
    a1 = _stored()
    a2 = _stored("art2", published="2025-03-20", stance="oppose", date="2025-03-19",
                 text="Doe said she wanted a ceasefire. Russia met Ukraine in Jeddah!")
    with Store(store_target) as s:
        assert s.add(a1) and s.add(a2)
        assert s.get("art1") == a1 and s.get("art2") == a2
        rows = s.stances(topic="CEASE")
        assert [(r["actor"], r["stance"], r["date"]) for r in rows] == [
            ("Jane Doe", "support", PUBLISHED), ("Jane Doe", "oppose", "2025-03-19")]  # by actor, then date
        r = rows[0]
        assert r["evidence_text"] == ["she wanted a ceasefire"] and r["affiliation"] == "United States"
        assert r["article_site"] == "example.org" and r["actor_id"] == "p1" and r["topic"] == "ceasefire"
        assert [x["article_id"] for x in s.stances(stance="oppose")] == ["art2"]
        assert [x["article_id"] for x in s.stances(since="2025-03-13")] == ["art2"]
        assert [x["article_id"] for x in s.stances(until="2025-03-12")] == ["art1"]
        assert len(s.stances(party="united states")) == 2 and s.stances(party="Russia") == []
        assert s.stances(topic="sanctions") == [] and s.stances(actor="nobody") == []
        assert s.topics() == [{"name": "ceasefire", "articles": 2, "stances": 2, "labels": ["ceasefire"],
                               "aliases": ["a ceasefire"]}]
        assert s.delete("art2") and len(s.stances()) == 1


def test_timeline_order_and_filters(store_target):
    with Store(store_target) as s:
        s.add(_stored("late", published="2025-03-20", text="Doe said she wanted a ceasefire. Russia met Ukraine "
                                                            "in Jeddah!"))
        s.add(_stored("early", published="2025-03-01"))
        rows = s.timeline()
        assert [r["date"] for r in rows] == ["2025-03-01"] * 2 + ["2025-03-20"] * 2
        assert {r["what"] for r in rows} == {"event", "statement"}
        assert rows[0]["dated_by"] == "published"
        ev = next(r for r in rows if r["what"] == "event")
        assert ev["who"] == ["Russia"] and ev["whom"] == ["Ukraine"] and ev["type"] == "CONSULT"
        assert [r["what"] for r in s.timeline(party="ukraine")] == ["event", "event"]
        assert [r["what"] for r in s.timeline(party="United States")] == ["statement", "statement"]
        assert [r["article_id"] for r in s.timeline(since="2025-03-10")] == ["late", "late"]
        assert [r["article_id"] for r in s.timeline(until="2025-03")] == ["early"] * 2 + ["late"] * 2
        assert s.timeline(actor="doe", until="2025-02") == []


def test_cli_stances_and_timeline(tmp_path, store_target):
    db = store_target
    with Store(db) as s:
        s.add(_stored())
    runner = CliRunner()
    result = runner.invoke(cli.main, ["stances", "--db", str(db), "--topic", "ceasefire", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["actor"], r["stance"], r["evidence_text"]) for r in rows] == [
        ("Jane Doe", "support", ["she wanted a ceasefire"])]
    result = runner.invoke(cli.main, ["stances", "--db", str(db), "--topic", "ceasefire"])
    assert result.exit_code == 0 and "Jane Doe" in result.stdout and "support" in result.stdout
    result = runner.invoke(cli.main, ["stances", "--db", str(db), "--format", "csv"])
    assert result.stdout.splitlines()[0].startswith("article_id,id,topic")
    result = runner.invoke(cli.main, ["timeline", "--db", str(db), "--party", "Russia", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["type"] for x in result.stdout.splitlines()] == ["CONSULT"]
    result = runner.invoke(cli.main, ["topics", "--db", str(db), "--format", "json"])
    assert [(r["name"], r["stances"]) for r in json.loads(result.stdout)] == [("ceasefire", 1)]
    result = runner.invoke(cli.main, ["timeline", "--db", str(db), "--since", "March"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(cli.main, ["stances", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "E300" in result.output
