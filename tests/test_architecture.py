"""The floors of the house, checked from the imports themselves (ast), so the layout stays what docs/architecture.md
says: core < cms, accounts, ops < lessons, dialogue, measurement < edu. A module may import its own package and any
package on a lower floor; never one on its own floor or above. So no package imports another in a circle, and
lessons and dialogue never import each other."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FLOORS = {
    "core": 0,
    "cms": 1,
    "accounts": 1,
    "ops": 1,
    "lessons": 2,
    "dialogue": 2,
    "measurement": 2,
    "edu": 3,
}
NOT_APP_CODE = {"tests", "bench", "scripts", "node_modules", "static", "templates", "docs", "media", "var"}


def _packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_APP_CODE and not path.parent.name.startswith(".")
    )


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every absolute import, and of relative imports that climb out of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                found.append((node.lineno, node.module.split(".")[0]))
            elif node.level > len(path.relative_to(ROOT).parts) - 1:
                found.append((node.lineno, "<outside the package>"))
    return found


def _violations(package: str) -> list[str]:
    floor = FLOORS[package]
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, target in _imports(path):
            if target == package or target not in FLOORS and target != "<outside the package>":
                continue
            if target == "<outside the package>" or FLOORS[target] >= floor:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    return wrong


def test_every_package_has_a_floor():
    unknown = [name for name in _packages() if name not in FLOORS]
    assert not unknown, f"give these packages a floor in FLOORS and in docs/architecture.md: {unknown}"


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_imports_run_only_downward(package):
    if not (ROOT / package).is_dir():
        pytest.skip(f"{package} does not exist (yet)")
    assert _violations(package) == []


def test_the_check_catches_an_upward_and_a_sideways_import(tmp_path, monkeypatch):
    for name, source in {"core": "from cms.models import Scenario\n", "lessons": "import dialogue.views\n"}.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
        (tmp_path / name / "bad.py").write_text(source)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _violations("core") == ["core/bad.py:1 imports cms"]
    assert _violations("lessons") == ["lessons/bad.py:1 imports dialogue"]


def _index_comments() -> list[tuple[str, str, str]]:
    """(models file, module, function) for every comment in a models.py that names the query an index serves."""
    import re

    named = []
    for path in sorted(ROOT.glob("*/models.py")):
        for match in re.finditer(r"[Ss]erves ([a-z_]+(?:\.[a-z_]+)*)\.([a-z_]+)\b", path.read_text(encoding="utf-8")):
            named.append((str(path.relative_to(ROOT)), f"{path.parent.name}.{match.group(1)}", match.group(2)))
    return named


def test_every_index_comment_names_a_query_function_that_exists():
    import importlib

    named = _index_comments()
    assert len(named) >= 8
    missing = [
        f"{file}: {module}.{name}" for file, module, name in named if not hasattr(importlib.import_module(module), name)
    ]
    assert missing == []
