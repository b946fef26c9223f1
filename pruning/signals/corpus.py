"""Signals that need statistics of the corpus: naturalness, site detectors, misspelt names.

:func:`train_corpus_model` learns, from a sample of the corpus (the records the scorers are
trained on), the token n-gram model of :mod:`pruning.signals.naturalness` (with its table
of identifiers, :mod:`pruning.signals.identifiers`) and the site model of
:mod:`pruning.signals.site_model`. :meth:`CorpusModel.analyse` turns texts into the
features :data:`CORPUS_NAMES` and, per text, the most telling :class:`Finding` — what a
person reads in a pruned record's ``detail``. Every part leaves a training text's own
counts out when judging it, so no text explains itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pruning.languages import tokenize
from pruning.signals.identifiers import DECLARATIONS, Misspelling
from pruning.signals.naturalness import NATURALNESS_NAMES, NgramModel, train_ngram
from pruning.signals.site_model import SITE_NAMES, Finding, SiteModel, train_site_model

MISSPELLING_NAMES: tuple[str, ...] = ("misspelt_name",)
#: Feature names of :meth:`CorpusModel.analyse`, in order.
CORPUS_NAMES: tuple[str, ...] = (*NATURALNESS_NAMES, *SITE_NAMES, *MISSPELLING_NAMES)
Exclude = str | None


@dataclass(frozen=True)
class CorpusAnalysis:
    """Features (``n`` rows, :data:`CORPUS_NAMES`) and each text's most telling finding."""

    features: np.ndarray
    findings: list[Finding | Misspelling | None]


@dataclass(frozen=True, eq=False)
class CorpusModel:
    """The corpus statistics (numpy arrays only; pickle it as a Beam side input)."""

    ngram: NgramModel
    sites: SiteModel

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return self.ngram.nbytes + self.sites.nbytes

    def analyse(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        exclude: Sequence[Exclude] | None = None,
    ) -> CorpusAnalysis:
        """Features and findings of ``texts`` (``exclude`` per text, default ``"auto"``:
        leave a training text's own counts out; a source text: leave that one's out)."""
        out = np.zeros((len(texts), len(CORPUS_NAMES)), dtype=np.float32)
        findings: list[Finding | Misspelling | None] = []
        n_nat, n_site = len(NATURALNESS_NAMES), len(SITE_NAMES)
        for i, (text, language) in enumerate(zip(texts, languages)):
            how = "auto" if exclude is None else exclude[i]
            out[i, :n_nat] = self.ngram.token_bits(text, language, how).features()
            site_features, site_finding = self.sites.findings(text, language, how)
            out[i, n_nat : n_nat + n_site] = site_features
            typo = self.misspelling(text, language, how)
            out[i, n_nat + n_site] = typo.score if typo is not None else 0.0
            findings.append(_telling(site_finding, typo))
        return CorpusAnalysis(out, findings)

    def misspelling(
        self, text: str, language: str, exclude: Exclude = "auto"
    ) -> Misspelling | None:
        """The most typo-like identifier of ``text`` (see :mod:`pruning.signals.identifiers`)."""
        names = self.ngram.names
        if names is None:
            return None
        found = [
            (t.text, t.line, t.col)
            for t in tokenize(text, language)
            if t.kind == "identifier" and t.parent not in DECLARATIONS
        ]
        # counted in training: the text itself ("auto"), or its source (a corrupted copy,
        # whose other names the source brought into the counts)
        own = self.ngram.was_trained(text, language) if exclude == "auto" else exclude is not None
        return names.misspelling(found, own)


def _telling(site: Finding | None, typo: Misspelling | None) -> Finding | Misspelling | None:
    """The finding to show: a misspelt name beats a site whose suspicion is weaker."""
    if typo is None:
        return site
    if site is None or typo.score >= site.suspicion:
        return typo
    return site


def train_corpus_model(
    texts: Sequence[str],
    languages: Sequence[str],
    order: int = 4,
    vocab_size: int = 20_000,
    max_tokens: int = 500_000,
) -> CorpusModel:
    """Train the n-gram model (with its identifier table) and the site model on ``texts``."""
    ngram = train_ngram(texts, languages, order, vocab_size, max_tokens)
    sites = train_site_model(texts, languages)
    return CorpusModel(ngram, sites)
