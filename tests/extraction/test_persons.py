"""Persons: titles, appositions, attributions, surname references and what is not a person."""

from datetime import UTC, datetime

from service.extraction import Extraction, extract
from service.extraction.persons import translit_fold
from service.extraction.records import KnownEntity

WHEN = datetime(2025, 6, 10, 12, tzinfo=UTC)


def _persons(ex: Extraction) -> dict[str, list[str]]:
    return {m.name: m.aliases for m in ex.participants if m.type == "person"}


def _roles(ex: Extraction) -> set[tuple[str, str, str | None]]:
    return {(r.person_key, r.title, r.affiliation_key) for r in ex.roles}


def test_titles_before_names_with_their_affiliation() -> None:
    ex = extract(
        "German Chancellor Olaf Scholz met Prime Minister Fumio Kishida on Monday. "
        "European Commission President Ursula von der Leyen joined them.",
        WHEN,
    )
    assert {"Olaf Scholz", "Fumio Kishida", "Ursula von der Leyen"} <= set(_persons(ex))
    roles = _roles(ex)
    assert ("person:olaf scholz", "Chancellor", "country:DE") in roles
    assert (
        "person:ursula von der leyen",
        "President of the European Commission",
        "org:european-commission",
    ) in roles


def test_national_council_titles_name_the_council() -> None:
    ex = extract("National Security and Defense Council Secretary Rustem Umerov said so.", WHEN)
    assert (
        "person:rustem umerov",
        "Secretary of the National Security and Defense Council of Ukraine",
        "org:nsdc-ukraine",
    ) in _roles(ex)
    council = next(m for m in ex.participants if m.key == "org:nsdc-ukraine")
    assert council.type == "organization"


def test_apposition_gives_a_role() -> None:
    ex = extract('"We will keep working," said Jens Stoltenberg, Secretary General of NATO.', WHEN)
    assert "Jens Stoltenberg" in _persons(ex)
    assert any(r.title.startswith("Secretary General") for r in ex.roles)


def test_surname_and_transliteration_fold_into_one_person() -> None:
    ex = extract(
        "President Volodymyr Zelenskyy met the envoys on Monday. Zelensky said the talks were good. "
        '"We are ready for a just peace," Zelenskyy said.',
        WHEN,
    )
    persons = _persons(ex)
    assert list(persons) == ["Volodymyr Zelenskyy"]
    assert "Zelensky" in persons["Volodymyr Zelenskyy"]


def test_two_people_with_one_surname_stay_apart() -> None:
    ex = extract(
        "Former President Bill Clinton and Secretary of State Hillary Clinton met on Monday.", WHEN
    )
    assert {"Bill Clinton", "Hillary Clinton"} <= set(_persons(ex))


def test_surname_only_attribution_finds_the_full_name() -> None:
    ex = extract(
        "Campaign manager Kellyanne Conway spoke at the rally on Monday. "
        '"The conversation was very productive and useful," Conway said.',
        WHEN,
    )
    assert ex.statements[0].speaker_key == "person:kellyanne conway"


def test_family_name_first() -> None:
    ex = extract(
        "Chinese President Xi Jinping hosted the talks on Monday. "
        '"Our relations are aimed at peace and development," Xi said.',
        WHEN,
    )
    assert ex.statements[0].speaker_key == "person:xi jinping"


def test_known_names_are_found_without_titles() -> None:
    ex = extract(
        "Kaja Kallas met ministers in Brussels on Monday.",
        WHEN,
        known=(KnownEntity("person", "Kaja Kallas"),),
    )
    assert "Kaja Kallas" in _persons(ex)


def test_headlines_bylines_and_institutions_are_not_persons() -> None:
    ex = extract(
        "Clinton Flattered Obama With Duck Remark Again\n"
        "By John Smith\n"
        "The Beige Book said the economy grew. Fox News said it was so. "
        '"The economy is growing at a moderate pace," the Beige Book said.',
        WHEN,
    )
    assert _persons(ex) == {}


def test_translit_fold() -> None:
    assert translit_fold("Zelenskyy") == translit_fold("Zelensky") == translit_fold("Zelenskiy")
    assert translit_fold("Umerov") != translit_fold("Umarov")


def test_title_case_prose_is_not_one_long_name() -> None:
    ex = extract(
        '"The president and Mrs. Obama received them warmly at the White House today," wrote '
        "President Bush And First Lady Laura Bush in a note.",
        WHEN,
    )
    assert "Bush And First Lady Laura Bush" not in _persons(ex)


def test_two_initials_run_together_open_a_name() -> None:
    ex = extract(
        "Vice President JD Vance met Premier Li Qiang in Beijing on Monday.",
        datetime(2025, 9, 2, 12, tzinfo=UTC),
    )
    names = {p.name for p in ex.participants if p.type == "person"}
    assert "JD Vance" in names
    assert not any(n.startswith(("Vice", "President")) for n in names)


