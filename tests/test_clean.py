"""The chrome cleaner: the example article's tail, hand-built pages, site-repeated lines, and offset invariants."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.clean import Cleaned, clean_text, normalize_line, repeated_lines, repeated_lines_by_group

CHROME_IN_EXAMPLE = [
    "CONTACT US",
    "We're not around right now. But you can send us an email and we'll get back to you, asap.",
    "Sending",
    "Log in with your credentials",
    "Forgot your details?",
]

P1 = ("The city council voted on Tuesday to approve a new budget that raises spending on public transport by "
      "twelve percent over the next two years.")
P2 = ("“We have waited a long time for this,” said Maria Lopez, who chairs the transport committee, adding that "
      "the money would go first to buses in the northern districts.")
P3 = ("Opponents argued that the plan relies on optimistic revenue forecasts and warned that fares could rise if "
      "the economy slows down next year.")
P4 = ("The mayor is expected to sign the budget later this week, and the first new routes could open as early as "
      "the spring, officials said.")


def _check_invariants(text: str, cleaned: Cleaned) -> None:
    """Kept lines are input lines, in order and unchanged; every other non-blank line is in ``removed``, in order,
    with ``at`` at the end of the kept line it followed (0 before any)."""
    kept = [ln for ln in cleaned.text.split("\n") if ln.strip()]
    # offsets of the end of each kept line in the clean text
    ends, pos = [], 0
    for ln in cleaned.text.split("\n"):
        if ln.strip():
            ends.append(pos + len(ln))
        pos += len(ln) + 1
    k = r = 0
    last_end = 0
    for line in (ln for ln in text.split("\n") if ln.strip()):
        if k < len(kept) and line == kept[k] and (r >= len(cleaned.removed) or cleaned.removed[r].text != line
                                                   or cleaned.removed[r].at != last_end):
            last_end = ends[k]
            k += 1
        else:
            assert r < len(cleaned.removed), f"line neither kept nor removed: {line!r}"
            piece = cleaned.removed[r]
            assert piece.text == line and piece.at == last_end and piece.reason
            assert 0 <= piece.at <= len(cleaned.text)
            r += 1
    assert k == len(kept) and r == len(cleaned.removed)


def test_example_article_loses_its_contact_and_login_box_and_nothing_else(example_path):
    text = example_path.read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert [r.text for r in cleaned.removed] == CHROME_IN_EXAMPLE
    article = text[: text.index("CONTACT US")].rstrip()
    assert cleaned.text.rstrip() == article
    assert "Rubio said it would be up to Moscow whether to accept." in cleaned.text.split("\n")
    assert all(r.at == len(cleaned.text) for r in cleaned.removed)  # all of it stood after the article
    _check_invariants(text, cleaned)


def test_menu_top_and_footer_with_copyright_and_social_links_go():
    page = "\n".join([
        "Home | News | Sport | Business | Culture",
        "World", "Politics", "Opinion",
        "",
        "Council approves transport budget",
        "By Jane Smith, 12 March 2024",
        "",
        P1, "", P2, "", P3, "", P4,
        "",
        "Share this article",
        "Facebook", "Twitter", "Email",
        "Related stories",
        "Five things to know about the new bus lanes",
        "© 2024 Example News Ltd. All rights reserved.",
        "Privacy policy",
    ])
    cleaned = clean_text(page)
    assert cleaned.text == "\n\n".join([P1, P2, P3, P4])
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Home | News | Sport | Business | Culture"] == "menu-like line"
    assert reasons["© 2024 Example News Ltd. All rights reserved."] == "web chrome marker"
    assert reasons["Five things to know about the new bus lanes"] == "tail block after article"
    _check_invariants(page, cleaned)


def test_short_paragraphs_quotes_and_subheadings_inside_the_article_stay():
    article = "\n\n".join([
        P1,
        "“It is a good day,” she said.",
        P2,
        "What happens next",
        P3,
        "He disagreed.",
        "“No.”",
        P4,
    ])
    page = "MENU\n\nSearch\n\n" + article + "\n\nNewsletter: sign up for our daily briefing\n\nTerms of use"
    cleaned = clean_text(page)
    assert cleaned.text == article
    _check_invariants(page, cleaned)


def test_a_plain_article_with_a_headline_is_left_as_it_is():
    text = "Council approves transport budget\n\n" + "\n\n".join([P1, P2, P3]) + "\n"
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert cleaned.text == text.rstrip()


def test_text_without_prose_is_not_guessed_at():
    text = "Home\nNews\nSport"
    assert clean_text(text) == Cleaned(text=text, removed=())
    assert clean_text("") == Cleaned(text="", removed=())


def test_a_line_repeated_across_the_site_goes_even_inside_the_article():
    promo = "Get the best stories of the week"
    page = "\n\n".join([P1, P2, promo, P3, P4])
    assert promo in clean_text(page).text  # on its own it is a subheading
    cleaned = clean_text(page, repeated=frozenset({normalize_line(promo)}))
    assert promo not in cleaned.text
    assert [(r.text, r.reason) for r in cleaned.removed] == [(promo, "repeated across site")]
    _check_invariants(page, cleaned)


def test_sentences_that_mention_web_words_stay_inside_the_article():
    line = "She said she would never subscribe to the view that the budget was a mistake."
    page = "\n\n".join([P1, P2, line, P3])
    assert line in clean_text(page).text


def test_reader_comments_after_the_article_go_however_long():
    comment = ("I have been riding these buses for twenty years and I can tell you that nothing will change until "
               "the council listens to the people who actually use them every single day of the week.")
    page = "\n\n".join([P1, P2, P3, P4, "3 Comments", "busrider says:", "November 19, 2019 at 6:34 am",
                         comment, "citizen_k says:", "2 days ago at 07:52 am", comment + " Again.", comment])
    cleaned = clean_text(page)
    assert cleaned.text == "\n\n".join([P1, P2, P3, P4])
    assert {r.reason for r in cleaned.removed} == {"comments after article"}
    _check_invariants(page, cleaned)


def test_repeated_lines_by_group_groups_by_site_then_folder():
    nav = "Home\nNews\nSport\n\n"
    docs = [
        SimpleNamespace(source="/a/one.txt", text=nav + P1, kind="text", site=None),
        SimpleNamespace(source="/a/two.txt", text=nav + P2, kind="text", site=None),
        SimpleNamespace(source="/b/three.txt", text=nav + P3, kind="text", site=None),  # alone in its folder
        SimpleNamespace(source="/c/x.txt", text="Footer line\n" + P1, kind="text", site="Example.com"),
        SimpleNamespace(source="/d/y.txt", text="Footer line\n" + P4, kind="text", site="example.com"),
        SimpleNamespace(source="/a/page.html", text=nav, kind="html", site=None),  # HTML is not grouped
    ]
    out = repeated_lines_by_group(docs)
    assert set(out) == {0, 1, 3, 4}
    assert out[0] == out[1] == frozenset({"home", "news", "sport"})
    assert out[3] == frozenset({"footer line"})


def test_repeated_lines_skip_long_prose():
    long_line = "word " * 60
    assert repeated_lines([long_line + "\nMenu", long_line + "\nMenu"]) == frozenset({"menu"})


_LINES = st.sampled_from([
    P1, P2, P3, P4, "Home", "NEWS", "Share this", "© 2024 Site", "Home | News | Sport", "He said no.",
    "A short line", "   ", "", "Read more", "“Yes,” she said, and she left the room quickly after that.",
    "Log in with your credentials", "12 comments",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=25), st.lists(st.sampled_from(["\n", "\n\n"]), min_size=25, max_size=25),
       st.booleans())
def test_clean_text_only_cuts_whole_lines_and_records_where(lines, seps, with_repeated):
    text = "".join(line + sep for line, sep in zip(lines, seps)).rstrip("\n")
    repeated = frozenset({"home", "a short line"}) if with_repeated else frozenset()
    cleaned = clean_text(text, repeated=repeated)
    _check_invariants(text, cleaned)
    if not cleaned.removed:
        assert cleaned.text == text.strip()


def test_photo_credits_and_capital_headings_inside_the_body_are_not_article_sentences():
    para = ("The chief executive said on Monday that the company would keep all of its stores open through the "
            "winter, because sales in the autumn had been better than anyone in the industry expected.")
    text = "\n".join([para, "Photograph: Jane Doe/Reuters", para.replace("Monday", "Tuesday"), "THE NEXT STEP",
                      para.replace("Monday", "Friday"), "Getty Images", para.replace("Monday", "Sunday"), "Staff picture by Ann Lee / AFP",
                      para.replace("Monday", "Saturday")])
    out = clean_text(text)
    reasons = {r.text: r.reason for r in out.removed}
    assert reasons == {"Photograph: Jane Doe/Reuters": "photo credit or caption", "Getty Images": "web chrome marker",
                       "Staff picture by Ann Lee / AFP": "photo credit or caption",
                       "THE NEXT STEP": "section heading in capitals"}
    assert out.text.count("The chief executive said") == 5
