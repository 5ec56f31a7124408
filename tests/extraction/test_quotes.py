"""Direct quotes: marks, length, attribution (same sentence, dash line, carried over), channel."""

from datetime import UTC, date, datetime

import pytest

from service.extraction import Extraction, extract

WHEN = datetime(2025, 3, 5, 12, tzinfo=UTC)


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    ex = extract(text, WHEN)
    for st in ex.statements:
        assert text[st.span.start : st.span.end] == st.text
    return [(st.text, st.speaker_key, st.channel) for st in ex.statements]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We will not accept any deal without Ukraine at the table," Macron said.',
            "emmanuel macron",
        ),
        (
            "“We will not accept any deal without Ukraine at the table,” said Macron.",
            "emmanuel macron",
        ),
        (
            "Macron said: «We will not accept any deal without Ukraine at the table».",
            "emmanuel macron",
        ),
        (
            '"We will not accept any deal without Ukraine at the table," according to Macron.',
            "emmanuel macron",
        ),
    ],
)
def test_attribution_in_the_same_sentence(text: str, speaker: str) -> None:
    quotes = _quotes(f"French President Emmanuel Macron spoke in Paris on Monday. {text}")
    assert quotes[0][:2] == (
        "We will not accept any deal without Ukraine at the table",
        f"person:{speaker}",
    )


def test_dash_line_attribution() -> None:
    quotes = _quotes(
        '"A long day of talks lies ahead of us on security and the economy"\n'
        "— Rustem Umerov, Secretary of the NSDC"
    )
    assert quotes == [
        (
            "A long day of talks lies ahead of us on security and the economy",
            "person:rustem umerov",
            "statement",
        )
    ]


def test_speaker_carries_over_a_run_of_quotes_and_pronouns() -> None:
    quotes = _quotes(
        "Chancellor Friedrich Merz spoke after the meeting on Monday.\n"
        '"Europe must be able to defend itself, and we are ready," Merz wrote on X.\n'
        '"We will increase our support for Ukraine this year and next year."\n'
        'He added: "Nobody should doubt our commitment to the alliance."'
    )
    assert [q[1] for q in quotes] == ["person:friedrich merz"] * 3
    assert [q[2] for q in quotes] == ["x", "x", "x"]


def test_an_interrupted_quote_keeps_its_speaker() -> None:
    quotes = _quotes(
        'Prime Minister Keir Starmer met the envoys. "We are at a crossroads in history," Starmer '
        'said, "and we must choose to stand with Ukraine now."'
    )
    assert [q[1] for q in quotes] == ["person:keir starmer", "person:keir starmer"]


def test_channels() -> None:
    text = (
        "President Donald Trump spoke on Friday. "
        '"I\'m not thrilled with Putin at all, he is killing people," Trump told reporters. '
        "Foreign Minister Andrii Sybiha wrote on Telegram later. "
        '"Russia must stop the strikes on our energy system now," Sybiha said on Telegram. '
        "Secretary of State Marco Rubio gave an interview. "
        '"We have to find a way to end this war for good," Rubio said in an interview with CBS.'
    )
    assert [q[2] for q in _quotes(text)] == ["press_conference", "telegram", "interview"]


def test_names_in_quotes_and_short_fragments_are_not_statements() -> None:
    text = (
        'Members of the "Coalition of the Willing" met. The plan is in its "final stages," '
        'he said, calling it a "key security guarantee" for Kyiv.'
    )
    assert _quotes(text) == []


def test_fragment_repeated_inside_a_fuller_quote_is_one_statement() -> None:
    quotes = _quotes(
        'The agenda: "security and economic issues, work on framework documents."\n'
        '"We have a busy day ahead: security and economic issues, work on framework documents,"'
        " Defence Minister Rustem Umerov said."
    )
    assert len(quotes) == 1
    assert quotes[0][0].startswith("We have a busy day ahead")


def test_unattributed_org_source_gives_no_person() -> None:
    quotes = _quotes('"The talks were constructive and will continue next week," the Kremlin said.')
    assert quotes == [("The talks were constructive and will continue next week", None, "unknown")]


