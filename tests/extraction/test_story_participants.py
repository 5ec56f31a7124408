"""Who took part, read beyond the trigger's own words: long runs of titled names, attendance
sentences a paragraph away from the dated one, and the people a run must leave out."""

from datetime import date

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

CAPTION_RUN = (
    "Chilean Foreign Minister Alberto van Klaveren, second left, meets with Argentine Foreign "
    "Minister Gerardo Werthein, Peruvian Trade Minister Ursula Desilu León, third left, "
    "Bolivian envoy Ramiro Tapia, right, and President Lula's chief adviser Celso Amorim at the "
    "Itamaraty Palace in Brasília, Brazil, on Tuesday."
)


def test_a_caption_run_of_titled_names_all_take_part() -> None:
    ex = extract(CAPTION_RUN, at("2025-10-15"))
    parties = party_map(ex, only(ex))
    assert {
        "Alberto van Klaveren",
        "Gerardo Werthein",
        "Ursula Desilu León",
        "Ramiro Tapia",
        "Celso Amorim",
    } <= set(parties)


def test_a_possessive_owner_is_not_in_the_run() -> None:
    ex = extract(CAPTION_RUN, at("2025-10-15"))
    parties = party_map(ex, only(ex))
    assert not any(name.startswith("Lula") for name in parties)


DATED = "Envoys of Kenya and Ethiopia met in Nairobi on Thursday for talks on the border dispute."
ROSTER = (
    "The Kenyan delegation included Foreign Minister Musalia Mudavadi, Defence Minister Soipan "
    "Tuya and intelligence chief Noordin Haji."
)


@pytest.mark.parametrize("paragraphs", [[DATED, ROSTER], [ROSTER, DATED]])
def test_a_delegation_roster_joins_the_meeting_before_or_after_it(paragraphs: list[str]) -> None:
    ex = extract("\n\n".join(paragraphs), at("2025-11-21"))
    parties = party_map(ex, only(ex))
    assert {"Musalia Mudavadi", "Soipan Tuya", "Noordin Haji"} <= set(parties)
    assert {"Kenya", "Ethiopia"} <= set(parties)


def test_a_subject_of_another_verb_is_not_a_party() -> None:
    ex = extract(
        "Foreign ministers of the Nordic states met in Oslo on Monday. Prime Minister Mette "
        "Frederiksen welcomed progress in the talks from Copenhagen.",
        at("2025-09-16"),
    )
    parties = party_map(ex, only(ex))
    assert "Mette Frederiksen" not in parties


def test_commas_alone_make_no_list() -> None:
    ex = extract(
        "After his talks with Prime Minister Anthony Albanese, President Prabowo Subianto held a "
        "call with Japanese Prime Minister Shigeru Ishiba on Friday.",
        at("2025-11-15"),
    )
    calls = [m for m in ex.meetings if m.kind == "call"]
    assert calls
    assert "Anthony Albanese" not in party_map(ex, calls[0])


def test_a_country_right_before_a_verb_is_a_party_not_the_place() -> None:
    ex = extract(
        "A summit on maritime security was held in Manila on Saturday. Delegates from Vietnam, "
        "Indonesia, Malaysia and Thailand gathered in the Philippine capital.",
        at("2025-06-15"),
    )
    m = only(ex)
    assert (m.city, m.country) == ("Manila", "PH")
    assert {"Vietnam", "Indonesia", "Malaysia", "Thailand"} <= set(party_map(ex, m))


def test_a_page_date_stamp_does_not_date_the_meeting() -> None:
    ex = extract(
        " date 2025-04-03 ANKARA, Turkey – Foreign ministers of Azerbaijan and Armenia met in "
        "Ankara on Tuesday.",
        at("2025-04-03"),
    )
    m = only(ex)
    assert (m.start_date, m.city) == (date(2025, 4, 1), "Ankara")


def test_a_kind_word_inside_a_title_is_not_the_meeting_kind() -> None:
    ex = extract(
        "Secretary of State Marco Rubio and National Security Adviser Mike Waltz held talks "
        "with Egyptian officials in Cairo on Monday.",
        at("2025-04-08"),
    )
    assert only(ex).kind != "advisers"


@pytest.mark.parametrize("order", ["dated-first", "definite-first"])
def test_the_talks_fold_into_the_dated_meeting_either_way(order: str) -> None:
    dated = "Serbian and Kosovar negotiators met in Brussels on Thursday."
    definite = (
        "The talks were attended by EU envoy Miroslav Lajcak and chief negotiator Besnik Bislimi."
    )
    paragraphs = [dated, definite] if order == "dated-first" else [definite, dated]
    ex = extract("\n\n".join(paragraphs), at("2025-05-16"))
    m = only(ex)
    assert m.start_date == date(2025, 5, 15)
    assert {"Miroslav Lajcak", "Besnik Bislimi"} <= set(party_map(ex, m))


def test_a_passive_cue_with_a_phrase_before_its_agent() -> None:
    ex = extract(
        "Delegations of Japan and South Korea met in Seoul on Friday. Foreign Minister Takeshi "
        "Iwaya was joined on the Japanese side by trade envoy Kenji Sato and Deputy Minister "
        "Aiko Mori.",
        at("2025-09-13"),
    )
    assert {"Takeshi Iwaya", "Kenji Sato", "Aiko Mori"} <= set(party_map(ex, only(ex)))


