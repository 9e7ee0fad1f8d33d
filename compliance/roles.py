"""Who may do what. Checked by the services, whatever door a request came in by."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from compliance.choices import ROLE_ORDER, Role
from compliance.errors import RoleRequired


@dataclass(frozen=True)
class SystemActor:
    """A command or task acting without a request (e.g. the seed loader)."""

    label: str
    role: Role = Role.ANALYST

    def __str__(self) -> str:
        return self.label


Actor = AbstractBaseUser | AnonymousUser | SystemActor


def role_of(actor: Actor | None) -> Role | None:
    """The highest role the actor holds, or None."""
    if actor is None:
        return None
    if isinstance(actor, SystemActor):
        return actor.role
    if not actor.is_authenticated or not actor.is_active:
        return None
    if actor.is_superuser:
        return Role.ADMINISTRATOR
    names = _group_names(actor)
    held = [role for role in ROLE_ORDER if role.value in names]
    return held[-1] if held else None


def _group_names(user) -> set[str]:
    cached = getattr(user, "_compliance_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._compliance_group_names = cached
    return cached


def has_role(actor: Actor | None, role: Role) -> bool:
    held = role_of(actor)
    return held is not None and ROLE_ORDER.index(held) >= ROLE_ORDER.index(role)


def require_role(actor: Actor | None, role: Role, action: str) -> None:
    if not has_role(actor, role):
        held = role_of(actor)
        raise RoleRequired(
            f"You need the {role.label.lower()} role to {action}"
            f" (your role: {held.label.lower() if held else 'none'})."
        )
