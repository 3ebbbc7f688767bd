from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NAME_MAX


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=NAME_MAX,
        help_text=_("What the token is for, e.g. the system that will use it."),
    )
    read_only = forms.BooleanField(
        label=_("Read only"), required=False,
        help_text=_("The token can read figures but not send or change anything."),
    )
