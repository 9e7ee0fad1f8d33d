"""MinHash near-duplicate detection, without a database."""

from pathlib import Path

from ingestion.dedup import NEAR_DUPLICATE_THRESHOLD, Signature, signature

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_a_signature_survives_storage_and_compares_equal():
    sig = signature(SEEDS[0].read_text())

    restored = Signature.from_bytes(sig.to_bytes())

    assert restored.similarity(sig) == 1.0
    assert restored.band_keys() == sig.band_keys()


def test_a_lightly_edited_copy_is_above_the_threshold():
    text = SEEDS[4].read_text()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    edited = "\n".join(["A new headline for the same story", *paragraphs[1:5], *paragraphs[6:]])
    edited = edited.replace("amid persistent speculation", "as speculation persists")

    assert signature(text).similarity(signature(edited)) >= NEAR_DUPLICATE_THRESHOLD


def test_the_seed_articles_are_not_near_duplicates_of_each_other():
    sigs = [signature(p.read_text()) for p in SEEDS]

    for i, a in enumerate(sigs):
        for b in sigs[i + 1:]:
            assert a.similarity(b) < 0.2


def test_signatures_are_the_same_in_every_process():
    # Workers on other machines must compute comparable signatures: fixed seed, fixed hash.
    assert signature("North Korea shipped containers from Najin to Dunay").to_bytes()[:16].hex() == (
        signature("North Korea shipped containers from Najin to Dunay").to_bytes()[:16].hex()
    )
    assert signature("").similarity(signature("")) == 1.0
