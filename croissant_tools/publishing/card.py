"""The dataset card (``README.md``): Hub YAML header plus the page's content as Markdown.

Metadata text is treated as plain text, as on the HTML page: Markdown and HTML syntax in
a description is escaped so that it shows literally and cannot add links, images or
markup to the card. The header is written with ``yaml.safe_dump``, which quotes any
hostile string correctly, and is checked to parse back to the same mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import yaml

from croissant_tools import __version__
from croissant_tools.model import FileObject, FileSet, RecordSet
from croissant_tools.publishing.checks import ValidationSummary
from croissant_tools.publishing.facts import (
    DatasetFacts,
    RaiEntry,
    human_size,
    resources_of,
    type_label,
)
from croissant_tools.publishing.hub import ALL_ROWS, Configs, card_header
from croissant_tools.publishing.snippets import Snippet

#: libyaml's safe dumper/loader when PyYAML was built with it (same output, much faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(#|[-+](?=\s|$)|[-=]+\s*$|\d{1,9}(?=[.)](?:\s|$)))")


def md_text(text: str) -> str:
    """``text`` escaped so Markdown shows it literally (paragraph context, newlines kept)."""
    escaped = _INLINE.sub(r"\\\1", text.replace("&", "&amp;"))
    lines = [_escape_line_start(line.strip()) for line in escaped.splitlines()]
    return "\n".join(lines).strip()


def _escape_line_start(line: str) -> str:
    """Escape what would start a heading, quote, list, or setext underline."""
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():  # "1. x" -> "1\. x"
        return match.group(1) + "\\" + line[match.end() :]
    return "\\" + line


def md_cell(text: str | None) -> str:
    """``text`` escaped for one table cell (no newlines, pipes escaped)."""
    if not text:
        return ""
    return "<br>".join(md_text(line) for line in text.splitlines() if line.strip())


def md_code(text: str) -> str:
    """An inline code span for ``text`` that survives backticks and table pipes."""
    flat = " ".join(text.split()).replace("|", "\\|")
    run = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    fence = "`" * (run + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def md_fenced(text: str, language: str = "") -> str:
    """A fenced code block longer than any backtick run in ``text``."""
    run = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (run + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def md_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def front_matter(header: dict[str, object]) -> str:
    """``---``-delimited YAML; raises ``ValueError`` if it would not parse back identically."""
    text = yaml.dump(header, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=4096)
    if yaml.load(text, Loader=_LOADER) != header or any(  # _LOADER is a safe loader
        line in ("---", "...") for line in text.splitlines()
    ):
        raise ValueError("dataset card header does not round-trip through YAML")
    return f"---\n{text}---\n"


def _details(facts: DatasetFacts) -> str:
    rows = [
        ("Homepage", md_cell(facts.url)),
        (
            "License",
            "<br>".join(
                md_cell(lic.label)
                + (f" (SPDX {md_code(lic.spdx)})" if lic.spdx and lic.spdx != lic.label else "")
                for lic in facts.licenses
            )
            or "not stated",
        ),
        (
            "Creators",
            "<br>".join(
                md_cell(a.name + (f" ({a.affiliation})" if a.affiliation else ""))
                for a in facts.creators
            ),
        ),
        ("Publisher", "<br>".join(md_cell(a.name) for a in facts.publishers)),
        ("Version", md_cell(facts.version)),
        *((f"Date {label}", md_cell(value)) for label, value in facts.dates.items()),
        ("Keywords", ", ".join(md_cell(k) for k in facts.keywords)),
        ("Language", ", ".join(md_cell(k) for k in facts.languages)),
    ]
    return md_table(["Property", "Value"], [(name, value) for name, value in rows if value])


def _files(facts: DatasetFacts) -> str:
    rows = []
    for resource in facts.metadata.distribution:
        if isinstance(resource, FileObject):
            where = md_code(resource.content_url) if resource.content_url else ""
            size = md_cell(human_size(resource.content_size))
            checksum = (
                md_code(resource.sha256)
                if resource.sha256
                else md_code(f"md5 {resource.md5}")
                if resource.md5
                else ""
            )
        else:
            assert isinstance(resource, FileSet)
            where = ", ".join(md_code(g) for g in resource.includes)
            size, checksum = "", ""
        rows.append(
            [
                md_cell(resource.name or resource.id),
                "FileSet" if isinstance(resource, FileSet) else "FileObject",
                where,
                size,
                ", ".join(md_code(f) for f in resource.encoding_formats),
                checksum,
            ]
        )
    return (
        md_table(["Name", "Kind", "Location", "Size", "Format", "SHA-256"], rows)
        if rows
        else "No files are listed."
    )


def _record_set(facts: DatasetFacts, record_set: RecordSet) -> str:
    lines = [f"### {md_cell(record_set.name or record_set.id or 'record set')}"]
    if record_set.description:
        lines.append(md_text(record_set.description))
    names = {f.id: f.name or f.id for f in record_set.walk_fields() if f.id}
    if record_set.key:
        lines.append("Key: " + ", ".join(md_code(names.get(k) or k) for k in record_set.key))
    reads = resources_of(record_set)
    if reads:
        lines.append("Reads: " + ", ".join(md_code(r) for r in reads))
    rows = []
    for item in record_set.walk_fields():
        types = ", ".join(type_label(t) for t in item.data_types) + (
            "[]" if item.is_array or item.repeated else ""
        )
        source = item.source
        origin = ", ".join(target for _, target in source.targets) if source else ""
        ref = item.references
        target = (ref.field or ref.record_set or ref.resource) if ref else None
        rows.append(
            [
                md_code(item.name or item.id or "?"),
                md_code(types) if types else "",
                md_cell(item.description),
                md_code(origin) if origin else "",
                md_code(target) if target else "",
            ]
        )
    lines.append(
        md_table(["Field", "Type", "Description", "Source", "References"], rows)
        if rows
        else "No fields."
    )
    return "\n\n".join(lines)


def _splits(facts: DatasetFacts) -> str:
    parts = []
    for info in facts.splits:
        names = ", ".join(md_code(n) for n in info.names) or "no split names in inline data"
        used = ", ".join(
            md_code(f"{rs.name or rs.id}/{f.name or f.id}") for rs, f in info.partitions
        )
        parts.append(
            f"- {md_cell(info.record_set.name or info.record_set.id)}: {names}"
            + (f" (used by {used})" if used else "")
        )
    return "\n".join(parts)


def _rai(facts: DatasetFacts) -> str:
    def values(entry: RaiEntry) -> str:
        if len(entry.values) == 1:
            return md_text(entry.values[0])
        return "\n".join("- " + md_cell(v) for v in entry.values)

    return "\n\n".join(f"### {entry.label}\n\n{values(entry)}" for entry in facts.rai)


def _load(found: Configs | None, snippets: list[Snippet]) -> str:
    """How to load the data: the snippets, and what the configs cannot express."""
    parts = [f"**{s.title}**\n\n{md_fenced(s.code, s.language)}" for s in snippets]
    found = found or Configs()
    for config, (column, names) in found.column_splits.items():
        listed = ", ".join(md_code(n) for n in names)
        parts.append(
            f"In config {md_code(config)} each row names its split in the column "
            f"{md_code(column)} ({listed}); files cannot express that, so the config has one "
            f"split, {md_code(ALL_ROWS)}: filter on the column (as above)."
        )
    parts.extend(f"Note: {md_text(note)}." for note in found.notes)
    return "\n\n".join(parts)


def _validation(summary: ValidationSummary) -> str:
    if not summary.ran:
        return "The metadata was not validated when this card was generated."
    text = f"Checked with croissant-tools {__version__}: {summary.headline()}."
    if not summary.findings:
        return text
    rows = [
        [f.severity, md_code(f.code), md_code(f.path), md_cell(f.message)] for f in summary.findings
    ]
    return text + "\n\n" + md_table(["Severity", "Code", "Where", "Message"], rows)


def render_card(
    facts: DatasetFacts,
    summary: ValidationSummary,
    *,
    title: str | None = None,
    source_name: str = "croissant.json",
    found: Configs | None = None,
    snippets: list[Snippet] | None = None,
) -> str:
    """The complete ``README.md`` text (``found``: the header's configs, see :mod:`.hub`)."""
    loading = _load(found, snippets or [])
    sections = [
        f"# {md_cell(title or facts.name or 'Untitled dataset')}",
        md_text(facts.description) if facts.description else "_No description._",
        "## Dataset details\n\n" + _details(facts),
        "## How to load it\n\n" + loading if loading else "",
        "## Citation\n\n"
        + md_fenced(facts.cite_as, "bibtex" if facts.cite_as.lstrip().startswith("@") else "")
        if facts.cite_as
        else "",
        "## Files\n\n" + _files(facts),
        "## Record sets\n\n"
        + (
            "\n\n".join(_record_set(facts, rs) for rs in facts.metadata.record_sets)
            or "No record sets are declared."
        ),
        "## Splits\n\n" + _splits(facts) if facts.splits else "",
        "## Responsible AI\n\n" + _rai(facts) if facts.rai else "",
        "## Validation\n\n" + _validation(summary),
        f"## Croissant metadata\n\nThis card was generated by croissant-tools {__version__} "
        f"from {md_code(source_name)}, the dataset's Croissant (JSON-LD) description.",
    ]
    body = "\n\n".join(section for section in sections if section)
    return front_matter(card_header(facts, title, found)) + "\n" + body + "\n"
