"""Promise: ``prune`` accounts for every input record, changes none it keeps, and never
fails with an internal error (exit 70), whatever the JSON Lines input holds.

Hypothesis writes corpora of :data:`RECORDS` lines: records with real or arbitrary texts
and arbitrary extra columns (named like the columns the run adds, or like pyarrow's
dataset fields, holding any JSON), next to hostile lines (malformed JSON, arrays, bare
values, lone surrogates, keys given twice, deep nesting, texts that are numbers, empty or
binary, raw bytes that are not UTF-8). Each corpus goes through ``prune --model fake`` on
the DirectRunner, in this process. Then: exit code 0; input = kept + pruned; every kept
text byte-equal to its input.

Hypothesis runs out of choices on long corpora and fills the rest with its simplest value
(one text, repeated): its corpora stay at 60 lines, and a seeded generator builds the same
kinds of lines in volume. Bounded in the default run (two Hypothesis corpora of 60 lines
and one seeded corpus of 150, about a minute); ``CROISSANT_TOOLS_FUZZ=full`` runs up to
20 Hypothesis corpora of 60 and five seeded corpora of 1,000 (5,538 records in the last run).
``CROISSANT_TOOLS_FUZZ_REPORT=path.json`` writes the counts (``-pipeline`` appended).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from croissant_tools.cli import main as cli
from tests.hostile.test_prune_never_fails_on_a_bad_record import BAD, read_rows
from tests.pipelines.conftest import FUNCTIONS, TEXT_CAP, prune_args

pytestmark = pytest.mark.slow

FULL = os.environ.get("CROISSANT_TOOLS_FUZZ") == "full"
#: Hypothesis corpora: small (its choice buffer runs out on long corpora, and then it fills
#: the rest with its simplest values: one text repeated, which tests little)
CORPORA, RECORDS = (20, 60) if FULL else (2, 60)
#: seeded corpora for volume, built from the same ingredients with ``random``
SEEDED, SEEDED_RECORDS = (5, 1000) if FULL else (1, 150)
COUNTS = {"corpora": 0, "records": 0, "kept": 0, "pruned": 0, "exit_70": 0, "lost": 0}
TEXTS = [
    json.loads(line)["text"]
    for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()[:300]
    if len(json.loads(line)["text"].encode()) < TEXT_CAP
]
COLUMN_NAMES = ["reason", "pruning_reason", "detail", "prune_score", "raw", "raw_encoding",
                "__filename", "__fragment_index", "language", "path", "meta", "", " "]  # fmt: skip

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@st.composite
def valid_line(draw: st.DrawFn, index: int) -> tuple[bytes, str, Any]:
    """A record line, its id and its text (the text may still be invalid: empty, NUL...)."""
    text = draw(st.sampled_from(TEXTS) | st.text(min_size=0, max_size=80))
    uid = f"r{index}-{draw(st.text(max_size=6))}"
    record: dict[str, Any] = {"id": uid, "text": text}
    extra = draw(st.dictionaries(st.sampled_from(COLUMN_NAMES) | st.text(max_size=6), json_values))
    record.update({k: v for k, v in extra.items() if k not in ("id", "text")})
    ascii_only = draw(st.booleans())
    return json.dumps(record, ensure_ascii=ascii_only).encode("utf-8"), uid, text


hostile_line = st.one_of(
    st.sampled_from([line for line, *_ in BAD]),
    st.binary(max_size=60),
    json_values.filter(lambda v: not (isinstance(v, dict) and "text" in v)).map(
        lambda v: json.dumps(v).encode()
    ),
    st.text(max_size=40).map(lambda t: t.encode("utf-8")),
)


@st.composite
def corpus(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    """The corpus bytes, and the text of every record line by id."""
    lines: list[bytes] = []
    texts: dict[str, Any] = {}
    for index in range(RECORDS):
        if index < 2 or draw(st.integers(0, 9)) < 7:  # start with records: fields detected
            line, uid, text = draw(valid_line(index))
            texts[uid] = text
        else:
            line = draw(hostile_line)
        lines.append(line)
    return b"\n".join(lines) + b"\n", texts


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-pipeline-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"\nfuzzed pipeline records: {json.dumps(COUNTS)}")
    target = os.environ.get("CROISSANT_TOOLS_FUZZ_REPORT")
    if target:
        Path(f"{target}-pipeline").write_text(json.dumps(COUNTS, indent=2) + "\n")


@settings(
    max_examples=CORPORA,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking reruns whole pipelines
    suppress_health_check=list(HealthCheck),
)
@given(case=corpus())
def test_prune_accounts_for_every_record_and_keeps_texts_intact(
    case: tuple[bytes, dict[str, Any]], scratch: Path
) -> None:
    _check(*case, scratch)


@pytest.mark.parametrize("seed", range(SEEDED))
def test_seeded_corpora_at_volume(seed: int, scratch: Path) -> None:
    """The same promise on corpora of :data:`SEEDED_RECORDS` lines built with ``random``
    from the same ingredients (distinct real texts, arbitrary texts with lone surrogates
    and control characters, columns named like the added ones, the known bad lines, raw
    bytes, bare JSON values)."""
    _check(*_seeded_corpus(random.Random(seed), SEEDED_RECORDS), scratch)


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randint(-(2**70), 2**70)
    if kind == 3:
        return rng.choice([rng.uniform(-1e9, 1e9), float("nan"), float("inf"), -0.0])
    if kind == 4:
        return _random_text(rng, 10)
    if kind == 5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {_random_text(rng, 5): _random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = "ab \n\t\x00\x7f\u00e9\u4e2d\U0001f600\ud800\udfff\"'{}"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(size + 1)))


def _seeded_corpus(rng: random.Random, size: int) -> tuple[bytes, dict[str, Any]]:
    lines: list[bytes] = []
    texts: dict[str, Any] = {}
    pool = rng.sample(TEXTS, len(TEXTS))
    for index in range(size):
        if index < 2 or rng.random() < 0.7:
            text = pool[index % len(pool)] if rng.random() < 0.8 else _random_text(rng, 80)
            uid = f"r{index}-{_random_text(rng, 4)}"
            record: dict[str, Any] = {"id": uid, "text": text}
            for _ in range(rng.randrange(3)):
                name = rng.choice(COLUMN_NAMES) if rng.random() < 0.6 else _random_text(rng, 6)
                if name not in ("id", "text"):
                    record[name] = _random_json(rng)
            line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
            lines.append(line.encode("utf-8", "surrogatepass"))
            try:  # what the line means as JSON ("\\ud800\\udfff" is one character)
                read = json.loads(lines[-1])
                texts[read["id"]] = read["text"]
            except (ValueError, KeyError):  # not UTF-8 (a lone surrogate written raw)
                pass
        else:
            choice = rng.randrange(4)
            if choice == 0:
                lines.append(rng.choice(BAD)[0])
            elif choice == 1:
                lines.append(rng.randbytes(rng.randrange(61)).replace(b"\n", b" "))
            elif choice == 2:
                value = _random_json(rng)
                lines.append(json.dumps(value if not isinstance(value, dict) else [value]).encode())
            else:
                lines.append(_random_text(rng, 40).encode("utf-8", "surrogatepass"))
    return b"\n".join(lines) + b"\n", texts


def _check(data: bytes, texts: dict[str, Any], scratch: Path) -> None:
    run = Path(tempfile.mkdtemp(dir=scratch))
    (run / "corpus.jsonl").write_bytes(data)
    expected = sum(1 for line in data.split(b"\n") if line.strip())
    code = cli(["prune", *prune_args(run / "corpus.jsonl", run / "out", "--progress", "none")])
    COUNTS["corpora"] += 1
    COUNTS["records"] += expected
    if code == 70:
        COUNTS["exit_70"] += 1
    assert code == 0, f"exit {code} on {run / 'corpus.jsonl'}"
    kept, pruned = read_rows(run / "out" / "kept"), read_rows(run / "out" / "pruned")
    COUNTS["kept"] += len(kept)
    COUNTS["pruned"] += len(pruned)
    COUNTS["lost"] += expected - len(kept) - len(pruned)
    assert len(kept) + len(pruned) == expected, f"records lost in {run}"
    for row in kept:
        assert row["id"] in texts and row["text"] == texts[row["id"]], (run, row["id"])
    shutil.rmtree(run, ignore_errors=True)
