"""Direct quotes and their speakers on the PolNeAR test compartment: precision, recall and F1.

    .venv/bin/python bench/quotes_polnear.py [--data ../shared/datasets/polnear] [-v]

How PolNeAR maps to our notion of a statement (nothing from the dataset is copied into the repo):

- Articles: `data/test/text/*.txt`, one annotator per article (the first `.ann` file by name, so
  agreement-set articles count once). Each article is run through `extract` as it is, with its
  `publication_date` from `metadata.tsv` as `published_at`.
- Gold quotes: inside every attribution's (`E` line's) `Content` span, each stretch in quotation
  marks (" … " or “ … ”, running to the end of the span when unclosed) of at least six words —
  our definition of a statement. Purely indirect attributions have no such stretch and are left
  out; mixed ones ("Trump called it “one of the great miscarriages of justice”") contribute their
  quoted words. Discontinuous content spans are taken from their first start to their last end.
- Quote detection: a predicted statement finds a gold quote when at least half of the predicted
  span lies inside the gold content span (one-to-one, in text order). Reported as P/R/F1 over all
  gold quotes; predictions of fewer than six words never exist, so short gold quotes count as misses.
- Pairs (quote, speaker): scored on gold quotes whose `Source` names someone (it holds a
  capitalised word other than a pronoun); pronoun and description-only sources ("he", "the
  campaign") need coreference that PolNeAR does not annotate, so those quotes are left out of the
  pair score (and so are predictions matched to them). A pair is right when the predicted speaker
  is one of the article's person mentions that overlaps the gold Source span, or whose surname
  occurs in it. Pair precision = right pairs / predicted pairs with a speaker; recall = right
  pairs / gold pairs.

For context only: the published CofeNet figure (COLING 2022) is Source F1 83.2 on ALL attributions
(direct, indirect and mixed) with exact span match — a different and harder task, so the numbers
are not directly comparable.
"""

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extraction import Extraction, extract  # noqa: E402

_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
_PRONOUNS = frozenset("he she they it i we you his her their this that the a an".split())


@dataclass
class GoldQuote:
    start: int
    end: int
    source: tuple[int, int] | None
    source_text: str


def _span(field: str) -> tuple[int, int]:
    parts = [tuple(int(x) for x in p.split()) for p in field.split(";")]
    return parts[0][0], parts[-1][1]


def _read_ann(path: Path, text: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, where = cols[1].partition(" ")
            spans[cols[0]] = (kind, _span(where))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(part.split(":", 1) for part in cols[1].split() if ":" in part))
    out: list[GoldQuote] = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        start, end = content[1]
        source = spans.get(event.get("Source", ""))
        src = source[1] if source else None
        for m in _QUOTED.finditer(text, start, end):
            if len(re.findall(r"[^\W\d_][\w'’-]*", m.group(0))) >= 6:
                out.append(GoldQuote(m.start(), m.end(), src, text[src[0] : src[1]] if src else ""))
    return out


def _named(source_text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’.-]*", source_text)
    return any(w[0].isupper() and w.lower() not in _PRONOUNS for w in words)


def _speaker_right(ex: Extraction, key: str | None, gold: GoldQuote) -> bool:
    if key is None or gold.source is None:
        return False
    mention = next((m for m in ex.participants if m.key == key), None)
    if mention is None:
        return False
    s, e = gold.source
    if any(sp.start < e and s < sp.end for sp in mention.spans):
        return True
    surname = mention.name.split()[-1].lower()
    return surname in gold.source_text.lower()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "polnear"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    test = args.data / "data" / "test"
    if not test.is_dir():
        print(f"PolNeAR not found at {args.data}: skipped")
        return 0
    dates: dict[str, str] = {}
    with (args.data / "data" / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    q_tp = q_pred = q_gold = 0
    p_tp = p_pred = p_gold = 0
    for text_path in sorted((test / "text").glob("*.txt")):
        anns = sorted((test / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = _read_ann(anns[0], text)
        published = datetime.fromisoformat(dates.get(text_path.stem, "2016-10-15")).replace(
            tzinfo=UTC
        )
        ex = extract(text, published, "en")
        q_gold += len(gold)
        q_pred += len(ex.statements)
        used: set[int] = set()
        for st in ex.statements:
            length = st.span.end - st.span.start
            match = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in used
                    and min(st.span.end, g.end) - max(st.span.start, g.start) >= length / 2
                ),
                None,
            )
            if match is None:
                if st.speaker_key:
                    p_pred += 1  # a quote that is not one: a wrong pair
                continue
            used.add(match)
            q_tp += 1
            g = gold[match]
            if not _named(g.source_text):
                continue
            if st.speaker_key:
                p_pred += 1
            right = _speaker_right(ex, st.speaker_key, g)
            p_tp += right
            if args.verbose and not right:
                print(
                    f"{text_path.stem[:40]}: {st.text[:50]!r} -> {st.speaker_key} / gold {g.source_text!r}"
                )
        p_gold += sum(1 for g in gold if _named(g.source_text))

    def prf(tp: int, pred: int, gold_n: int) -> str:
        p = tp / pred if pred else 0.0
        r = tp / gold_n if gold_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, pred {pred}, gold {gold_n})"

    print("PolNeAR test, direct quotes (content in quotation marks)")
    print(f"  quote detection:          {prf(q_tp, q_pred, q_gold)}")
    print(f"  (quote, speaker) pairs:   {prf(p_tp, p_pred, p_gold)}   [named sources only]")
    print(
        "  for context: CofeNet Source F1 83.2 on all attributions (direct+indirect, exact spans)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
