"""Statement rules for recall on PolNeAR (issue 11): reporting nouns with a that-clause and a source, a verb of
saying inside "declined to say", a second speaker's conjunct clause, the occasion after an evaluated object, a
that-clause hung on the verb as an adverbial, and "according to" (hand-built sentences, session model fixture)."""

import pytest

pytestmark = pytest.mark.slow


def statements(nlp, text):
    doc = nlp(text)
    return [(s.cue.text if s.cue else None, s.speaker.text, s.content_text, s.type) for s in doc._.onrecord_statements]


def contents(nlp, text):
    return [c for _, _, c, _ in statements(nlp, text)]


# -- reporting nouns with a that-clause and a source ------------------------------------------------------------------

def test_noun_with_by_phrase_source(nlp):
    st = statements(nlp, "Critics seized on the suggestion by the minister that pensions could be cut.")
    assert [(c, s, t) for c, s, t, _ in st] == [("suggestion", "the minister", "that pensions could be cut")]


def test_noun_with_from_phrase_source(nlp):
    # the parse hangs "from city officials" on the verb, between the noun and its clause
    st = statements(nlp, "The mayor ignored warnings from city officials that the bridge was unsafe.")
    assert [(c, s, t) for c, s, t, _ in st] == [("warnings", "city officials", "that the bridge was unsafe")]


def test_noun_with_naming_modifier_source(nlp):
    st = statements(nlp, "Voters reacted to a Reuters report that the governor had hidden the losses.")
    assert [(c, s, t) for c, s, t, _ in st] == [("report", "Reuters", "that the governor had hidden the losses")]


def test_reporting_noun_as_subject_of_be(nlp):
    st = statements(nlp, "The minister's view is that prices will fall before the election.")
    assert [(c, s, t) for c, s, t, _ in st] == [("view", "The minister's", "that prices will fall before the election")]


def test_noun_with_that_clause_and_no_source_is_no_statement(nlp):
    assert statements(nlp, "There are growing concerns that the dam will not hold.") == []
    assert statements(nlp, "The problem is that nobody knows the cost.") == []


# -- a cue inside "declined to say", "could not resist pointing out" ----------------------------------------------

def test_inner_verb_of_saying_reports_the_clause(nlp):
    st = statements(nlp, "The governor declined to say whether she would seek a second term.")
    assert [(c, s, t) for c, s, t, _ in st] == [("to say", "The governor", "whether she would seek a second term")]
    st = statements(nlp, "The auditors could not resist pointing out that the accounts had never balanced.")
    assert [(s, t) for _, s, t, _ in st] == [("The auditors", "that the accounts had never balanced")]


def test_declined_to_comment_stays_an_act(nlp):
    assert statements(nlp, "The governor declined to comment.") == []


# -- a second speaker's conjunct clause is not part of the first statement -----------------------------------------

def test_conjunct_clause_with_its_own_speaker_is_cut(nlp):
    text = ("She said the new rules would not apply to farmers, and when asked about fishermen, her deputy "
            "replied that they would be exempt too.")
    got = contents(nlp, text)
    assert "the new rules would not apply to farmers" in got
    assert "that they would be exempt too" in got


def test_second_that_clause_of_the_same_verb_is_kept(nlp):
    got = contents(nlp, "He said the talks had stalled and that the envoy would return home.")
    assert got == ["the talks had stalled and that the envoy would return home"]


# -- the occasion after an evaluated object --------------------------------------------------------------------------

def test_time_of_the_saying_is_not_content(nlp):
    st = statements(nlp, "The senator criticized the budget as reckless during a radio interview on Tuesday.")
    assert [t for _, _, t, _ in st] == ["the budget as reckless"]


# -- a that-clause the parse hangs on the verb as an adverbial -------------------------------------------------------

def test_that_clause_after_a_phrase_is_the_complement(nlp):
    from onrecord.nlp.syntax import complement

    doc = nlp("Trump tweeted in the early morning hours that Machado was “disgusting”.")
    verb = next(t for t in doc if t.lower_ == "tweeted")
    comp = complement(verb)
    assert comp is not None and comp.left_edge.lower_ == "that"
    got = contents(nlp, "Trump tweeted in the early morning hours that Machado was “disgusting”.")
    assert got and got[0].startswith("that Machado was")


