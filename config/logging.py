"""Log records the product shapes: a refused request is one line, not a traceback.

Django logs a 403 (and a 400 or 404) with the exception that caused it, so that every
page out of a user's scope printed a full traceback. A refusal is the product working as
meant; only server errors (5xx) keep their traceback.
"""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if record.name.startswith("django.") and status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
