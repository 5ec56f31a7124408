"""Institutions that speak: "the Chinese government said", "China's foreign ministry said",
"NATO said in a statement". Their words are the country's or the organisation's own."""

import re

from service.extraction.gazetteer import Hit
from service.extraction.persons import SPEECH_VERBS
from service.extraction.quotes import PersonSpan

# what speaks for a country: its government and the offices that issue its statements
_VOICE = (
    r"government|administration|cabinet|presidency|foreign ministry|ministry of foreign affairs|"
    r"defen[cs]e ministry|ministry|embassy|mission|foreign office|state council|state department|"
    r"presidential office|president['’]s office|prime minister['’]s office|office of the president|"
    r"office of the prime minister|chancellery|presidential administration"
)
_VOICE_AFTER = re.compile(rf"(?:['’]s)?\s+(?:{_VOICE})\b", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    rf"(?:\s+(?:also|later|then|has|had|have))?\s+(?:{SPEECH_VERBS})\b", re.IGNORECASE
)


def institutional_speakers(text: str, hits: list[Hit]) -> list[PersonSpan]:
    """A country's government, or an organisation, in the place a speaker takes."""
    out: list[PersonSpan] = []
    for hit in hits:
        kind = hit.entry.kind
        if kind in ("country", "demonym"):
            voice = _VOICE_AFTER.match(text, hit.end)
            if voice is not None:
                out.append(PersonSpan(hit.start, voice.end(), hit.entry.key))
        elif kind == "org" and _SPEECH_AFTER.match(text, hit.end):
            out.append(PersonSpan(hit.start, hit.end, hit.entry.key))
    return out
