"""Synthetic international-news corpus with labelled reprints and same-event hard negatives.

Every *story* is one invented diplomatic event (a summit, talks, a ministerial) with its facts:
place, date, participant countries and organisations, officials and what they said. Each story
yields:

- one `original`: an outlet's own report (headline, dateline, lead, participant list, quotes,
  background, outlook: several paragraphs);
- `other_outlet` hard negatives: other outlets' own reports of the same event, written
  independently from the same facts, so they share names, participant lists and the verbatim
  quotes, exactly as real reports of one meeting do — they must NOT be flagged;
- `reprint` variants of the original: the same wire text re-headlined, re-bylined, re-wrapped,
  trimmed 10–20 % (mostly from the bottom, sometimes a middle paragraph), 5–10 % of words
  changed (synonyms, typos, insertions, deletions, scattered across the text) and page chrome
  added (bylines, section labels, tickers, "Read more" blocks, newsletter and copyright lines)
  — they MUST be flagged.

Items come in ingest order: all originals and hard negatives, then the reprints, so that every
reprint meets the whole corpus in the index. Everything is drawn from one seeded RNG.

Run: `python bench/gen_corpus.py [N] [--seed S] [--out corpus.jsonl]`; import `generate`.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from corpus_words import (
    CHROME_TAIL,
    CITIES,
    COUNTRIES,
    FILLER,
    FIRST,
    LAST,
    MEETINGS,
    MONTHS,
    OBJECTS,
    ORGS,
    OUTLETS,
    READ_MORE,
    ROLES,
    SUBJECTS,
    SYNONYMS,
    TAILS,
    TOPICS,
    VERBS,
    WEEKDAYS,
)

Kind = Literal["original", "other_outlet", "reprint"]


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled article: `group` is the id of the text a reprint copies (its own id otherwise).

    `published_at` (ISO 8601, UTC) puts every reprint after the article it copies.
    """

    id: str
    kind: Kind
    story: int
    group: str
    outlet: str
    title: str
    published_at: str
    text: str
    transforms: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Event:
    """The facts every outlet's report of one story draws on."""

    meeting: tuple[str, str]
    topic: str
    subtopics: tuple[str, ...]
    city: str
    host: str
    day: int
    month: str
    weekday: str
    year: int
    countries: tuple[str, ...]
    orgs: tuple[str, ...]
    officials: tuple[tuple[str, str, str], ...]  # (name, role, country)
    quotes: tuple[str, ...]
    figure: str
    next_city: str


def _pick(rng: random.Random, options: tuple[str, ...] | list[str]) -> str:
    return options[rng.randrange(len(options))]


