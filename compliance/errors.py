"""Domain errors: each carries a message written for the person who caused it."""


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


class RecordProtected(DomainError):
    """Deleting this row would remove part of the evidentiary record."""
