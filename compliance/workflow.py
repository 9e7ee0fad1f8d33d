"""The evidentiary workflow: which status may follow which, written once.

The table is read by the services that change status and by the pages that show staff
what they may do next. Every change into or out of a final judgement (confirmed, refuted)
needs four eyes: a reviewer other than the one who proposed it."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.choices import EvidentiaryStatus as S

FOUR_EYES_STATUSES = frozenset({S.CONFIRMED, S.REFUTED})


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