def _listing(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _quote(rng: random.Random, topic: str, subtopics: tuple[str, ...], city: str) -> str:
    sub = _pick(rng, subtopics)
    other = _pick(rng, subtopics)
    forms = (
        f"We have a busy working day ahead: {sub}, {other} and coordination of further steps with partners",
        f"Our message from {city} is simple: on {topic} we will not be divided",
        f"Nobody expects miracles, but on {sub} we can make real progress in the coming weeks",
        f"This is not about statements any more, it is about {sub} and who pays for it",
        f"We came here to listen, and we heard a clear commitment on {other}",
        f"Every day without a deal on {sub} costs lives and money",
        f"The framework documents on {topic} are nearly ready, and I hope we can sign them soon",
        f"I will not pretend that we agree on everything, especially on {other}",
        f"Our partners understand that {sub} cannot wait until the spring",
        f"We are ready to do more on {topic} if others are ready to do their share",
        f"There is a window of opportunity now, and {city} must not waste it",
        f"The details of {sub} will be worked out by experts over the next days",
    )
    return _pick(rng, forms)


def make_event(rng: random.Random, year: int) -> Event:
    city, host = CITIES[rng.randrange(len(CITIES))]
    topic, subtopics = TOPICS[rng.randrange(len(TOPICS))]
    countries = tuple(rng.sample([c for c in COUNTRIES if c != host], rng.randint(3, 12)))
    officials = tuple(
        (
            f"{_pick(rng, FIRST)} {_pick(rng, LAST)}",
            _pick(rng, ROLES),
            rng.choice((host, *countries)),
        )
        for _ in range(rng.randint(2, 4))
    )
    return Event(
        meeting=MEETINGS[rng.randrange(len(MEETINGS))],
        topic=topic,
        subtopics=subtopics,
        city=city,
        host=host,
        day=rng.randint(1, 28),
        month=_pick(rng, MONTHS),
        weekday=_pick(rng, WEEKDAYS),
        year=year,
        countries=countries,
        orgs=tuple(rng.sample(ORGS, rng.randint(1, 3))),
        officials=officials,
        quotes=tuple(_quote(rng, topic, subtopics, city) for _ in range(rng.randint(2, 3))),
        figure=f"{rng.choice(('€', '$'))}{rng.randint(2, 95) / 10:g} billion",
        next_city=_pick(rng, [c for c, _ in CITIES if c != city]),
    )


def _headline(rng: random.Random, ev: Event) -> str:
    name, role, country = ev.officials[0]
    forms = (
        f"{ev.meeting[0].capitalize()} in {ev.city}: {len(ev.countries)} countries discuss {ev.topic}",
        f"{name} hosts partners in {ev.city} as {ev.topic} tops the agenda",
        f"Officials from {ev.countries[0]} and {ev.countries[-1]} join {ev.city} {ev.meeting[0]} on {ev.topic}",
        f"What to expect from the {ev.city} {ev.meeting[0]}",
        f"{ev.city} {ev.meeting[0]} ends with pledge on {_pick(rng, ev.subtopics)}",
        f"{country}'s {role} says {ev.topic} deal is within reach",
        f"Allies meet in {ev.city} amid push on {_pick(rng, ev.subtopics)}",
        f"Diplomats gather in {ev.city} for {ev.meeting[1]}",
    )
    return _pick(rng, forms)


def _dateline(rng: random.Random, ev: Event, outlet: str) -> str:
    short = ev.month[:3] + "."
    forms = (
        f"{ev.city.upper()}, {ev.month} {ev.day} ({outlet}) —",
        f"{ev.city.upper()} —",
        f"{ev.city}, {ev.day} {ev.month} {ev.year}:",
        f"{ev.city} ({outlet}) –",
        f"{short} {ev.day}, {ev.year} —",
        "",
    )
    return _pick(rng, forms)


def _section(rng: random.Random, makers: list[str], low: int, high: int) -> list[str]:
    """`low`–`high` distinct sentences from a pool, each with its own choice of wording."""
    chosen = rng.sample(makers, min(len(makers), rng.randint(low, high)))
    return [_vary(rng, s) for s in chosen]


def _vary(rng: random.Random, sentence: str) -> str:
    # "{a|b|c}" picks one wording, so two outlets using one template still rarely match verbatim
    sentence = re.sub(
        r"\{([^{}]*\|[^{}]*)\}", lambda m: _pick(rng, m.group(1).split("|")), sentence
    )
    return sentence[0].upper() + sentence[1:]


def _colour(rng: random.Random, ev: Event) -> str:
    """A sentence of local context, from a grammar large enough that unrelated stories rarely share it."""
    where = _pick(
        rng, (f"in {ev.host}", f"in {_pick(rng, ev.countries)}", "at home", "in the region")
    )
    return _vary(
        rng,
        f"{_pick(rng, SUBJECTS)} {where} {_pick(rng, VERBS)} {_pick(rng, OBJECTS)} "
        f"{{and|as well as|but also}} {_pick(rng, OBJECTS)} {_pick(rng, TAILS)}.",
    )


def _sentences(rng: random.Random, ev: Event, outlet: str) -> list[list[str]]:
    """An outlet's own paragraphs about the event, each a list of sentences."""
    n_c = len(ev.countries)
    sub1, sub2, sub3 = rng.sample(ev.subtopics, 3)
    host_name, host_role, host_country = ev.officials[0]
    other_name, other_role, other_country = ev.officials[-1]
    countries, orgs = _listing(ev.countries), _listing(ev.orgs)
    days = rng.randint(2, 9)
    lead = [
        f"{_dateline(rng, ev, outlet)} "
        + _vary(
            rng,
            f"{{delegations from {n_c} countries|representatives of {n_c} governments|national "
            f"security advisers from {n_c} countries|ministers and senior officials from {n_c} "
            f"states|a group of foreign officials|envoys of {n_c} nations}} {{gathered in|arrived "
            f"in|met in|convened in|travelled to}} {ev.city} {{on {ev.weekday}|on {ev.month} "
            f"{ev.day}|early on {ev.weekday}|on {ev.day} {ev.month}}} {{for a {ev.meeting[1]} on "
            f"{ev.topic}|to take part in {ev.meeting[1]} focused on {ev.topic}|for {ev.meeting[1]} "
            f"expected to centre on {sub1}|as pressure grows for progress on {ev.topic}}}.",
        ).strip(),
        *_section(
            rng,
            [
                f"{host_name}, {host_country}'s {host_role}, {{met|welcomed|greeted}} the delegations in person.",
                f"They were {{greeted|welcomed|received}} by {host_role} {host_name} {{at the railway station|at the airport|at the foreign ministry}}.",
                f"The {ev.meeting[0]} is {{being chaired|hosted}} by {host_name}, the {host_role} of {host_country}.",
                f"{host_name} opened the session shortly after {rng.randint(8, 11)} a.m. local time.",
                f"It is the {{first|second|third|largest}} gathering of its kind in {ev.city} this year.",
                f"The venue, {{a former palace|a conference centre|a government building}} in central {ev.city}, was closed to the public.",
            ],
            1,
            2,
        ),
    ]
    participants = _section(
        rng,
        [
            f"according to the {{organisers|host government|foreign ministry}}, representatives of {countries} are taking part.",
            f"those attending include {countries}.",
            f"the list of participants {{covers|includes}} {countries}.",
            f"officials said {countries} had sent delegations.",
            f"{orgs} will also join the {{discussions|talks}}.",
            f"representatives of {orgs} are attending as observers.",
            f"{orgs} {{joined|took part}} by video link.",
            "{american|Chinese|Indian} officials {were not present|will follow the talks remotely|sent a written message}.",
        ],
        2,
        3,
    )
    agenda = _section(
        rng,
        [
            f"officially, the agenda {{covers|includes}} {ev.topic}, {sub1} and {sub2}.",
            f"in practice, {{this means|that means|the talks are about}} {{joint approaches to|agreeing on|paying for}} {sub1}, {{coordinating|aligning}} national rules and {{preparing|drafting}} economic packages.",
            f"{{the first day|the morning session|a working lunch}} {{is devoted to|will deal with|focused on}} {sub3}.",
            f"{{participants|delegations}} {{also|are also expected to}} discuss {sub2} {{and its costs|and who will fund it|and a timetable}}.",
            f"a working group on {sub1} {{is to|will}} report back {{within a month|by the end of the year|before the next meeting}}.",
            f"the draft under discussion runs to {rng.randint(8, 40)} pages, {{one participant said|according to a diplomat}}.",
        ],
        2,
        3,
    )
    quotes = []
    for quote, (name, role, country) in zip(ev.quotes, ev.officials, strict=False):
        quotes.append(
            _vary(
                rng,
                _pick(
                    rng,
                    (
                        f'"{quote}," {country}\'s {role} {name} {{said|wrote on X|told reporters}}.',
                        f'"{quote}," {name} {{told reporters|said in a statement|said on arrival}}.',
                        f'{name}, {role} of {country}, said: "{quote}."',
                        f'"{quote}" — {name}, {role}',
                        f'{{speaking after the session|speaking to journalists|in a televised address}}, {name} said: "{quote}."',
                    ),
                ),
            )
        )
    background = _section(
        rng,
        [
            f"the {ev.meeting[0]} follows {{weeks|months}} of contacts between capitals on {sub2}.",
            f"it comes after a {_pick(rng, WEEKDAYS)} statement in which {host_name} announced a series of meetings {{set for|planned for}} {ev.month}.",
            f"earlier this month, {ev.countries[0]} proposed a package worth {ev.figure} for {sub1}.",
            f"previous rounds in {ev.next_city} ended without agreement on {sub2}.",
            f"{{last year|in the spring|two years ago}}, a similar initiative on {sub3} {{stalled|collapsed|faded}} over {{funding|disagreements about oversight|domestic opposition}}.",
            f"{ev.host} has {{long|repeatedly}} pushed for {{a binding deal|firmer guarantees|a common position}} on {ev.topic}.",
            f"the talks were {{first|originally}} proposed by {other_name}, {other_country}'s {other_role}, {days} {{weeks|months}} ago.",
        ],
        2,
        4,
    )
    reaction = _section(
        rng,
        [
            f"diplomats say the main sticking point remains {sub2}.",
            f"several governments want firmer commitments on {sub1} before signing anything.",
            f"a draft text seen by {outlet} mentions {sub1} but sets no deadlines.",
            "negotiators have been working on the draft for {months|weeks|most of the year}.",
            "the host government described the atmosphere as {constructive|businesslike|frank}.",
            f"{other_name} {{urged|called on}} partners to {{move faster|show unity|keep their promises}} on {sub3}.",
            "{one|a senior|a European} diplomat, who asked not to be named, said the {mood|tone} was {cautious|better than expected|tense at times}.",
            f"{ev.countries[-1]} is {{reported to have|said to have}} {{reservations|doubts}} about {sub2}.",
        ],
        2,
        4,
    )
    outlook = _section(
        rng,
        [
            f"leaders are expected to meet in {ev.next_city} {{later this month|in {days} days|next week}} to approve the outcome.",
            f"a follow-up {ev.meeting[0]} is planned in {ev.next_city}.",
            f"the next step will be a leaders' meeting in {ev.next_city}, officials said.",
            f"whether the talks turn into signed agreements will become clear in {ev.next_city}.",
            f"analysts say the speed of {{aid|progress}} on {sub1} will depend on these {{frameworks|decisions}}.",
            f"observers note that funding for {sub2} is still unclear.",
            f"for {ev.host}, the stakes could hardly be higher.",
            "critics warn that the process risks losing momentum {before winter|over the summer|ahead of elections}.",
        ],
        2,
        3,
    )
    context = [_colour(rng, ev) for _ in range(rng.randint(3, 6))]
    middle = [participants, quotes[:1], agenda, background, context, quotes[1:], reaction, outlook]
    # outlets order the body their own way after the lead
    rng.shuffle(middle)
    return [p for p in [lead, *middle] if p]


def write_article(rng: random.Random, ev: Event, outlet: str) -> tuple[str, str]:
    """An outlet's own (headline, text) about the event; the text opens with the headline."""
    headline = _headline(rng, ev)
    paragraphs = [" ".join(p) for p in _sentences(rng, ev, outlet)]
    return headline, "\n\n".join([headline, *paragraphs])


def _change_words(rng: random.Random, text: str, fraction: float) -> str:
    tokens = text.split(" ")
    positions = rng.sample(range(len(tokens)), max(1, round(fraction * len(tokens))))
    for i in positions:
        word = tokens[i]
        bare = word.strip('.,:;"—')
        roll = rng.random()
        if bare.lower() in SYNONYMS and roll < 0.6:
            tokens[i] = word.replace(bare, SYNONYMS[bare.lower()])
        elif roll < 0.75 and len(bare) > 3:
            j = rng.randrange(1, len(bare) - 1)
            tokens[i] = word.replace(bare, bare[:j] + bare[j + 1] + bare[j] + bare[j + 2 :])
        elif roll < 0.9:
            tokens[i] = f"{_pick(rng, FILLER)} {word}"
        else:
            tokens[i] = ""
    return " ".join(t for t in tokens if t)


def _trim(rng: random.Random, text: str, fraction: float) -> str:
    paragraphs = text.split("\n\n")
    budget = round(fraction * len(text.split()))
    if rng.random() < 0.3 and len(paragraphs) > 3:
        # an editor cuts a middle paragraph, then the rest from the bottom
        cut = paragraphs.pop(rng.randrange(2, len(paragraphs) - 1))
        budget -= len(cut.split())
    words = "\n\n".join(paragraphs).split(" ")
    return " ".join(words[: len(words) - max(budget, 0)])


def _rewrap(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        # hard-wrapped wire copy
        width = rng.randint(60, 80)
        out, line = [], ""
        for word in text.replace("\n\n", " ¶ ").split():
            if word == "¶":
                out.extend([line, ""])
                line = ""
            elif len(line) + len(word) + 1 > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*out, line])
    return text.replace("\n\n", "\n \n\n").replace(". ", ".  ")


