"""``croissant-tools init``: ask for what the data cannot tell, write a metadata file.

For authors who start from nothing: the questions cover Croissant's required properties,
provenance and the Responsible-AI set NeurIPS Datasets & Benchmarks asks for, each with
an example. The answers are checked as they are given (a licence must be an SPDX id or a
URL, a creator ``"Name,email,url"`` ...) and written as a commented YAML file for
``croissant-tools generate DATA --metadata FILE``, which the author keeps next to the data
and edits later. ``--no-input`` writes the same file with ``TODO`` values to fill in by
hand (the ``neurips`` profile refuses them until they are replaced).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from croissant_tools import atomic, errors
from croissant_tools.generation import document
from croissant_tools.generation.metadata import read_terms

HELP = "ask for the metadata a NeurIPS-ready Croissant needs and write it as a YAML file"


@dataclass(frozen=True)
class Question:
    """One key of the metadata file, how to ask for it and how to check the answer."""

    key: str
    prompt: str
    example: str
    required: bool = True
    many: bool = False
    check: Callable[[str], Any] | None = None


def _url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise errors.UsageError("a URL starts with https:// or http://")
    return text


def _yes_no(text: str) -> bool:
    if text.lower() in ("y", "yes", "true"):
        return True
    if text.lower() in ("n", "no", "false"):
        return False
    raise errors.UsageError("answer yes or no")


QUESTIONS = (
    Question("name", "Dataset name", "tiny-reviews"),
    Question(
        "description",
        "What is the data? A few sentences",
        "12,000 product reviews in English and German, each with a 1-5 star rating.",
    ),
    Question("license", "Licence: SPDX id or URL", "CC-BY-4.0", check=document.license_url),
    Question("url", "Home page of the dataset", "https://github.com/you/tiny-reviews", check=_url),
    Question(
        "creators",
        "Creators, one per line as Name,email,url (empty line to finish)",
        "Ada Lovelace,ada@example.org",
        many=True,
        check=document.creator_node,
    ),
    Question("datePublished", "Date published (YYYY-MM-DD)", "", check=document.check_date),
    Question("version", "Version (MAJOR.MINOR.PATCH)", "1.0.0"),
    Question("keywords", "Keywords, comma-separated", "reviews, sentiment", required=False),
    Question(
        "wasDerivedFrom",
        "Provenance: sources the data was derived from, one URL per line (empty to finish)",
        "https://example.org/raw-dump-2024",
        required=False,
        many=True,
        check=_url,
    ),
    Question(
        "wasGeneratedBy",
        "Provenance: how was the data produced",
        "Collected by the authors with an online survey, March-May 2024.",
    ),
    Question(
        "dataCollection", "RAI: how was the data collected", "Crawled from public review sites."
    ),
    Question("dataUseCases", "RAI: intended uses", "Training and evaluating sentiment models."),
    Question("dataLimitations", "RAI: known limitations", "Only two languages; 2024 only."),
    Question("dataBiases", "RAI: known biases", "Over-represents electronics reviews."),
    Question(
        "personalSensitiveInformation",
        "RAI: personal or sensitive information, and how it was handled",
        "Names and e-mail addresses were removed.",
    ),
    Question(
        "dataSocialImpact",
        "RAI: possible social impact",
        "Could be used to generate fake reviews.",
    ),
    Question("hasSyntheticData", "RAI: any synthetic data? (yes/no)", "no", check=_yes_no),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument(
        "path", metavar="DATA", nargs="?", default=".", help="the dataset folder (default: .)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: DATA/croissant.yaml)"
    )
    parser.add_argument(
        "--no-input",
        action="store_true",
        help="ask nothing: write every key with a TODO value to fill in by hand",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def run(args: argparse.Namespace) -> int:
    """Ask the questions (or not), write the file, say what to run next."""
    data = Path(args.path)
    if not data.is_dir():
        raise errors.InputError("not a folder", where=str(data), hint="give the dataset folder")
    target = Path(args.output) if args.output else data / "croissant.yaml"
    if target.exists() and not args.force:
        raise errors.UsageError(
            "exists; refusing to replace it", where=str(target), hint="pass --force, or -o FILE"
        )
    quiet = bool(getattr(args, "quiet", False))
    defaults = {"name": data.resolve().name, "datePublished": dt.date.today().isoformat()}
    if args.no_input:
        answers = {q.key: _todo(q, defaults) for q in QUESTIONS}
    else:
        answers = ask_all(sys.stdin, sys.stderr, defaults, explain=not quiet)
    answers = {k: v for k, v in answers.items() if v not in (None, "", [])}
    if not args.no_input:
        read_terms(answers)  # what generate will accept
    atomic.write_text(target, render(answers))
    if not quiet:
        print(f"wrote {target}", file=sys.stderr)
        print(
            f"next: croissant-tools generate {data} --metadata {target} --profile neurips",
            file=sys.stderr,
        )
    return errors.EXIT_OK


def _todo(question: Question, defaults: dict[str, str]) -> Any:
    if question.key in defaults:
        return defaults[question.key]
    if question.key == "hasSyntheticData":
        return False
    text = f"TODO: {question.prompt.split(', one')[0]} (e.g. {question.example})"
    return [text] if question.many else text


def ask_all(
    stdin: TextIO, out: TextIO, defaults: dict[str, str], *, explain: bool = True
) -> dict[str, Any]:
    """Every answer, checked; a wrong one is asked again (three times at most)."""
    if explain:
        print("Answer each question; an empty answer takes the [default]. Ctrl-C stops.", file=out)
    return {q.key: _ask(q, stdin, out, defaults.get(q.key)) for q in QUESTIONS}


def _ask(question: Question, stdin: TextIO, out: TextIO, default: str | None) -> Any:
    if question.many:
        return _ask_many(question, stdin, out)
    shown = f" [{default}]" if default else ""
    example = f" (e.g. {question.example})" if question.example and not default else ""
    for _ in range(3):
        out.write(f"{question.prompt}{example}{shown}: ")
        out.flush()
        answer = _line(stdin, question) or (default or "")
        if not answer and not question.required:
            return None
        if not answer:
            print("  an answer is needed", file=out)
            continue
        try:
            value = question.check(answer) if question.check else answer
        except errors.UsageError as exc:
            print(f"  {exc.message}", file=out)
            continue
        return value if isinstance(value, bool) else answer
    raise errors.UsageError(f"no valid answer for {question.key}")


def _ask_many(question: Question, stdin: TextIO, out: TextIO) -> list[str]:
    print(f"{question.prompt} (e.g. {question.example}):", file=out)
    items: list[str] = []
    while True:
        out.write("  > ")
        out.flush()
        answer = _line(stdin, question, allow_eof=bool(items) or not question.required)
        if not answer:
            if items or not question.required:
                return items
            print("  at least one is needed", file=out)
            continue
        try:
            if question.check:
                question.check(answer)
        except errors.UsageError as exc:
            print(f"  {exc.message}", file=out)
            continue
        items.append(answer)


def _line(stdin: TextIO, question: Question, allow_eof: bool = False) -> str:
    line = stdin.readline()
    if not line and not allow_eof and question.required:
        raise errors.UsageError(f"no answer for {question.key} (end of input)")
    return line.strip()


def render(answers: dict[str, Any]) -> str:
    """The commented YAML file: each key under its question."""
    lines = [
        "# Croissant metadata for `croissant-tools generate DATA --metadata THIS_FILE`.",
        "# Keys: see docs/generation.md (dataset properties, RAI, provenance, field",
        "# descriptions under `fields:`). Edit freely; generate checks every key.",
        "",
    ]
    by_key = {q.key: q for q in QUESTIONS}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is not None:
            label = question.prompt.split(" (")[0].split(", one")[0]
            example = f" (e.g. {question.example})" if question.example else ""
            lines.append(f"# {label}{example}")
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=88)
        lines.extend([dumped.rstrip("\n"), ""])
    return "\n".join(lines)
