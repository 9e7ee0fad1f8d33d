import io
from django.core.management import call_command
from compliance.models import Allegation, Statement
from compliance.selectors.allegations import allegation_suggested_status
from ingestion.models import Proposal
from ingestion.suggestions import proposal_suggestions
from ingestion.services.proposals import proposal_accept
from .conftest import SEEDS

def test_probe(seeded, run_tasks, analyst):
    with run_tasks():
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    ps = list(Proposal.objects.filter(kind__in=["statement","transfer"]).select_related("article", "suggested_allegation").order_by("article_id","start"))
    sug = proposal_suggestions(proposals=ps)
    for p in ps:
        s = sug[p.pk]
        print(p.pk, p.article_id, p.kind, p.payload.get("stance"), p.payload.get("legs") if p.kind=="transfer" else "", "M", p.matching_statement_id or p.matching_transfer_id, "|", s.effect, "|", s.problem)
        for c in s.candidates[:2]:
            print("CAND", c.id, c.score, c.strong, "; ".join(c.reasons))
    for p in ps:
        try:
            with run_tasks():
                proposal_accept(proposal=p, by=analyst)
        except Exception as exc:
            print("REFUSED", p.pk, exc)
    a = Allegation.objects.get(ref="dprk-russia-najin-dunay-2023")
    print(allegation_suggested_status(allegation=a))
    print(Statement.objects.count())
    assert 0
