"""Decoding ``sc:AudioObject`` values as mlcroissant yields them (the ``audio`` extra).

Audio fields hold the encoded file as ``bytes`` (like images). ``records(audio="array")``
decodes each value into mlcroissant's form, ``(samples, sampling_rate)``: mono
``float32`` samples resampled to the source's ``samplingRate`` transform, else to
22,050 Hz — what mlcroissant's ``librosa.load`` does. Decoding uses soundfile
(libsndfile: WAV, FLAC, OGG, MP3...) and resampling soxr's high-quality mode, the two
libraries librosa itself calls, without librosa's heavier dependencies (numba, scipy).
"""

from __future__ import annotations

import io
from typing import Any

from croissant_tools.errors import DataError
from croissant_tools.extras import require

#: librosa.load's default rate, which mlcroissant uses when no samplingRate is given.
DEFAULT_RATE = 22050


def decode_audio(
    value: bytes | None, sampling_rate: int | None = None, where: str = ""
) -> tuple[Any, int] | None:
    """``(float32 mono samples, rate)`` of an encoded audio file (``None`` stays ``None``)."""
    if value is None:
        return None
    soundfile = require("soundfile", "decoding audio", "audio")
    import numpy as np

    try:
        with soundfile.SoundFile(io.BytesIO(value)) as handle:
            native = handle.samplerate
            samples = handle.read(frames=-1, dtype=np.float32, always_2d=False).T
    except (RuntimeError, TypeError, ValueError) as exc:  # soundfile's errors derive from these
        raise DataError(f"cannot decode audio: {exc}", where=where) from None
    if samples.ndim > 1:
        samples = np.mean(samples, axis=tuple(range(samples.ndim - 1)))
    target = sampling_rate or DEFAULT_RATE
    if target != native:
        samples = _resample(samples, native, target)
    return samples, target


def _resample(samples: Any, native: int, target: int) -> Any:
    soxr = require("soxr", "resampling audio", "audio")
    import numpy as np

    wanted = int(np.ceil(samples.shape[-1] * float(target) / native))
    out = soxr.resample(samples, native, target, quality="soxr_hq")
    if out.shape[-1] > wanted:
        out = out[..., :wanted]
    elif out.shape[-1] < wanted:
        out = np.pad(out, [(0, 0)] * (out.ndim - 1) + [(0, wanted - out.shape[-1])])
    return np.asarray(out, dtype=samples.dtype)