def test_the_person_a_title_belongs_to_is_not_in_the_list() -> None:
    ex = extract(
        "Armenian and Azerbaijani delegations met in Abu Dhabi on Monday. Armenia was represented "
        "by Armen Grigoryan, secretary of the security council and adviser to Prime Minister "
        "Nikol Pashinyan, Deputy Foreign Minister Vahan Kostanyan and envoy Edmon Marukyan.",
        at("2025-07-15"),
    )
    parties = party_map(ex, only(ex))
    assert {"Armen Grigoryan", "Vahan Kostanyan", "Edmon Marukyan"} <= set(parties)
    assert "Nikol Pashinyan" not in parties


def test_a_meeting_of_two_delegations_in_a_city_on_a_day_is_dated() -> None:
    ex = extract(
        "Aid will resume, according to a statement issued after a meeting of the Moroccan and "
        "U.S. delegations in Rabat, Morocco on Tuesday.",
        at("2025-04-09"),
    )
    m = only(ex)
    assert (m.start_date, m.city) == (date(2025, 4, 8), "Rabat")


def test_their_call_is_the_call_of_the_pair_the_sentence_opens_with() -> None:
    ex = extract(
        "Prime Minister Sanae Takaichi and President Lee Jae-myung agreed on closer defence ties "
        "on Tuesday, according to summaries of their phone call.",
        at("2025-11-05"),
    )
    calls = [m for m in ex.meetings if m.kind == "call"]
    assert calls
    assert {"Sanae Takaichi", "Lee Jae-myung"} <= set(party_map(ex, calls[0]))


def test_an_agency_dateline_dates_and_places_the_story_it_opens() -> None:
    ex = extract(
        "ASTANA, October 9. /Kazinform/. President Kassym-Jomart Tokayev and President Shavkat "
        "Mirziyoyev began their bilateral talks, the presidential press service said.",
        at("2025-10-09"),
    )
    m = only(ex)
    assert (m.start_date, m.kind) == (date(2025, 10, 9), "bilateral")
    assert {"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"} <= set(party_map(ex, m))


def test_a_mixed_case_dateline_places_the_story() -> None:
    ex = extract(
        "Honolulu, Hawaii – Defence ministers of Japan, Australia and the Philippines met on "
        "Saturday.",
        at("2025-05-04"),
    )
    assert (only(ex).city, only(ex).country) == ("Honolulu", "US")


def test_the_place_the_talks_are_about_is_not_where_they_are() -> None:
    ex = extract(
        "President Emmanuel Macron welcomed King Abdullah II at the Elysee on Monday, voicing "
        "hope for peace in Khartoum.",
        at("2025-06-10"),
    )
    assert only(ex).city != "Khartoum"


def test_the_port_city_of_a_place_is_the_place() -> None:
    ex = extract(
        "Prime Minister Luxon held bilateral talks with President Prabowo Subianto in the port "
        "city of Surabaya on Friday.",
        at("2025-08-16"),
    )
    assert only(ex).city == "Surabaya"


def test_welcoming_progress_is_not_receiving_anyone() -> None:
    ex = extract(
        "Defence ministers of Poland and the Baltic states met in Vilnius on Monday. Prime "
        "Minister Donald Tusk welcomed the progress from Warsaw.",
        at("2025-10-14"),
    )
    assert "Donald Tusk" not in party_map(ex, only(ex))


def test_pm_is_a_title() -> None:
    ex = extract(
        "PM Modi met President Ferdinand Marcos Jr. in New Delhi on Tuesday.", at("2025-08-06")
    )
    assert not any(p.name.startswith("PM") for p in ex.participants)


def test_a_bulleted_list_after_the_meeting_names_its_participants() -> None:
    ex = extract(
        "Nordic leaders travel to Reykjavik on Friday for a meeting with President Halla "
        "Tomasdottir.\n"
        "• Finnish President Alexander Stubb (according to his office) • Swedish Prime "
        "Minister Ulf Kristersson • Danish Prime Minister Mette Frederiksen (per Copenhagen)",
        at("2025-06-11"),
    )
    parties = party_map(ex, only(ex))
    assert {"Alexander Stubb", "Ulf Kristersson", "Mette Frederiksen"} <= set(parties)


def test_one_official_a_line_after_the_meeting() -> None:
    ex = extract(
        "Envoys of Qatar and Egypt met in Doha on Sunday. The meeting included:\n"
        "Majed al-Ansari , Qatari Foreign Ministry spokesman\n"
        "Badr Abdelatty , Egyptian Foreign Minister\n"
        "Hassan Rashad , Egyptian intelligence chief",
        at("2025-10-06"),
    )
    parties = party_map(ex, only(ex))
    assert {"Majed al-Ansari", "Badr Abdelatty", "Hassan Rashad"} <= set(parties)


