"""Domain errors: each carries a message written for the person who caused it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class DomainError(Exception):
    """A rule of the domain refused the change. ``str(error)`` is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RoleRequired(DomainError):
    """The acting user's role does not allow this."""


class ConcurrentEdit(DomainError):
    """Someone else changed the row since it was loaded; nothing was written."""


class TransitionNotAllowed(DomainError):
    """The workflow does not allow this change of status."""


class FourEyesRequired(DomainError):
    """This change must be decided by a reviewer other than the one who proposed it."""


@dataclass(frozen=True)
class RecordUse:
    """A row that uses (cites, originates through, links to) a row someone tried to delete."""

    model: str  # app_label.model_name
    id: int | str
    label: str

    def as_dict(self) -> dict:
        return asdict(self)


class RecordProtected(DomainError):
    """Deleting this row would remove part of the evidentiary record. ``uses`` says where
    it is used."""

    def __init__(self, message: str, uses: list[RecordUse] | None = None):
        super().__init__(message)
        self.uses = list(uses or [])
