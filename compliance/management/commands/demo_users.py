"""Create one login per role for trying the tool, and print them.

Passwords are random, generated once per checkout and kept in var/demo-logins.json
(git-ignored, readable only by its owner). Never run this on a production database."""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from compliance.choices import Role

DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR),
    ("reviewer", Role.REVIEWER),
    ("reviewer2", Role.REVIEWER),
    ("analyst", Role.ANALYST),
    ("viewer", Role.VIEWER),
]


class Command(BaseCommand):
    help = "Create demo logins (one per role, two reviewers for four eyes) and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError(
                "demo_users creates known logins: it runs only with DEBUG=1 (a local try-out)."
            )
        path = settings.VAR_DIR / "demo-logins.json"
        stored = json.loads(path.read_text()) if path.exists() else {}
        User = get_user_model()
        with transaction.atomic():
            for username, role in DEMO_USERS:
                password = stored.get(username) or secrets.token_urlsafe(9)
                user, created = User.objects.get_or_create(username=username)
                if created or not user.check_password(password):
                    user.set_password(password)
                user.is_staff = True
                user.is_superuser = role == Role.ADMINISTRATOR
                user.save()
                user.groups.set([Group.objects.get(name=role.value)])
                stored[username] = password
        settings.VAR_DIR.mkdir(exist_ok=True)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
        self.stdout.write("Demo logins (http://127.0.0.1:8000/):")
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {role.label:<14} {username:<10} password: {stored[username]}")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
