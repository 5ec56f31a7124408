"""Near-duplicate detection: MinHash over word shingles of cleaned text, with LSH band keys.

Pure: plain strings in, plain values out; no database, no web framework. The ingest path calls

    sig = signature(text)                      # Signature; sig.to_bytes() for a bytea column
    keys = band_keys(sig)                      # [(band, signed 64-bit hash)] for the band table
    match = verdict(sig, text, candidates)     # candidates: (id, Signature, text) earliest first
    # match is None (not a near-duplicate) or Match(duplicate_of=id, similarity=0.0–1.0)
    # only if None: the paraphrase path, over the articles sharing a skeleton band
    keys = paraphrase_keys(text)               # [(1000 + band, hash)], same band table
    match = paraphrase_verdict(text, candidates)  # candidates: (id, text) earliest first

and `Signature.from_bytes` reads a stored signature back. `MemoryBandIndex` does the same lookup
in memory, for the benchmarks and tests.

Parameters, tuned with `bench/dedup_quality.py` on the labelled synthetic corpus
(`bench/gen_corpus.py`, 400 stories × one original, two other outlets' reports and three
reprints, corpus seeds 20260103, 7 and 99) and checked on ECB+ and the seeds:

- **Shingles of 3 words**, after NFKC, case folding and dropping punctuation, so layout,
  whitespace and typography never count. Page lines (photo captions ending in their credit,
  bylines, printed date stamps) are left out first: two sites running one wire story put
  different ones around it (`shingles._PAGE_LINE`; with it, synthetic recall 0.9917 → 0.9925 on
  the worst corpus and ECB+ same-event pairs flagged unchanged at 48/5,568). At 3 words the weakest labelled reprint (trimmed 20 %,
  10 % of words changed, chrome added) keeps exact Jaccard 0.38 (1st percentile 0.44) while the
  closest other-outlet report of the same event, sharing its quotes and participant list,
  reaches 0.28. At 2 words the two classes move closer (0.49 vs 0.37) and stock pairs ("of the")
  lift unrelated news, which feeds the band index chaff; at 4–5 words the weakest reprints fall
  to 0.30–0.36, which only short bands (more chaff again) can retrieve. Seeds 000/001/003 (three
  outlets, one meeting) are at 0.017–0.055.
- **128 permutations**, 32-bit minima: a 513-byte stored signature, standard error ≤ 0.044 near
  the threshold. 256 (85 bands of 3) lifted recall only from 0.997 to 1.000 on one corpus, for
  twice the band rows and bytes.
- **42 bands × 3 rows** (126 of the 128 minima): candidate probability 1 - (1 - J³)⁴² is 0.91 at
  J = 0.38, 0.96 at 0.42 and 0.99 at 0.47, yet over the 470,482 cross-topic and 5,621
  same-topic-other-event ECB+ pairs not one band collided, so a check's candidates do not grow
  with the corpus. 2-row bands collided on 1.1e-4 of unrelated real pairs (about a hundred
  candidates per check at a million articles); 4-row bands lost 3.5 % of reprints before
  verification. Index only the first article of each group: candidates are then always the
  article a duplicate points to, and the band table is smaller by the share of reprints.
- **Threshold 0.38** estimated Jaccard (49 of the 128 minima agree), between the hard negatives
  (exact ≤ 0.28) and nearly all reprints (1st percentile 0.44). Swept 0.30–0.40 on the three
  corpora: at every threshold from 0.30 to 0.36 some corpus let one to three hard negatives
  through on estimation noise (e.g. exact 0.27, estimated 0.375); at 0.38 none did and recall
  stayed ≥ 0.994; at 0.40 recall fell to 0.984–0.987.
- **Then word alignment ≥ 0.70** (`alignment.word_similarity`: 2 × the longest common
  subsequence of the two word sequences ÷ both word counts, with rapidfuzz's bit-parallel LCS,
  about 10 µs for two 300-word texts; only for candidates past the MinHash threshold). Shingle
  Jaccard punishes an edited word three times, so the MinHash threshold must be low enough to
  let through ECB+ pairs where two sites ran one wire story each around paragraphs of their own.
  In word order they part: the labelled reprints align at ≥ 0.66 (1st percentile 0.73), other
  outlets at ≤ 0.46, while those ECB+ pairs have a median of 0.77 and a long tail below 0.70.
  Swept 0.60–0.78 on the three corpora and ECB+: 0.66 lost no reprint and left 1.10 % of ECB+
  same-event pairs flagged, 0.68 lost 2 of 3,600 reprints (1.02 %), 0.70 lost 8 (0.86 %), 0.72
  lost 20 (0.83 %), 0.76 lost 133. The reported `similarity` of a near-duplicate is this score.

Figures (`python bench/dedup_quality.py`): synthetic precision 1.000 and recall 0.992–0.996 on
all three corpora, other outlets flagged 0/2,400; seeds 000/001/003 not flagged; ECB+ same-event
pairs flagged 48/5,568 (0.86 %; 75, 1.35 %, with MinHash alone), 43 of them sharing more than half
their 8-word sequences verbatim (one wire copy on two sites), and 0 of the 5,328 pairs in the
outlets' own wording. Known gap: a copy trimmed to well under two thirds of the original (or
padded to well over half again) is not flagged, by either check: of the 97 ECB+ pairs sharing
more than half their text, 54 are not, most because one text is much shorter than the other.
Catching those needs containment, and LSH Forest/Ensemble-style retrieval.

**The paraphrase path** (`skeleton`, `paraphrase`) catches copies a site ran through a
paraphraser: words swapped for synonyms, clauses recast, quotes partly reworded. The one on
news-dev (214 of 213) has estimated Jaccard 0.148 and word alignment 0.556, so the word path
neither retrieves nor verifies it; but its skeleton — the capitalised words and the numbers, in
order — aligns at 0.807. Its parameters, measured with `bench/dedup_quality.py` and
`bench/paraphrase_sweep.py` on ECB+, the three corpora, paraphrases of their originals
(`bench/paraphrase_corpus.py`: 40, 55 or 70 % of the lower-case words reworded, a quarter of the
sentences turned round, names and numbers kept), the seeds and news-dev:

- **Skeleton**: tokens starting with a capital or a digit, less function words capitalised only
  because they open a sentence ("The", "However"). With those dropped, the synthetic other
  outlets' skeletons align at most 0.69 with their original and the dev paraphrase at 0.807;
  keeping every capitalised word (of two letters or more) gave 0.63 but 0.76, dropping every
  sentence-initial word 0.77 and 0.81 (and loses a name that opens a sentence).
- **Shingles of 2 skeleton tokens**: the dev paraphrase keeps exact Jaccard 0.475 (0.32 at 3,
  which 4-row bands retrieve with probability 0.3–0.4). Same-topic news shares entity pairs
  ("White House") but few: over ECB+, other-topic pairs reach p99.9 0.023 (max 0.15) and
  same-topic pairs of other events p99.9 0.13 (max 0.18).
- **48 bands × 4 rows** (a 192-minimum signature, computed and used only at ingest, not stored):
  candidate probability 1 - (1 - J⁴)⁴⁸ is 0.92 at the dev paraphrase's 0.475. Averaged over the
  exact Jaccard of ECB+ pairs it expects 1.4e-4 collisions per same-topic pair and 2.4e-7 per
  other-topic pair (3-row bands: 1.2e-3 and 3.1e-6; 5 rows × 64: 1.8e-5, but 0.79 at 0.475).
  Measured: no band collided over the 470,482 other-topic and 5,621 same-topic-other-event ECB+
  pairs (123 of 5,568 same-event pairs did), and a synthetic check meets 0.6 skeleton candidates
  (7 word-band ones). Band numbers start at 1000 (the column is a
  smallint with no other constraint, so no schema change), 48 more band rows per original: the
  band table is about twice as big (4.9 → 10.5 kB per article with its indexes).
- **Skeletons of at least 20 tokens**: below, a handful of common names decides. The sweep gave
  the same verdicts at 10, 20 and 30 except one paraphrase lost at 30; 154 of the 982 ECB+
  articles (briefs) are under 20 and get no skeleton bands.
- **Skeleton alignment ≥ 0.74 and word alignment ≥ 0.50**, on pairs the word path leaves:
  skeleton threshold 0.66 → 0.70 → 0.72 → 0.74 → 0.76 → 0.78 flags 11 → 3 → 2 → 1 → 1 → 0 ECB+
  texts (an ECB+ text counts when the word path flags none of its candidates) and catches 17 → 17 → 17 → 15 → 12 → 9 of the reprints the word path misses; 0.74 is
  within the ECB+ cap with a margin of 0.067 below the dev paraphrase. The word floor alone
  separates the synthetic other outlets (at most 0.46, one of them let through at 0.66/0.40);
  at 0.50 paraphrases with 55 % of their lower-case words reworded are all caught and with 70 %
  775 of 1,200, at 0.55 only 83, at 0.60 the dev paraphrase (0.556) is lost. Its `similarity`
  is the word alignment, 0.50–0.70 where the word path would have needed 0.70.

Figures with both paths: synthetic precision 1.000 and recall 0.996–1.000 (the skeleton path
catches 15 of the 22 reprints the word path missed), other outlets 0/2,400; paraphrases caught
1.000 at 40 and 55 % reworded and 0.62–0.69 at 70 % (the word path alone: 0); seeds 000/001/003
not flagged; ECB+ same-event pairs flagged 50/5,568 (0.90 %: 2 more, both sharing at least a
fifth of their 8-word sequences verbatim; counted pair by pair, as the bench does, where the
sweep counts one); news-dev duplicates F1 0.8 → 1.0. Cost per check:
0.18 ms more in process (the skeleton 0.09 ms, its MinHash and band keys 0.09 ms), 48 more
advisory lock keys, and a second candidate query of the same form (about 0.3 ms in PostgreSQL at
100k articles) only when the word path finds nothing. Articles stored before this path existed have no skeleton bands
until `parley reprocess` adds them. Not covered: text in scripts without capitals has only its numbers for
a skeleton, which seldom reaches 20 tokens.
"""

