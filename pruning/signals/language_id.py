"""Which programming language a piece of code is in, from its content alone.

Used when a record names no language (no language field, no file extension, no
``--language``): a corpus of code without a language is the common case in practice, and
without one the parse check, the lint checks and the site detectors cannot run.

How (:func:`detect_language`):

1. **Cues** — a few regular expressions per language count constructs that are rare in
   the others (``def``/``self``/a line ending in ``:`` for Python, ``func``/``:=`` for Go,
   ``fn``/``let mut``/``impl`` for Rust, access modifiers and typed declarations for Java,
   ``#include``/``->``/``NULL`` for C, ``::``/``template``/``std::`` for C++, type
   annotations/``interface`` for TypeScript, ``function``/``=>``/``const`` for JavaScript).
   The cue scores rank the languages; the best three go on to step 2.
2. **Trial parses** — each candidate's tree-sitter grammar parses the text (a lone method
   is also tried inside a class body, as :func:`pruning.languages.parse_check` does), and
   the share of the text under ERROR nodes (plus MISSING tokens) is measured. Parsing is
   what decides: code in its own language parses with (almost) no error, even when a
   corruption broke it somewhere, while another grammar fails all over.
3. **Supersets** — the C++ grammar reads most C, and the TypeScript grammar reads all
   JavaScript. So C++ is only chosen over C, and TypeScript over JavaScript, when the text
   uses something of its own (a C++ or a TypeScript cue); otherwise the smaller language.

The result carries a confidence in [0, 1] that grows with how much better the winner
parses than the runner-up (cues included) and with the winner's own cues; text that
compiles as Python but has nothing of Python's own (``x``, ``42``) gets
:data:`MIN_CONFIDENCE`; text with no cue of any language that no grammar reads well
(more than 20% under errors: prose, Markdown, SQL) is below it.
Below :data:`MIN_CONFIDENCE` the language is ``"unknown"``.
Everything is deterministic and offline; about 1 ms of CPU per function (a Python compile
or one to five trial parses).
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from typing import Any

from pruning.languages import FRAGMENT_WRAPPERS, _parser, parse_tree

#: The languages detection chooses from (``tsx`` is read as TypeScript).
CANDIDATES: tuple[str, ...] = ("python", "javascript", "typescript", "java", "c", "cpp", "go")
CANDIDATES += ("rust",)
MIN_CONFIDENCE = 0.6
_TOP = 3
_CUE_WEIGHT = 0.02
_CLEAR_LEAD = 3.0
#: with no cue of any language, a winner that cannot read more than this share is no winner
_CUELESS_ERROR = 0.2

_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "python": (
        (r"^\s*(?:async\s+)?def\s+\w+\s*\(", 4.0),
        (r"\bself\b", 1.0),
        (r"^\s*(?:if|elif|else|for|while|try|except|finally|with)\b.*:\s*(?:#.*)?$", 1.0),
        (r"\b(?:None|True|False|elif|lambda|yield|not in|is not)\b", 0.5),
        (r'"""|\'\'\'', 1.0),
    ),
    "go": (
        (r"^\s*func\b", 4.0),
        (r":=", 1.0),
        (r"\bnil\b", 0.5),
        (r"\berr\s*!=\s*nil\b", 2.0),
        (r"^\s*(?:package|defer|go)\s", 1.0),
    ),
    "rust": (
        (r"\b(?:pub\s+)?(?:const\s+|unsafe\s+|async\s+)*fn\s+\w+", 4.0),
        (r"\blet\s+(?:mut\s+)?\w+", 1.0),
        (r"\b(?:impl|match|mut|usize|u8|u32|u64|i32|i64|Self|Some|None|Ok|Err)\b", 0.5),
        (r"&(?:mut\s+)?self\b|\w+!\(", 1.0),
    ),
    "java": (
        (
            r"\b(?:public|private|protected)\s+(?:static\s+)?(?:final\s+)?"
            r"[\w<>\[\]., ]+\s+\w+\s*\(",
            3.0,
        ),
        (r"^\s*(?:public|private|protected)\s+[A-Z]\w*\s*\(", 3.0),
        (r"\bthis\.\w+", 1.0),
        (r"@Override\b|\bthrows\s+\w+", 2.0),
        (r"\b(?:String|boolean|Integer|Object|List<|Map<|ArrayList|HashMap)\b", 0.5),
        (r"\bnew\s+[A-Z]\w*\s*[(<\[]", 0.5),
    ),
    "c": (
        (r"^\s*#\s*(?:include|define|if|ifdef|ifndef|endif)\b", 2.0),
        (r"\w\.\w+\(", -1.0),  # a method call: not C
        (r"(?<![-=])->", 1.0),
        (r"\b[A-Za-z_]\w*\s*\*+\s*\w+\s*[,)=;]", 1.0),  # pointer declarations
        (r"\b(?:NULL|sizeof|struct|unsigned|size_t|uint\d+_t|static|bool|int|char)\b", 0.5),
        (
            r"^\s*(?:static\s+)?(?:inline\s+)?(?:const\s+)?[a-z_]\w*[\s*]+\**\w+\s*\([^;]*\)\s*\{?\s*$",
            1.0,
        ),
    ),
    "cpp": (
        (r"::", 1.0),
        (r"\b(?:template|namespace|nullptr|constexpr|typename|override|noexcept)\b", 2.0),
        (r"\b(?:static|reinterpret|const|dynamic)_cast\s*<", 2.0),
        (r"\b(?:std|class|virtual|auto|delete)\b|\bthis->|(?:public|private):", 0.5),
        (r"\bconst\s+[\w:<>]+\s*&", 1.0),
        (r"(?<![-=])->", 1.0),
        (r"\b[A-Za-z_]\w*\s*\*+\s*\w+\s*[,)=;]", 1.0),  # pointer declarations
    ),
    "typescript": (
        (r"\)\s*:\s*[\w<>\[\]|. ]+\s*(?:\{|=>)", 2.0),
        (r"\b\w+\s*\??:\s*(?:string|number|boolean|any|unknown|void|never)\b", 2.0),
        (r"[(,]\s*\w+\??\s*:\s*[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])?\s*[,)=]", 2.0),
        (r"\b(?:interface|readonly|implements|declare|keyof|enum)\b", 1.0),
        (r"\bas\s+(?:const|[A-Z]\w*|string|number|any)\b|<[A-Z]\w*(?:,\s*[A-Z]\w*)*>\(", 1.0),
    ),
    "javascript": (
        (r"\bfunction\b", 2.0),
        (r"=>", 1.0),
        (r"\b(?:const|let|var)\s+\w+\s*=", 1.0),
        (r"\b(?:undefined|typeof|require|module\.exports|this)\b|===|!==", 0.5),
        (r"(?<![-=])->", -1.0),  # C and C++ member access, never JavaScript
    ),
}
_COMPILED = {
    lang: tuple((re.compile(p, re.MULTILINE), w) for p, w in cues) for lang, cues in _CUES.items()
}
#: (superset, subset): the superset is chosen only when a cue of its own is present
_SUPERSETS = (("cpp", "c"), ("typescript", "javascript"))
#: the strong cues of a superset that its subset does not share
_OWN = {
    superset: tuple(
        re.compile(p, re.MULTILINE)
        for p, w in _CUES[superset]
        if w >= 1.0 and p not in {q for q, _ in _CUES[subset]}
    )
    for superset, subset in _SUPERSETS
}


