"""Hand-built articles for the server tests: an ordinary one, a hostile one (script, javascript: and attribute
breakers in every text field, ids included), and dated filler for pagination. No spaCy needed."""

from __future__ import annotations

from onrecord.model import Actor, Article, Event, EventTime, Removed, Speaker, Stance, Statement, TextSpan, Topic

TEXT = ('Talks resumed on Monday. "We are close to a deal," said Marco Rubio, the US secretary of state. '
        "Hamas said it would study the proposal. He added that the ceasefire must hold.")

XSS = '<script>alert("x")</script>'
JS_URL = "javascript:alert(1)"
ATTR_BREAK = '" onmouseover="alert(2)" x="'


def span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return (i, i + len(needle))


def ordinary(article_id: str = "a1", *, published: str = "2025-01-15", site: str = "example.org") -> Article:
    text = TEXT
    rubio = Actor(id="p1", name="Marco Rubio", kind="person", roles=("secretary of state",),
                  affiliation="United States", mentions=(span(text, "Marco Rubio"), span(text, "He")))
    hamas = Actor(id="g1", name="Hamas", kind="group", mentions=(span(text, "Hamas"),))
    return Article(
        id=article_id, text=text, source="talks.txt", title=f"Ceasefire talks {article_id}", published=published,
        site=site, removed=(Removed("Share this article", "share-widget", 24),), actors=(rubio, hamas),
        statements=(
            Statement(id="s1", kind="direct", content_text="We are close to a deal,",
                      content_spans=(span(text, "We are close to a deal,"),), cue=TextSpan("said", span(text, "said")),
                      speaker=Speaker("Marco Rubio", span(text, "Marco Rubio"), "p1", "name"), medium=None,
                      sentence_span=span(text, '"We are close to a deal," said Marco Rubio, the US secretary of state.')),
            Statement(id="s2", kind="indirect", content_text="it would study the proposal",
                      content_spans=(span(text, "it would study the proposal"),),
                      cue=TextSpan("said", span(text, "said", text.index("Hamas"))),
                      speaker=Speaker("Hamas", span(text, "Hamas"), "g1", "name"),
                      medium=None, sentence_span=span(text, "Hamas said it would study the proposal.")),
            Statement(id="s3", kind="indirect", content_text="the ceasefire must hold",
                      content_spans=(span(text, "the ceasefire must hold"),), cue=TextSpan("added", span(text, "added")),
                      speaker=Speaker("He", span(text, "He"), None, "unresolved"), medium=None,
                      sentence_span=span(text, "He added that the ceasefire must hold.")),
        ),
        events=(Event(id="e1", type="CONSULT", trigger=TextSpan("Talks", span(text, "Talks")),
                      sentence_span=span(text, "Talks resumed on Monday."), sources=("p1",), targets=("g1",),
                      time=EventTime("Monday", span(text, "Monday"), "2025-01-13")),),
        topics=(Topic(id="t1", name="ceasefire", label="the ceasefire", aliases=("a deal", "the ceasefire"),
                      mentions=(span(text, "a deal"), span(text, "the ceasefire"))),),
        stances=(Stance(id="x1", actor="p1", topic="t1", stance="support", evidence=("s1",),
                        spans=(span(text, "We are close to a deal,"),), date=published, because="close to a deal"),
                 Stance(id="x2", actor="g1", topic="t1", stance="conditional", evidence=("s2",),
                        spans=(span(text, "it would study the proposal"),), date=published, because="will study")),
    )


def hostile() -> Article:
    """Every string a page shows carries markup or a javascript: URL; ids too (they end up in hrefs)."""
    text = (f"Intro {XSS} and {JS_URL} here. \"{XSS} {ATTR_BREAK}\" said <img src=x onerror=alert(3)> today. "
            f"Then </span></a><script>alert(4)</script> left.")
    who = "<img src=x onerror=alert(3)>"
    actor_id = "javascript:alert(5)"
    quote = f"{XSS} {ATTR_BREAK}"
    return Article(
        id="evil\"><img src=x onerror=alert(8)>", text=text, source="javascript:alert(6)", title=f"{XSS} title {JS_URL}",
        published="2025-01-20", site=f"<b>{JS_URL}</b>", author=ATTR_BREAK,
        removed=(Removed(f"<iframe src={JS_URL}></iframe>", f"reason {XSS}", 5),),
        actors=(Actor(id=actor_id, name=who, kind="person", roles=(XSS,), affiliation=ATTR_BREAK,
                      mentions=(span(text, who),)),),
        statements=(Statement(id='s"><script>alert(7)</script>', kind="direct", content_text=quote,
                              content_spans=(span(text, quote),), cue=TextSpan("said", span(text, "said")),
                              speaker=Speaker(who, span(text, who), actor_id, "name"),
                              medium=TextSpan(JS_URL, span(text, JS_URL)),
                              sentence_span=(0, len(text))),),
        events=(Event(id=f"e{XSS}", type="ACCUSE", trigger=TextSpan("said", span(text, "said")),
                      sentence_span=(0, len(text)), sources=(actor_id,), targets=(),
                      time=EventTime(XSS, span(text, XSS), None)),),
        topics=(Topic(id=JS_URL, name=XSS, label=ATTR_BREAK, aliases=(JS_URL,), mentions=(span(text, XSS),)),),
        stances=(Stance(id="x<1>", actor=actor_id, topic=JS_URL, stance="oppose",
                        evidence=('s"><script>alert(7)</script>',), spans=(span(text, quote),), date="2025-01-20",
                        because=XSS),),
    )


def filler(n: int) -> list[Article]:
    """``n`` more dated ordinary articles on two sites, for pagination and date/outlet filters."""
    return [ordinary(f"f{i:02d}", published=f"2025-02-{i + 1:02d}", site="news.example" if i % 2 else "example.org")
            for i in range(n)]
