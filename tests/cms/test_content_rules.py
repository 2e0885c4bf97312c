"""Editorial rules for the content set (cms/content/*.yaml), checked on the files as the loader reads them.

Each rule is a function that returns the problems it finds, so every rule is tested twice: the shipped content has
no problems, and one small bad item made in memory is caught (a rule that can never fail checks nothing).
The lists of court cases and law articles are copied from /work/shared/content-facts.md: a text may only cite what
the fact base has.
"""

import copy
import re
from collections import Counter

import pytest

from cms.choices import Audience, Category
from cms.loader import read_content
from lessons.practice.feedback import plain_first

# ---------------------------------------------------------------------------------------------------- the facts

# Every ECLI number in content-facts.md (Parts 1 and 2).
KNOWN_ECLI = frozenset(
    {
        "ECLI:NL:GHARL:2019:9293",
        "ECLI:NL:GHARL:2021:2953",
        "ECLI:NL:GHSGR:2011:BP7080",
        "ECLI:NL:GHSHE:2021:2000",
        "ECLI:NL:GHSHE:2021:906",
        "ECLI:NL:HR:2005:AT3659",
        "ECLI:NL:HR:2011:BO3400",
        "ECLI:NL:HR:2016:213",
        "ECLI:NL:HR:2019:1069",
        "ECLI:NL:HR:2019:1890",
        "ECLI:NL:HR:2020:1757",
        "ECLI:NL:HR:2023:227",
        "ECLI:NL:PHR:2015:2649",
        "ECLI:NL:PHR:2019:723",
        "ECLI:NL:PHR:2025:681",
        "ECLI:NL:RBAMS:2018:3932",
        "ECLI:NL:RBAMS:2019:24",
        "ECLI:NL:RBAMS:2021:7669",
        "ECLI:NL:RBAMS:2024:2351",
        "ECLI:NL:RBAMS:2025:8303",
        "ECLI:NL:RBDHA:2016:681",
        "ECLI:NL:RBMNE:2023:375",
        "ECLI:NL:RBNHO:2020:5584",
        "ECLI:NL:RBROT:2023:259",
        "ECLI:NL:RBSGR:2010:BM1481",
    }
)

# Every article number content-facts.md names: Wetboek van Strafrecht (131-134, 137c-e/g, 139f-h, 141, 142, 142a,
# 240b, 266, 267, 285, 285d, 443), Gemeentewet (173 in the bill, 175, 176), Grondwet (7, 9), EVRM (10, 11),
# AVG/UAVG (5, 8) and the Digital Services Act (16, 18, 22).
KNOWN_ARTICLES = frozenset(
    {
        "5", "7", "8", "9", "10", "11", "16", "18", "22",
        "131", "132", "133", "134", "137c", "137d", "137e", "137g", "139f", "139g", "139h", "141", "142", "142a",
        "173", "175", "176", "240b", "266", "267", "285", "285d", "443",
    }
)  # fmt: skip

