"""Values derived from an index version are computed once, kept beside it, and never taken from
another version, other code, or a damaged file."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.derived import derived
from assistant.index.store import CURRENT, SearchIndex, load_version


@pytest.fixture
def index(settings: Settings) -> SearchIndex:
    """The fake-embedder index of the bundled corpus, in a private copy."""
    opened = load_version(settings.index_dir / (settings.index_dir / CURRENT).read_text().strip())
    yield opened
    opened.close()


@pytest.fixture
def code(tmp_path: Path) -> Path:
    """A stand-in for the source file of the module that computes the value."""
    path = tmp_path / "computing_module.py"
    path.write_text("RULES = 1\n", encoding="utf-8")
    return path


class Counter:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_computed_once_then_read_back(index, code):
    compute = Counter({"words": ["社會局", "托育"]})
    assert derived(index, "demo", [code], compute) == {"words": ["社會局", "托育"]}
    assert derived(index, "demo", [code], compute) == {"words": ["社會局", "托育"]}
    assert compute.calls == 1
    assert (index.folder / "derived-demo.json").is_file()


@pytest.mark.parametrize("damage", [b"", b"{not json", b"\xff\xfe", b"[1, 2]", b'{"key": 1}', b"null"])
def test_a_damaged_file_is_recomputed_not_an_error(index, code, damage):
    derived(index, "demo", [code], Counter([1, 2, 3]))
    (index.folder / "derived-demo.json").write_bytes(damage)
    compute = Counter([1, 2, 3])
    assert derived(index, "demo", [code], compute) == [1, 2, 3]
    assert compute.calls == 1
    assert json.loads((index.folder / "derived-demo.json").read_text(encoding="utf-8"))["value"] == [1, 2, 3]


def test_a_file_from_another_version_is_not_used(index, code, tmp_path):
    derived(index, "demo", [code], Counter("from this version"))
    other_folder = tmp_path / "other-version"
    shutil.copytree(index.folder, other_folder)
    other = load_version(other_folder)
    compute = Counter("from the other version")
    assert derived(other, "demo", [code], compute) == "from the other version"
    assert compute.calls == 1


def test_a_file_for_other_artifacts_is_not_used(index, code):
    """Same folder name, but the manifest records other artifacts (e.g. a rebuild in place)."""
    derived(index, "demo", [code], Counter("old build"))
    index.manifest["checksums"] = {**index.manifest["checksums"], "records.sqlite": "0" * 64}
    assert derived(index, "demo", [code], Counter("new build")) == "new build"


def test_a_file_written_by_other_code_is_not_used(index, code):
    derived(index, "demo", [code], Counter("old rules"))
    code.write_text("RULES = 2\n", encoding="utf-8")
    compute = Counter("new rules")
    assert derived(index, "demo", [code], compute) == "new rules"
    assert compute.calls == 1


def test_an_unwritable_folder_only_costs_speed(index, code, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only index folder")

    monkeypatch.setattr("assistant.atomic.tempfile.mkstemp", refuse)
    compute = Counter("value")
    assert derived(index, "demo", [code], compute) == derived(index, "demo", [code], compute) == "value"
    assert compute.calls == 2
    assert not list(index.folder.glob("*derived-demo*"))
