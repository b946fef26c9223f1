import itertools
import pickle

import numpy as np
import pytest

from pruning.config import EmbedConfig
from pruning.embed import Encoder, FakeEncoder, _windows, normalize


def test_fake_encoder_is_deterministic_and_similarity_tracks_overlap():
    enc = FakeEncoder(dim=128)
    a, b, c = enc.encode(
        ["def add(a, b): return a + b", "def add(a, b): return a - b", "zzzz qqqq"]
    )
    assert np.allclose(np.linalg.norm([a, b, c], axis=1), 1)
    assert a @ b > 0.7 > a @ c
    assert np.array_equal(enc.encode(["x y z"]), FakeEncoder(dim=128).encode(["x y z"]))
    assert enc.encode([]).shape == (0, 128)


def test_windows_cover_long_inputs_with_overlap_and_cap():
    assert _windows(10, 254, 32, 16) == [(0, 10)]
    spans = _windows(600, 254, 32, 16)
    assert spans[0] == (0, 254) and spans[-1][1] == 600
    assert all(b[0] == a[1] - 32 for a, b in itertools.pairwise(spans))
    assert len(_windows(100_000, 254, 32, 4)) == 4


def test_normalize_keeps_zero_rows():
    out = normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert out.dtype == np.float32 and np.allclose(out, [[0.6, 0.8], [0, 0]])


def test_encoder_pickles_without_model_and_loads_lazily():
    enc = Encoder(EmbedConfig(device="cpu"))
    assert enc._model is None
    clone = pickle.loads(pickle.dumps(enc))
    assert clone.config == enc.config and clone._model is None


@pytest.mark.model
def test_real_encoder_matches_plain_encode_and_sees_late_corruption(minilm_path):
    enc = Encoder(EmbedConfig(model=minilm_path, device="cpu", batch_size=4))
    texts = ["def f(x):\n    return x + 1", "int main() { return 0; }", "a"]
    got = enc.encode(texts)
    plain = enc.model.encode(texts, normalize_embeddings=True)
    assert got.dtype == np.float32 and np.abs(got - plain).max() < 1e-4
    long = "\n".join(f"value_{i} = compute(value_{i - 1}, {i})" for i in range(300))
    bad = long.replace("compute(value_249, 250)", "compute(value_249, 250")
    assert enc.token_lengths([long])[0] > 4 * enc.window
    a, b = enc.encode([long, bad])
    assert 1 - float(a @ b) > 1e-6
    assert np.array_equal(enc.encode([long]), enc.encode([long]))


def test_unpaired_surrogates_are_made_encodable():
    from pruning.dedup import signature
    from pruning.embed import encodable

    text = 'x = "\ud800"\n'
    assert encodable("plain é") == "plain é"
    assert encodable(text) == 'x = "\ufffd"\n'
    assert len(signature(text, "python")) == 128


def test_importing_pruning_does_not_load_torch_or_a_model():
    import subprocess
    import sys

    code = (
        "import sys, pruning.embed, pruning.scores.learned, pruning.dedup;"
        "import pruning.evaluation.evaluate;"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.model
def test_onnx_backend_matches_torch(minilm_path, tmp_path, monkeypatch):
    """ONNX Runtime gives PyTorch's vectors (float32 rounding aside); int8 stays close; the
    exported model is cached and reused."""
    monkeypatch.setenv("CROISSANT_TOOLS_CACHE", str(tmp_path))
    texts = [f"def f{i}(a, b):\n    return a * {i} + b\n" for i in range(12)]
    texts += ["x" * 3000, "def g():\n    pass\n"]
    torch_vectors = Encoder(EmbedConfig(model=minilm_path, backend="torch")).encode(texts)
    onnx = Encoder(EmbedConfig(model=minilm_path, backend="onnx"))
    assert onnx.backend == "onnx"
    onnx_vectors = onnx.encode(texts)
    assert (torch_vectors * onnx_vectors).sum(axis=1).min() > 0.9999
    int8 = Encoder(EmbedConfig(model=minilm_path, backend="onnx-int8")).encode(texts)
    assert (torch_vectors * int8).sum(axis=1).min() > 0.8
    files = sorted(p.name for p in tmp_path.rglob("*.onnx"))
    assert files == ["model-int8.onnx", "model.onnx"]
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.onnx")}
    Encoder(EmbedConfig(model=minilm_path, backend="onnx")).encode(texts[:2])
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.onnx")}


def test_auto_backend_is_onnx_on_a_cpu_when_installed(monkeypatch):
    import importlib.util

    assert Encoder(EmbedConfig(device="cpu")).backend == "onnx"
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "onnxruntime" else real(name)
    )
    assert Encoder(EmbedConfig(device="cpu")).backend == "torch"
