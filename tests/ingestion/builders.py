"""Articles and findings built by hand, for tests of matching and merging."""

import hashlib

from ingestion.models import Article, ArticleRevision, Proposal

KIRBY = "North Korea has delivered more than 1,000 containers of military equipment and munitions to Russia"


def _article(text: str, document=None, **fields) -> Article:
    article = Article.objects.create(title=fields.pop("title", "An article"), source_document=document, **fields)
    revision = ArticleRevision.objects.create(article=article, number=1, text=text, minhash=b"",
                                              content_hash=hashlib.sha256(text.encode()).hexdigest())
    Article.objects.filter(pk=article.pk).update(current_revision=revision)
    article.current_revision = revision
    return article


def _finding(article: Article, kind: str, payload: dict, excerpt: str | None = None) -> Proposal:
    revision = article.current_revision
    excerpt = excerpt or revision.text
    return Proposal.objects.create(
        article=article, revision=revision, kind=kind, fingerprint=hashlib.sha256(repr(payload).encode()).hexdigest(),
        summary=excerpt[:300], payload=payload, start=0, end=len(excerpt), excerpt=excerpt, extractor_version="t",
    )


def _statement_payload(originator, *, stance="asserts", quote=KIRBY, date="2023-10-13") -> dict:
    return {"stance": stance, "quote": quote, "direct": False, "date": date, "date_precision": "day",
            "on_behalf_of_key": f"actor:{originator.pk}", "on_behalf_of_keys": [f"actor:{originator.pk}"],
            "speaker_key": None, "speaker": None, "speaker_role": None, "term_key": None,
            "probability_term": None}