def _chrome(rng: random.Random, outlet: str, year: int) -> tuple[str, str]:
    head = _pick(
        rng,
        (
            f"By {_pick(rng, FIRST)} {_pick(rng, LAST)}, {outlet}",
            f"{outlet} staff | {rng.randint(2, 9)} min read",
            "Trending " + "...".join(rng.sample(READ_MORE, 4)),
            f"World | Europe | Updated {rng.randint(1, 12)} hours ago",
        ),
    )
    tail = "\n".join(
        [
            "Read more:",
            *rng.sample(READ_MORE, rng.randint(2, 4)),
            _pick(rng, CHROME_TAIL).format(year=year, outlet=outlet),
        ]
    )
    return head, tail


@dataclass(frozen=True, slots=True)
class Reprint:
    site: str
    headline: str
    text: str
    transforms: tuple[str, ...]


def make_reprint(rng: random.Random, ev: Event, original: str) -> Reprint:
    """A wire copy of `original` as another site runs it, and the edits applied."""
    outlet = _pick(rng, OUTLETS)
    body = original.split("\n\n", 1)[1]
    done = ["headline"]
    headline = _headline(rng, ev)
    text = "\n\n".join([headline, body])
    if rng.random() < 0.75:
        fraction = rng.uniform(0.10, 0.20)
        text = _trim(rng, text, fraction)
        done.append(f"trim{fraction:.2f}")
    if rng.random() < 0.75:
        fraction = rng.uniform(0.05, 0.10)
        text = _change_words(rng, text, fraction)
        done.append(f"words{fraction:.2f}")
    if rng.random() < 0.5:
        text = _rewrap(rng, text)
        done.append("rewrap")
    if rng.random() < 0.8:
        head, tail = _chrome(rng, outlet, ev.year)
        text = f"{head}\n\n{text}\n\n{tail}"
        done.append("chrome")
    return Reprint(outlet, headline, text, tuple(done))


