"""Forms of the review queue. They check input and turn it into the ``edits`` that
``proposal_accept`` understands; the service decides."""

from __future__ import annotations

from django import forms

from compliance.choices import (
    ActorKind,
    Bearing,
    DatePrecision,
    PlaceKind,
    Stance,
    TransferStatus,
)
from compliance.models import Actor, Allegation, EstimativeTerm
from ingestion.choices import ProposalKind

LINK_FIELDS = ("link", "allegation", "new_allegation_title", "note")
LINK_NONE, LINK_SUGGESTED, LINK_EXISTING, LINK_NEW = "none", "suggested", "existing", "new"


class LinkForm(forms.Form):
    """Where an accepted statement or transfer goes: the suggested allegation, another one
    (by number), a new one, or nowhere yet."""

    link = forms.ChoiceField(
        choices=[(LINK_SUGGESTED, "Link to the suggested allegation"), (LINK_EXISTING, "Link to allegation #"),
                 (LINK_NEW, "Start a new allegation titled"), (LINK_NONE, "Do not link to an allegation")],
        initial=LINK_SUGGESTED, required=False, widget=forms.RadioSelect,
    )
    allegation = forms.IntegerField(required=False, min_value=1, label="Allegation number")
    new_allegation_title = forms.CharField(required=False, max_length=300, label="New allegation's title")
    note = forms.CharField(required=False, max_length=2000, label="Note (kept with the decision)",
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        if proposal is not None and proposal.suggested_allegation_id is None:
            self.fields["link"].initial = LINK_NONE

    def clean(self):
        data = super().clean()
        link = data.get("link") or (LINK_SUGGESTED if self.proposal and self.proposal.suggested_allegation_id
                                    else LINK_NONE)
        data["link"] = link
        if link == LINK_EXISTING:
            number = data.get("allegation")
            if not number:
                self.add_error("allegation", "Give the allegation's number.")
            elif not Allegation.objects.filter(pk=number).exists():
                self.add_error("allegation", f"There is no allegation #{number}.")
        if link == LINK_NEW and not (data.get("new_allegation_title") or "").strip():
            self.add_error("new_allegation_title", "Give the new allegation a title.")
        if link == LINK_SUGGESTED and self.proposal is not None and not self.proposal.suggested_allegation_id:
            self.add_error("link", "Extraction suggested no allegation for this finding: choose one.")
        return data

    def link_edits(self) -> dict:
        data = self.cleaned_data
        link = data["link"]
        if self.proposal is None or self.proposal.kind not in (ProposalKind.STATEMENT, ProposalKind.TRANSFER):
            return {}
        if link == LINK_SUGGESTED:
            return {"allegation_id": self.proposal.suggested_allegation_id}
        if link == LINK_EXISTING:
            return {"allegation_id": data["allegation"]}
        if link == LINK_NEW:
            return {"new_allegation_title": data["new_allegation_title"].strip()}
        return {}


def _originators():
    return Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name")


class StatementEditForm(LinkForm):
    on_behalf_of = forms.ModelMultipleChoiceField(
        queryset=_originators(), label="On behalf of (originators)",
        help_text="The government(s) or body(ies) whose position this is.",
    )
    speaker = forms.ModelChoiceField(queryset=Actor.objects.filter(kind=ActorKind.PERSON).order_by("name"),
                                     required=False)
    speaker_title = forms.CharField(required=False, max_length=200)
    stance = forms.ChoiceField(choices=Stance.choices)
    estimative_term = forms.ModelChoiceField(queryset=EstimativeTerm.objects.all(), required=False,
                                             label="Probability term (assessments)")
    stated_on = forms.DateField(required=False, label="Date stated", widget=forms.DateInput(attrs={"type": "date"}))
    date_precision = forms.ChoiceField(choices=DatePrecision.choices, initial=DatePrecision.DAY)
    gist = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            help_text="Verbatim words, when quoted.")
    bearing = forms.ChoiceField(choices=[("", "From the stance"), *Bearing.choices], required=False,
                                label="Bears on the allegation as")
    as_new = forms.BooleanField(required=False, label="Record as a new statement even though one matches")

    @classmethod
    def initial_for(cls, proposal) -> dict:
        payload = proposal.payload
        keys = payload.get("on_behalf_of_keys") or [payload.get("on_behalf_of_key")]
        ids = [int(k.split(":")[1]) for k in keys if isinstance(k, str) and k.startswith("actor:")]
        speaker_key = payload.get("speaker_key") or ""
        term_key = payload.get("term_key") or ""
        return {
            "on_behalf_of": ids,
            "speaker": int(speaker_key.split(":")[1]) if speaker_key.startswith("actor:") else None,
            "speaker_title": payload.get("speaker_role") or "",
            "stance": payload.get("stance"),
            "estimative_term": int(term_key.split(":")[1]) if term_key.startswith("term:") else None,
            "stated_on": payload.get("date"),
            "date_precision": payload.get("date_precision") or DatePrecision.DAY,
            "gist": payload.get("gist") or payload.get("quote") or proposal.summary,
            "quote": payload.get("quote", "") if payload.get("direct") else "",
        }

    def edits(self) -> dict:
        data = self.cleaned_data
        edits = {
            "on_behalf_of_ids": [a.pk for a in data["on_behalf_of"]],
            "speaker_id": data["speaker"].pk if data.get("speaker") else None,
            "speaker_key": None,
            "speaker": None,
            "speaker_title": data.get("speaker_title", ""),
            "stance": data["stance"],
            "estimative_term_id": data["estimative_term"].pk if data.get("estimative_term") else None,
            "term_key": None,
            "probability_term": (data["estimative_term"].term if data.get("estimative_term")
                                 else self.proposal.payload.get("probability_term")),
            "stated_on": data["stated_on"].isoformat() if data.get("stated_on") else None,
            "date": None,
            "date_precision": data["date_precision"],
            "gist": data["gist"],
            "quote": data.get("quote", ""),
            "direct": bool(data.get("quote")),
            "as_new": data.get("as_new", False),
        }
        if data.get("bearing"):
            edits["bearing"] = data["bearing"]
        return {**edits, **self.link_edits()}


