"""Forms of the review queue. They check input and turn it into the ``edits`` that
``proposal_accept`` understands; the service decides."""

from __future__ import annotations

from decimal import Decimal

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
from ingestion.decisions import DecisionAction

LINK_FIELDS = ("link", "allegation", "new_allegation_title", "note")
LINK_NONE, LINK_SUGGESTED, LINK_EXISTING, LINK_NEW = "none", "suggested", "existing", "new"


class LinkForm(forms.Form):
    """Where an accepted statement or transfer goes: as the suggested decision says, another
    allegation (by number), a new one, or nowhere yet."""

    link = forms.ChoiceField(
        choices=[(LINK_SUGGESTED, "As suggested"), (LINK_EXISTING, "Link to allegation #"),
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

    def clean(self):
        data = super().clean()
        link = data.get("link") or LINK_SUGGESTED
        data["link"] = link
        if link == LINK_EXISTING:
            number = data.get("allegation")
            if not number:
                self.add_error("allegation", "Give the allegation's number.")
            elif not Allegation.objects.filter(pk=number).exists():
                self.add_error("allegation", f"There is no allegation #{number}.")
        if link == LINK_NEW and not (data.get("new_allegation_title") or "").strip():
            self.add_error("new_allegation_title", "Give the new allegation a title.")
        return data

    def link_edits(self) -> dict:
        """The link as decision fields: "as suggested" leaves it to the suggested decision."""
        data = self.cleaned_data
        link = data["link"]
        if self.proposal is None or self.proposal.kind not in (ProposalKind.STATEMENT, ProposalKind.TRANSFER):
            return {}
        if link == LINK_EXISTING:
            return {"allegation": data["allegation"]}
        if link == LINK_NEW:
            return {"new_allegation_title": data["new_allegation_title"].strip()}
        if link == LINK_NONE:
            return {"allegation": None}
        return {}


class DecisionForm(LinkForm):
    """Same as a row already in the record, or a new row (statements and transfers)."""

    action = forms.ChoiceField(choices=DecisionAction.choices, widget=forms.RadioSelect, label="Accept as",
                               required=False)
    same_as = forms.IntegerField(required=False, min_value=1, label="Same as number",
                                 help_text="The row already in the record that this one repeats.")

    def clean(self):
        data = super().clean()
        if data.get("action") == DecisionAction.SAME_AS and not data.get("same_as"):
            self.add_error("same_as", "Give the number of the row it repeats.")
        return data

    def action_edits(self) -> dict:
        data = self.cleaned_data
        if data.get("action") == DecisionAction.SAME_AS:
            return {"action": DecisionAction.SAME_AS, "same_as": data["same_as"]}
        return {"action": data["action"]} if data.get("action") else {}

    @staticmethod
    def action_initial(suggestion) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        same = getattr(decision, "same_as", None)
        return {"action": getattr(decision, "action", DecisionAction.NEW), "same_as": same.pk if same else None}


def _originators():
    return Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name")


class StatementEditForm(DecisionForm):
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
    bearing = forms.ChoiceField(choices=[("", "As suggested (from the stance)"), *Bearing.choices], required=False,
                                label="Bears on the allegation as")

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        if decision is None:
            return {"stance": proposal.payload.get("stance"), "gist": proposal.summary}
        return {
            **cls.action_initial(suggestion),
            "on_behalf_of": [a.pk for a in decision.originators],
            "speaker": decision.speaker.pk if decision.speaker else None,
            "speaker_title": decision.speaker_title,
            "stance": decision.stance,
            "estimative_term": decision.estimative_term.pk if decision.estimative_term else None,
            "stated_on": decision.stated_on,
            "date_precision": decision.date_precision,
            "gist": decision.gist,
            "quote": decision.quote,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What a new statement needs is checked when "new" is chosen (see clean).
        for name in ("on_behalf_of", "gist", "stance", "date_precision"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("action") != DecisionAction.SAME_AS:
            if not data.get("on_behalf_of"):
                self.add_error("on_behalf_of", "Name the government(s) or body(ies) whose position this is.")
            if not (data.get("gist") or "").strip():
                self.add_error("gist", "Say what was said, in a sentence.")
            if not data.get("stance") and "stance" not in self.errors:
                self.add_error("stance", "Choose the stance.")
            if not data.get("date_precision"):
                data["date_precision"] = DatePrecision.DAY
        return data

    def edits(self) -> dict:
        data = self.cleaned_data
        if data.get("action") == DecisionAction.SAME_AS:
            return {**self.action_edits(), **self.link_edits(), **({"bearing": data["bearing"]}
                                                                    if data.get("bearing") else {})}
        edits = {
            **self.action_edits(),
            "on_behalf_of": [a.pk for a in data["on_behalf_of"]],
            "speaker": data["speaker"].pk if data.get("speaker") else None,
            "speaker_title": data.get("speaker_title", ""),
            "stance": data["stance"],
            "estimative_term": data["estimative_term"].pk if data.get("estimative_term") else None,
            "stated_on": data["stated_on"].isoformat() if data.get("stated_on") else None,
            "date_precision": data["date_precision"],
            "gist": data["gist"],
            "quote": data.get("quote", ""),
        }
        if data.get("bearing"):
            edits["bearing"] = data["bearing"]
        return {**edits, **self.link_edits()}


class TransferEditForm(DecisionForm):
    title = forms.CharField(required=False, max_length=300, help_text="Left empty: made from the parties.")
    supplier = forms.ModelChoiceField(queryset=Actor.objects.order_by("name"))
    recipient = forms.ModelChoiceField(queryset=Actor.objects.order_by("name"))
    status_claimed = forms.ChoiceField(choices=TransferStatus.choices, label="Claimed status")
    period_start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    items = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            label="Items (one per line)",
                            help_text="New transfer: its items. Same as: the items this article adds to it.")
    quantity = forms.CharField(required=False, max_length=100, help_text="As the article puts it.")
    add_route = forms.BooleanField(required=False, label="Same as: add the route places this article gives")

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        if decision is None:
            return {}
        return {
            **cls.action_initial(suggestion),
            "supplier": decision.supplier.pk if decision.supplier else None,
            "recipient": decision.recipient.pk if decision.recipient else None,
            "status_claimed": decision.status_claimed,
            "period_start": decision.period_start,
            "period_end": decision.period_end,
            "items": "\n".join(decision.items),
            "quantity": decision.quantity,
            "add_route": decision.add_route,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("supplier", "recipient", "status_claimed"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("action") != DecisionAction.SAME_AS:
            for name in ("supplier", "recipient"):
                if not data.get(name):
                    self.add_error(name, f"Name the {name}.")
            if not data.get("status_claimed"):
                self.add_error("status_claimed", "Choose the claimed status.")
        if data.get("supplier") and data.get("supplier") == data.get("recipient"):
            self.add_error("recipient", "The recipient must differ from the supplier.")
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            self.add_error("period_end", "The period ends before it starts.")
        return data

    def edits(self) -> dict:
        data = self.cleaned_data
        items = [line.strip() for line in (data.get("items") or "").splitlines() if line.strip()]
        if data.get("action") == DecisionAction.SAME_AS:
            return {**self.action_edits(), "items": items, "quantity": data.get("quantity") or "",
                    "add_route": bool(data.get("add_route")), **self.link_edits()}
        edits = {
            **self.action_edits(),
            "supplier": data["supplier"].pk, "recipient": data["recipient"].pk,
            "status_claimed": data["status_claimed"],
            "period_start": data["period_start"].isoformat() if data.get("period_start") else None,
            "period_end": data["period_end"].isoformat() if data.get("period_end") else None,
            "items": items, "quantity": data.get("quantity") or "",
        }
        if data.get("title"):
            edits["title"] = data["title"]
        return {**edits, **self.link_edits()}


class NewActorForm(LinkForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=ActorKind.choices)
    country = forms.CharField(required=False, max_length=2, help_text="ISO 3166-1 alpha-2, e.g. KP.")

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
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
    def initial_for(cls, proposal, suggestion=None) -> dict:
        return {"name": proposal.payload.get("name", ""), "kind": PlaceKind.OTHER}

    def edits(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "country": (data.get("country") or "").upper(),
                "latitude": data["latitude"], "longitude": data["longitude"]}


class NewVesselForm(LinkForm):
    name = forms.CharField(max_length=120)
    imo_number = forms.CharField(required=False, max_length=12, label="IMO number")

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
        return {"name": proposal.payload.get("name", "")}

    def edits(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "imo_number": data.get("imo_number", "")}


class EntityForm(LinkForm):
    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
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


COORDINATE_PLACES = Decimal("0.00001")  # the record keeps five decimals (about a metre)


class QueueDecisionForm(LinkForm):
    """What a queue card sends: the link of a statement or transfer and, for a new place,
    its coordinates, asked on the card because a place is not added without them."""

    latitude = forms.DecimalField(required=False, min_value=-90, max_value=90, label="Latitude")
    longitude = forms.DecimalField(required=False, min_value=-180, max_value=180, label="Longitude")

    def _asks_coordinates(self) -> bool:
        return (self.proposal is not None and self.proposal.kind == ProposalKind.NEW_PLACE
                and self.data.get("action") == "accept")

    def clean(self):
        data = super().clean()
        if self._asks_coordinates():
            for name in ("latitude", "longitude"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Give the place's {name} in decimal degrees.")
        return data

    def decision_edits(self) -> dict:
        """The link, and a new place's coordinates rounded to what the record keeps."""
        edits = self.link_edits()
        if self._asks_coordinates():
            edits.update({name: str(self.cleaned_data[name].quantize(COORDINATE_PLACES))
                          for name in ("latitude", "longitude")})
        return edits
