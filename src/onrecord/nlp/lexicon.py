"""Word lists the rules use. Lists are for closed classes (pronouns, demonyms, platforms); reporting verbs are an
open class, so the quote rules also accept any verb that governs a finite clausal complement and has an animate
subject (see ``quotes.cues.is_cue``) — this list only seeds the obvious ones.
"""

from __future__ import annotations

# Speech, writing, belief and knowledge verbs (PolNeAR annotates belief attributions too).
REPORTING_VERBS = frozenset("""
say tell add note state explain argue claim insist assert declare announce report reply respond answer ask
warn caution urge demand suggest propose recommend predict promise pledge vow threaten acknowledge admit
concede confirm deny reject dismiss agree disagree conclude contend maintain allege accuse charge complain
lament criticize criticise praise welcome hail applaud commend condemn decry denounce blast slam attack
call describe characterize characterise label brand dub term write post tweet blog publish comment remark
observe point mention recall recount reveal disclose indicate signal hint imply stress emphasize emphasise
underline underscore reiterate repeat affirm reaffirm testify tout boast brag joke quip muse wonder speculate
estimate calculate forecast project acknowledge question challenge dispute counter retort rebut protest object
concur echo cite quote inform notify advise assure reassure remind convince persuade admonish instruct order
command direct announce proclaim pronounce profess swear guarantee certify contend opine editorialize
think believe feel fear hope expect know suspect worry doubt assume presume suppose reckon consider figure
understand learn hear find realize realise recognize recognise guess imagine judge see decide determine
estimate conclude anticipate envision foresee trust
talk speak discuss debate rail lobby campaign advocate support oppose endorse back want wish prefer plan
intend show demonstrate cite mention rule rate highlight concede vow testify
""".split())

# Verbs whose infinitive complement is a deed, not a statement ("agreed to resume aid"): events, not quotes.
# ("refused to endorse him" is a stance, and PolNeAR annotates it: not listed.)
ACT_VERBS = frozenset("agree decide plan intend try seek offer".split())
# "The music seemed to match the mood", "he appears somewhat uneasy": the writer's impression of the subject; PolNeAR
# takes the subject and the complement as the content and names no source (162 of 235 such cues in train)
RAISING_VERBS = frozenset("seem appear".split())

# Prepositions whose object is the content after a reporting verb: "talked about X", "called for X", "spoke of X".
CONTENT_PREPS = frozenset("about for of on against over".split())
# … and those whose object is content only after the verbs PolNeAR train shows it for ("pointed to", "admits to").
CONTENT_PREPS_LEARNT = frozenset("to into with at".split())

# Verbs that are cues only with a clausal complement or a quote ("call" in "called it 'X'", not "called for").
WEAK_CUES = frozenset("see find hear learn know decide determine figure judge consider call post write show rule"
                      .split())

# Adjectives of stance, belief or knowledge on a person: "adamant that …", "critical of …", "skeptical about …".
STANCE_ADJECTIVES = frozenset("""
confident sure certain convinced aware unaware skeptical sceptical critical supportive wary worried concerned
optimistic pessimistic hopeful adamant eager keen reluctant willing unwilling determined opposed proud angry
upset unhappy pleased disappointed frustrated afraid fearful nervous comfortable uncomfortable doubtful
outspoken vocal insistent open enthusiastic furious dismissive suspicious mistrustful
""".split())

# Subordinators that open the writer's contrast after a reported clause (", while others said …").
CONTRAST_MARKS = frozenset("while whereas although though whilst".split())

# "made these allegations against X", "took a swipe at X", "offered his congratulations to X", "raised questions
# about X", "made the case to …": a light verb whose object is one of these nouns is a cue with the noun, and the
# noun's preposition or infinitive holds the content (PolNeAR train: make 42, take 32, offer 14, give 9, raise 8 such
# cues missed before; "have" is left out: "has the support of", "had tears in their eyes" are mostly not speech)
LIGHT_VERBS = frozenset("make take offer give raise deliver express issue voice level lodge launch pay".split())
SPEECH_ACT_NOUNS = frozenset("""
statement statements remark remarks comment comments claim claims allegation allegations accusation accusations
charge charges case argument arguments point points promise promises pledge pledges vow call calls appeal appeals
plea shot shots swipe swipes jab jabs dig digs stance position criticism critique critiques attack attacks tirade
mention mentions reference references tribute shout congratulations condolences apology apologies warning warnings
threat threats complaint complaints objection objections question questions concern concerns alarm doubt doubts
opinion opinions view views word words testimony preview hint hints speech speeches defense demand demands
request requests suggestion suggestions proposal proposals assurance assurances praise denial denials
""".split())
# Verbs whose object is the addressee ("told reporters", "briefed the committee") and verbs whose only content is
# their topic ("spoke about X", not "spoke to CBS" or "talked for an hour")
ADDRESSEE_VERBS = frozenset("tell inform brief notify".split())
TOPIC_VERBS = frozenset("speak talk".split())

