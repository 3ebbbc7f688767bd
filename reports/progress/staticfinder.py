"""Serves plotly.js's basic bundle from the npm package `plotly.js-basic-dist-min`
(`package.json`, installed into `node_modules/` by `npm ci` in `make install`) as the
static file `plotly/plotly-basic.min.js`.

The charts use bar and scatter traces only, which the basic bundle draws (bar, scatter,
pie): 1,2 MB instead of the full bundle's 4,8 MB. The version is pinned in
`package.json` to the plotly.js the `plotly` Python package ships (the tests validate
the figures with it), so both read the same figure format.

Only that one file: nothing else of `node_modules/` becomes a static file.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core import checks
from django.core.files.storage import FileSystemStorage

PACKAGE = "plotly.js-basic-dist-min"
FILE_NAME = "plotly-basic.min.js"
PREFIX = "plotly"
STATIC_PATH = f"{PREFIX}/{FILE_NAME}"


def package_folder() -> Path:
    return Path(settings.BASE_DIR) / "node_modules" / PACKAGE


class PlotlyStorage(FileSystemStorage):
    # collectstatic and WhiteNoise put a storage's files under its `prefix`.
    prefix = PREFIX


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        self.folder = package_folder()
        self.storage = PlotlyStorage(location=str(self.folder))

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        if (self.folder / FILE_NAME).exists():
            return []
        return [
            checks.Error(
                f"{self.folder / FILE_NAME} is missing: the dashboard cannot draw its charts.",
                hint="Run `npm ci` in the project folder (`make install` does).",
                id="reports.E001",
            )
        ]

    def find(self, path: str, find_all: bool = False, **kwargs):
        wants_all = find_all or kwargs.get("all", False)  # `all` before Django 6.1
        found = self.folder / FILE_NAME
        if path != STATIC_PATH or not found.exists():
            return [] if wants_all else None
        return [str(found)] if wants_all else str(found)

    def list(self, ignore_patterns):
        if (self.folder / FILE_NAME).exists():
            yield FILE_NAME, self.storage
