"""The evidentiary workflow: which status may follow which, written once.

The table is read by the services that change status and by the pages that show staff
what they may do next. Every change into or out of a final judgement (confirmed, refuted)
needs four eyes: a reviewer other than the one who proposed it."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.choices import EvidentiaryStatus as S

FOUR_EYES_STATUSES = frozenset({S.CONFIRMED, S.REFUTED})

# The statuses an allegation may open in: never a final judgement (that needs four eyes).
OPENING_STATUSES: tuple[S, ...] = tuple(s for s in S if s not in FOUR_EYES_STATUSES)
# Opening statuses that are themselves a reviewer's decision (moving a reported allegation to
# them is decided by a reviewer), so only a reviewer may open an allegation in them; anyone who
# may record an allegation may open it as reported.
OPENING_STATUSES_FOR_REVIEWERS = frozenset(s for s in OPENING_STATUSES if s != S.REPORTED)


def opening_refusal(status: str, *, is_reviewer: bool) -> str | None:
    """Why an allegation may not open in ``status`` (None: it may), for whoever asks."""
    if status not in S.values:
        return f"Unknown status “{status}”."
    label = S.short_label(status).lower()
    if status not in OPENING_STATUSES:
        return (f"A new allegation cannot start as {label}: open it as reported (or, as a reviewer, "
                "corroborated) and propose the change for four-eyes review.")
    if status in OPENING_STATUSES_FOR_REVIEWERS and not is_reviewer:
        return (f"Only a reviewer can open an allegation as {label}: open it as reported and propose "
                f"the move to {label}, which a reviewer decides.")
    return None


@dataclass(frozen=True)
class Transition:
    source: S
    target: S
    meaning: str

    @property
    def needs_four_eyes(self) -> bool:
        return self.source in FOUR_EYES_STATUSES or self.target in FOUR_EYES_STATUSES


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.REPORTED, S.CORROBORATED, "an independent originator confirms the claim"),
    Transition(S.REPORTED, S.DISPUTED, "credible information contradicts the claim"),
    Transition(S.REPORTED, S.CONFIRMED, "conclusive evidence establishes the claim"),
    Transition(S.REPORTED, S.REFUTED, "conclusive evidence disproves the claim"),
    Transition(S.REPORTED, S.RETRACTED, "the originator withdrew the claim"),
    Transition(S.CORROBORATED, S.REPORTED, "a corroborating source proved not independent"),
    Transition(S.CORROBORATED, S.DISPUTED, "credible information contradicts the claim"),
    Transition(S.CORROBORATED, S.CONFIRMED, "conclusive evidence establishes the claim"),
    Transition(S.CORROBORATED, S.REFUTED, "conclusive evidence disproves the claim"),
    Transition(S.CORROBORATED, S.RETRACTED, "the originators withdrew the claim"),
    Transition(S.DISPUTED, S.REPORTED, "the contrary information was discounted"),
    Transition(S.DISPUTED, S.CORROBORATED, "the contrary information was discounted"),
    Transition(S.DISPUTED, S.CONFIRMED, "conclusive evidence settles the dispute for the claim"),
    Transition(S.DISPUTED, S.REFUTED, "conclusive evidence settles the dispute against it"),
    Transition(S.DISPUTED, S.RETRACTED, "the originator withdrew the claim"),
    Transition(S.CONFIRMED, S.DISPUTED, "new credible information reopens the finding"),
    Transition(S.REFUTED, S.DISPUTED, "new credible information reopens the finding"),
    Transition(S.RETRACTED, S.REPORTED, "the claim was made again"),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def transition_for(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((S(source), S(target)))


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
