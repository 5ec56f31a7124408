"""Band keys (stable, signed 64-bit) and the verdict over candidates."""

import json
import os
import subprocess
import sys

from service.dedup.lsh import BANDS, ROWS, THRESHOLD, band_keys, verdict
from service.dedup.minhash import NUM_PERM, signature

TEXT = "Delegations from twelve countries met in Kyiv on Saturday for talks on security guarantees."
# Stored band keys must never move: a change here means every stored article needs new keys
# (bump FORMAT_VERSION and reprocess).
GOLDEN = [(0, -4271508213639785111), (1, -9166916955155772288), (2, -4729943542548217039)]


def test_bands_fit_in_the_signature() -> None:
    assert BANDS * ROWS <= NUM_PERM


def test_one_key_per_band_as_signed_64_bit_ints() -> None:
    keys = band_keys(signature(TEXT))
    assert [band for band, _ in keys] == list(range(BANDS))
    assert all(-(2**63) <= value < 2**63 for _, value in keys)


def test_band_keys_are_pinned() -> None:
    assert band_keys(signature(TEXT))[:3] == GOLDEN


def test_band_keys_do_not_depend_on_the_process() -> None:
    code = (
        "import json; from service.dedup import band_keys, signature; "
        f"print(json.dumps(band_keys(signature({TEXT!r}))))"
    )
    here = band_keys(signature(TEXT))
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert [tuple(key) for key in json.loads(out)] == here


def test_empty_text_has_no_band_keys() -> None:
    assert band_keys(signature("")) == []


def test_verdict_picks_the_first_matching_candidate_in_order() -> None:
    sig = signature(TEXT)
    storm = "Storm leaves thousands without power along the coast on Sunday night."
    candidates = [
        ("unrelated", signature(storm), storm),
        ("first", sig, TEXT),
        ("second", sig, TEXT),
    ]
    match = verdict(sig, TEXT, candidates)
    assert match is not None
    assert match.duplicate_of == "first"
    assert match.similarity == 1.0


def test_verdict_is_none_below_the_threshold() -> None:
    storm = "Storm leaves thousands without power along the coast on Sunday night."
    assert verdict(signature(TEXT), TEXT, [("unrelated", signature(storm), storm)]) is None
    assert verdict(signature(TEXT), TEXT, []) is None
    assert 0 < THRESHOLD < 1
