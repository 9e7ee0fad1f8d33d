"""Forms of the review queue. They check input and turn it into the ``edits`` that
``proposal_accept`` understands; the service decides.

Rows of the record (actors, places, vessels, allegations) are named in text boxes: a name or
alias typed in full, a number ("#3"), or what the review script's type-ahead writes ("Najin
(#3)"). Without the script the form works the same, and the server says what a name matched."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import reverse

from compliance.choices import (
    ActorKind,
    Bearing,
    DatePrecision,
    ItemCategory,
    PlaceKind,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.models import EstimativeTerm
from ingestion.choices import ProposalKind
from ingestion.decisions import EXCERPT_CHARS, DecisionAction, article_legs
from ingestion.lookups import lookup_resolve, lookup_value

LINK_FIELDS = ("link", "allegation", "new_allegation_title", "note")
LINK_NONE, LINK_SUGGESTED, LINK_EXISTING, LINK_NEW = "none", "suggested", "existing", "new"


class LookupInput(forms.TextInput):
    """A text box naming a row; the review script makes it a type-ahead over the JSON
    endpoint of its kind (``data-lookup``)."""

    def __init__(self, kind: str, many: bool = False, attrs=None):
        self.kind, self.many = kind, many
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-lookup"] = reverse("proposal-lookup", args=[self.kind])
        if self.many:
            context["widget"]["attrs"]["data-lookup-many"] = True
        return context

    def value_from_datadict(self, data, files, name):
        if self.many and hasattr(data, "getlist"):
            # Several values under one name (an API-style post of ids) read as one list.
            return "; ".join(str(v) for v in data.getlist(name) if str(v).strip())
        return data.get(name)


class LookupField(forms.Field):
    """A row (or, ``many``, rows separated by ";") of a kind of :data:`ingestion.lookups.LOOKUPS`."""

    def __init__(self, kind: str, *, many: bool = False, **kwargs):
        self.kind, self.many = kind, many
        kwargs.setdefault("widget", LookupInput(kind, many))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Model):
            return lookup_value(self.kind, value)
        if isinstance(value, (list, tuple)):
            return "; ".join(self.prepare_value(v) for v in value)
        return "" if value is None else value

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return [] if self.many else None
        parts = [p.strip() for p in text.split(";") if p.strip()] if self.many else [text]
        rows, errors = [], []
        for part in parts:
            try:
                row = lookup_resolve(self.kind, part)
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
            if row not in rows:
                rows.append(row)
        if errors:
            raise ValidationError(errors)
        return rows if self.many else rows[0]

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial)).strip() != str(data or "").strip()


class LinkForm(forms.Form):
    """Where an accepted statement or transfer goes: as the suggested decision says, an
    allegation found by search, a new one, or nowhere yet."""

    link = forms.ChoiceField(
        choices=[(LINK_SUGGESTED, "As suggested"), (LINK_EXISTING, "Link to this allegation"),
                 (LINK_NEW, "Start a new allegation titled"), (LINK_NONE, "Do not link to an allegation")],
        initial=LINK_SUGGESTED, required=False, widget=forms.RadioSelect,
    )
    allegation = LookupField("allegations", required=False, label="Allegation",
                             help_text="Type words of its title, its number or the name of a party or originator.")
    new_allegation_title = forms.CharField(required=False, max_length=300, label="New allegation's title")
    note = forms.CharField(required=False, max_length=2000, label="Note (kept with the decision)",
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    @property
    def formsets(self) -> dict[str, forms.BaseFormSet]:
        """The rows the form edits (a transfer's items and legs), by prefix."""
        return {}

    def clean(self):
        data = super().clean()
        link = data.get("link") or LINK_SUGGESTED
        data["link"] = link
        if link == LINK_EXISTING and not data.get("allegation") and "allegation" not in self.errors:
            self.add_error("allegation", "Choose the allegation.")
        if link == LINK_NEW and not (data.get("new_allegation_title") or "").strip():
            self.add_error("new_allegation_title", "Give the new allegation a title.")
        return data

    def add_decision_errors(self, errors: dict[str, list[str]]) -> None:
        """Show the typed decision's errors (``DecisionInvalid.errors``) where they belong."""
        for name, messages in errors.items():
            for message in messages:
                if name in self.fields:
                    self.add_error(name, message)
                elif name in self.formsets:
                    self.formsets[name].decision_errors.append(message)
                else:
                    self.add_error(None, message if name == "non_field_errors" else f"{name}: {message}")

    def link_edits(self) -> dict:
        """The link as decision fields: "as suggested" leaves it to the suggested decision."""
        data = self.cleaned_data
        link = data["link"]
        if self.proposal is None or self.proposal.kind not in (ProposalKind.STATEMENT, ProposalKind.TRANSFER):
            return {}
        if link == LINK_EXISTING:
            return {"allegation": data["allegation"].pk}
        if link == LINK_NEW:
            return {"new_allegation_title": data["new_allegation_title"].strip()}
        if link == LINK_NONE:
            return {"allegation": None}
        return {}

    @staticmethod
    def link_initial(proposal, suggestion) -> dict:
        """The suggested link spelled out, and the picker filled with the allegation the
        proposal bears on (even when the suggestion does not link it: one choice away)."""
        link = suggestion.decision.link if suggestion is not None else None
        if link is None:
            return {}
        picked = {"allegation": link.allegation or proposal.suggested_allegation}
        if link.new_title:
            return {**picked, "link": LINK_NEW, "new_allegation_title": link.new_title}
        return {**picked, "link": LINK_EXISTING if link.allegation is not None else LINK_NONE}


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

    def excerpt_edits(self) -> dict:
        """The excerpt kept with the source; left empty, the one extraction found."""
        excerpt = (self.cleaned_data.get("excerpt") or "").strip()
        return {"excerpt": excerpt} if excerpt else {}

    @classmethod
    def action_initial(cls, proposal, suggestion) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        same = getattr(decision, "same_as", None)
        return {"action": getattr(decision, "action", DecisionAction.NEW), "same_as": same.pk if same else None,
                "excerpt": getattr(decision, "excerpt", ""), **cls.link_initial(proposal, suggestion)}


# A browser's date box reads and writes ISO dates, whatever the language of the page.
_DAY = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
_EXCERPT_HELP = "The article's words kept with the source; left empty, those extraction found."


class StatementEditForm(DecisionForm):
    on_behalf_of = LookupField(
        "bodies", many=True, required=False, label="On behalf of (originators)",
        help_text="The government(s) or body(ies) whose position this is; several separated by “;”.",
    )
    speaker = LookupField("people", required=False, help_text="The person who spoke, when named.")
    speaker_title = forms.CharField(required=False, max_length=200)
    stance = forms.ChoiceField(choices=Stance.choices)
    reporting_verb = forms.CharField(
        required=False, max_length=60,
        help_text="As the source put it: “accused”, “confirmed”, “warned”. Descriptive: the stance is what counts.")
    estimative_term = forms.ModelChoiceField(queryset=EstimativeTerm.objects.all(), required=False,
                                             label="Probability term (assessments)")
    estimative_phrase = forms.CharField(required=False, max_length=80, label="Probability words as written")
    stated_on = forms.DateField(required=False, label="Date stated", widget=_DAY)
    date_precision = forms.ChoiceField(choices=DatePrecision.choices, initial=DatePrecision.DAY)
    gist = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            help_text="Verbatim words, when quoted.")
    excerpt = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=EXCERPT_CHARS,
                              label="Excerpt", help_text=_EXCERPT_HELP)
    bearing = forms.ChoiceField(choices=[("", "As suggested (from the stance)"), *Bearing.choices], required=False,
                                label="Bears on the allegation as")

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        if decision is None:
            return {"stance": proposal.payload.get("stance"), "gist": proposal.summary}
        return {
            **cls.action_initial(proposal, suggestion),
            "on_behalf_of": list(decision.originators),
            "speaker": decision.speaker,
            "speaker_title": decision.speaker_title,
            "stance": decision.stance,
            "reporting_verb": decision.reporting_verb,
            "estimative_term": decision.estimative_term.pk if decision.estimative_term else None,
            "estimative_phrase": decision.estimative_phrase,
            "stated_on": decision.stated_on,
            "date_precision": decision.date_precision,
            "gist": decision.gist,
            "quote": decision.quote,
            "bearing": decision.link.bearing or "",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What a new statement needs is checked when "new" is chosen (see clean).
        for name in ("gist", "stance", "date_precision"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("action") != DecisionAction.SAME_AS:
            if not data.get("on_behalf_of") and "on_behalf_of" not in self.errors:
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
        bearing = {"bearing": data["bearing"]} if data.get("bearing") else {}
        if data.get("action") == DecisionAction.SAME_AS:
            return {**self.action_edits(), **self.excerpt_edits(), **self.link_edits(), **bearing}
        return {
            **self.action_edits(),
            "on_behalf_of": [a.pk for a in data["on_behalf_of"]],
            "speaker": data["speaker"].pk if data.get("speaker") else None,
            "speaker_title": data.get("speaker_title", ""),
            "stance": data["stance"],
            "reporting_verb": data.get("reporting_verb", ""),
            "estimative_term": data["estimative_term"].pk if data.get("estimative_term") else None,
            "estimative_phrase": data.get("estimative_phrase", ""),
            "stated_on": data["stated_on"].isoformat() if data.get("stated_on") else None,
            "date_precision": data["date_precision"],
            "gist": data["gist"],
            "quote": data.get("quote", ""),
            **self.excerpt_edits(), **bearing, **self.link_edits(),
        }


class ItemForm(forms.Form):
    """One item of a transfer."""

    description = forms.CharField(max_length=300, label="Item")
    category = forms.ChoiceField(choices=[("", "From its words"), *ItemCategory.choices], required=False)
    quantity_min = forms.DecimalField(min_value=0, max_digits=14, decimal_places=0, required=False, label="At least")
    quantity_max = forms.DecimalField(min_value=0, max_digits=14, decimal_places=0, required=False, label="At most")
    unit = forms.CharField(max_length=40, required=False, help_text="containers, rounds…")
    quantity_text = forms.CharField(max_length=120, required=False, label="Quantity as written")

    def clean(self):
        data = super().clean()
        low, high = data.get("quantity_min"), data.get("quantity_max")
        if low is not None and high is not None and low > high:
            self.add_error("quantity_max", "The maximum is below the minimum.")
        if (low is not None or high is not None) and not (data.get("unit") or "").strip():
            self.add_error("unit", "Say what the quantity counts.")
        return data

    def item(self) -> dict:
        data = self.cleaned_data
        return {"description": data["description"], "category": data.get("category") or "",
                "quantity_text": data.get("quantity_text") or "", "unit": data.get("unit") or "",
                "quantity_min": data.get("quantity_min"), "quantity_max": data.get("quantity_max")}


class LegForm(forms.Form):
    """One leg of a new transfer's route."""

    from_place = LookupField("places", label="From")
    to_place = LookupField("places", label="To")
    mode = forms.ChoiceField(choices=TransportMode.choices, initial=TransportMode.UNKNOWN)
    vessel = LookupField("vessels", required=False)

    def leg(self) -> dict:
        data = self.cleaned_data
        return {"from_place": data["from_place"].pk, "to_place": data["to_place"].pk, "mode": data["mode"],
                "vessel": data["vessel"].pk if data.get("vessel") else None}


class _Rows(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision_errors: list[str] = []  # what the typed decision found wrong with the rows

    def filled(self) -> list[forms.Form]:
        """The rows kept: filled in and not marked for removal, in their order."""
        rows = self.ordered_forms if self.can_order else self.forms
        return [f for f in rows if f.cleaned_data and not f.cleaned_data.get("DELETE")]


ItemFormSet = forms.formset_factory(ItemForm, formset=_Rows, extra=1, can_delete=True, max_num=50,
                                    validate_max=True)
LegFormSet = forms.formset_factory(LegForm, formset=_Rows, extra=1, can_delete=True, can_order=True, max_num=20,
                                   validate_max=True)


class TransferEditForm(DecisionForm):
    title = forms.CharField(required=False, max_length=300, help_text="Left empty: made from the parties.")
    supplier = LookupField("actors", required=False)
    recipient = LookupField("actors", required=False)
    status_claimed = forms.ChoiceField(choices=TransferStatus.choices, required=False, label="Claimed status")
    period_start = forms.DateField(required=False, widget=_DAY,
                                   help_text="A month or a year: its first day, with the precision below.")
    period_start_precision = forms.ChoiceField(choices=DatePrecision.choices, initial=DatePrecision.DAY,
                                               required=False, label="Start known to the")
    period_end = forms.DateField(required=False, widget=_DAY)
    period_end_precision = forms.ChoiceField(choices=DatePrecision.choices, initial=DatePrecision.DAY,
                                             required=False, label="End known to the")
    excerpt = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=EXCERPT_CHARS,
                              label="Excerpt", help_text=_EXCERPT_HELP)
    add_route = forms.BooleanField(required=False, label="Same as: add the route places this article gives")

    def __init__(self, data=None, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        items, legs = initial.pop("items", None), initial.pop("legs", None)
        super().__init__(data, *args, initial=initial, **kwargs)
        self.item_rows = ItemFormSet(data, prefix="items", initial=items)
        self.leg_rows = LegFormSet(data, prefix="legs", initial=legs)

    @property
    def formsets(self) -> dict[str, forms.BaseFormSet]:
        return {"items": self.item_rows, "legs": self.leg_rows}

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.item_rows.is_valid(), self.leg_rows.is_valid()])

    def with_row(self, prefix: str) -> TransferEditForm:
        """The same input with one more empty row of ``prefix`` (adding a row without a script)."""
        data = self.data.copy()
        total = f"{prefix}-TOTAL_FORMS"
        count = str(data.get(total) or "0")
        data[total] = str(int(count) + 1) if count.isdigit() else "1"
        return type(self)(data, proposal=self.proposal)

    @classmethod
    def initial_for(cls, proposal, suggestion=None) -> dict:
        decision = suggestion.decision if suggestion is not None else None
        if decision is None:
            return {}
        return {
            **cls.action_initial(proposal, suggestion),
            "supplier": decision.supplier,
            "recipient": decision.recipient,
            "status_claimed": decision.status_claimed,
            "period_start": decision.period_start,
            "period_start_precision": decision.period_start_precision,
            "period_end": decision.period_end,
            "period_end_precision": decision.period_end_precision,
            "add_route": decision.add_route,
            "items": [{"description": i.description, "category": i.category, "quantity_text": i.quantity_text,
                       "quantity_min": i.quantity_min, "quantity_max": i.quantity_max, "unit": i.unit}
                      for i in decision.items],
            # Same as: the article's route stands ready should the person record a new transfer.
            "legs": [{"from_place": leg.from_place, "to_place": leg.to_place, "mode": leg.mode, "vessel": leg.vessel}
                     for leg in (article_legs(proposal.payload) if decision.action == DecisionAction.SAME_AS
                                 else decision.legs)],
        }

    def clean(self):
        data = super().clean()
        if data.get("action") != DecisionAction.SAME_AS:
            for name in ("supplier", "recipient"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, f"Name the {name}.")
            if not data.get("status_claimed") and "status_claimed" not in self.errors:
                self.add_error("status_claimed", "Choose the claimed status.")
        if data.get("supplier") and data.get("supplier") == data.get("recipient"):
            self.add_error("recipient", "The recipient must differ from the supplier.")
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            self.add_error("period_end", "The period ends before it starts.")
        return data

    def edits(self) -> dict:
        data = self.cleaned_data
        items = [row.item() for row in self.item_rows.filled()]
        if data.get("action") == DecisionAction.SAME_AS:
            # With add_route, the legs as shown (and perhaps corrected) are what extends the route.
            legs = [row.leg() for row in self.leg_rows.filled()] if data.get("add_route") else []
            return {**self.action_edits(), "items": items, "add_route": bool(data.get("add_route")),
                    **({"legs": legs} if legs else {}), **self.excerpt_edits(), **self.link_edits()}
        edits = {
            **self.action_edits(),
            "supplier": data["supplier"].pk, "recipient": data["recipient"].pk,
            "status_claimed": data["status_claimed"],
            "period_start": data["period_start"].isoformat() if data.get("period_start") else None,
            "period_start_precision": data.get("period_start_precision") or DatePrecision.DAY,
            "period_end": data["period_end"].isoformat() if data.get("period_end") else None,
            "period_end_precision": data.get("period_end_precision") or DatePrecision.DAY,
            "items": items, "legs": [row.leg() for row in self.leg_rows.filled()],
            **self.excerpt_edits(),
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
