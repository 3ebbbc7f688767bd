"""The apps depend on each other one way:
districts ← plans ← targets ← reports ← notices ← api.

An app may import only the apps to its left: `districts` none of the others, `plans` only
`districts`, `targets` `districts` and `plans`, `reports` those three, `notices` any of
them (reports tells it of a state change by a signal, `reports.signals`), and `api`
(another door into the same services) any of them.
Every import counts, at any depth (inside a function too); migrations are left out,
since Django writes their references between apps itself. `config/` may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["districts", "plans", "targets", "reports", "notices", "api"]


def _python_files(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT / app).parts
    )


def _package(path: Path) -> list[str]:
    """The dotted package a module sits in (`reports/imports/x.py` → reports.imports)."""
    return list(path.relative_to(ROOT).parent.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, absolute, with its line number, in line order."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package(path)
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return sorted(found)


def forbidden_imports(app: str) -> list[str]:
    """The imports of `app` that go against the order, as `file:line imports module`."""
    allowed = set(ORDER[: ORDER.index(app) + 1])
    forbidden = set(ORDER) - allowed
    wrong = []
    for path in _python_files(app):
        for line, module in imported_modules(path):
            top = module.split(".")[0]
            if top in forbidden:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return wrong


def test_every_app_has_python_files():
    for app in ORDER:
        assert _python_files(app), app


@pytest.mark.parametrize("app", ORDER)
def test_imports_run_one_way(app):
    assert forbidden_imports(app) == []


def test_imports_inside_functions_and_relative_ones_are_found(tmp_path, monkeypatch):
    app = tmp_path / "plans"
    (app / "views").mkdir(parents=True)
    (app / "late.py").write_text(
        "def weights():\n    from reports.models import Actual\n    return Actual\n",
        encoding="utf-8",
    )
    (app / "views" / "pages.py").write_text(
        "from ..selectors import plan_for_user\nimport targets.models\n", encoding="utf-8"
    )
    (app / "migrations").mkdir()
    (app / "migrations" / "0001_initial.py").write_text(
        "import targets.models\n", encoding="utf-8"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert imported_modules(app / "views" / "pages.py") == [
        (1, "plans.selectors"),
        (2, "targets.models"),
    ]
    assert forbidden_imports("plans") == [
        "plans/late.py:2 imports reports.models",
        "plans/views/pages.py:2 imports targets.models",
    ]
