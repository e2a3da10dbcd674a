"""Simplified → Taiwan Traditional: Simplified questions are converted, Traditional text never changes."""

from pathlib import Path

import pytest

from assistant.corpus.manifest import Corpus, load_corpus
from assistant.text.script import looks_simplified, to_simplified, to_traditional

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.mark.parametrize("simplified, traditional", [
    ("社会局 托育", "社會局 托育"),
    ("台北市社会局", "臺北市社會局"),
    ("臺北市社会局", "臺北市社會局"),  # mixed: one Simplified, one Traditional-only character
    ("什么是长青乐龄", "什麼是長青樂齡"),
    ("关于社区照顾关怀据点", "關於社區照顧關懷據點"),  # s2twp would give 社群
    ("数据", "數據"),  # s2twp would give 資料
    ("台风", "颱風"),
])
def test_simplified_is_converted(simplified, traditional):
    assert looks_simplified(simplified)
    assert to_traditional(simplified) == traditional


@pytest.mark.parametrize("text", [
    "臺北市政府社會局",
    "資訊局", "計程車", "軟體", "網路",
    # Traditional words that OpenCC s2tw/s2twp would rewrite (社區→社群, 里長→裡長, 干擾→幹擾 …).
    "社區", "項目", "數據", "對象", "程序", "文件傳遞效率", "支持", "設置",
    "里長", "干擾", "污水", "占比", "台北",
    "松山地所", "周榆修局長",
])
def test_traditional_text_is_unchanged(text):
    assert not looks_simplified(text)
    assert to_traditional(text) == text


def test_every_corpus_line_is_left_as_is(corpus):
    # 000 L13 has one stray Simplified 脚 among Traditional text: still not converted.
    assert "脚" in corpus.get("000_a326a7c91818490c.txt").line(13)
    for doc in corpus.documents:
        for number, line in enumerate(doc.lines, 1):
            assert to_traditional(line) == line, f"{doc.file}:{number}"


def test_to_simplified():
    assert to_simplified("臺北市政府社會局") == "台北市政府社会局"
    assert to_simplified("關鍵績效指標") == "关键绩效指标"


def test_plain_ascii_and_empty_text_are_not_simplified():
    assert not looks_simplified("")
    assert not looks_simplified("DC2.1 540 101.3%")
    assert to_traditional("") == ""


def test_script_sets_read_back_from_disk_equal_opencc_derived_ones(tmp_path, monkeypatch):
    """The sets are cached on disk (no OpenCC load in a new process); a damaged file is derived again."""
    import tempfile

    from assistant.text import script

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    derived = script._derive_script_sets()
    assert script._script_sets.__wrapped__() == derived
    (cached,) = tmp_path.glob("policy-qa.script_sets.*.cache")
    monkeypatch.setattr(script, "_derive_script_sets", lambda: pytest.fail("derived again"))
    assert script._script_sets.__wrapped__() == derived
    cached.write_bytes(b"not a marshal blob")
    monkeypatch.setattr(script, "_derive_script_sets", lambda: derived)
    assert script._script_sets.__wrapped__() == derived
    assert cached.read_bytes() != b"not a marshal blob", "the damaged file is replaced"