def test_quote_is_linked_to_the_meeting_it_is_about() -> None:
    ex: Extraction = extract(
        "Prime Minister Mark Carney hosted President Emmanuel Macron in Ottawa on Monday.\n"
        '"Canada and France stand together on trade and on Ukraine," Carney said after the meeting.',
        datetime(2025, 6, 17, 12, tzinfo=UTC),
    )
    assert len(ex.meetings) == 1
    assert ex.meetings[0].start_date == date(2025, 6, 16)
    assert ex.statements[0].meeting_key == ex.meetings[0].key


def test_british_single_quotes_and_a_described_speaker() -> None:
    quotes = _quotes(
        "Ukrainian President Volodymyr Zelensky met the Pope on Tuesday. "
        "'We are not going to give up any of our territory,' the Ukrainian leader said in an "
        "interview, adding that he didn't expect a deal soon."
    )
    assert quotes == [
        (
            "We are not going to give up any of our territory",
            "person:volodymyr zelensky",
            "interview",
        )
    ]


def test_a_quote_running_over_two_paragraphs() -> None:
    quotes = _quotes(
        "NATO Secretary General Mark Rutte spoke on Tuesday.\n"
        '"We will continue to stand by Ukraine for as long as it takes.\n'
        '"Every euro we spend now saves many more later," Rutte told a news conference.'
    )
    assert [q[1] for q in quotes] == ["person:mark rutte", "person:mark rutte"]
    assert quotes[1][2] == "press_conference"


def _speaker_names(text: str) -> list[str | None]:
    ex = extract(text, datetime(2025, 6, 3, 12, tzinfo=UTC))
    names = {m.key: m.name for m in ex.participants}
    return [names.get(s.speaker_key) if s.speaker_key else None for s in ex.statements]


def test_the_clause_subject_beats_the_nearest_name() -> None:
    text = (
        "Prime Minister Kristen Michal greeted President Alar Karis and told reporters that "
        "\u201cEstonia will stand with its neighbours for as long as it takes.\u201d"
    )
    assert _speaker_names(text) == ["Kristen Michal"]


def test_the_person_told_is_not_the_speaker() -> None:
    text = (
        "\u201cYou have to decide by Friday whether the deal holds,\u201d Chancellor Karl "
        "Nehammer told President Zoran Milanovic."
    )
    assert _speaker_names(text) == ["Karl Nehammer"]


def test_he_said_is_the_person_the_story_was_about_captions_skipped() -> None:
    text = (
        "President Gitanas Nauseda praised the outcome of the talks with his Latvian "
        "counterpart.\n"
        "President Edgars Rinkevics greets guests at the palace in Riga, June 2, 2025.\n"
        "Ilmars Znotins/AFP\n"
        "\u201cThis is the best agreement our two countries have signed in years,\u201d he said."
    )
    assert _speaker_names(text) == ["Gitanas Nauseda"]


def test_a_long_title_naming_its_body_introduces_the_speaker() -> None:
    text = (
        "Deputy Foreign Minister of Moldova Vladimir Cuc said the border talks would go on.\n"
        "\u201cWe will keep talking until every crossing is open again,\u201d he added."
    )
    assert _speaker_names(text) == ["Vladimir Cuc"]


def test_a_government_or_an_organisation_speaks_for_itself() -> None:
    ex = extract(
        "\u201cThe sanctions must be lifted before any further round of talks,\u201d the Iranian "
        "foreign ministry said in a statement.\n"
        "\u201cAll allies stand ready to defend every inch of our territory,\u201d NATO said.",
        datetime(2025, 6, 3, 12, tzinfo=UTC),
    )
    assert [s.speaker_key for s in ex.statements] == ["country:IR", "org:nato"]


def test_a_country_that_is_talked_about_does_not_speak() -> None:
    assert _speaker_names(
        "\u201cWe will not accept any deal that leaves our farmers behind,\u201d Prime Minister "
        "Luc Frieden said of the French government."
    ) == ["Luc Frieden"]


