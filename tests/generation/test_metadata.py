"""The metadata file, provenance flags, placeholders and ``init``: every profile is reachable
from flags and YAML alone (issue 12, item 3)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from croissant_tools.cli import main
from croissant_tools.errors import UsageError
from croissant_tools.generation import describe
from croissant_tools.generation.init_cli import QUESTIONS, ask_all, render
from croissant_tools.generation.metadata import read_terms
from croissant_tools.validation import validate

FLAGS = ["--license", "CC-BY-4.0", "--url", "https://example.org/d", "--creator", "Zoë Ünal"]
RAI = """\
dataCollection: Written by hand for the tests.
dataUseCases: [Testing generators., Teaching.]
dataLimitations: Tiny.
dataBiases: Only made-up names.
personalSensitiveInformation: None; every name is invented.
dataSocialImpact: None expected.
hasSyntheticData: true
"""


def messy_table(root: Path) -> Path:
    """A CSV with nulls, dates and unicode: what real data looks like."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "people.csv").write_text(
        "id,name,born,score\n1,Zoë,1990-01-02,1.5\n2,李雷,,\n3,Ana María,2001-12-31,3\n",
        encoding="utf-8",
    )
    return root


def test_neurips_from_files_with_flags_and_yaml_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = messy_table(tmp_path / "data")
    rai = tmp_path / "rai.yaml"  # outside the data: PROV-O keys are accepted here too
    rai.write_text(RAI + "prov:wasGeneratedBy: Typed in by the test suite.\n", encoding="utf-8")
    args = ["generate", str(data), *FLAGS, "--description", "People, made up."]
    args += ["--derived-from", "https://example.org/raw", "--rai-config", str(rai)]
    assert main([*args, "--profile", "neurips", "-q"]) == 0
    assert capsys.readouterr().err == ""  # -q: errors only
    assert main(["validate", str(data / "croissant.json"), "--profile", "neurips"]) == 0
    doc = json.loads((data / "croissant.json").read_text())
    assert doc["prov:wasDerivedFrom"] == {"@id": "https://example.org/raw"}
    assert doc["prov:wasGeneratedBy"]["name"] == "Typed in by the test suite."
    assert doc["rai:hasSyntheticData"] is True
    assert doc["conformsTo"][1].endswith("/RAI/1.0")


def test_generate_refuses_what_the_profile_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = messy_table(tmp_path / "data")
    assert main(["generate", str(data), *FLAGS, "--profile", "neurips"]) == 1
    err = capsys.readouterr().err
    assert "under the neurips profile" in err
    for code in ("CR410", "CR412", "CR414"):  # RAI, provenance, placeholder description
        assert code in err
    assert not (data / "croissant.json").exists()


def test_placeholder_description_warns_then_fails(tmp_path: Path) -> None:
    data = messy_table(tmp_path / "data")
    assert main(["generate", str(data), *FLAGS, "-q"]) == 0  # core: written, with a note
    path = data / "croissant.json"
    assert validate(path).valid
    recommended = validate(path, profile="recommended")
    assert recommended.valid and "CR405" in {i.code for i in recommended.warnings}
    neurips = validate(path, profile="neurips")
    assert "CR414" in {i.code for i in neurips.errors}