@dataclass(frozen=True)
class Detection:
    """A detected language (or ``"unknown"``) with its confidence in [0, 1]."""

    language: str
    confidence: float
    error_share: float  # share of the text the chosen grammar could not read


def cue_scores(text: str) -> dict[str, float]:
    """The cue score of every candidate language (matches weighted, capped per cue)."""
    scores = {}
    for language, cues in _COMPILED.items():
        scores[language] = sum(w * min(len(p.findall(text)), 3) for p, w in cues)
    return scores


def error_share(text: str, language: str) -> float:
    """Share of ``text`` (bytes) under tree-sitter ERROR nodes, plus MISSING tokens counted
    as 8 bytes each; a lone method is also tried inside a class body or an object literal
    (:data:`~pruning.languages.FRAGMENT_WRAPPERS`; the best reading wins)."""
    data = text.encode("utf-8", "surrogatepass")
    best = _error_bytes(parse_tree(text, language).root_node)
    for before, after in FRAGMENT_WRAPPERS.get(language, ()):
        if not best:
            break
        wrapped = (before + text + after).encode("utf-8", "surrogatepass")
        best = min(best, _error_bytes(_parser(language).parse(wrapped).root_node))
    return min(1.0, best / max(len(data), 1))


def _error_bytes(root: Any) -> int:
    if not root.has_error:
        return 0
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            total += 8
        elif node.is_error:
            total += max(node.end_byte - node.start_byte, 1)
        elif node.has_error:
            stack.extend(node.children)
    return total


