"""Django groups for the four roles, with the model permissions the admin checks.

Derived from the roles so the admin's permissions and the services' role checks agree."""

from django.contrib.auth.models import Group, Permission

from compliance.choices import Role

# Rows that only the workflow and the services write: nobody adds or edits them by hand.
HISTORY_MODELS = {"auditentry", "statustransition", "statuschangerequest"}


# Ingestion rows written only by the pipeline; people read them. Submissions are added
# (a file, a URL, pasted text) and proposals changed (accepted or rejected) by analysts.
INGESTION_READ_ONLY = {"article", "articlerevision", "revisionband", "cluster", "articleentity"}
INGESTION_ANALYST = {
    "add_submission", "change_submission", "change_proposal",
    "add_feed", "change_feed", "change_article",
}


def _allowed(role: Role, app_label: str, codename: str) -> bool:
    action, _, model = codename.partition("_")
    if action == "view":
        return True
    if app_label == "ingestion":
        if role == Role.VIEWER or model in INGESTION_READ_ONLY and codename != "change_article":
            return False
        return codename in INGESTION_ANALYST or (role == Role.ADMINISTRATOR and codename == "delete_feed")
    if role == Role.ADMINISTRATOR:
        return model not in HISTORY_MODELS
    if role in (Role.ANALYST, Role.REVIEWER):
        return model not in HISTORY_MODELS
    return False


def role_permissions(role: Role) -> set[tuple[str, str]]:
    """(app_label, codename) pairs a role holds."""
    perms = Permission.objects.filter(
        content_type__app_label__in=("compliance", "ingestion")
    ).select_related("content_type")
    result = {
        (perm.content_type.app_label, perm.codename)
        for perm in perms
        if _allowed(role, perm.content_type.app_label, perm.codename)
    }
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