def test_the_one_told_is_not_the_speaker_and_the_head_names_the_speaker() -> None:
    text = (
        "Prime Minister Robert Fico said that Slovakia is \u201cnot going to pay for this at "
        "all,\u201d telling President Peter Pellegrini, \u201cYou do not have the votes for "
        "this in parliament.\u201d"
    )
    assert _speaker_names(text)[0] == "Robert Fico"


def test_a_bare_verb_after_the_quote_leaves_the_speaker_to_the_sentence_before_it() -> None:
    text = (
        "Mr. Sikorski, noting that the alliance's \u201ceastern flank is not as safe as it "
        "looks,\u201d added: \u201cWe need more air defence on the border before the winter.\u201d"
    )
    assert _speaker_names(text) == ["Sikorski", "Sikorski"]


def test_saying_a_name_is_not_the_name_saying() -> None:
    text = (
        "President Gustavo Petro called the plan \u201cthe fairest offer we have seen in "
        "years,\u201d saying Ecuador and Peru were \u201cready to sign it before the end of "
        "the month.\u201d"
    )
    assert "Ecuador" not in _speaker_names(text)


def test_a_spokesperson_of_a_ministry_speaks_not_the_ministry() -> None:
    text = (
        "Chinese Foreign Ministry spokesperson Lin Jian said the talks would go on. \u201cWe "
        "believe that with the effort of all parties the talks will bear fruit,\u201d he added."
    )
    assert _speaker_names(text) == ["Lin Jian"]


@pytest.mark.parametrize("honorific", ["Mr", "Mr.", "Madam", "the Rev."])
def test_honorifics_are_not_part_of_the_name(honorific: str) -> None:
    text = (
        f"\u201cWe will not stop until every vote in this state is counted,\u201d said "
        f"{honorific} Tomas Novak."
    )
    assert _speaker_names(text) == ["Tomas Novak"]


def test_the_verb_right_before_a_quote_names_its_speaker() -> None:
    text = (
        "When Speaker Mike Johnson said he would not defend the bill, President Donald Trump "
        "responded, \u201cI would think that Johnson will not be there for long.\u201d"
    )
    assert _speaker_names(text) == ["Donald Trump"]


def test_with_a_spokesman_saying_the_spokesman_speaks() -> None:
    text = (
        "The campaign of Governor Gavin Newsom declined to comment, with spokesman Izzy Gardon "
        "saying, \u201cThese leaks prove nothing about the governor and his record.\u201d"
    )
    assert _speaker_names(text) == ["Izzy Gardon"]


def test_the_minister_said_is_the_minister_the_story_named() -> None:
    text = (
        "Foreign Minister Radoslaw Sikorski met envoys of the Baltic states in Warsaw on Monday."
        "\n\n\u201cWe will not accept any deal made over the heads of Ukrainians,\u201d the "
        "minister said."
    )
    assert _speaker_names(text) == ["Radoslaw Sikorski"]


def test_the_official_said_with_two_titled_people_stays_unattributed() -> None:
    text = (
        "Chancellor Friedrich Merz met President Emmanuel Macron in Berlin.\n\n"
        "\u201cThe alliance is stronger than it has been at any time in its history,\u201d the "
        "official said."
    )
    assert _speaker_names(text) == [None]


def test_a_source_named_after_the_verb_is_no_person_nearby() -> None:
    text = (
        "\u201cWe are not blind to the risks of this plan for the region,\u201d wrote The "
        "Guardian, which nevertheless backed President Ursula Meier."
    )
    assert _speaker_names(text) == [None]


def test_reported_speech_by_he_carries_the_salient_person_to_the_next_quote() -> None:
    text = (
        '"We will meet again in Lima next spring to sign the accord," said Chilean President '
        "Gabriel Boric.\n\nPeruvian President Dina Boluarte addressed the forum by video link. "
        "She stressed that trade between the two countries keeps growing.\n\n"
        '"Our ports and our railways must now be joined into one network for the region."'
    )
    speakers = {t[:20]: s for t, s, _ in _quotes(text)}
    assert speakers["Our ports and our ra"] == "person:dina boluarte"


