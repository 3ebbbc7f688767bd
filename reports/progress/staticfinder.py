"""Serves plotly.js from the installed plotly package as the static file
`plotly/plotly.min.js`, so the version drawn always matches the one that built the figures.

Only that one file: the package's data folder also holds megabytes of sample datasets
that have no business in the static files.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_FOLDER = Path(plotly.__file__).resolve().parent / "package_data"
FILE_NAME = "plotly.min.js"
PREFIX = "plotly"
STATIC_PATH = f"{PREFIX}/{FILE_NAME}"


class PlotlyStorage(FileSystemStorage):
    # collectstatic and WhiteNoise put a storage's files under its `prefix`.
    prefix = PREFIX


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        self.storage = PlotlyStorage(location=str(PLOTLY_FOLDER))

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        wants_all = find_all or kwargs.get("all", False)  # `all` before Django 6.1
        if path != STATIC_PATH:
            return [] if wants_all else None
        found = str(PLOTLY_FOLDER / FILE_NAME)
        return [found] if wants_all else found

    def list(self, ignore_patterns):
        if (PLOTLY_FOLDER / FILE_NAME).exists():
            yield FILE_NAME, self.storage
