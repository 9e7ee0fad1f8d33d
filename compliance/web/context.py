"""Template context every staff page needs: the user's role and what it allows. Lazy
(callables, which templates call): pages that do not ask, such as the admin's, pay nothing."""

from functools import partial

from compliance.choices import Role
from compliance.roles import has_role, role_of


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_role": partial(role_of, user),
        "can_analyse": partial(has_role, user, Role.ANALYST),
        "can_review": partial(has_role, user, Role.REVIEWER),
        "can_administer": partial(has_role, user, Role.ADMINISTRATOR),
    }
