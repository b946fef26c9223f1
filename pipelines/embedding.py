"""The encoder as a Beam ``ModelHandler`` for ``RunInference``.

:class:`EncoderHandler` loads a :mod:`pruning.embed` encoder in the worker (never at import
or in the launching process), takes batches of texts of a fixed size set through
``min_batch_size``/``max_batch_size``, and returns one unit-norm float32 vector per text.
Inside a batch the encoder sorts texts by token length and encodes them in chunks of
``embed.batch_size``, so texts of similar length share a forward pass and little compute
goes to padding. Wrapped in ``KeyedModelHandler``, it carries record ids through.

``large_model=True`` (``--large_model`` on a GPU worker) loads one model per machine that
all worker processes share, instead of one per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from apache_beam.ml.inference.base import ModelHandler

from pruning.config import EmbedConfig


def build_encoder(config: EmbedConfig, fake: bool) -> Any:
    """The encoder a run uses: ``FakeEncoder`` for ``--model fake``, else a real one, loaded."""
    from pruning.embed import Encoder, FakeEncoder

    if fake:
        return FakeEncoder()
    encoder = Encoder(config)
    _ = encoder.model  # load now, inside load_model(), so failures surface at start
    return encoder


class EncoderHandler(ModelHandler[str, np.ndarray, Any]):
    """Texts -> unit-norm vectors with a :mod:`pruning.embed` encoder (see the module docstring)."""

    def __init__(
        self, config: EmbedConfig, *, fake: bool, batch_size: int, large_model: bool = False
    ) -> None:
        super().__init__(
            min_batch_size=batch_size,
            max_batch_size=batch_size,
            large_model=large_model,
        )
        self.config = config
        self.fake = fake

    def load_model(self) -> Any:
        """Build the encoder in the worker."""
        return build_encoder(self.config, self.fake)

    def run_inference(
        self, batch: Sequence[str], model: Any, inference_args: dict[str, Any] | None = None
    ) -> Iterable[np.ndarray]:
        """One vector per text, in batch order."""
        return list(model.encode(list(batch)))

    def get_num_bytes(self, batch: Sequence[str]) -> int:
        """Size of the batch's text, for Beam's metrics."""
        return sum(len(text) for text in batch)

    def get_metrics_namespace(self) -> str:
        """Namespace of Beam's inference metrics."""
        return "croissant_tools_embed"
