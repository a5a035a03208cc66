import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from pazhou.roles import EDITOR_GROUP, PUBLISHER_GROUP


class Command(BaseCommand):
    help = (
        "On a new local site, create the account 'editor' (Editor and Publisher groups) with a "
        "random password, printed once. Does nothing when any account exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Accounts exist already; no local editor created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.set(Group.objects.filter(name__in=[EDITOR_GROUP, PUBLISHER_GROUP]))
        self.stdout.write(
            self.style.SUCCESS(
                "\nA local editor account was created. This password is shown only once:\n"
                f"    user: {username}\n    password: {password}\n"
                "    admin: http://127.0.0.1:8000/admin/\n"
            )
        )