def test_a_list_of_names_with_no_meeting_before_it_is_no_one_s_meeting() -> None:
    ex = extract(
        "Most read today:\n• Mayor Anne Hidalgo on the metro • Senator Bernie Sanders on tax",
        at("2025-06-11"),
    )
    assert not ex.meetings


_STORY = [
    "PRAGUE, Czech Republic – Defence ministers of Poland, Slovakia and Hungary met in Prague "
    "on Wednesday to discuss ammunition supplies.",
    "The talks were attended by Czech Defence Minister Jana Cernochova and Slovak Defence "
    "Minister Robert Kalinak.",
    "Officials said the ministers agreed to meet again in the spring.",
]
_CAPTION = (
    "Defence ministers pose before their talks in Prague, Czech Republic, Wednesday, Oct. 8, "
    "2025. (Petr David Josek/AP Photo)"
)
_SIDEBAR = "Related: Ammunition deliveries to Ukraine rise for third month"


def _meeting_signature(text: str) -> tuple[object, ...]:
    ex = extract(text, at("2025-10-09"))
    m = only(ex)
    return (m.start_date, m.city, m.country, m.kind, frozenset(party_map(ex, m)))


@pytest.mark.parametrize("position", [0, 1, 2, 3])
@pytest.mark.parametrize("insert", [_CAPTION, _SIDEBAR])
def test_a_caption_or_sidebar_anywhere_changes_nothing(position: int, insert: str) -> None:
    plain = _meeting_signature("\n\n".join(_STORY))
    paragraphs = list(_STORY)
    paragraphs.insert(position, insert)
    assert _meeting_signature("\n\n".join(paragraphs)) == plain


def test_the_roster_before_or_after_the_dated_sentence_gives_one_meeting() -> None:
    dated = _STORY[0].removeprefix("PRAGUE, Czech Republic – ")
    forward = _meeting_signature("\n\n".join([dated, _STORY[1], _STORY[2]]))
    moved = _meeting_signature("\n\n".join([_STORY[1], dated, _STORY[2]]))
    assert forward == moved
    assert {"Jana Cernochova", "Robert Kalinak"} <= forward[4]  # type: ignore[operator]


def test_a_caption_roll_call_by_commas_alone_is_one_list() -> None:
    ex = extract(
        "Chile's President Gabriel Boric, Peru's President Dina Boluarte, Ecuador's President "
        "Daniel Noboa pose for a family photo during the Pacific summit in Lima, Peru, on "
        "Friday.",
        at("2025-11-15"),
    )
    assert {"Gabriel Boric", "Dina Boluarte", "Daniel Noboa"} <= set(party_map(ex, only(ex)))


def test_a_dinner_hosted_for_leaders_and_a_huddle_are_meetings_of_them() -> None:
    dinner = extract(
        "King Philippe hosted a dinner for Prime Minister Bart De Wever and President Emmanuel "
        "Macron in Brussels on Thursday.",
        at("2025-10-24"),
    )
    assert {"Bart De Wever", "Emmanuel Macron"} <= set(party_map(dinner, only(dinner)))
    huddle = extract(
        "Chancellor Friedrich Merz huddled with President Alexander Stubb in Helsinki on Friday.",
        at("2025-10-25"),
    )
    assert {"Friedrich Merz", "Alexander Stubb"} <= set(party_map(huddle, only(huddle)))


def test_all_member_states_attending_are_the_members_the_story_lists() -> None:
    ex = extract(
        "Leaders of the East African Community gather in Arusha on Saturday for their annual "
        "summit.\n\nThe bloc has six members: Kenya, Uganda, Tanzania, Rwanda, Burundi and "
        "Somalia. The summit will be attended by the heads of all six member states.",
        at("2025-11-27"),
    )
    summit = next(m for m in ex.meetings if m.kind == "summit")
    parties = set(party_map(ex, summit))
    assert {"Kenya", "Uganda", "Tanzania", "Rwanda", "Burundi", "Somalia"} <= parties


def test_a_membership_list_alone_makes_no_member_a_party() -> None:
    ex = extract(
        "Leaders of the East African Community gather in Arusha on Saturday for their annual "
        "summit.\n\nThe bloc has six members: Kenya, Uganda, Tanzania, Rwanda, Burundi and "
        "Somalia. The summit will be attended by several heads of state.",
        at("2025-11-27"),
    )
    summit = next(m for m in ex.meetings if m.kind == "summit")
    assert not {"Uganda", "Rwanda", "Burundi"} & set(party_map(ex, summit))


@pytest.mark.parametrize("list_first", [True, False])
def test_the_membership_list_before_or_after_the_attendance_sentence_gives_the_same_parties(
    list_first: bool,
) -> None:
    members = "The bloc has six members: Kenya, Uganda, Tanzania, Rwanda, Burundi and Somalia."
    attended = (
        "The Arusha summit on Saturday will be attended by the heads of all six member states."
    )
    body = f"{members}\n\n{attended}" if list_first else f"{attended}\n\n{members}"
    ex = extract(body, at("2025-11-27"))
    summit = only(ex)
    assert {"Kenya", "Uganda", "Tanzania", "Rwanda", "Burundi", "Somalia"} <= set(
        party_map(ex, summit)
    )