# -- according to ---------------------------------------------------------------------------------------------------

def test_according_to_gives_the_clause_to_its_source(nlp):
    st = statements(nlp, "Most tenants would see their rents rise next year, according to an analysis by the city "
                         "council.")
    assert [(c, t) for c, _, t, _ in st] == [("according", "Most tenants would see their rents rise next year")]


# -- parse repairs: the complement after the verb, a swallowed subject, "told X that", a programme's name ----------

def test_of_two_clauses_the_one_after_the_verb_is_the_complement(nlp):
    st = statements(nlp, "The delay is unfortunate; the company says it will deliver the trucks next month.")
    assert [(s, t) for _, s, t, _ in st] == [("the company", "it will deliver the trucks next month")]


def test_name_swallowed_by_a_fronted_phrase_is_the_speaker(nlp):
    st = statements(nlp, "In an interview with the local paper Smith said that the deal was dead.")
    assert [(c, s, t) for c, s, t, _ in st] == [("said", "Smith", "that the deal was dead")]


def test_told_an_audience_that_parsed_as_a_relative_clause(nlp):
    st = statements(nlp, "In Paris last week, he told a meeting of European ministers that few countries had met the "
                         "targets.")
    assert [(c, s, t) for c, s, t, _ in st] == [("told", "he", "that few countries had met the targets")]


def test_programme_name_inside_the_phrase_of_medium_is_not_content(nlp):
    st = statements(nlp, "In an interview on ABC's “This Week,” the mayor said the budget would “protect schools.”")
    assert [(s, t, k) for _, s, t, k in st] == [("the mayor", "the budget would “protect schools.”", "speech")]


# -- a parenthetical cue: the content's two halves -------------------------------------------------------------------

def test_subject_in_the_first_half_makes_the_second_a_clause(nlp):
    st = statements(nlp, "The new bridge, the mayor said, would open in the spring.")
    assert [(s, t, k) for _, s, t, k in st] == [("the mayor", "The new bridge … would open in the spring", "speech")]




# -- an attribution inside a later cue's clause gives way to it -------------------------------------------------------

def test_trailing_cue_takes_the_attribution_inside_its_content(nlp):
    st = statements(nlp, "The city council called for the bridge to be closed at once, officials said.")
    assert [(c, s, t) for c, s, t, _ in st] == [
        ("said", "officials", "The city council called for the bridge to be closed at once")]


def test_cue_with_a_clause_takes_a_quoted_attribution_inside_it(nlp):
    st = statements(nlp, "The senator said that the governor had described the plan as “a disaster” for farmers.")
    assert [(c, s, t) for c, s, t, _ in st] == [
        ("said", "The senator", "that the governor had described the plan as “a disaster” for farmers")]


# -- a line that ends in its attribution --------------------------------------------------------------------------

def test_headline_ending_in_its_attribution(nlp):
    st = statements(nlp, "Clinton Hid Health Problems From Public, Former White House Doctor Says.\n\nThe doctor "
                         "spoke on Monday.")
    assert [(c, s, t, k) for c, s, t, k in st] == [
        ("Says", "Former White House Doctor", "Clinton Hid Health Problems From Public", "speech")]


# -- a trailing ", which …" clause in a reported clause ----------------------------------------------------------

def test_which_clause_in_a_reported_clause_is_content(nlp):
    got = contents(nlp, "The spokeswoman said the candidate was headed to the studio, which she was doing when "
                        "police stopped her.")
    assert got == ["the candidate was headed to the studio, which she was doing when police stopped her"]


def test_which_clause_with_its_own_verb_of_saying_is_cut(nlp):
    st = statements(nlp, "The senator said the bill would cut taxes for farmers, which critics say is untrue.")
    assert [t for _, s, t, _ in st if s == "The senator"] == ["the bill would cut taxes for farmers"]


def test_which_clause_after_an_object_stays_an_aside(nlp):
    got = contents(nlp, "The experts criticized the proposals, which include a new tax credit.")
    assert got == ["the proposals"]