def test_the_name_before_who_said_is_the_speaker() -> None:
    text = (
        "Chilean President Gabriel Boric met Peruvian President Dina Boluarte on Monday. Her "
        'remarks were pushed back by Boric, who said Boluarte was "in no position to set the '
        'terms of the border accord."'
    )
    assert [s for _, s, _ in _quotes(text)] == ["person:gabriel boric"]


def test_a_role_before_the_verb_is_the_speaker_not_a_name_after_it() -> None:
    text = (
        "Chilean President Gabriel Boric welcomed Peruvian Prime Minister Eduardo Arana to "
        "Santiago on Monday.\n\nThe president said on Friday he would not accept the plan, an "
        "idea pushed by members of Peruvian Prime Minister Eduardo Arana's cabinet.\n"
        '"I will not accept a border drawn by others in Lima,"'
    )
    assert [s for _, s, _ in _quotes(text)] == ["person:gabriel boric"]


def test_a_capitalised_role_with_a_demonym_is_the_person_given_that_title() -> None:
    text = (
        "Chile's Foreign Minister Alberto van Klaveren spoke to reporters after the talks.\n\n"
        "The Chilean Foreign Minister said, \u201cWe agreed on a new border commission and will "
        "meet again in June.\u201d"
    )
    assert _speaker_names(text) == ["Alberto van Klaveren"]


def test_a_capitalised_role_of_another_country_is_not_that_person() -> None:
    text = (
        "Chile's Foreign Minister Alberto van Klaveren spoke to reporters after the talks.\n\n"
        "The Peruvian Foreign Minister said, \u201cWe agreed on a new border commission and will "
        "meet again in June.\u201d"
    )
    assert _speaker_names(text) == [None]


def test_the_of_in_a_title_before_the_name_does_not_demote_its_subject() -> None:
    text = (
        "Foreign Minister Alberto Moreno spoke to reporters after the talks.\n\n"
        "First Deputy Foreign Minister of Peru Luis Alberto Castro said that pressure on the "
        "smugglers should continue.\n\n"
        '"There are many questions that can be settled if the presidents meet, and that is why '
        'we hope such a meeting will take place soon," he emphasized.'
    )
    assert _speaker_names(text) == ["Luis Alberto Castro"]


def test_a_name_governed_by_a_preposition_is_still_not_the_subject() -> None:
    text = (
        "Foreign Minister Alberto Moreno spoke to reporters after the talks.\n\n"
        "Reporters asked for an interview with Deputy Foreign Minister Luis Alberto Castro.\n\n"
        '"There are many questions that can be settled if the presidents meet, and that is why '
        'we hope such a meeting will take place soon," he said.'
    )
    assert _speaker_names(text) != ["Luis Alberto Castro"]


def test_a_participle_after_a_quoted_fragment_takes_the_sentence_subject() -> None:
    text = (
        "President Recep Tayyip Erdogan called the plan \u201cvery balanced,\u201d saying Gulf "
        "and Asian partners were \u201cready to step up for the people of the region.\u201d"
    )
    assert _speaker_names(text) == ["Recep Tayyip Erdogan"]


def test_a_finite_verb_after_a_quoted_fragment_keeps_its_own_subject() -> None:
    text = (
        "President Recep Tayyip Erdogan called the plan \u201cvery balanced,\u201d and Prime "
        "Minister Anthony Albanese said partners were \u201cready to step up for the people of "
        "the region.\u201d"
    )
    assert _speaker_names(text) == ["Anthony Albanese"]


@pytest.mark.parametrize("verb", ["indicated", "reaffirmed"])
def test_more_reporting_verbs(verb: str) -> None:
    text = (
        f"Prime Minister Anthony Albanese {verb} in a post an hour later that Australia "
        "\u201cwill stand with its partners for as long as it is needed.\u201d"
    )
    assert _speaker_names(text) == ["Anthony Albanese"]


