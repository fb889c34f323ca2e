"""The import contract names the core's modules one by one (solidarity/urls.py stands on top):
a new module of the core must be added to it, or its imports would go unchecked."""

import pkgutil
import tomllib
from pathlib import Path

import solidarity

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_every_core_module_is_in_the_layers_contract():
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    core = {name.strip() for name in layers[-1].split(":")}
    modules = {
        f"solidarity.{module.name}"
        for module in pkgutil.iter_modules(solidarity.__path__)
        if module.name not in ("urls", "migrations")
    }
    assert modules == core
