"""Statement rules for recall on PolNeAR (issue 11, recall10): a quoted fragment inside a longer reported clause is
part of that clause's statement — whether its closing mark ends the sentence or the parse conjoined its clause to
the verb of saying (hand-built sentences, session model fixture)."""

import pytest

pytestmark = pytest.mark.slow


def statements(nlp, text):
    doc = nlp(text)
    return [(s.cue.text if s.cue else None, s.kind, s.content_text) for s in doc._.onrecord_statements]


# -- a quote that ends the sentence inside a verb of saying's clause -------------------------------------------------

def test_quote_closing_the_sentence_joins_the_outer_clause(nlp):
    # the closing mark and full stop hang on "stated", outside its clause; the inner verb had taken the quote
    st = statements(nlp, 'Mr. Trump stated that Melania would discuss her immigration history "in a few weeks."')
    assert [(c, k) for c, k, _ in st] == [("stated", "mixed")]
    assert st[0][2].startswith("that Melania would discuss her immigration history")


# -- a quote in a clause the parse conjoined to the verb of saying ---------------------------------------------------

def test_quote_in_a_conjunct_clause_continues_the_complement(nlp):
    text = ("The official also said that it was too early to tell whether the explosion was caused by a bomb, and "
            "there was “no evidence” yet that it was an act of terrorism.")
    st = statements(nlp, text)
    assert [(c, k) for c, k, _ in st] == [("said", "mixed")]
    assert st[0][2].startswith("that it was too early to tell")
    assert st[0][2].endswith("an act of terrorism")


def test_conjunct_with_a_verb_of_saying_stays_apart(nlp):
    text = "The mayor said that the bridge was safe, and the engineers said it was “a disaster waiting to happen.”"
    got = [c for _, _, c in statements(nlp, text)]
    assert "that the bridge was safe" in got


# -- after an object, the medium or occasion of the saying is not content ---------------------------------------------

def test_medium_after_the_object_is_not_content(nlp):
    st = statements(nlp, "The candidate attacked the former beauty queen in early-morning tweets.")
    assert [(c, t) for c, _, t in st] == [("attacked", "the former beauty queen")]
    st = statements(nlp, "The judge rejected that argument in a ruling released on Thursday.")
    assert [(c, t) for c, _, t in st] == [("rejected", "that argument")]


def test_medium_inside_a_reported_clause_stays(nlp):
    st = statements(nlp, "She said that he had attacked the plan in a speech.")
    assert [t for _, _, t in st] == ["that he had attacked the plan in a speech"]


# -- a one-word target of a verb of evaluation, citing or belief -------------------------------------------------------

@pytest.mark.parametrize("text, cue, content", [
    ("Although he admitted using the loophole, the senator does not defend it.", "defend", "it"),
    ("The council generally supported Democrats during his time in office.", "supported", "Democrats"),
    ("My brothers and I understood this because we had seen it too.", "understood", "this"),
])
def test_one_word_target_is_content(nlp, text, cue, content):
    assert any(c.endswith(cue) and t == content for c, _, t in statements(nlp, text))


def test_one_word_object_of_an_act_stays_out(nlp):
    assert statements(nlp, "One after another, the mining companies declared bankruptcy.") == []


# -- "it" as the subject of a verb of evaluation with an object is a referent ----------------------------------------

def test_it_evaluating_an_object_is_a_speaker(nlp):
    st = statements(nlp, "Readers protested outside the newspaper's office after it backed the governor.")
    assert [(c, t) for c, _, t in st] == [("backed", "the governor")]



# -- a stance adjective that is a past participle tagged as a verb -----------------------------------------------------

@pytest.mark.parametrize("text, speaker, content", [
    ("Protesters were frustrated that the police released only some of the video.", "Protesters",
     "that the police released only some of the video"),
    ("After living abroad, we are convinced this is the only country where one can start from zero.", "we",
     "this is the only country where one can start from zero"),
])
def test_stance_participle_is_a_belief(nlp, text, speaker, content):
    doc = nlp(text)
    assert [(s.speaker.text, s.content_text, s.type) for s in doc._.onrecord_statements] == [
        (speaker, content, "belief")]


def test_participle_with_a_modal_is_no_belief(nlp):
    # "can be convinced": someone may do the convincing; no position is held yet
    assert statements(nlp, "He can be convinced that the deal is a good business decision.") == []


# -- further conjuncts of a gerund or infinitive content, hung on the cue by the parse ---------------------------------

