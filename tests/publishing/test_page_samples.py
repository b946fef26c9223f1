"""The page's sample rows, "Load it" snippets, readable RAI values and placeholder notice.

Samples are read with our loader from the dataset folder and escaped like any metadata;
images become PNG thumbnails; a record set that cannot be read says why. The snippets are
run as printed, from the folder ``publish`` ran in (issue 12, item 5).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from croissant_tools.cli import main
from croissant_tools.publishing import publish_site
from tests.conftest import REPO_ROOT, needs

EXAMPLES = REPO_ROOT / "examples"
FLAGS = ["--license", "MIT", "--url", "https://example.org/d", "--creator", "Ann", "-q"]
HOSTILE = "<script>window.__pwned=1</script>"


def table_folder(root: Path) -> Path:
    data = root / "data"
    data.mkdir()
    (data / "notes.csv").write_text(
        f'id,text,day\n1,"{HOSTILE}",2024-02-29\n2,,\n3,"Zoë 李雷 {"x" * 300}",2024-03-01\n',
        encoding="utf-8",
    )
    assert main(["generate", str(data), *FLAGS, "--description", "Notes."]) == 0
    return data


def test_sample_rows_are_escaped_and_shortened(tmp_path: Path) -> None:
    data = table_folder(tmp_path)
    result = publish_site(data / "croissant.json", tmp_path / "site")
    page = result.page.read_text(encoding="utf-8")
    assert "First 3 records, as croissant-tools reads them" in page
    assert HOSTILE not in page and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "2024-02-29" in page and "Zoë 李雷" in page
    assert "x" * 300 not in page and "x" * 100 + "…" in page
    assert '<span class="muted">null</span>' in page


def test_images_become_thumbnails(tmp_path: Path) -> None:
    data = tmp_path / "digits"
    shutil.copytree(EXAMPLES / "digits_images", data)
    page = publish_site(data / "croissant.json", tmp_path / "site").page.read_text()
    assert page.count('<img src="data:image/png;base64,') == 5
    assert 'width="40" height="40"' in page  # 8x8 digits enlarged, pixelated by CSS


def test_an_unreadable_record_set_says_why_and_publishing_goes_on(tmp_path: Path) -> None:
    data = table_folder(tmp_path)
    (data / "notes.csv").unlink()
    result = publish_site(data / "croissant.json", tmp_path / "site", validate=False)
    assert "No sample rows:" in result.page.read_text(encoding="utf-8")


def test_no_samples(tmp_path: Path) -> None:
    data = table_folder(tmp_path)
    out = tmp_path / "site"
    assert main(["publish", str(data / "croissant.json"), "-o", str(out), "--no-samples"]) == 0
    assert "as croissant-tools reads them" not in (out / "index.html").read_text()


def test_rai_values_read_as_people_write(tmp_path: Path) -> None:
    result = publish_site(EXAMPLES / "review_texts" / "croissant.json", tmp_path / "site")
    page = result.page.read_text(encoding="utf-8")
    section = page[page.index('id="rai"') :]
    assert re.search(r"Has synthetic data</dt><dd[^>]*><p[^>]*>Yes</p>", section)
    card = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert "### Has synthetic data\n\nYes" in card


def test_placeholder_description_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "t.csv").write_text("a\n1\n")
    assert main(["generate", str(data), *FLAGS]) == 0
    assert main(["publish", str(data / "croissant.json"), "-o", str(tmp_path / "site")]) == 0
    assert "description is a placeholder" in capsys.readouterr().err
    assert "The description is a placeholder." in (tmp_path / "site" / "index.html").read_text()


def run_python(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {})  # the snippet exactly as printed
    return out.getvalue()


def test_snippets_run_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = needs("datasets")
    needs("mlcroissant")
    shutil.copytree(EXAMPLES / "cancer_hf", tmp_path / "cancer")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    result = publish_site("cancer/croissant.json", "site", card="cancer/README.md", overwrite=True)
    page = result.page.read_text(encoding="utf-8")
    from croissant_tools.publishing.snippets import snippets

    found = snippets(result.facts, croissant="cancer/croissant.json", card_folder="cancer",
                     found=result.configs)  # fmt: skip
    assert [s.title for s in found] == [
        "croissant-tools (command line)",
        "croissant-tools (Python)",
        "mlcroissant",
        "Hugging Face datasets",
    ]
    for snippet in found:  # the page shows these very snippets
        assert str(escape(snippet.code.splitlines()[-1])) in page
    assert "default/id" in run_python(found[1].code)
    assert "default/diagnosis" in run_python(found[2].code)
    assert "'diagnosis'" in run_python(found[3].code)
    command = found[0].code.split()[1:]
    assert main(command) == 0
