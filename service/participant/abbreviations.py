"""Common abbreviations people search by (`q=UK`), and the names they stand for: too short
for a fuzzy match to find, and often absent from the aliases the sources happened to use."""

import re

_NAMES = {
    "UK": "United Kingdom",
    "GB": "United Kingdom",
    "US": "United States",
    "USA": "United States",
    "UAE": "United Arab Emirates",
    "EU": "European Union",
    "UN": "United Nations",
    "NATO": "NATO",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "IAEA": "International Atomic Energy Agency",
    "IMF": "International Monetary Fund",
    "DRC": "Democratic Republic of the Congo",
    "PRC": "China",
    "ROK": "South Korea",
    "DPRK": "North Korea",
    "KSA": "Saudi Arabia",
}

_MARKS = re.compile(r"[.\s]")


def expand(q: str) -> str | None:
    """The name `q` abbreviates (`U.K.`, `uk`, `UK` → United Kingdom), or None."""
    return _NAMES.get(_MARKS.sub("", q).upper())
