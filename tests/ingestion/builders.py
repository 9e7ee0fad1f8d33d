"""Articles and findings built by hand, for tests of matching and merging."""

import hashlib

from ingestion.choices import ProposalKind
from ingestion.models import Article, ArticleRevision, Proposal
from tests import factories as f

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


def known_route() -> dict:
    """A supplier, a recipient, the Najin–Dunay–Tikhoretsk places, Vostochny and the Angara."""
    dprk = f.StateFactory(name="DPRK", aliases=["North Korea"])
    russia = f.StateFactory(name="Russia")
    najin, dunay, depot = (f.PlaceFactory(name="Najin", aliases=["Rajin"]), f.PlaceFactory(name="Dunay"),
                           f.PlaceFactory(name="Tikhoretsk depot"))
    return {"dprk": dprk, "russia": russia, "najin": najin, "dunay": dunay, "depot": depot,
            "angara": f.VesselFactory(name="Angara", imo_number="9179842"),
            "vostochny": f.PlaceFactory(name="Vostochny port")}


def transfer_payload(w: dict, **changes) -> dict:
    """What extraction finds in SHIPPED: two legs, the first aboard the Angara."""
    payload = {
        "supplier_key": f"actor:{w['dprk'].pk}", "recipient_key": f"actor:{w['russia'].pk}",
        "supplier": "North Korea", "recipient": "Russia", "items": ["containers of munitions", "shells"],
        "item_categories": ["artillery_ammunition"], "quantity": "more than 1,000 containers",
        "period_start": "2023-09-07", "period_end": "2023-10-01", "status_claimed": "delivered",
        "route": ["Najin", "Dunay", "Tikhoretsk depot"],
        "legs": [{"from_key": f"place:{w['najin'].pk}", "to_key": f"place:{w['dunay'].pk}", "mode": "sea",
                  "vessel": "Angara", "vessel_key": f"vessel:{w['angara'].pk}"},
                 {"from_key": f"place:{w['dunay'].pk}", "to_key": f"place:{w['depot'].pk}", "mode": "rail"}],
    }
    return {**payload, **changes}


SHIPPED = ("North Korea shipped containers of munitions from Najin to Dunay aboard the Angara, then by rail to "
           "a depot near Tikhoretsk.")


def transfer_finding(w: dict, text: str = SHIPPED, **changes) -> Proposal:
    """A pending transfer proposal of a new article saying ``text``, found as ``transfer_payload``."""
    article = _article(text, f.SourceDocumentFactory())
    return _finding(article, ProposalKind.TRANSFER, transfer_payload(w, **changes))