def test_region_words_after_a_speech_verb_are_not_people() -> None:
    ex = extract(
        "The minister spoke on Monday, saying Gulf and Baltic partners would help.",
        datetime(2025, 6, 3, 12, tzinfo=UTC),
    )
    assert [p.name for p in ex.participants if p.key.startswith("person:")] == []


def test_a_name_labelling_a_paragraph_is_its_speaker() -> None:
    text = (
        "Who won the debate? Pundits weigh in\n\n"
        'Maria Lopez, El Pais: "The challenger looked calm for most of the night and the '
        'incumbent had to answer hard questions."\n\n'
        'Peter McNally, Twitter: "The moderator is the real winner of this debate. The voters '
        'are the losers."'
    )
    assert _speaker_names(text) == ["Maria Lopez", "Peter McNally"]


def test_a_label_naming_no_one_does_not_inherit_the_last_speaker() -> None:
    text = (
        'Maria Lopez, El Pais: "The challenger looked calm for most of the night and the '
        'incumbent had to answer hard questions."\n\n'
        'PaulNovak,Politico: "The moderator is the real winner of this debate. The voters are '
        'the losers."'
    )
    assert _speaker_names(text) == ["Maria Lopez", None]


def test_a_sentence_before_a_colon_is_no_label() -> None:
    text = (
        "President Ramon Ortega said the rally on Friday was a success.\n\n"
        'But Ortega quickly deflected with a joke: "It is only talk, and it is one of those '
        'things we will leave behind."'
    )
    assert _speaker_names(text) == ["Ramon Ortega"]


def test_a_headline_label_is_not_a_person() -> None:
    ex = extract(
        'Breaking News: "The talks in Doha are over and both delegations are going home '
        'tonight," a diplomat said.',
        WHEN,
    )
    assert [p.name for p in ex.participants if p.key.startswith("person:")] == []


@pytest.mark.parametrize("name", ["Douglas MacArthur", "Sean O'Brien", "Ron DeSantis"])
def test_names_with_an_inner_capital(name: str) -> None:
    text = f'Senator {name} said "we shall return to the islands within a few months".'
    assert _speaker_names(text) == [name]


def test_a_role_with_its_title_words_is_the_person_so_titled() -> None:
    text = (
        "Vice President Kamala Ortiz and President Daniel Reyes hosted Prime Minister Mark Tan "
        "at the palace on Friday.\n\n"
        "\u201cYou are gambling with the lives of millions of people,\u201d Reyes said.\n\n"
        "The vice president then accused the visitor of being ungrateful, asking him, \u201cHave "
        "you said thank you once during this entire meeting?\u201d"
    )
    assert _speaker_names(text) == ["Daniel Reyes", "Kamala Ortiz"]


def test_a_role_nobody_holds_is_not_the_nearest_president() -> None:
    text = (
        "President Daniel Reyes hosted Prime Minister Mark Tan at the palace on Friday.\n\n"
        "\u201cYou are gambling with the lives of millions of people,\u201d Reyes said.\n\n"
        "The vice president then accused the visitor of being ungrateful, asking him, \u201cHave "
        "you said thank you once during this entire meeting?\u201d"
    )
    assert _speaker_names(text)[1] != "Daniel Reyes"


def test_a_given_name_with_an_aside_before_the_verb_is_the_speaker() -> None:
    text = (
        "Kenyan President William Ruto received Ethiopian Prime Minister Abiy Ahmed in Nairobi "
        "on Wednesday.\n\n"
        'Abiy, speaking through an interpreter, said: "We came here to build bridges and we '
        'will leave with new agreements."'
    )
    assert _speaker_names(text) == ["Abiy Ahmed"]


def test_a_role_reaches_back_past_a_few_paragraphs() -> None:
    text = (
        "Kenyan President William Ruto received Ethiopian Prime Minister Abiy Ahmed in Nairobi "
        "on Wednesday.\n\n"
        "The two sides signed four agreements on trade.\n\n"
        "A road link to the border will be built by 2027.\n\n"
        "Officials spoke of a power line as well.\n\n"
        "The port question was left for later.\n\n"
        '"This is the beginning of a new chapter for the whole region," the president said.'
    )
    assert _speaker_names(text) == ["William Ruto"]