def test_metadata_file_sets_everything_and_flags_win(tmp_path: Path) -> None:
    data = messy_table(tmp_path / "data")
    meta = data / "croissant.yaml"  # inside the folder: not described as a data file
    meta.write_text(
        "name: people\ndescription: Made-up people.\nlicense: [MIT, CC-BY-4.0]\n"
        "url: https://example.org/people\ncreators:\n  - Ann,ann@example.org\n"
        "  - {name: Lab, '@type': sc:Organization}\npublisher: Example Lab\n"
        "datePublished: 2024-06-01\nversion: 2\nkeywords: people, unicode\n"
        "citeAs: '@misc{people, title={People}}'\ninLanguage: [en, zh]\n"
        "dateCreated: 2023-01-01\ndateModified: 2024-06-01\nsdLicense: CC0-1.0\n"
        "sameAs: https://example.org/mirror\nprov:wasDerivedFrom:\n"
        "  - {name: census, url: https://example.org/census}\n"
        "fields:\n  people/born: Date of birth, when known.\n  score: Made-up score.\n"
        "recordSets:\n  people: One row per person.\n",
        encoding="utf-8",
    )
    doc = describe(data, metadata=meta, name="people-v2").document
    assert doc["name"] == "people-v2"  # the argument wins over the file
    assert doc["license"][1].endswith("/CC-BY-4.0.html")
    assert doc["datePublished"] == "2024-06-01" and doc["version"] == "2"
    assert doc["keywords"] == ["people", "unicode"]
    assert doc["publisher"] == {"@type": "sc:Organization", "name": "Example Lab"}
    assert doc["creator"][1]["@type"] == "sc:Organization"
    assert doc["prov:wasDerivedFrom"]["url"] == "https://example.org/census"
    assert doc["sdLicense"] == "https://spdx.org/licenses/CC0-1.0.html"
    assert [d["contentUrl"] for d in doc["distribution"]] == ["people.csv"]
    people = doc["recordSet"][0]
    assert people["description"] == "One row per person."
    fields = {f["name"]: f for f in people["field"]}
    assert fields["born"]["description"] == "Date of birth, when known."
    assert list(fields["score"])[:4] == ["@type", "@id", "name", "description"]
    report = validate(doc)
    assert report.valid, report.errors
    assert not [i for i in validate(doc, profile="recommended").warnings if i.code == "CR401"]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("prov:wasDerivedFom: x\n", "did you mean wasDerivedFrom"),
        ("datePublised: 2024-01-01\n", "did you mean datePublished"),
        ("dataBias: x\n", "did you mean dataBiases"),
        ("keywords: {a: 1}\n", "keywords: must be text or a list"),
        ("fields: [a]\n", "fields: must map ids or names"),
    ],
)
def test_typos_and_bad_values_are_named(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "meta.yaml"
    path.write_text(yaml_text)
    with pytest.raises(UsageError, match=message):
        read_terms(path)


def test_descriptions_for_unknown_or_ambiguous_fields(tmp_path: Path) -> None:
    data = messy_table(tmp_path / "data")
    (data / "more.csv").write_text("key,score\na,1\n")
    with pytest.raises(UsageError, match="did you mean people/score"):
        describe(data, metadata={"fields": {"people/scor": "x"}})
    with pytest.raises(UsageError, match="ambiguous"):
        describe(data, metadata={"fields": {"score": "x"}})


def test_missing_required_fails_before_reading_and_yaml_can_supply_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = messy_table(tmp_path / "data")
    assert main(["generate", str(data)]) == 2
    assert "--license SPDX, --url URL, --creator NAME" in capsys.readouterr().err
    meta = tmp_path / "m.yaml"
    meta.write_text("license: MIT\nurl: https://example.org\ncreator: Ann\n")
    assert main(["generate", str(data), "--metadata", str(meta), "-q"]) == 0


def test_init_asks_checks_and_writes_a_file_generate_accepts(tmp_path: Path) -> None:
    data = messy_table(tmp_path / "data")
    answers = [
        "",  # name: the default (folder name)
        "People, made up for the tests.",
        "not a licence",  # asked again
        "CC-BY-4.0",
        "https://example.org/people",
        "Zoë Ünal,zoe@example.org",
        "",  # no more creators
        "2024-06-01",
        "1.0.0",
        "people, unicode",
        "https://example.org/raw",
        "",
        "Typed in by hand.",
        "By hand.",
        "Tests.",
        "Tiny.",
        "None known.",
        "None.",
        "None expected.",
        "perhaps",  # asked again
        "yes",
    ]
    out = io.StringIO()
    found = ask_all(io.StringIO("\n".join(answers) + "\n"), out, {"name": "data"})
    assert "answer yes or no" in out.getvalue() and "SPDX" in out.getvalue()
    assert found["name"] == "data" and found["hasSyntheticData"] is True
    meta = data / "croissant.yaml"
    meta.write_text(render({k: v for k, v in found.items() if v not in (None, "", [])}))
    assert main(["generate", str(data), "--metadata", str(meta), "--profile", "neurips"]) == 0
    assert main(["validate", str(data), "--profile", "neurips", "-q"]) == 0


def test_init_without_input_writes_todos_that_neurips_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = messy_table(tmp_path / "data")
    assert main(["init", str(data), "--no-input"]) == 0
    assert "next: croissant-tools generate" in capsys.readouterr().err
    text = (data / "croissant.yaml").read_text()
    assert all(f"{q.key}:" in text for q in QUESTIONS)
    assert main(["init", str(data), "--no-input"]) == 2  # never replaced silently
    meta = str(data / "croissant.yaml")
    capsys.readouterr()
    assert main(["generate", str(data), "--metadata", meta, "-q"]) == 2
    assert "license 'TODO: Licence" in capsys.readouterr().err  # the key to fill in is named
    filled = yaml.safe_load(text)
    filled.update(license="MIT", url="https://example.org", creators=["Ann"], wasDerivedFrom=[])
    (data / "croissant.yaml").write_text(render(filled))
    assert main(["generate", str(data), "--metadata", meta, "--profile", "neurips", "-q"]) == 1
    err = capsys.readouterr().err
    assert "CR411" in err and "CR414" in err  # TODO is a placeholder, in RAI and description


def test_init_end_of_input_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("only a name\n"))
    assert main(["init", str(messy_table(tmp_path / "d"))]) == 2
    assert "end of input" in capsys.readouterr().err
