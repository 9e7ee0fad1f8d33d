"""Near-duplicate detection: MinHash signatures of word shingles (datasketch) and an LSH
banding of them that the database can index. Pure: bytes and numbers in and out."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs above ~0.42 Jaccard share a band with high probability
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
# Two texts at or above this estimated Jaccard similarity tell the same story.
NEAR_DUPLICATE_THRESHOLD = 0.5
SEED = 1  # fixed, so signatures stored by any worker compare with each other

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    hashvalues: np.ndarray

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(bytes(data), dtype="<u8"))

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (the band's index and its rows, hashed): the LSH
        keys to index. Two texts sharing a key are candidates for near duplicates."""
        raw = self.hashvalues.astype("<u8")
        keys = []
        for band in range(BANDS):
            data = band.to_bytes(2, "little") + raw[band * ROWS:(band + 1) * ROWS].tobytes()
            keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True))
        return keys

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> Signature:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(shingles(text)))
    return Signature(minhash.hashvalues.copy())