ECLI = re.compile(r"ECLI:NL:[A-Z]+:\d{4}:[A-Z0-9]+")
# "artikel 131", "artikel 266 lid 2", "artikelen 137c en 137d", "artikel 16 en 18", "(artikel 131)"
ARTICLE = re.compile(r"\bartikel(?:en)?\s+(\d+[a-z]?(?:\s*(?:,|en|of|tot|–|-)\s*\d+[a-z]?)*)(?![\d])", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------------- reading


@pytest.fixture(scope="module")
def content():
    return read_content()


def all_strings(value):
    """Every text in a loaded YAML structure, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def _texts(content: dict):
    for name in ("scenarios", "exercise_sets", "lessons", "glossary", "statements", "pages"):
        yield from all_strings(content[name])


# ---------------------------------------------------------------------------------------------------- rules


def category_offence_problems(scenarios: list[dict]) -> list[str]:
    """Category, offence and grey area agree: an opinion names no offence unless it is a grey area; a threat or a
    call that is not a grey area names its offence; a grey area explains itself, and only a grey area does."""
    problems = []
    for item in scenarios:
        key, grey, offence = item["key"], bool(item.get("grey_area")), item.get("offence") or ""
        note = (item.get("grey_area_note") or "").strip()
        if item["category"] == Category.OPINION and offence and not grey:
            problems.append(f"{key}: an opinion names the offence {offence!r} but is not a grey area")
        if item["category"] != Category.OPINION and not offence and not grey:
            problems.append(f"{key}: a {item['category']} that is not a grey area must name its offence")
        if grey and not note:
            problems.append(f"{key}: a grey area without a grey_area_note")
        if not grey and note:
            problems.append(f"{key}: a grey_area_note on a post that is not a grey area")
    return problems


def unconfirmed_citation_problems(texts) -> list[str]:
    problems = []
    for text in texts:
        for ecli in ECLI.findall(text):
            if ecli not in KNOWN_ECLI:
                problems.append(f"unknown case {ecli}: {text[:80]!r}")
        for match in ARTICLE.finditer(text):
            for number in re.findall(r"\d+[a-z]?", match.group(1)):
                if number not in KNOWN_ARTICLES:
                    problems.append(f"unknown article {number}: {match.group(0)!r}")
    return problems


def first_name_problems(scenarios: list[dict], most: int = 2) -> list[str]:
    """No first name (the first word of display_name) in more than `most` posts, across all scenario files."""
    counts = Counter(item["display_name"].split()[0] for item in scenarios)
    return [f"{name} is used in {count} posts" for name, count in sorted(counts.items()) if count > most]


def picture_problems(scenarios: list[dict]) -> list[str]:
    return [
        f"{item['key']}: picture {item['image']} without alt text"
        for item in scenarios
        if item.get("image") and not (item.get("image_alt") or "").strip()
    ]


def exercise_set_problems(exercise_sets: list[dict], scenarios: list[dict]) -> list[str]:
    """Each set fits its audience, holds at least a third opinions and at least one whole context pair, and never a
    test item."""
    by_key = {item["key"]: item for item in scenarios}
    problems = []
    for exercise_set in exercise_sets:
        name, keys = exercise_set["key"], exercise_set["scenarios"]
        posts = [by_key[key] for key in keys]
        opinions = sum(post["category"] == Category.OPINION for post in posts)
        if opinions * 3 < len(posts):
            problems.append(f"{name}: {opinions} of {len(posts)} posts are opinions, less than a third")
        if not any(post.get("pair") in keys for post in posts):
            problems.append(f"{name}: no context pair with both posts in the set")
        wrong_audience = [post["key"] for post in posts if exercise_set["audience"] not in post.get("audiences", [])]
        if wrong_audience:
            problems.append(f"{name}: posts not meant for {exercise_set['audience']}: {wrong_audience}")
        tests = [post["key"] for post in posts if post.get("test_form")]
        if tests:
            problems.append(f"{name}: test items {tests}")
    return problems


FEEDBACK_FIELDS = ("explanation", "response_note", "placement_note", "reach_note", "grey_area_note", "pair_difference")
FEEDBACK_SENTENCE_MAX = 25


def feedback_sentence_problems(scenarios: list[dict]) -> list[str]:
    """The feedback a learner reads after each step keeps its sentences to 25 words at most."""
    return [
        f"{item['key']} {field}: a sentence of {len(words(sentence))} words: {sentence!r}"
        for item in scenarios
        for field in FEEDBACK_FIELDS
        for sentence in sentences(item.get(field) or "")
        if len(words(sentence)) > FEEDBACK_SENTENCE_MAX
    ]


# The meldpunten content-facts.md Part 2 §1.1 names; "Melden bij een meldpunt" must say which one fits.
MELDPUNTEN = (
    "Meld.Online Discriminatie",
    "discriminatie.nl",
    "Meld Misdaad Anoniem",
    "Helpwanted",
    "Meldpunt Kinderporno",
)
DISCRIMINATION_OFFENCES = ("haatzaaien", "groepsbelediging")


def hotline_problems(scenarios: list[dict]) -> list[str]:
    """A post whose answers include report_hotline names the meldpunt in its response_note; for discrimination it
    is a discrimination meldpunt."""
    problems = []
    for item in scenarios:
        if "report_hotline" not in item.get("responses", []):
            continue
        note = item.get("response_note") or ""
        named = [name for name in MELDPUNTEN if name.lower() in note.lower()]
        if not named:
            problems.append(f"{item['key']}: report_hotline, but the response_note names no meldpunt")
        elif item.get("offence") in DISCRIMINATION_OFFENCES and not any("iscriminatie" in name for name in named):
            problems.append(f"{item['key']}: discrimination, but the response_note names no discrimination meldpunt")
    return problems


def curriculum_problems(lessons: list[dict]) -> list[str]:
    """Every goal names the Mediawijsheid competence it serves; a goal of a lesson for students also its SLO goal."""
    problems = []
    for lesson in lessons:
        for_students = any(audience.startswith("students") for audience in lesson.get("audiences", []))
        for goal in lesson.get("goals") or []:
            if not goal.get("mediawijsheid"):
                problems.append(f"{lesson['slug']}: no competence for {goal['text']!r}")
            if for_students and not goal.get("slo"):
                problems.append(f"{lesson['slug']}: no SLO goal for {goal['text']!r}")
    return problems


# Readability for older adults: sentences of 12 words on average, none over 20, no law articles outside "Meer weten".
TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(?:p|li|h2|h3|ul|ol)>|<br\s*/?>", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”)]*\s+|\n+")
LAW_WORDS = re.compile(r"\b(artikel|wetboek)", re.IGNORECASE)
AVERAGE_MAX, SENTENCE_MAX = 12, 20


def plain(html: str) -> str:
    return TAG.sub(" ", BLOCK_END.sub("\n", (html or "").replace("\n", " ")))


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text or "") if re.search(r"\w", part)]


def words(sentence: str) -> list[str]:
    return [word for word in sentence.split() if re.search(r"\w", word)]


def lesson_texts(lesson: dict):
    """(text, inside a "Meer weten" block) for everything a reader of the lesson reads."""
    for text in (lesson.get("title"), lesson.get("intro"), *(goal.get("text") for goal in lesson.get("goals") or [])):
        yield text or "", False
    for block in lesson.get("body") or []:
        kind = block.get("type")
        if kind == "text":
            yield plain(block.get("value", "")), False
        elif kind == "more":
            yield block.get("text", ""), True
        elif kind == "callout":
            yield block.get("title", ""), False
            yield block.get("text", ""), False
        elif kind == "question":
            yield block.get("text", ""), False
            yield block.get("hint", ""), False
        elif kind == "statement":
            yield block.get("text", ""), False
        elif kind == "home_card":
            yield block.get("title", ""), False
            yield from ((question, False) for question in block.get("questions") or [])
            yield block.get("tip", ""), False


def readability_problems(name: str, texts) -> list[str]:
    problems, lengths = [], []
    for text, in_more in texts:
        for sentence in sentences(text):
            lengths.append(len(words(sentence)))
            if lengths[-1] > SENTENCE_MAX:
                problems.append(f"{name}: a sentence of {lengths[-1]} words: {sentence!r}")
            if not in_more and LAW_WORDS.search(sentence):
                problems.append(f"{name}: law words outside 'Meer weten': {sentence!r}")
    if lengths and sum(lengths) / len(lengths) > AVERAGE_MAX:
        problems.append(f"{name}: sentences of {sum(lengths) / len(lengths):.1f} words on average")
    return problems


def post_texts(post: dict):
    """(text, inside "Meer weten") for the feedback of a post in an older adults' set. The explanation is shown as
    plain sentences first with its legal references behind "Meer weten" (lessons.practice.feedback.plain_first);
    the notes are shown as written."""
    plain_sentences, legal_notes = plain_first(post.get("explanation") or "")
    yield from ((sentence, False) for sentence in plain_sentences)
    yield from ((note, True) for note in legal_notes)
    for field in FEEDBACK_FIELDS:
        if field != "explanation":
            yield post.get(field) or "", False


def older_adult_problems(content: dict) -> list[str]:
    problems = []
    for lesson in content["lessons"]:
        if Audience.OLDER_ADULTS in lesson.get("audiences", []):
            problems += readability_problems(f"lesson {lesson['slug']}", lesson_texts(lesson))
    posts = {post["key"]: post for post in content["scenarios"]}
    checked = set()
    for exercise_set in content["exercise_sets"]:
        if exercise_set["audience"] == Audience.OLDER_ADULTS:
            texts = [(exercise_set["title"], False), (exercise_set["intro"], False)]
            problems += readability_problems(f"exercise set {exercise_set['key']}", texts)
            for key in exercise_set["scenarios"]:
                if key in posts and key not in checked:
                    checked.add(key)
                    problems += readability_problems(f"post {key} in {exercise_set['key']}", post_texts(posts[key]))
    return problems


# ---------------------------------------------------------------------------------------------------- the content


class TestTheShippedContent:
    def test_category_offence_and_grey_area_agree(self, content):
        assert category_offence_problems(content["scenarios"]) == []

    def test_every_case_and_article_is_in_the_fact_base(self, content):
        assert unconfirmed_citation_problems(_texts(content)) == []

    def test_no_first_name_in_more_than_two_posts(self, content):
        assert first_name_problems(content["scenarios"]) == []

    def test_every_picture_has_alt_text(self, content):
        assert picture_problems(content["scenarios"]) == []

    def test_every_exercise_set_has_the_mix(self, content):
        assert exercise_set_problems(content["exercise_sets"], content["scenarios"]) == []

    def test_feedback_sentences_are_at_most_25_words(self, content):
        assert feedback_sentence_problems(content["scenarios"]) == []

    def test_a_meldpunt_answer_names_its_meldpunt(self, content):
        assert hotline_problems(content["scenarios"]) == []
        with_hotline = {item["key"] for item in content["scenarios"] if "report_hotline" in item.get("responses", [])}
        assert {"or-22", "or-23", "dr-20", "dr-21", "dr-33"} <= with_hotline

    def test_every_lesson_goal_names_its_competence_and_school_goal(self, content):
        assert curriculum_problems(content["lessons"]) == []

    def test_older_adults_read_short_sentences_without_law_words(self, content):
        assert older_adult_problems(content) == []

    def test_there_are_older_adult_lessons_to_check(self, content):
        lessons = [lesson for lesson in content["lessons"] if Audience.OLDER_ADULTS in lesson.get("audiences", [])]
        assert len(lessons) >= 3


# ---------------------------------------------------------------------------------------------------- bad examples


def _post(**fields) -> dict:
    post = {
        "key": "xx-01",
        "display_name": "Testpersoon",
        "category": "opinion",
        "offence": "",
        "grey_area": False,
        "grey_area_note": "",
        "audiences": ["older_adults"],
    }
    return {**post, **fields}


class TestEachRuleCatchesABadExample:
    @pytest.mark.parametrize(
        "bad",
        [
            _post(offence="belediging"),  # an opinion with an offence, not grey
            _post(category="threat"),  # a threat without an offence, not grey
            _post(category="disorder", offence="opruiing", grey_area=True),  # grey without a note
            _post(grey_area_note="Kantelt als ..."),  # a note on a post that is not grey
        ],
    )
    def test_category_offence_and_grey_area(self, bad):
        assert category_offence_problems([bad])

    def test_a_grey_opinion_may_name_no_offence_and_a_grey_call_may_name_one(self):
        good = [
            _post(grey_area=True, grey_area_note="Kantelt als ..."),
            _post(category="disorder", offence="opruiing", grey_area=True, grey_area_note="Kantelt als ..."),
        ]
        assert category_offence_problems(good) == []

    def test_an_unknown_case(self):
        assert unconfirmed_citation_problems(["Zie ECLI:NL:HR:2099:1 voor de uitspraak."])

    @pytest.mark.parametrize(
        "text",
        ["Dat staat in artikel 999 Sr.", "Zie de artikelen 131 en 138.", "Volgens artikel 137f is het strafbaar."],
    )
    def test_an_unknown_article(self, text):
        assert unconfirmed_citation_problems([text])

    def test_known_cases_and_articles_pass(self):
        texts = ["Artikel 266 lid 2 Wetboek van Strafrecht", "artikel 16 en 18", "(ECLI:NL:GHSHE:2021:906)"]
        assert unconfirmed_citation_problems(texts) == []

    def test_a_first_name_in_three_posts(self):
        posts = [_post(key=f"xx-0{n}", display_name=name) for n, name in enumerate(["Anna", "Anna B.", "Anna"])]
        assert first_name_problems(posts) == ["Anna is used in 3 posts"]

    def test_a_long_feedback_sentence(self):
        long = " ".join(["woord"] * 26) + "."
        assert feedback_sentence_problems([_post(explanation=f"Kort. {long}")])
        assert feedback_sentence_problems([_post(explanation="Kort. Ook kort.")]) == []

    def test_a_goal_without_competence_or_school_goal(self):
        lesson = {"slug": "x", "audiences": ["students_lower"], "goals": [{"text": "Je kunt iets.", "slo": ""}]}
        assert len(curriculum_problems([lesson])) == 2
        lesson["audiences"] = ["older_adults"]
        lesson["goals"][0]["mediawijsheid"] = "reflecteren"
        assert curriculum_problems([lesson]) == []

    def test_a_picture_without_alt_text(self):
        assert picture_problems([_post(image="meme.png", image_alt=" ")])

    def test_a_set_without_enough_opinions_or_a_pair(self):
        scenarios = [
            _post(key="xx-01"),
            _post(key="xx-02", category="threat", offence="bedreiging"),
            _post(key="xx-03", category="threat", offence="bedreiging"),
            _post(key="xx-04", category="disorder", offence="opruiing"),
        ]
        bad_set = {"key": "slecht", "audience": "older_adults", "scenarios": ["xx-01", "xx-02", "xx-03", "xx-04"]}
        problems = exercise_set_problems([bad_set], scenarios)
        assert any("less than a third" in problem for problem in problems)
        assert any("no context pair" in problem for problem in problems)

    def test_a_set_with_a_test_item_or_a_post_for_another_audience(self):
        scenarios = [
            _post(key="xx-01", pair="xx-02"),
            _post(key="xx-02", pair="xx-01", audiences=["students_lower"]),
            _post(key="ta-99", test_form="A"),
        ]
        bad_set = {"key": "slecht", "audience": "older_adults", "scenarios": ["xx-01", "xx-02", "ta-99"]}
        problems = exercise_set_problems([bad_set], scenarios)
        assert any("not meant for" in problem for problem in problems)
        assert any("test items" in problem for problem in problems)

    def test_a_long_sentence_and_law_words_for_older_adults(self, content):
        content = copy.deepcopy(content)
        lesson = next(item for item in content["lessons"] if Audience.OLDER_ADULTS in item.get("audiences", []))
        lesson["body"] = [
            *lesson["body"],
            {
                "type": "text",
                "value": "<p>Wie een ander in het openbaar oproept tot geweld, kan daarvoor vervolgd worden "
                "op grond van het Wetboek van Strafrecht, ook als er uiteindelijk niemand komt opdagen.</p>",
            },
        ]
        problems = older_adult_problems(content)
        assert any("a sentence of" in problem for problem in problems)
        assert any("law words" in problem for problem in problems)

    def test_a_long_note_or_law_words_in_a_post_for_older_adults(self, content):
        content = copy.deepcopy(content)
        key = next(s for s in content["exercise_sets"] if s["audience"] == Audience.OLDER_ADULTS)["scenarios"][0]
        post = next(item for item in content["scenarios"] if item["key"] == key)
        post["response_note"] = "Meld het, want volgens artikel 131 Wetboek van Strafrecht is dit opruiing."
        post["placement_note"] = " ".join(["woord"] * 21) + "."
        problems = older_adult_problems(content)
        assert any(f"post {key}" in problem and "law words" in problem for problem in problems)
        assert any(f"post {key}" in problem and "a sentence of 21 words" in problem for problem in problems)

    def test_an_article_in_brackets_of_an_explanation_goes_behind_meer_weten(self):
        post = _post(explanation="Dit mag. Het is kritiek (artikel 266 lid 2 Wetboek van Strafrecht).")
        assert readability_problems("x", post_texts(post)) == []

    def test_a_meldpunt_answer_without_its_meldpunt(self):
        assert hotline_problems([_post(responses=["report_hotline"], response_note="Meld het ergens.")])
        discrimination = _post(
            category="disorder",
            offence="haatzaaien",
            responses=["report_hotline"],
            response_note="Bel Meld Misdaad Anoniem.",
        )
        assert "no discrimination meldpunt" in hotline_problems([discrimination])[0]
        discrimination["response_note"] = "Meld het bij Meld.Online Discriminatie."
        assert hotline_problems([discrimination]) == []

    def test_law_words_may_stand_in_a_meer_weten_block(self):
        lesson = {"slug": "x", "title": "Kort.", "body": [{"type": "more", "text": "Zie artikel 131."}]}
        assert readability_problems("x", lesson_texts(lesson)) == []

    def test_long_sentences_on_average(self):
        texts = [("Een zin van dertien woorden is voor deze lezers net iets te lang om fijn te lezen.", False)]
        assert readability_problems("x", texts) == ["x: sentences of 17.0 words on average"]
