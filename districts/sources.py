"""Where a recorded change came from: stored as a short code, shown in the reader's language.

Every history record (django-simple-history's `history_change_reason`) names the path that
wrote it. It is stored as a code with its arguments — `entry`, `import:12:bao-cao.csv`,
`grid:2024` — never as a sentence, so that a Vietnamese reader sees "Trang nhập liệu" and an
English one "Entry page" whatever language the writer used. `describe` turns a stored code
into those words; records written before codes existed (English sentences such as
"entry page" or "import x.csv (#3)") are read too, and any other text is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# The width of django-simple-history's change-reason column.
REASON_MAX = 100
SEPARATOR = ":"

ENTRY = "entry"
REVIEW = "review"
ADMIN = "admin"
DEMO = "demo"
IMPORT = "import"  # import:<batch id>:<file name>
IMPORT_BY_SYSTEM = "import-system"  # the same, run by the system operator (a command)
IMPORT_IN_ADMIN = "import-admin"  # import-admin:<file name>, the admin's own import
API = "api"  # api:<token name>
PLAN_CREATED = "plan-created"
PLAN_EDITED = "plan-edited"
PLAN_ISSUED = "plan-issued"
PLAN_SUPERSEDED = "plan-superseded"  # plan-superseded:<code of the plan replacing it>
TARGET_GRID = "grid"  # grid:<year>
QUOTAS_COPIED = "copy"  # copy:<from year>
TARGET_SPLIT = "split"  # split:<year>:quotas|actuals
TARGET_IMPORT = "target-import"  # target-import:<year>:<file name>
AMENDMENT = "amendment"  # amendment:<number>:<reason>


def code(kind: str, *args: object) -> str:
    """The stored form of a source: `kind:arg:arg`, cut to the history column's width.

    Only the last argument may hold free text (a file name, a reason) and so the separator;
    it is the one shortened, with an ellipsis, when the whole does not fit.
    """
    parts = [kind, *(" ".join(str(a).split()) for a in args)]
    text = SEPARATOR.join(parts)
    if len(text) <= REASON_MAX:
        return text
    head = SEPARATOR.join(parts[:-1]) + SEPARATOR
    return head + parts[-1][: REASON_MAX - len(head) - 1] + "…"


def _import(batch: str, name: str) -> str:
    return _("Import of %(file)s (#%(batch)s)") % {"file": name, "batch": batch}


def _import_by_system(batch: str, name: str) -> str:
    return _("Import of %(file)s (#%(batch)s) by the system operator") % {
        "file": name, "batch": batch,
    }


def _split(year: str, basis: str) -> str:
    last = int(year) - 1 if year.isdigit() else year
    if basis == "actuals":
        message = _("Split of the %(year)s target by the actuals of %(last)s")
    else:
        message = _("Split of the %(year)s target by the quotas of %(last)s")
    return message % {"year": year, "last": last}


# kind → (number of arguments, the words); the arguments are text as stored.
_WORDS: dict[str, tuple[int, Callable[..., str]]] = {
    ENTRY: (0, lambda: pgettext("source of a change", "Entry page")),
    REVIEW: (0, lambda: pgettext("source of a change", "Review")),
    ADMIN: (0, lambda: pgettext("source of a change", "Admin")),
    DEMO: (0, lambda: pgettext("source of a change", "Demo data")),
    IMPORT: (2, _import),
    IMPORT_BY_SYSTEM: (2, _import_by_system),
    IMPORT_IN_ADMIN: (1, lambda name: _("Import of %(file)s (admin)") % {"file": name}),
    API: (1, lambda name: _("API (%(token)s)") % {"token": name}),
    PLAN_CREATED: (0, lambda: _("Plan created")),
    PLAN_EDITED: (0, lambda: _("Plan edited")),
    PLAN_ISSUED: (0, lambda: _("Plan issued")),
    PLAN_SUPERSEDED: (1, lambda by: _("Superseded by %(code)s") % {"code": by}),
    TARGET_GRID: (1, lambda year: _("Target grid %(year)s") % {"year": year}),
    QUOTAS_COPIED: (1, lambda year: _("Quotas copied from %(year)s") % {"year": year}),
    TARGET_SPLIT: (2, _split),
    TARGET_IMPORT: (2, lambda year, name: _("Targets of %(year)s imported from %(file)s") % {
        "year": year, "file": name,
    }),
    AMENDMENT: (2, lambda number, reason: _("Amendment %(number)s: %(reason)s") % {
        "number": number, "reason": reason,
    }),
}

# Sentences stored before sources were codes, as the services wrote them then.
_LEGACY_WORDS = {
    "entry page": ENTRY,
    "review": REVIEW,
    "admin": ADMIN,
    "demo loader": DEMO,
    "changed in the admin": ADMIN,
}
_LEGACY_IMPORT = re.compile(
    r"^import (?P<file>.+?) \((?:#(?P<batch>\d+)|(?P<admin>admin))\)"
    r"(?P<system> by the system operator)?$"
)


def _legacy(text: str) -> str | None:
    kind = _LEGACY_WORDS.get(text.lower())
    if kind is not None:
        return describe(kind)
    match = _LEGACY_IMPORT.match(text)
    if match is None:
        return None
    if match["admin"]:
        return _WORDS[IMPORT_IN_ADMIN][1](match["file"])
    words = _import_by_system if match["system"] else _import
    return words(match["batch"], match["file"])


def describe(stored: str | None) -> str:
    """The words for a stored source in the active language ("" for none)."""
    text = (stored or "").strip()
    if not text:
        return ""
    kind, _sep, rest = text.partition(SEPARATOR)
    known = _WORDS.get(kind)
    if known is not None:
        count, words = known
        args = rest.split(SEPARATOR, count - 1) if count else []
        if len(args) == count:
            return words(*args)
    return _legacy(text) or text
