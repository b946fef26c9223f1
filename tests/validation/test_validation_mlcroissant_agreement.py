"""Cross-check with mlcroissant 1.1.1: the same verdict (valid or not) on every golden
fixture, except the cases listed below where mlcroissant is wrong, each with the reason.

Cases with a ``source`` other than their file, a size cap or a dict source are skipped:
mlcroissant has no equivalent. Profiles and data checks are left out of our verdict
(mlcroissant's ``validate`` is static and has no profiles).
"""

from __future__ import annotations

import logging
import warnings

import pytest

from croissant_tools.validation import validate
from tests.validation.golden import Case, cases

#: case -> why mlcroissant's verdict is wrong there.
MLCROISSANT_IS_WRONG = {
    # mlcroissant accepts documents that break the spec or lose data:
    "invalid/cr011-duplicate-key": "JSON parsers silently keep one of the two names",
    "invalid/cr012-nan": "NaN is not JSON; other parsers reject the file",
    "invalid/cr013-lone-surrogate": "a lone surrogate is no text: UTF-8 writers fail on it",
    "invalid/cr103-two-versions": "a file cannot follow 1.0 and 1.1 at once",
    "invalid/cr110-missing-license": "license is required by the spec; mlcroissant only warns",
    "invalid/cr114-two-names": "name has cardinality ONE in the spec",
    "invalid/cr115-empty-description": "a blank description is no description",
    "invalid/cr116-creator-without-name": "a creator must be identifiable (name or url)",
    "invalid/cr202-unknown-croissant-term": "cr:citeAS is no Croissant term; it is dropped",
    "invalid/cr204-cr-name": "cr:name is dropped, so the dataset has no name",
    "invalid/cr204-sc-containedin-in-1.1": "1.1 readers ignore sc:containedIn (wrong files)",
    "invalid/cr205-dropped-key": "JSON-LD drops @comment silently",
    "invalid/cr208-1.1-term-in-1.0": "isArray is not a 1.0 term; 1.0 readers ignore it",
    "invalid/cr212-two-spellings": "name and sc:name give the dataset two names",
    "invalid/cr213-vocab-without-slash": "every schema.org key expands to a wrong IRI",
    "invalid/cr301-duplicate-id": "two fields with one @id are merged by JSON-LD",
    "invalid/cr303-wrong-kind": "fileSet names a FileObject",
    "invalid/cr304-missing-id": "a field without @id cannot be keyed in records",
    "invalid/cr305-no-source": "the field has no data at all",
    "invalid/cr306-source-and-value": "the spec allows exactly one of source and value",
    "invalid/cr311-two-origins": "a source reads from one origin",
    "invalid/cr314-bad-regex": "the regex fails only later, when loading",
    "invalid/cr317-foreign-key": "a key must name fields of its own record set",
    "invalid/cr319-bad-checksums": "the checksums can never match any file",
    "invalid/cr324-unsafe-urls": "mlcroissant reads ../ and absolute paths (security)",
    "invalid/cr332-script-links": "javascript:/data: links pass; a viewer linking them runs them",
    "invalid/cr333-chain-too-long": "readers recurse once per link; long chains exhaust the stack",
    "invalid/cr328-unknown-split": "cr:TrainSplit is not a split; loaders cannot map it",
    # mlcroissant rejects documents the spec allows:
    "invalid/cr326-no-checksum": "the spec recommends checksums; it does not require them",
    "valid/spec-features-1.1": "the 1.1 spec's own DataSource/manifest/annotation examples",
    "valid/spec-splits-example-1.1": "the spec's own split example (cr:Split-only field)",
    "valid/spec-context-http-schema-1.1": "the 1.1 spec's context uses http://schema.org/ (#865)",
}


def comparable(case: Case) -> bool:
    spec = case.spec
    options = spec.get("options", {})
    return "source" not in spec and "max_bytes" not in options and not spec.get("as_dict")


COMPARABLE = [case for case in cases() if comparable(case)]


def mlcroissant_accepts(case: Case) -> bool:
    mlc = pytest.importorskip("mlcroissant")
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mlc.Dataset(jsonld=str(case.folder / "metadata.json"))
    except Exception:  # mlcroissant raises ValidationError, or anything on bad JSON
        return False
    finally:
        logging.disable(logging.NOTSET)
    return True


@pytest.mark.parametrize("case", COMPARABLE, ids=lambda c: c.name)
def test_verdict_agrees_with_mlcroissant_where_it_is_right(case: Case) -> None:
    ours = validate(case.folder / "metadata.json").valid
    theirs = mlcroissant_accepts(case)
    if case.name in MLCROISSANT_IS_WRONG:
        assert ours != theirs, f"mlcroissant now agrees; drop {case.name} from the list"
    else:
        assert ours == theirs


def test_every_listed_disagreement_is_a_comparable_case() -> None:
    assert set(MLCROISSANT_IS_WRONG) <= {case.name for case in COMPARABLE}
