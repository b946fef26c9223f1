"""An ONNX Runtime backend for the sentence-transformers encoder, exported locally.

``EmbedConfig(backend="onnx")`` runs the model's transformer with ONNX Runtime instead of
PyTorch, ``"onnx-int8"`` with its weights quantised to int8 by ONNX Runtime's dynamic
quantisation (smaller and usually faster on CPU, less exact). Nothing is downloaded: the
transformer of the already loaded ``SentenceTransformer`` is exported with
``torch.onnx.export`` and the file is cached under ``$CROISSANT_TOOLS_CACHE/onnx``
(default ``~/.cache/croissant-tools/onnx``), keyed by a digest of the model's weights, so a
second run reuses it. Pooling and normalisation stay in numpy: this backend serves models
whose sentence-transformers modules are a transformer, mean pooling and (optionally)
normalisation, as all-MiniLM-L6-v2 is; other models get a clear error.

Needs the ``onnx`` extra (``onnx``, ``onnxruntime``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from pruning.errors import ConfigError

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_dir() -> Path:
    """Where exported models are kept."""
    root = os.environ.get("CROISSANT_TOOLS_CACHE") or Path.home() / ".cache" / "croissant-tools"
    return Path(root) / "onnx"


def _check_pooling(model: Any) -> None:
    names = [type(module).__name__ for module in model]
    pooling = [m for m in model if type(m).__name__ == "Pooling"]
    mode = getattr(pooling[0], "pooling_mode", None) if pooling else None
    mean = mode == "mean" or getattr(
        pooling[0] if pooling else None, "pooling_mode_mean_tokens", False
    )
    if not mean or any(n not in ("Transformer", "Pooling", "Normalize") for n in names):
        raise ConfigError(
            f"the ONNX backend supports transformer + mean pooling models; this one is {names}",
            hint="use --backend torch for this model",
        )


def _digest(model: Any) -> str:
    digest = hashlib.sha256()
    for name, tensor in sorted(model[0].auto_model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().numpy().tobytes()[:4096])
        digest.update(str(tuple(tensor.shape)).encode())
    return digest.hexdigest()[:16]


def export(model: Any, quantized: bool) -> Path:
    """The ONNX file of ``model``'s transformer (exported and cached on first use)."""
    import torch

    _check_pooling(model)
    folder = cache_dir() / _digest(model)
    plain, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    target = int8 if quantized else plain
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    if not plain.exists():

        class Transformer(torch.nn.Module):
            """The Hugging Face model with positional inputs and one output, as export
            needs it."""

            def __init__(self, inner: Any) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.inner(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        transformer = Transformer(model[0].auto_model).eval()
        sample = model.tokenizer(
            ["def f(x):\n    return x\n", "x"], padding=True, return_tensors="pt"
        )
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as tmp:
            partial = Path(tmp.name)
        with torch.no_grad():
            torch.onnx.export(
                transformer,
                tuple(sample[name] for name in INPUTS),
                str(partial),
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "tokens"} for name in [*INPUTS, "last_hidden_state"]
                },
                opset_version=17,
                dynamo=False,
            )
        partial.replace(plain)
    if quantized:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        partial = int8.with_suffix(".tmp")
        quantize_dynamic(str(plain), str(partial), weight_type=QuantType.QInt8)
        partial.replace(int8)
    return target


class OnnxRunner:
    """Encodes batches with ONNX Runtime: tokenise, run, mean-pool, normalise."""

    def __init__(self, model: Any, quantized: bool) -> None:
        import onnxruntime as ort

        path = export(model, quantized)
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = model.tokenizer
        self.max_length = int(model.max_seq_length)
        self.normalize = any(type(m).__name__ == "Normalize" for m in model)
        self.wanted = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-norm (when the model normalises) float32 vectors of one batch."""
        enc = self.tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="np"
        )
        feeds = {name: enc[name].astype(np.int64) for name in INPUTS if name in self.wanted}
        if "token_type_ids" in self.wanted and "token_type_ids" not in feeds:
            feeds["token_type_ids"] = np.zeros_like(feeds["input_ids"])
        hidden = self.session.run(None, feeds)[0]
        mask = enc["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        if self.normalize:
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)
