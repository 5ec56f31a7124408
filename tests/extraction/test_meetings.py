"""Meetings from news prose: triggers, kinds, dates, places, parties, modes, hosts and status."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_g7_summit_with_dateline_enumeration_and_host() -> None:
    ex = extract(
        "HIROSHIMA, Japan (AP) — Leaders of the Group of Seven gathered in Hiroshima on Friday for "
        "a three-day summit. Japanese Prime Minister Fumio Kishida hosted the leaders of the United "
        "States, Germany, France, Britain, Italy and Canada, along with the European Union.\n"
        "Ukrainian President Volodymyr Zelenskyy will join the G7 summit in person on Sunday.",
        at("2023-05-20"),
    )
    m = only(ex)
    assert (m.start_date, m.city, m.country) == (date(2023, 5, 19), "Hiroshima", "JP")
    assert (m.kind, m.status, m.series) == ("summit", "held", "g7")
    parties = party_map(ex, m)
    assert parties["Fumio Kishida"][1] == "host"
    assert {"United States", "Germany", "France", "United Kingdom", "Italy", "Canada"} <= set(
        parties
    )
    assert {"European Union", "Volodymyr Zelenskyy"} <= set(parties)
    assert "Ukraine" not in parties  # "Ukrainian President" qualifies a person, it is not a party


def test_two_leaders_meeting_is_bilateral() -> None:
    ex = extract(
        "German Chancellor Olaf Scholz met Prime Minister Fumio Kishida in Tokyo on Monday to "
        "discuss energy security.",
        at("2023-03-20"),
    )
    m = only(ex)
    assert (m.kind, m.status, m.city, m.country) == ("bilateral", "held", "Tokyo", "JP")
    assert set(party_map(ex, m)) == {"Olaf Scholz", "Fumio Kishida"}
    assert m.start_date == date(2023, 3, 20)


def test_phone_call_is_virtual_and_dated_by_the_call_not_the_statement() -> None:
    ex = extract(
        "French President Emmanuel Macron held a phone call with Chinese President Xi Jinping on "
        "Tuesday, the Elysee said in a statement on Thursday.",
        at("2023-04-06"),
    )
    m = only(ex)
    assert (m.kind, m.start_date) == ("call", date(2023, 4, 4))
    assert party_map(ex, m) == {
        "Emmanuel Macron": ("virtual", "attendee"),
        "Xi Jinping": ("virtual", "attendee"),
    }


def test_future_meeting_next_week_is_planned_with_month_precision() -> None:
    ex = extract(
        "The foreign ministers of the G7 will meet in Berlin next week, the German Foreign Office "
        "said.",
        at("2024-02-01"),
    )
    m = only(ex)
    assert (m.kind, m.status, m.date_precision) == ("ministerial", "planned", "month")
    assert (m.city, m.country, m.start_date) == ("Berlin", "DE", date(2024, 2, 1))
    assert "G7" in party_map(ex, m)


def test_host_and_guests_and_a_later_attendee() -> None:
    ex = extract(
        "The leaders of Britain, France and Germany will meet in London on Monday, Downing Street "
        "said. British Prime Minister Keir Starmer will host French President Emmanuel Macron and "
        "German Chancellor Friedrich Merz, with Ukrainian President Volodymyr Zelensky also "
        "expected to attend.",
        at("2025-12-06"),
    )
    m = only(ex)
    assert (m.start_date, m.status, m.kind) == (date(2025, 12, 8), "planned", "summit")
    parties = party_map(ex, m)
    assert parties["Keir Starmer"][1] == "host"
    assert {"Emmanuel Macron", "Friedrich Merz", "Volodymyr Zelensky"} <= set(parties)


def test_online_participants_are_virtual() -> None:
    ex = extract(
        "Defence ministers met in Brussels on Thursday. Representatives of Poland, Romania and "
        "the Baltic states attended in person; Canadian officials joined online.",
        at("2024-06-14"),
    )
    parties = party_map(ex, only(ex))
    assert parties["Canada"][0] == "virtual"
    assert parties["Poland"][0] != "virtual"


def test_the_two_leaders_refers_back_to_the_pair() -> None:
    ex = extract(
        "Turkish President Recep Tayyip Erdogan will travel to Washington next month for talks with "
        "President Donald Trump, his office said on Sunday. The two leaders last spoke by phone on "
        "Friday.",
        at("2025-08-10"),
    )
    call = next(m for m in ex.meetings if m.kind == "call")
    assert call.start_date == date(2025, 8, 8)
    assert set(party_map(ex, call)) == {"Recep Tayyip Erdogan", "Donald Trump"}
    visit = next(m for m in ex.meetings if m.kind != "call")
    assert (visit.city, visit.status, visit.date_precision) == ("Washington", "planned", "month")


def test_relative_date_in_a_second_story_joins_the_announced_meeting() -> None:
    ex = extract(
        "ROME, Italy – Foreign ministers met in Rome today. They prepared a leaders' summit "
        "scheduled for March 9 in Madrid.\n\n"
        "MADRID, Spain – European leaders gathered in Madrid today for the summit, hosted by "
        "Spanish Prime Minister Pedro Sanchez.",
        at("2025-03-03"),
    )
    summit = next(m for m in ex.meetings if m.kind == "summit")
    assert (summit.start_date, summit.city, summit.status) == (date(2025, 3, 9), "Madrid", "held")
    assert party_map(ex, summit)["Pedro Sanchez"][1] == "host"
    assert len(ex.meetings) == 2


def test_elections_fires_press_conferences_and_tickers_are_not_meetings() -> None:
    ex = extract(
        "Trending\n"
        "Summit on climate change opens in Geneva...Markets rally...Summit on climate change...\n"
        "A fire broke out at a hotel in Lisbon on Monday, killing two people. Presidential "
        "elections were held in Romania on Sunday. The minister told a press conference on "
        "Tuesday that the budget would pass. EU ministers agreed a reform plan.",
        at("2025-05-07"),
    )
    assert ex.meetings == []


def test_every_meeting_span_indexes_the_text() -> None:
    text = (
        "WASHINGTON — President Joe Biden will host Israeli Prime Minister Benjamin Netanyahu at "
        "the White House on July 25, the White House announced on Thursday. Biden and Netanyahu "
        "last met in New York on July 2."
    )
    ex = extract(text, at("2024-07-18"))
    assert [(m.start_date, m.city) for m in ex.meetings] == [
        (date(2024, 7, 25), "Washington"),
        (date(2024, 7, 2), "New York"),
    ]
    names = {m.key: m for m in ex.participants}
    for m in ex.meetings:
        for span in m.spans:
            assert text[span.start : span.end].strip()
        for part in m.participants:
            for span in part.spans:
                surface = text[span.start : span.end]
                mention = names[part.participant_key]
                assert surface in {mention.name, *mention.aliases}


def test_verbs_that_are_not_meetings() -> None:
    ex = extract(
        "The proposal met with fierce resistance from farmers on Tuesday. Germany will meet its "
        "NATO spending target this year. Ukraine received candidate status in June 2022.",
        at("2025-02-12"),
    )
    assert ex.meetings == []


def test_a_date_that_belongs_to_another_event_is_not_the_meetings() -> None:
    ex = extract(
        "Pope Leo XIV received Ukrainian President Volodymyr Zelensky at Castel Gandolfo on "
        "Tuesday. It was their second meeting since the pope's election in May.",
        at("2025-07-09"),
    )
    m = only(ex)
    assert (m.start_date, m.kind) == (date(2025, 7, 8), "bilateral")
    assert party_map(ex, m)["Leo XIV"][1] == "host"


def test_a_chair_hosts_and_video_link_is_virtual() -> None:
    ex = extract(
        "Foreign ministers of the European Union discussed sanctions against Russia at a meeting in "
        "Brussels on Monday. EU foreign policy chief Kaja Kallas chaired the meeting, which "
        "Ukrainian Foreign Minister Andrii Sybiha attended via video link.",
        at("2025-03-18"),
    )
    m = only(ex)
    assert (m.kind, m.city, m.start_date) == ("ministerial", "Brussels", date(2025, 3, 17))
    parties = party_map(ex, m)
    assert parties["Kaja Kallas"][1] == "host"
    assert parties["Andrii Sybiha"][0] == "virtual"
    assert "European Union" in parties
    assert "Russia" not in parties


def test_chief_of_staff_is_a_person_not_a_military_meeting() -> None:
    ex = extract(
        "Zelensky's chief of staff Andriy Yermak will hold talks with U.S. officials in Jeddah "
        "on Tuesday.",
        at("2025-03-09"),
    )
    m = only(ex)
    assert m.kind == "talks"
    assert {"Andriy Yermak", "United States"} <= set(party_map(ex, m))


ISTANBUL = (
    "ISTANBUL, May 16 (Reuters) - Russian and Ukrainian delegations held their first direct peace "
    "talks in more than three years in Istanbul on Friday, but the meeting lasted less than two "
    "hours.\n"
    "The Ukrainian delegation was led by Defence Minister Rustem Umerov, while Russia's team was "
    "headed by presidential aide Vladimir Medinsky. Turkish Foreign Minister Hakan Fidan opened "
    "the talks.\n"
    "Ukrainian President Volodymyr Zelenskiy, who was in Tirana for a summit of the European "
    "Political Community on Friday, said Kyiv was ready for a meeting with Putin. He spoke by "
    "phone with U.S. President Donald Trump and the leaders of France and Germany after the "
    "talks.\n"
    "Reporting by Jonathan Spicer; Editing by Andrew Osborn"
)


def test_delegations_leaders_and_the_opener_of_talks() -> None:
    ex = extract(ISTANBUL, at("2025-05-16"))
    talks = next(m for m in ex.meetings if m.city == "Istanbul")
    assert (talks.start_date, talks.country, talks.status) == (date(2025, 5, 16), "TR", "held")
    parties = party_map(ex, talks)
    assert {"Russia", "Ukraine", "Rustem Umerov", "Vladimir Medinsky"} <= set(parties)
    assert parties["Hakan Fidan"][1] == "host"
    assert not {"Volodymyr Zelenskiy", "France", "Germany"} & set(parties)


def test_a_pronoun_subject_and_a_passing_reference_to_other_talks() -> None:
    ex = extract(ISTANBUL, at("2025-05-16"))
    call = next(m for m in ex.meetings if m.kind == "call")
    assert set(party_map(ex, call)) == {"Volodymyr Zelenskiy", "Donald Trump", "France", "Germany"}
    # "ready for a meeting with Putin" is not a meeting, nor are the credits people
    assert all(m.city != "Moscow" for m in ex.meetings)
    names = {m.name for m in ex.participants}
    assert not {"Jonathan Spicer", "Andrew Osborn", "Vladimir Putin"} & names


def test_events_that_are_not_meetings_of_parties() -> None:
    ex = extract(
        "Senator Tim Kaine hosted a fundraiser in Richmond on Tuesday. President Donald Trump has "
        "also met privately with hotel employees.",
        at("2016-10-27"),
    )
    assert ex.meetings == []


def test_a_summit_of_two_leaders_is_bilateral_but_a_series_summit_is_not() -> None:
    two = extract(
        "President Javier Milei and President Lula da Silva held a summit in Brasília on Monday.",
        at("2025-10-08"),
    )
    assert only(two).kind == "bilateral"
    g20 = extract(
        "President Cyril Ramaphosa and Prime Minister Narendra Modi met at the G20 summit in "
        "Johannesburg on Saturday.",
        at("2025-11-23"),
    )
    assert (only(g20).kind, only(g20).series) == ("summit", "g20")


def test_a_meeting_dated_after_its_report_is_planned() -> None:
    ex = extract(
        "Foreign ministers of Chile and Peru met to prepare the summit. Leaders held talks on "
        "trade in Lima on June 20.",
        at("2025-06-12"),
    )
    dated = [m for m in ex.meetings if m.start_date == date(2025, 6, 20)]
    assert dated
    assert dated[0].status == "planned"


def test_a_meeting_expected_ahead_does_not_join_one_long_past() -> None:
    ex = extract(
        "President Lula last met President Gustavo Petro at the Amazon summit in Belem on "
        "August 8, 2023.\n\n"
        "During the climate summit, Lula is expected to hold bilateral meetings with Petro and "
        "President Daniel Noboa.",
        at("2025-11-03"),
    )
    past = next(m for m in ex.meetings if m.start_date and m.start_date.year == 2023)
    assert "Daniel Noboa" not in party_map(ex, past)


def test_last_week_is_not_the_meeting_of_the_report_s_day() -> None:
    ex = extract(
        "President Ilham Aliyev hosted Prime Minister Nikol Pashinyan in Baku on Monday. The "
        "Azerbaijani president met Gulf leaders in Doha last week.",
        at("2025-10-13"),
    )
    monday = next(m for m in ex.meetings if m.start_date == date(2025, 10, 13))
    assert monday.kind == "bilateral"
    assert monday.city == "Baku"


def test_a_host_named_by_pronoun_makes_a_two_person_meeting_bilateral() -> None:
    ex = extract(
        "President Cyril Ramaphosa spoke of progress on Tuesday as he hosted Prime Minister "
        "Keir Starmer at the Union Buildings in Pretoria.",
        at("2025-07-15"),
    )
    assert only(ex).kind == "bilateral"


def test_the_convening_organisation_is_not_a_party_to_its_own_summit() -> None:
    ex = extract(
        "Representatives of Sweden, Norway, Finland and NATO gathered in The Hague on Tuesday "
        "for the NATO summit.",
        at("2025-06-25"),
    )
    m = only(ex)
    parties = party_map(ex, m)
    assert m.series == "nato-summit"
    assert "NATO" not in parties
    assert {"Sweden", "Norway", "Finland"} <= set(parties)


def test_phone_talks_are_a_call_and_a_call_has_no_venue() -> None:
    ex = extract(
        "Ruto, Hassan hold phone talks on border trade\n\n"
        "NAIROBI, May 6 (Reuters) - Kenyan President William Ruto and Tanzanian President Samia "
        "Suluhu Hassan held telephone talks on Tuesday about reopening the Namanga crossing.",
        at("2025-05-06"),
    )
    m = only(ex)
    assert m.kind == "call"
    assert (m.city, m.country) == (None, None)  # the dateline is where the report was filed
    assert set(party_map(ex, m)) == {"William Ruto", "Samia Suluhu Hassan"}


def test_an_in_person_meeting_still_takes_the_datelines_city() -> None:
    ex = extract(
        "NAIROBI, May 6 (Reuters) - Kenyan President William Ruto and Tanzanian President Samia "
        "Suluhu Hassan held talks on Tuesday about reopening the Namanga crossing.",
        at("2025-05-06"),
    )
    assert (only(ex).city, only(ex).country) == ("Nairobi", "KE")


def test_an_event_named_in_passing_does_not_give_the_meeting_its_kind() -> None:
    ex = extract(
        "LIMA, May 6 (Reuters) - Peruvian Foreign Minister Elmer Schialer held talks with his "
        "Colombian counterpart Laura Sarabia in Lima on Tuesday.\n\n"
        "Schialer and Sarabia also discussed preparations for the G20 summit.",
        at("2025-05-06"),
    )
    meeting = next(m for m in ex.meetings if m.start_date == date(2025, 5, 6))
    assert meeting.kind != "summit"
    assert {"Elmer Schialer", "Laura Sarabia"} <= set(party_map(ex, meeting))


def test_a_summit_the_meeting_is_part_of_still_makes_it_a_summit() -> None:
    ex = extract(
        "LIMA, May 6 (Reuters) - Leaders of the Pacific Alliance met at a summit in Lima on "
        "Tuesday, with Peruvian President Dina Boluarte as host.",
        at("2025-05-06"),
    )
    assert only(ex).kind == "summit"


def test_the_subject_of_a_relative_clause_met() -> None:
    ex = extract(
        "Austrian Chancellor Karl Brenner and Slovak Prime Minister Jana Kovac, who met in "
        "Bratislava on Monday, agreed to reopen a rail link.",
        at("2025-05-14"),
    )
    m = only(ex)
    assert m.start_date == date(2025, 5, 12)
    assert set(party_map(ex, m)) == {"Karl Brenner", "Jana Kovac"}


def test_a_relative_clause_about_something_else_gives_no_meeting() -> None:
    ex = extract(
        "Austrian Chancellor Karl Brenner, who faces a confidence vote on Monday, defended the "
        "budget.",
        at("2025-05-14"),
    )
    assert ex.meetings == []


def test_a_counterpart_named_after_their_country_is_the_other_party() -> None:
    ex = extract(
        "Senegalese President Awa Ndiaye met her counterpart from Ivory Coast, Koffi Yao, in "
        "Dakar on Saturday.",
        at("2025-05-14"),
    )
    assert set(party_map(ex, only(ex))) == {"Awa Ndiaye", "Koffi Yao"}


def test_a_name_after_a_country_that_is_no_counterpart_is_no_party() -> None:
    ex = extract(
        "Senegalese President Awa Ndiaye met her counterpart from Ivory Coast in Dakar on "
        "Saturday, officials said. Analysts in Abidjan, Marc Kone and Aya Traore, were doubtful.",
        at("2025-05-14"),
    )
    assert "Marc Kone" not in party_map(ex, ex.meetings[0])
