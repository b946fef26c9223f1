"""Importing the package or the loader never imports a framework (they are slow and optional)."""

from __future__ import annotations

import subprocess
import sys

FRAMEWORKS = ("torch", "tensorflow", "jax", "apache_beam", "datasets", "mlcroissant")


def _imported_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\nprint(' '.join(m for m in {FRAMEWORKS!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_package_and_loader_imports_are_light() -> None:
    assert _imported_after("import croissant_tools") == []
    assert (
        _imported_after("import croissant_tools as ct; ct.load; import croissant_tools.loading")
        == []
    )
