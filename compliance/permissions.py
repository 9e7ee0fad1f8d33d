"""Django groups for the four roles, with the model permissions the admin checks.

Derived from the roles so the admin's permissions and the services' role checks agree."""

from django.contrib.auth.models import Group, Permission

from compliance.choices import Role

# Rows that only the workflow and the services write: nobody adds or edits them by hand.
HISTORY_MODELS = {"auditentry", "statustransition", "statuschangerequest"}


def role_permissions(role: Role) -> set[tuple[str, str]]:
    """(app_label, codename) pairs a role holds."""
    perms = Permission.objects.filter(content_type__app_label="compliance").select_related(
        "content_type"
    )
    result = set()
    for perm in perms:
        action, _, model = perm.codename.partition("_")
        if role == Role.ADMINISTRATOR:
            allowed = model not in HISTORY_MODELS or action == "view"
        elif action == "view":
            allowed = True
        elif role in (Role.ANALYST, Role.REVIEWER):
            allowed = model not in HISTORY_MODELS
        else:
            allowed = False
        if allowed:
            result.add(("compliance", perm.codename))
    if role == Role.ADMINISTRATOR:
        for perm in Permission.objects.filter(content_type__app_label="auth"):
            result.add(("auth", perm.codename))
    return result


def sync_role_groups(**kwargs) -> None:
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = role_permissions(role)
        group.permissions.set(
            [
                p
                for p in Permission.objects.filter(
                    content_type__app_label__in={a for a, _ in wanted}
                ).select_related("content_type")
                if (p.content_type.app_label, p.codename) in wanted
            ]
        )