# Nouns that introduce content: "the statement that", "in a statement", "according to".
REPORTING_NOUNS = frozenset("""
statement remarks remark comment comments claim claims assertion allegation allegations warning announcement
report interview speech briefing testimony tweet post letter memo op-ed editorial address message response
answer argument belief view opinion assessment conclusion promise pledge vow threat accusation denial admission
""".split())

# What can be a source in a fronted "In a …," phrase besides the reporting nouns: "In a Gallup poll, …".
SOURCE_NOUNS = frozenset("poll survey study report analysis book filing lawsuit column essay article memoir".split())

# What a statement was made through: "in a statement", "writing on X", "told reporters", "told Radio Sputnik".
MEDIUM_NOUNS = frozenset("""
statement post tweet interview briefing conference press speech address letter op-ed editorial broadcast
podcast video message email e-mail memo blog column release communique communiqué remarks hearing session
appearance show programme program newspaper radio television tv channel station outlet reporters journalists
press media newspaper network agency
""".split())

PLATFORMS = frozenset("""
X Twitter Facebook Instagram Telegram TikTok YouTube Truth Social Threads Bluesky LinkedIn Weibo WeChat
Reddit Substack Mastodon VKontakte VK
""".split())

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
                     "they": "p", "them": "p", "their": "p", "i": "s", "we": "p", "it": "n"}

# Plural people nouns that make an unnamed group an actor ("Ukrainian officials", "some hard-line voices").
GROUP_NOUNS = frozenset("""
officials official voices leaders diplomats lawmakers legislators ministers sources analysts experts critics
observers residents citizens people protesters demonstrators activists negotiators delegates delegation
delegations representatives envoys spokespeople spokesmen authorities officers soldiers troops forces
commanders generals politicians senators congressmen members supporters opponents voters aides advisers
advisors investigators prosecutors judges scientists researchers economists doctors workers unions parties
governments allies partners donors members militants rebels fighters hardliners hawks doves republicans
democrats conservatives liberals campaigners organisers organizers witnesses victims families survivors
""".split())

# Singular role heads ("the secretary of state", "the Kremlin spokesman", "the minister").
ROLE_HEADS = frozenset("""
president minister secretary spokesman spokeswoman spokesperson chancellor premier chief leader head director
ambassador envoy adviser advisor senator governor mayor general commander king queen prince emperor pope
chairman chairwoman chair ceo founder official diplomat negotiator deputy representative congressman
congresswoman lawmaker prosecutor judge attorney lawyer philosopher analyst professor expert aide candidate
nominee speaker monarch sheikh emir ayatollah commissioner inspector officer coordinator administrator
""".split())