def detect_language(text: str) -> Detection:
    """The language of ``text`` by cues and trial parses (see the module docstring)."""
    if not text.strip():
        return Detection("unknown", 0.0, 1.0)
    cues = cue_scores(_head(text))
    ranked = sorted(CANDIDATES, key=lambda lang: (-cues[lang], CANDIDATES.index(lang)))
    if "python" in ranked[:_TOP] and _compiles_as_python(text):
        # an expression such as "x" compiles too: without a Python construct, less sure
        return Detection("python", 1.0 if cues["python"] > 0 else MIN_CONFIDENCE, 0.0)
    first = error_share(text, ranked[0])
    lead = cues[ranked[0]] - cues[ranked[1]]
    if first == 0.0 and lead >= _CLEAR_LEAD and not _in_superset_pair(ranked[0]):
        return Detection(ranked[0], 1.0, 0.0)  # parses cleanly and no other language is close
    candidates = set(ranked[:_TOP]) | {lang for lang in CANDIDATES if cues[lang] >= 3.0}
    for superset, subset in _SUPERSETS:  # judge a superset and its subset together
        if superset in candidates or subset in candidates:
            candidates |= {superset, subset}
    errors = {lang: error_share(text, lang) for lang in sorted(candidates - {ranked[0]})}
    errors[ranked[0]] = first
    if min(errors.values()) > 0.0:
        # no candidate reads it cleanly: before calling it broken code in one language, try
        # them all -- a lone method with few cues can parse cleanly in a language it had
        # no cue for, and a parse failure in a wrongly detected language is no evidence
        # (only one that reads all of it is added: :func:`_decide` then keeps just those)
        others = {lang: error_share(text, lang) for lang in CANDIDATES if lang not in errors}
        errors |= {lang: share for lang, share in others.items() if share == 0.0}
    return _decide(text, cues, errors)


def _decide(text: str, cues: dict[str, float], errors: dict[str, float]) -> Detection:
    for superset, subset in _SUPERSETS:
        if superset not in errors or subset not in errors:
            continue
        own_cue = any(p.search(text) for p in _OWN[superset])
        if not own_cue and errors[subset] <= errors[superset] + 0.02:
            errors.pop(superset)  # nothing of its own: the smaller language explains it
        elif own_cue and errors[superset] <= errors[subset]:
            errors.pop(subset)
    if any(share == 0.0 for share in errors.values()):
        # a grammar that reads all of it beats every grammar that does not, whatever cues
        # say (a JavaScript method full of ``this.x`` has Java's cues, and only JS reads it)
        errors = {lang: share for lang, share in errors.items() if share == 0.0}
    # parsing decides; cues break near-ties (0.02 of error share per cue point)
    adjusted = {lang: errors[lang] - _CUE_WEIGHT * cues[lang] for lang in errors}
    order = sorted(errors, key=lambda lang: (adjusted[lang], lang))
    best = order[0]
    gap = adjusted[order[1]] - adjusted[best] if len(order) > 1 else 1.0
    confidence = min(1.0, 0.5 + 2.5 * gap + 0.05 * max(cues[best], 0.0))
    if errors[best] > _CUELESS_ERROR and max(cues.values()) < 1.0:
        # nothing in it looks like any language (a lone "this" or "None" in prose is not
        # code) and the best grammar still fails on a fair share of it: prose, markup, SQL,
        # a config file -- not code we know
        confidence = min(confidence, MIN_CONFIDENCE - 0.1)
    language = best if confidence >= MIN_CONFIDENCE else "unknown"
    return Detection(language, round(confidence, 3), round(errors[best], 4))


def _head(text: str, limit: int = 2048) -> str:
    """The first ``limit`` characters, cut at a line end (enough to count cues)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > 0 else limit]


def _in_superset_pair(language: str) -> bool:
    return any(language in pair for pair in _SUPERSETS)


def _compiles_as_python(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<detect>", "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return False
    return True