from service.dedup.alignment import ALIGNMENT_THRESHOLD, word_ids, word_similarity
from service.dedup.lsh import BANDS, ROWS, THRESHOLD, Match, band_keys, verdict
from service.dedup.memory import MemoryBandIndex
from service.dedup.minhash import NUM_PERM, Signature, signature, similarity
from service.dedup.paraphrase import (
    BAND_OFFSET,
    MIN_SKELETON,
    SKELETON_BANDS,
    SKELETON_ROWS,
    SKELETON_SHINGLE_SIZE,
    SKELETON_THRESHOLD,
    WORD_FLOOR,
    paraphrase_keys,
    paraphrase_verdict,
)
from service.dedup.shingles import SHINGLE_SIZE

__all__ = [
    "ALIGNMENT_THRESHOLD",
    "BANDS",
    "BAND_OFFSET",
    "MIN_SKELETON",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "SKELETON_BANDS",
    "SKELETON_ROWS",
    "SKELETON_SHINGLE_SIZE",
    "SKELETON_THRESHOLD",
    "THRESHOLD",
    "WORD_FLOOR",
    "Match",
    "MemoryBandIndex",
    "Signature",
    "band_keys",
    "paraphrase_keys",
    "paraphrase_verdict",
    "signature",
    "similarity",
    "verdict",
    "word_ids",
    "word_similarity",
]