# Demonyms and forms of reference → canonical country (the affiliation an article states).
_COUNTRIES = {
    "United States": "American Americans US U.S. USA U.S.A. America United States Washington",
    "Russia": "Russian Russians Russia Russian Federation Moscow Kremlin",
    "Ukraine": "Ukrainian Ukrainians Ukraine Kyiv Kiev",
    "United Kingdom": "British Briton Britons Britain UK U.K. United Kingdom English Scottish Welsh London",
    "France": "French France Paris",
    "Germany": "German Germans Germany Berlin",
    "China": "Chinese China Beijing",
    "Saudi Arabia": "Saudi Saudis Saudi Arabia Riyadh",
    "Israel": "Israeli Israelis Israel",
    "Palestine": "Palestinian Palestinians Palestine",
    "Iran": "Iranian Iranians Iran Tehran",
    "Iraq": "Iraqi Iraqis Iraq",
    "Syria": "Syrian Syrians Syria",
    "Turkey": "Turkish Turks Turkey Türkiye Ankara",
    "Poland": "Polish Poles Poland Warsaw",
    "Italy": "Italian Italians Italy Rome",
    "Spain": "Spanish Spaniards Spain Madrid",
    "Japan": "Japanese Japan Tokyo",
    "India": "Indian Indians India Delhi",
    "Pakistan": "Pakistani Pakistanis Pakistan",
    "Afghanistan": "Afghan Afghans Afghanistan",
    "Canada": "Canadian Canadians Canada Ottawa",
    "Mexico": "Mexican Mexicans Mexico",
    "Brazil": "Brazilian Brazilians Brazil",
    "Egypt": "Egyptian Egyptians Egypt Cairo",
    "Qatar": "Qatari Qataris Qatar Doha",
    "Belarus": "Belarusian Belarusians Belarus Minsk",
    "North Korea": "North Korean North Koreans North Korea Pyongyang",
    "South Korea": "South Korean South Koreans South Korea Seoul",
    "Hungary": "Hungarian Hungarians Hungary Budapest",
    "Netherlands": "Dutch Netherlands",
    "Belgium": "Belgian Belgium",
    "Sweden": "Swedish Swedes Sweden",
    "Finland": "Finnish Finns Finland",
    "Norway": "Norwegian Norwegians Norway",
    "Denmark": "Danish Danes Denmark",
    "Greece": "Greek Greeks Greece",
    "Australia": "Australian Australians Australia",
    "Ireland": "Irish Ireland Dublin",
    "Lebanon": "Lebanese Lebanon Beirut",
    "Jordan": "Jordanian Jordanians Jordan",
    "Yemen": "Yemeni Yemenis Yemen",
    "Libya": "Libyan Libyans Libya",
    "Sudan": "Sudanese Sudan",
    "Ethiopia": "Ethiopian Ethiopians Ethiopia",
    "Nigeria": "Nigerian Nigerians Nigeria",
    "South Africa": "South African South Africans South Africa",
    "Venezuela": "Venezuelan Venezuelans Venezuela",
    "Colombia": "Colombian Colombians Colombia",
    "Argentina": "Argentine Argentinian Argentina",
    "Cuba": "Cuban Cubans Cuba",
    "Georgia": "Georgian Georgians Georgia Tbilisi",
    "Armenia": "Armenian Armenians Armenia",
    "Azerbaijan": "Azerbaijani Azerbaijanis Azerbaijan",
    "Moldova": "Moldovan Moldovans Moldova",
    "Romania": "Romanian Romanians Romania",
    "Bulgaria": "Bulgarian Bulgarians Bulgaria",
    "Serbia": "Serbian Serbs Serbia",
    "Kosovo": "Kosovar Kosovo",
    "Taiwan": "Taiwanese Taiwan Taipei",
    "Vietnam": "Vietnamese Vietnam",
    "Indonesia": "Indonesian Indonesians Indonesia",
    "Philippines": "Filipino Filipinos Philippines",
    "Estonia": "Estonian Estonia", "Latvia": "Latvian Latvia", "Lithuania": "Lithuanian Lithuania",
    "European Union": "EU E.U. European Union Brussels",
}

# Capital/institution metonyms map to a country for affiliation but do not make a GPE a country actor.
_METONYMS = {"Washington", "Moscow", "Kremlin", "Kyiv", "Kiev", "London", "Paris", "Berlin", "Beijing",
             "Riyadh", "Tehran", "Ankara", "Warsaw", "Rome", "Madrid", "Tokyo", "Delhi", "Ottawa", "Cairo",
             "Doha", "Minsk", "Pyongyang", "Seoul", "Budapest", "Dublin", "Beirut", "Tbilisi", "Taipei",
             "Brussels"}


def _build_country_index() -> tuple[dict[str, str], frozenset[str]]:
    index: dict[str, str] = {}
    names: set[str] = set()
    for country, forms in _COUNTRIES.items():
        index[country.lower()] = country
        names.add(country.lower())
        words = forms.split()
        # multi-word forms are listed as consecutive capitalised words; index every 1-3 word window
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                form = " ".join(words[i:i + n])
                index.setdefault(form.lower(), country)
    return index, frozenset(names)


COUNTRY_OF, COUNTRY_NAMES = _build_country_index()
METONYMS = frozenset(m.lower() for m in _METONYMS)


def country_of(text: str) -> str | None:
    """'Russian' → 'Russia', 'U.S.' → 'United States', 'the Kremlin' → 'Russia'; None when unknown."""
    t = text.strip().lower()
    if t.startswith("the "):
        t = t[4:]
    for suffix in ("’s", "'s"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
    return COUNTRY_OF.get(t)


def is_country_name(text: str) -> bool:
    t = text.strip().lower()
    if t.startswith("the "):
        t = t[4:]
    c = COUNTRY_OF.get(t)
    return c is not None and t not in METONYMS and (t == c.lower() or t in {"us", "u.s.", "usa", "u.s.a.",
                                                                               "america", "uk", "u.k.",
                                                                               "britain", "eu", "e.u."})

# Labels that open a line with a colon without anyone speaking ("Update: …", "Editor's note: …").
LABEL_WORDS = frozenset("""note update correction related watch photo photos video source sources editor editors
advertisement read more see also click share tags filed caption credit image graphic map chart warning""".split())
