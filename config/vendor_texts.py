"""Texts of Django, django-axes and django-tasks that their own Vietnamese catalogues leave
untranslated.

They are written here only so that `make messages` keeps them in the project's catalogue
(locale/vi), which Django reads before theirs (LOCALE_PATHS): the admin's lockout pages
and the password and form messages are then Vietnamese too. Nothing imports this module.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext, pgettext


def _plurals() -> None:
    # Never called: xgettext reads these calls; gettext_noop has no plural form.
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    )
    # django-tasks: the states of a job.
    pgettext("Task", "Ready")
    pgettext("Task", "Running")
    pgettext("Task", "Failed")
    pgettext("Task", "Successful")


TEXTS = (
    # django-axes: its models and admin.
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("User Agent"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    # Django's forms: every CharField refuses NUL characters with this message.
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    # django-tasks-db: the queue's model in the admin.
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("worker id"),
    gettext_noop("args kwargs"),
)
