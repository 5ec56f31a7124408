"""Regex alternations of many words, laid out so Python's `re` scans them quickly."""


def by_first_letter(alternatives: str, *, ignorecase: bool = False) -> str:
    """The same alternation with its words grouped under their first letter:
    "said|says|told" -> "s(?:aid|ays)|told".

    `re` tries the branches of an alternation one by one at every position of a search; grouped,
    it rejects all the words of another letter with one comparison. Words with different first
    letters never match at the same place, and each group keeps its words in their order, so
    the grouped regex matches exactly what the flat one did. Words are plain regex fragments
    that start with a letter and hold no group or alternation of their own; for a regex compiled
    with re.IGNORECASE pass `ignorecase=True`, which checks the first letters are ASCII and
    distinct regardless of case (so no two groups can match at one place there either).
    """
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        if not word[:1].isalpha() or word[1:2] in ("?", "*", "+", "{") or "(" in word:
            raise ValueError(f"not a plain word for an alternation: {word!r}")
        groups.setdefault(word[0], []).append(word)
    if ignorecase and (
        not all(letter.isascii() for letter in groups)
        or len({letter.lower() for letter in groups}) != len(groups)
    ):
        # "s…" and "S…" (or "ſ…") would both match one place under re.IGNORECASE
        raise ValueError(
            "first letters not ASCII or not distinct in a case-insensitive alternation"
        )
    return "|".join(
        words[0] if len(words) == 1 else f"{words[0][0]}(?:{'|'.join(w[1:] for w in words)})"
        for words in groups.values()
    )