def test_a_short_form_folds_into_the_one_fuller_name() -> None:
    ex = extract(
        "President Luiz Inacio Lula da Silva opened the summit. Luiz Inacio Lula said the bloc "
        "would grow. President Prabowo Subianto arrived later; Prabowo said little.",
        datetime(2025, 7, 7, 12, tzinfo=UTC),
    )
    names = {p.name for p in ex.participants if p.type == "person"}
    assert "Luiz Inacio Lula" not in names
    assert "Prabowo" not in names


def test_a_shared_word_of_two_full_names_folds_into_neither() -> None:
    ex = extract(
        "Prime Minister Mark Carney met former Prime Minister Mark Rutte. Mark said little.",
        datetime(2025, 7, 7, 12, tzinfo=UTC),
    )
    names = {p.name for p in ex.participants if p.type == "person"}
    assert {"Mark Carney", "Mark Rutte"} <= names


def test_capitalised_arabic_particles_stay_inside_the_name() -> None:
    ex = extract(
        "Sheikh Khaled bin Mohamed bin Zayed Al Nahyan met envoys in Rome on Monday.",
        datetime(2025, 7, 7, 12, tzinfo=UTC),
    )
    names = {p.name for p in ex.participants if p.type == "person"}
    assert "Khaled bin Mohamed bin Zayed Al Nahyan" in names


def test_company_chiefs_after_their_title_are_persons() -> None:
    ex = extract(
        "The delegation includes Petrobras CEO Magda Chambriard and Vale Chief Executive Gustavo "
        "Pimenta, officials said.",
        datetime(2025, 9, 1, 12, tzinfo=UTC),
    )
    persons = {p.name for p in ex.participants if p.type == "person"}
    assert {"Magda Chambriard", "Gustavo Pimenta"} <= persons


def test_a_participle_opening_a_paragraph_after_a_labelled_quote_is_no_name() -> None:
    ex = extract(
        '"We have a busy working day ahead: grid repairs" — Priya Wadephul, national security '
        "adviser\n\nSpeaking after the session, Mette Bianchi said: "
        '"I will not pretend that we agree on everything."',
        WHEN,
    )
    assert set(_persons(ex)) == {"Priya Wadephul", "Mette Bianchi"}
    assert ex.statements[-1].speaker_key == "person:mette bianchi"


def test_a_family_name_written_first_is_the_short_form() -> None:
    # Chinese and Korean names put the family name first, and news uses it alone after
    ex = extract(
        "Chinese Vice Premier Zhang Guoqing met South Korean Prime Minister Yoon Ha-neul in "
        "Seoul on Monday. Yoon thanked Zhang for the visit.",
        WHEN,
    )
    persons = _persons(ex)
    assert {"Zhang Guoqing", "Yoon Ha-neul"} <= set(persons)
    assert "Yoon" not in persons
    assert "Zhang" not in persons
    spans = {m.name: len(m.spans) for m in ex.participants if m.type == "person"}
    assert spans["Zhang Guoqing"] == 2
    assert spans["Yoon Ha-neul"] == 2


def test_a_western_given_name_is_not_a_family_name_first() -> None:
    ex = extract(
        "Canadian Foreign Minister Melanie Joly met Chilean Foreign Minister Alberto van "
        "Klaveren in Ottawa on Monday. Melanie Joly said talks went well.",
        WHEN,
    )
    spans = {m.name: [ex_span.start for ex_span in m.spans] for m in ex.participants}
    # "Melanie" is no short form of anyone: only the full name's two occurrences count
    assert len(spans["Melanie Joly"]) == 2


def test_a_countrys_possessive_before_an_untitled_name_makes_a_person_of_that_country() -> None:
    ex = extract(
        "Leaders including Chile's Gabriel Boric, Hungary's Viktor Orban and Norway's Jonas "
        "Gahr Store attended the summit in Astana on Thursday.",
        WHEN,
    )
    persons = _persons(ex)
    assert {"Gabriel Boric", "Viktor Orban", "Jonas Gahr Store"} <= set(persons)
    meeting = ex.meetings[0]
    parties = {p.participant_key for p in meeting.participants}
    # the country is the person's affiliation, not a party beside them
    assert not {"country:CL", "country:HU", "country:NO"} & parties


def test_a_countrys_organisation_is_no_person() -> None:
    ex = extract(
        "Britain's Labour Party and Israel's Supreme Court were criticised on Monday, while "
        "Russia's Gazprom Group said exports would rise.",
        WHEN,
    )
    assert _persons(ex) == {}


def test_a_titled_person_after_a_possessive_keeps_the_title() -> None:
    ex = extract("Chile's President Gabriel Boric met Argentine officials on Monday.", WHEN)
    assert ("person:gabriel boric", "President", "country:CL") in _roles(ex)


def test_a_three_word_name_after_a_long_title_is_one_person() -> None:
    # "Vietnamese Prime Minister Pham Minh Chinh" is longer than one name match
    ex = extract(
        "Vietnamese Prime Minister Pham Minh Chinh met Cambodian Prime Minister Hun Manet in "
        "Hanoi on Thursday. Chinh said trade would double.",
        WHEN,
    )
    persons = _persons(ex)
    assert "Minh Chinh" not in persons
    assert "Chinh" in persons["Pham Minh Chinh"]