def test_a_surname_resolves_to_the_name_not_to_its_title() -> None:
    text = (
        "Japanese Prime Minister Shigeru Ishiba met South Korean President Lee Jae-myung in "
        "Tokyo on Saturday.\n\n"
        'Lee told a joint news conference: "Our countries cannot choose their neighbours, but '
        'we can choose to work together."'
    )
    ex = extract(text, WHEN)
    assert [p.name for p in ex.participants if p.key.startswith("person:")] == [
        "Shigeru Ishiba",
        "Lee Jae-myung",
    ]
    assert _speaker_names(text) == ["Lee Jae-myung"]


@pytest.mark.parametrize(
    "voice", ["presidential office", "Prime Minister's office", "chancellery", "foreign ministry"]
)
def test_a_countrys_offices_speak_for_it(voice: str) -> None:
    text = (
        f"South Korea's {voice} said the summit had been \u201cproductive and forward-looking "
        "in every respect that matters.\u201d"
    )
    assert _speaker_names(text) == ["South Korea"]


def test_a_spokesperson_named_after_the_office_is_the_speaker() -> None:
    text = (
        "China's foreign ministry spokesperson Mao Ning said the talks were \u201ccandid, "
        "in-depth and constructive for both sides.\u201d"
    )
    assert _speaker_names(text) == ["Mao Ning"]


@pytest.mark.parametrize(
    "attribution",
    [
        "it quoted him as saying.",
        "the agency quoted him as saying.",
        "according to him.",
    ],
)
def test_a_pronoun_as_the_object_of_reported_words_is_the_salient_person(attribution: str) -> None:
    text = (
        "Paraguayan President Ana Benitez met Uruguayan President Tomas Ferreira in Asuncion "
        "on Monday.\n\n"
        "Ferreira's office said the president had raised the question of river dredging. "
        f"“The river is not a border between us, it is a road we share,” {attribution}"
    )
    assert _quotes(text)[-1][1] == "person:tomas ferreira"


def test_the_owner_of_an_adviser_is_not_the_pronouns_referent() -> None:
    text = (
        "Paraguayan President Ana Benitez met Uruguayan President Tomas Ferreira in Asuncion "
        "on Monday.\n\n"
        "Ferreira's adviser Luis Ortega said the talks had gone well. "
        "“We have not been this close to a deal in ten years,” he said."
    )
    assert _quotes(text)[-1][1] == "person:luis ortega"


def test_him_elsewhere_in_the_sentence_is_not_the_speaker() -> None:
    text = (
        "Paraguayan President Ana Benitez met Uruguayan President Tomas Ferreira in Asuncion "
        "on Monday.\n\n"
        "“The river is not a border between us, it is a road we share,” the ministry said, "
        "thanking him for the visit."
    )
    assert _quotes(text)[-1][1] is None


def test_a_named_speaker_before_the_quote_beats_an_unnamed_source_after_it() -> None:
    text = (
        "Paraguayan President Ana Benitez spoke by phone with Uruguayan President Tomas Ferreira "
        "on Monday. Ferreira told her that both countries “share a duty to keep the river "
        "open to trade,” a ministry official said."
    )
    speaker, channel = _quotes(text)[-1][1:]
    assert speaker == "person:tomas ferreira"
    assert channel == "unknown"  # "told her" names no outlet


def test_a_named_source_after_the_quote_still_wins() -> None:
    text = (
        "Ferreira told her that both countries “share a duty to keep the river open to "
        "trade,” Foreign Minister Mario Lubetkin said."
    )
    assert _quotes(text)[-1][1] == "person:mario lubetkin"


def test_an_outlet_told_is_an_interview() -> None:
    text = "“We share a duty to keep the river open to trade,” Ferreira told El Pais."
    assert _quotes(text)[-1][2] == "interview"
