"""Pages of the reports app, one module per domain."""

from __future__ import annotations

from .home import home

__all__ = ["home"]
