"""Segmentation: page chrome blanked, datelines split stories, sentences keep their offsets."""

from service.extraction.gazetteer import Gazetteer
from service.extraction.segmentation import layout

GAZ = Gazetteer()


def test_chrome_lines_are_blanked_but_offsets_kept() -> None:
    text = (
        "Trending\n"
        "Markets rally on rate hopes...Storm hits coast...Summit opens in Rome...\n"
        "Edited By Newsroom Team\n"
        "3 min read\n"
        "Leaders met in Rome on Monday.\n"
        "Read more\n"
        "Jane Roe is a senior correspondent at the Daily Planet covering Europe.\n"
    )
    lay = layout(text, GAZ)
    assert len(lay.masked) == len(text)
    assert "Summit opens" not in lay.masked
    assert "Edited By" not in lay.masked
    assert "Jane Roe" not in lay.masked
    assert "Leaders met in Rome on Monday." in lay.masked
    assert [text[s.start : s.end] for s in lay.sentences] == ["Leaders met in Rome on Monday."]


def test_everything_after_a_news_feed_header_is_chrome() -> None:
    text = 'The talks ended.\n\nNews Feed\n\n"Another story entirely, with a long quote here," she said.'
    lay = layout(text, GAZ)
    assert "Another story" not in lay.masked
    assert "The talks ended." in lay.masked


def test_byline_name_above_a_job_title_is_chrome() -> None:
    text = (
        "The ministers met.\n\nAvatar\nKateryna Hodunova\n\nNews Editor\n\nMore text follows here."
    )
    lay = layout(text, GAZ)
    assert "Kateryna" not in lay.masked
    assert "News Editor" not in lay.masked


def test_datelines_split_stories_and_give_their_place() -> None:
    text = (
        "WASHINGTON (Reuters) — The president met his cabinet.\n"
        "More on that.\n"
        "NEW DELHI, India – Talks opened today.\n"
        "CRANS-MONTANA, Switzerland – A fire broke out."
    )
    lay = layout(text, GAZ)
    places = [(seg.city, seg.country) for seg in lay.segments]
    assert places == [("Washington", "US"), ("New Delhi", "IN"), ("Crans-Montana", "CH")]
    assert [s.segment for s in lay.sentences] == [0, 0, 1, 2]


def test_sentences_do_not_break_at_abbreviations() -> None:
    text = "On Jan. 3 the U.S. President Joe Biden met Mr. Smith. They talked for an hour."
    lay = layout(text, GAZ)
    spans = [text[s.start : s.end] for s in lay.sentences]
    assert spans == [
        "On Jan. 3 the U.S. President Joe Biden met Mr. Smith.",
        "They talked for an hour.",
    ]


def test_prose_with_ellipses_keeps_its_words() -> None:
    from service.extraction.gazetteer import Gazetteer
    from service.extraction.segmentation import layout

    text = (
        "\u201cWe have to stop the killing … we have to stop the destruction … and we can,\u201d "
        "the secretary general said in Brussels.\n"
        "Markets rally as rates fall...Airline strike ends...Storm hits the coast...\n"
    )
    lay = layout(text, Gazetteer())
    assert "destruction" in lay.masked
    assert "Airline" not in lay.masked


def test_live_blog_time_stamps_and_related_links_are_page_lines() -> None:
    from service.extraction.gazetteer import Gazetteer
    from service.extraction.segmentation import layout

    text = (
        "16:11 GMT 17.08.2025 (Updated: 16:13 GMT 17.08.2025)\n"
        "Related: Leaders gather in Rome for the jubilee\n"
        "10:30 The prime ministers opened their talks in the old town hall of Tallinn.\n"
    )
    masked = layout(text, Gazetteer()).masked
    assert "GMT" not in masked
    assert "jubilee" not in masked
    assert "prime ministers opened" in masked