def generate(
    n: int, *, seed: int = 20260103, reprints: int = 3, other_outlets: int = 2
) -> list[Item]:
    """`n` stories, each an original, `other_outlets` hard negatives and `reprints` reprints."""
    rng = random.Random(seed)
    firsts: list[Item] = []
    copies: list[Item] = []
    for story in range(n):
        ev = make_event(rng, rng.choice((2024, 2025, 2026)))
        day = datetime(ev.year, MONTHS.index(ev.month) + 1, ev.day, 6, tzinfo=UTC)
        outlets = rng.sample(OUTLETS, 1 + other_outlets)
        for k, outlet in enumerate(outlets):
            item_id = f"s{story}-{outlet}"
            headline, text = write_article(rng, ev, outlet)
            kind: Kind = "original" if k == 0 else "other_outlet"
            at = day + timedelta(hours=k, minutes=rng.randrange(60))
            firsts.append(
                Item(item_id, kind, story, item_id, outlet, headline, at.isoformat(), text)
            )
            if k == 0:
                for r in range(reprints):
                    copy = make_reprint(rng, ev, text)
                    later = at + timedelta(minutes=rng.randrange(30, 48 * 60))
                    copies.append(
                        Item(
                            f"{item_id}-r{r}",
                            "reprint",
                            story,
                            item_id,
                            copy.site,
                            copy.headline,
                            later.isoformat(),
                            copy.text,
                            copy.transforms,
                        )
                    )
    rng.shuffle(copies)
    return firsts + copies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=200, help="stories (default 200)")
    parser.add_argument("--seed", type=int, default=20260103)
    parser.add_argument("--out", help="also write the items as JSON lines to this path")
    args = parser.parse_args(argv)
    items = generate(args.n, seed=args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    kinds = Counter(item.kind for item in items)
    words = sorted(len(item.text.split()) for item in items)
    summary = (
        f"{len(items)} items ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
        f"words per item median {words[len(words) // 2]}, min {words[0]}, max {words[-1]}"
    )
    # JSON lines on stdout (`--out /dev/stdout`) keep the summary out of their way
    print(summary, file=sys.stderr if args.out else sys.stdout)


if __name__ == "__main__":
    main()
