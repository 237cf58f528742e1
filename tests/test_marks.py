"""The quote-mark scanner: pure function, hand-built strings, plus a property test."""

from hypothesis import given, strategies as st

from onrecord.nlp.marks import find_quotes


def texts(s: str) -> list[str]:
    return [s[q.start:q.end] for q in find_quotes(s)]


def test_curly_and_straight_marks():
    assert texts('He said “yes” and then "no".') == ["“yes”", '"no"']


def test_doubled_apostrophes_as_quote_marks():
    assert texts("''We will win,'' Mr. Biden said.") == ["''We will win,''"]


def test_nested_single_marks_stay_inside():
    s = "“If their response is ‘yes,’ then we know,” he said."
    assert texts(s) == ["“If their response is ‘yes,’ then we know,”"]


def test_apostrophes_are_not_quotes():
    assert texts("Russia’s position and Kyiv’s talks. Rock ’n’ roll.") == []


def test_british_single_marks_when_no_double_marks():
    assert texts("The minister said ‘we will not back down’ on Monday.") == ["‘we will not back down’"]


def test_multi_paragraph_quote_reopens_each_paragraph():
    s = "He said: “First part of it.\n\n“Second part.\n\n“Last part,” he added.\n\nAfter."
    qs = find_quotes(s)
    assert len(qs) == 1
    q = qs[0]
    assert q.closed and len(q.spans) == 3
    assert s[q.spans[0][0]:q.spans[0][1]] == "“First part of it."
    assert s[q.spans[-1][0]:q.spans[-1][1]] == "“Last part,”"


def test_unbalanced_quote_fails_soft_for_that_quote_only():
    s = "She said “this never closes and goes on\n\nNext paragraph “fine” here."
    qs = find_quotes(s)
    assert [s[q.start:q.end] for q in qs] == ["“this never closes and goes on", "“fine”"]
    assert qs[0].closed is False and qs[1].closed is True


def test_stray_closing_mark_is_ignored():
    assert texts("odd ” mark then “real quote” here") == ["“real quote”"]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’\"'«»")), max_size=300))
def test_quotes_are_ordered_disjoint_and_in_bounds(s):
    qs = find_quotes(s)
    last = -1
    for q in qs:
        assert 0 <= q.start < q.end <= len(s)
        assert q.start >= last
        last = q.end
        for a, b in q.spans:
            assert q.start <= a < b <= q.end


def test_straight_mark_reopening_after_a_sentence_end_continues_the_quote():
    # a quote over several paragraphs whose breaks were lost: each paragraph's reopening mark stays inline
    text = 'He said: "We lost. We must win next time. "The fans deserve it." Then he left.'
    qs = find_quotes(text)
    assert [(text[q.start:q.end]) for q in qs] == ['"We lost. We must win next time. "The fans deserve it."']
    # an ordinary close before a capitalised word is still a close
    text = '"We lost," he said. "We must win." Then he left.'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"We lost,"', '"We must win."']


def test_closing_mark_typed_for_the_opening_one():
    # reader comments often open with the wrong mark; at a word's start, with no quote open, it opens
    s = "”Fear. I am truly afraid that he will win.” ― Ana Lopez\n“The most unqualified man.” ― Frank Diaz"
    assert texts(s) == ["”Fear. I am truly afraid that he will win.”", "“The most unqualified man.”"]


def test_stray_closing_mark_after_a_word_opens_nothing():
    assert texts("He left the room.” Then she said no.") == []
