"""`manage.py api_token USERNAME [--read-only] [--name TEXT]`: a new API token for the user,
printed alone on the last line (it is not stored and cannot be shown again)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from districts.scope import SYSTEM

from ...services import token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it (alone on the last line)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument("--read-only", action="store_true",
                            help="the token can read but not change anything")
        parser.add_argument("--name", default="", help="what the token is for (default: cli)")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(_("There is no user “%s”.") % options["username"])
        try:
            new = token_create(user=user, name=options["name"] or "cli",
                               read_only=options["read_only"], actor=SYSTEM)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        kind = _("read-only") if new.token.read_only else _("read and write")
        self.stdout.write(
            _("Token “%(name)s” (%(kind)s) for %(user)s. Keep it secret; it is shown once:")
            % {"name": new.token.name, "kind": kind, "user": user.username}
        )
        self.stdout.write(new.key)
