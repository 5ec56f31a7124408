"""An organisation's summit ("the CELAC summit", "the African Union summit") stays a summit
however few of its leaders the report names; two leaders' own summit is a bilateral."""

from service.extraction import extract
from tests.extraction.helpers import at

_PUB = at("2026-04-08")


def _kinds(text: str) -> dict[str, str]:
    return {str(m.start_date): m.kind for m in extract(text, _PUB).meetings}


def test_two_leaders_meeting_at_an_organisations_summit_is_a_summit() -> None:
    text = (
        "Chilean President Tomas Rojas spoke by phone with Peruvian President Rosa Quispe on "
        "Tuesday.\n\nThe two leaders agreed to meet in person at the CELAC summit in Bogota "
        "next month."
    )
    assert _kinds(text).get("2026-05-01") == "summit"


def test_two_leaders_own_summit_is_bilateral() -> None:
    text = (
        "Chilean President Tomas Rojas and Peruvian President Rosa Quispe will hold a summit in "
        "Arica next month."
    )
    assert _kinds(text).get("2026-05-01") == "bilateral"
