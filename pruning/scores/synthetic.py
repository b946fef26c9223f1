"""The synthetic task: (clean, corrupted) pairs generated from the corpus itself."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pruning.corruptions import Corrupted, corrupt_any
from pruning.types import CodeRecord


@dataclass(frozen=True)
class SyntheticSet:
    """Texts with labels (0 clean, 1 corrupted); ``group`` ties a corruption to its source."""

    texts: tuple[str, ...]
    languages: tuple[str, ...]
    labels: tuple[int, ...]
    kinds: tuple[str, ...]  # "" for clean texts
    group: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.texts)


def make_synthetic(
    records: Sequence[CodeRecord],
    sample_size: int,
    kinds: Sequence[str] = (),
    per_record: int = 1,
    seed: int = 0,
    usable: Callable[[CodeRecord], bool] | None = None,
) -> SyntheticSet:
    """Sample up to ``sample_size`` records; each gives its clean text and ``per_record``
    corruptions drawn from ``kinds`` (all kinds when empty). Records no kind applies to are
    left out, and so are records ``usable`` refuses (code that does not parse: the corpus
    being pruned is not clean, and a broken record labelled clean would teach the scorers
    that broken code is clean); deterministic for a seed.
    """
    rng = random.Random(seed)
    chosen = rng.sample(list(records), min(sample_size, len(records)))
    if usable is not None:
        chosen = [record for record in chosen if usable(record)]
    texts: list[str] = []
    languages: list[str] = []
    labels: list[int] = []
    kind_of: list[str] = []
    group: list[int] = []
    for number, record in enumerate(chosen):
        made = []
        for copy in range(per_record):
            result = corrupt_any(record.text, record.language, seed * 1000 + copy, kinds or None)
            if isinstance(result, Corrupted):
                made.append(result)
        if not made:
            continue
        for text, label, kind in [(record.text, 0, ""), *((m.text, 1, m.kind) for m in made)]:
            texts.append(text)
            languages.append(record.language)
            labels.append(label)
            kind_of.append(kind)
            group.append(number)
    return SyntheticSet(tuple(texts), tuple(languages), tuple(labels), tuple(kind_of), tuple(group))


def sources(synthetic: SyntheticSet) -> list[str]:
    """The clean source text of every example (a clean example is its own source)."""
    clean = {
        g: t for t, label, g in zip(synthetic.texts, synthetic.labels, synthetic.group) if not label
    }
    return [clean[g] for g in synthetic.group]
