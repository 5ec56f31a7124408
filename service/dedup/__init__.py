"""Near-duplicate detection: MinHash over word shingles of cleaned text, with LSH band keys.

Pure: plain strings in, plain values out; no database, no web framework. The ingest path calls

    sig = signature(text)                      # Signature; sig.to_bytes() for a bytea column
    keys = band_keys(sig)                      # [(band, signed 64-bit hash)] for the band table
    match = verdict(sig, text, candidates)     # candidates: (id, Signature, text) earliest first
    # match is None (not a near-duplicate) or Match(duplicate_of=id, similarity=0.0–1.0)

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
"""

from service.dedup.alignment import ALIGNMENT_THRESHOLD, word_ids, word_similarity
from service.dedup.lsh import BANDS, ROWS, THRESHOLD, Match, band_keys, verdict
from service.dedup.memory import MemoryBandIndex
from service.dedup.minhash import NUM_PERM, Signature, signature, similarity
from service.dedup.shingles import SHINGLE_SIZE

__all__ = [
    "ALIGNMENT_THRESHOLD",
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "THRESHOLD",
    "Match",
    "MemoryBandIndex",
    "Signature",
    "band_keys",
    "signature",
    "similarity",
    "verdict",
    "word_ids",
    "word_similarity",
]