def test_gerund_conjuncts_continue_the_content(nlp):
    st = statements(nlp, "Warren has mentioned refinancing student loans and forcing universities to spend more "
                         "from their endowments to help students.")
    assert [t for _, _, t in st] == ["refinancing student loans and forcing universities to spend more from their "
                                     "endowments to help students"]


def test_infinitive_conjuncts_continue_the_content(nlp):
    st = statements(nlp, "Clinton wants to triple the size of the AmeriCorps program, grow the Peace Corps and create "
                         "a new national service reserve program.")
    assert [t for _, _, t in st] == ["to triple the size of the AmeriCorps program, grow the Peace Corps and create a "
                                     "new national service reserve program"]


def test_the_speakers_own_next_act_is_not_content(nlp):
    # a conjunct in the cue's own form is what the speaker did next
    got = [t for _, _, t in statements(nlp, "The senator criticized the budget and left the chamber.")]
    assert got == ["the budget"]


# -- a clause with no subordinator that the parse hung on a verb of saying as an adverbial ---------------------------

def test_bare_finite_clause_after_a_verb_of_saying_is_its_content(nlp):
    st = statements(nlp, "Trump said after the convention he would not accept Cruz's endorsement if it were offered.")
    assert len(st) == 1 and st[0][0] == "said"
    assert st[0][2].endswith("he would not accept Cruz's endorsement if it were offered")


def test_adverbial_clause_with_a_subordinator_is_not_content(nlp):
    assert statements(nlp, "She said goodbye because she was tired.") == []


# -- a quote and a later verb of saying with a clause of its own -------------------------------------------------------

def test_conjoined_verb_with_its_own_clause_does_not_take_the_quote(nlp):
    st = statements(nlp, 'Cruz exhorted Republicans to "vote your conscience" and said he was standing on truth '
                         'and principle.')
    assert ("said", "indirect", "he was standing on truth and principle") in st
    # the quote goes to the verb of advocacy whose infinitive it is
    assert ("exhorted", "mixed", 'Republicans to "vote your conscience"') in st


# -- a parenthetical "it says" has a source ------------------------------------------------------------------------

def test_parenthetical_it_says_is_a_statement(nlp):
    st = statements(nlp, "The plan was published on Monday. The average weekly benefit, it says, would be $300.")
    assert [(c, t) for c, _, t in st] == [("says", "The average weekly benefit … would be $300")]


# -- a pro-form for the words said ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, content", [
    ("Only 52 percent agreed that the senator is healthy, while 73 percent said the same of the governor.",
     "the same of the governor"),
    ("The nominee and his aides haven't said much about how he is preparing for the debate.",
     "much about how he is preparing for the debate"),
    ("The senator said nothing.", "nothing"),
])
def test_pro_form_after_a_verb_of_saying_is_a_mention(nlp, text, content):
    doc = nlp(text)
    assert (content, "mention") in [(s.content_text, s.type) for s in doc._.onrecord_statements]


def test_other_noun_phrase_after_a_verb_of_saying_stays_an_act(nlp):
    assert statements(nlp, "The mining companies declared bankruptcy in the spring.") == []


@pytest.mark.parametrize("text, content, typ", [
    ("The campaign manager said as much in an interview on Thursday morning.", "as much", "mention"),
    ("The nominee isn't saying much about debate preparation.", "much about debate preparation", "mention"),
    ("He doesn't think so.", "so", "belief"),
])
def test_pro_form_adverb_is_the_content(nlp, text, content, typ):
    doc = nlp(text)
    assert [(s.content_text, s.type) for s in doc._.onrecord_statements] == [(content, typ)]


# -- verbs of asking: a request or the topic of a question -------------------------------------------------------------

@pytest.mark.parametrize("text, content, typ", [
    ("The moderator asked the candidates to discuss their own ideas.", "the candidates to discuss their own ideas",
     "attitude"),
    ("The senator asked the minister about the cuts.", "the minister about the cuts", "mention"),
])
def test_asking_is_kept_as_request_or_topic(nlp, text, content, typ):
    doc = nlp(text)
    assert [(s.content_text, s.type) for s in doc._.onrecord_statements] == [(content, typ)]


def test_telling_someone_to_do_something_is_an_order(nlp):
    doc = nlp("The president told his advisers to figure out how to cut emissions without Congress.")
    assert [(s.cue.text, s.content_text, s.type) for s in doc._.onrecord_statements] == [
        ("told", "to figure out how to cut emissions without Congress", "attitude")]