class TransferEditForm(LinkForm):
    title = forms.CharField(required=False, max_length=300, help_text="Left empty: made from the parties.")
    supplier = forms.ModelChoiceField(queryset=Actor.objects.order_by("name"))
    recipient = forms.ModelChoiceField(queryset=Actor.objects.order_by("name"))
    status_claimed = forms.ChoiceField(choices=TransferStatus.choices, label="Claimed status")
    period_start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    as_new = forms.BooleanField(required=False, label="Record as a new transfer even though one matches")

    @classmethod
    def initial_for(cls, proposal) -> dict:
        payload = proposal.payload

        def actor(key):
            return int(key.split(":")[1]) if isinstance(key, str) and key.startswith("actor:") else None

        return {
            "supplier": actor(payload.get("supplier_key")),
            "recipient": actor(payload.get("recipient_key")),
            "status_claimed": payload.get("status_claimed"),
            "period_start": payload.get("period_start"),
            "period_end": payload.get("period_end"),
        }

    def clean(self):
        data = super().clean()
        if data.get("supplier") and data.get("supplier") == data.get("recipient"):
            self.add_error("recipient", "The recipient must differ from the supplier.")
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            self.add_error("period_end", "The period ends before it starts.")
        return data

    def edits(self) -> dict:
        data = self.cleaned_data
        edits = {
            "supplier_id": data["supplier"].pk, "supplier_key": None,
            "recipient_id": data["recipient"].pk, "recipient_key": None,
            "status_claimed": data["status_claimed"],
            "period_start": data["period_start"].isoformat() if data.get("period_start") else None,
            "period_end": data["period_end"].isoformat() if data.get("period_end") else None,
            "as_new": data.get("as_new", False),
        }
        if data.get("title"):
            edits["title"] = data["title"]
        return {**edits, **self.link_edits()}


class NewActorForm(LinkForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=ActorKind.choices)
    country = forms.CharField(required=False, max_length=2, help_text="ISO 3166-1 alpha-2, e.g. KP.")

    @classmethod
    def initial_for(cls, proposal) -> dict:
        category = proposal.payload.get("category")
        kind = {"person": ActorKind.PERSON, "country": ActorKind.STATE}.get(category, ActorKind.ORGANISATION)
        return {"name": proposal.payload.get("name", ""), "kind": kind}

    def edits(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "country": (data.get("country") or "").upper()}


class NewPlaceForm(LinkForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=PlaceKind.choices)
    country = forms.CharField(required=False, max_length=2, help_text="ISO 3166-1 alpha-2, e.g. RU.")
    latitude = forms.DecimalField(min_value=-90, max_value=90, decimal_places=5, max_digits=8)
    longitude = forms.DecimalField(min_value=-180, max_value=180, decimal_places=5, max_digits=8)

    @classmethod
    def initial_for(cls, proposal) -> dict:
        return {"name": proposal.payload.get("name", ""), "kind": PlaceKind.OTHER}

    def edits(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "country": (data.get("country") or "").upper(),
                "latitude": data["latitude"], "longitude": data["longitude"]}


class NewVesselForm(LinkForm):
    name = forms.CharField(max_length=120)
    imo_number = forms.CharField(required=False, max_length=12, label="IMO number")

    @classmethod
    def initial_for(cls, proposal) -> dict:
        return {"name": proposal.payload.get("name", "")}

    def edits(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "imo_number": data.get("imo_number", "")}


class EntityForm(LinkForm):
    @classmethod
    def initial_for(cls, proposal) -> dict:
        return {}

    def edits(self) -> dict:
        return {}


EDIT_FORMS = {
    ProposalKind.STATEMENT: StatementEditForm,
    ProposalKind.TRANSFER: TransferEditForm,
    ProposalKind.NEW_ACTOR: NewActorForm,
    ProposalKind.NEW_PLACE: NewPlaceForm,
    ProposalKind.NEW_VESSEL: NewVesselForm,
    ProposalKind.ENTITY: EntityForm,
}


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={
        "required": "Select at least one proposal."})
    action = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    note = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the selected proposals are rejected.")
        return data
