"""Rewrite ``expected.json`` of every golden validation case from the current validator.

    .venv/bin/python -m tests.validation.regenerate          # all cases
    .venv/bin/python -m tests.validation.regenerate cr110    # cases whose name contains cr110

Review the diff (``git diff tests/fixtures/croissant``) before committing: every change
in an expectation is a change in what users see.
"""

from __future__ import annotations

import json
import sys

from tests.validation.golden import cases, expectation


def main(argv: list[str]) -> int:
    """Regenerate the expectations of the cases matching ``argv`` (all when empty)."""
    written = 0
    for case in cases():
        if argv and not any(term in case.name for term in argv):
            continue
        report = case.run()
        text = json.dumps(expectation(report), indent=2, ensure_ascii=False) + "\n"
        case.expected_path().write_text(text)
        written += 1
        print(f"{case.name}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    print(f"{written} expectation(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
