"""Template context every staff page needs: the user's role and what it allows."""

from compliance.choices import Role
from compliance.roles import has_role, role_of


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    return {
        "user_role": role,
        "can_analyse": has_role(user, Role.ANALYST),
        "can_review": has_role(user, Role.REVIEWER),
        "can_administer": has_role(user, Role.ADMINISTRATOR),
    }
