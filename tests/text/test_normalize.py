"""normalize / strip_markup / fold_width, on hand-written cases and on the real corpus lines the DATA-GUIDE names."""

from pathlib import Path

import pytest

from assistant.corpus.manifest import Corpus, load_corpus
from assistant.text.normalize import fold_width, normalize, strip_markup

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.mark.parametrize("raw, expected", [
    ("３", "3"),
    ("ＤC3完善創業服務", "DC3完善創業服務"),
    ("１０％", "10%"),
    ("台北市", "臺北市"),
    ("<p>提高行政效能</p>", "提高行政效能"),
    ("<b>顧客構面</b>", "顧客構面"),
    ("細懸浮微粒(PM <sub>2.5</sub> )", "細懸浮微粒(PM 2.5 )"),
    ("需求時<sup>1</sup>，才有", "需求時1,才有"),
    ("滿意度達**97.43%**", "滿意度達97.43%"),
    ("## 一、營造永續環境 (A)", "一、營造永續環境 (A)"),
    ("#### 四、優化產業勞動 (D)", "四、優化產業勞動 (D)"),
    ("## \\* 共通性參考指標", "* 共通性參考指標"),
    ("第一行<br>第二行", "第一行第二行"),
    ("總金 牌數", "總金牌數"),
    ("速處 輿情 反映", "速處輿情反映"),
    ("多元文化敏 感度", "多元文化敏感度"),
    ("DC1.1失業率 3.8 3.8 3.8 勞動局", "DC1.1失業率 3.8 3.8 3.8 勞動局"),
    ("2023 FIBA 3x3 臺北挑戰賽", "2023 FIBA 3x3 臺北挑戰賽"),
    ("  多個   空白  ", "多個空白"),
    ("a   b", "a b"),
    ("都市發展局\t社會局", "都市發展局\t社會局"),
    ("甲 \t 乙", "甲\t乙"),
    ("甲 \n\n 乙", "甲\n乙"),
    ("零寬\u200b空白", "零寬空白"),
    ("全形\u3000空白", "全形空白"),
])
def test_normalize_forms(raw, expected):
    assert normalize(raw) == expected


def test_normalize_is_idempotent_on_every_corpus_line(corpus):
    for doc in corpus.documents:
        for number, line in enumerate(doc.lines, 1):
            once = normalize(line)
            assert normalize(once) == once, f"{doc.file}:{number}"


def test_normalized_corpus_has_no_markup_no_tai_and_no_full_width(corpus):
    text = "\n".join(normalize(line) for doc in corpus.documents for line in doc.lines)
    for leftover in ("<p>", "</p>", "<b>", "<sub>", "<sup>", "**", "台", "３", "Ｄ", "％"):
        assert leftover not in text, leftover


def test_corpus_lines_named_in_the_data_guide(corpus):
    perf = corpus.get("004_d9643f6566d7e10e.txt")
    assert normalize(perf.line(49)).startswith("速處輿情反映\t(一)深化媒體聯繫 1. 即時提供")
    assert "減少人力虛耗等待" in normalize(perf.line(43))
    strategy = corpus.get("001_f78f01ac8dc70682.txt")
    assert normalize(strategy.line(3)) == "前言"
    assert normalize(strategy.line(227)) == "CP8.2 本市參加全國運動會金牌數佔總金牌數百分比\t體育局"
    assert normalize(strategy.line(38)) == "AC2.2 臭氧(O 3 年平均濃度)\t環保局"
    slides = corpus.get("002_78da4e83f284eb3d.txt")
    assert normalize(slides.line(3830)) == "DP3.1科技園區廠商登記家數成長率 3.1 3.2 3 產業局"
    assert normalize(slides.line(3484)) == "DC3完善創業服務"


def test_strip_markup_keeps_script_and_width():
    assert strip_markup("<p>台北 ３</p> <p>**第二段**</p>") == "台北 ３ 第二段"
    assert strip_markup("\t<p>提高行政效能</p>\t") == "\t提高行政效能\t"
    assert strip_markup("# 前言") == "前言"


def test_fold_width_keeps_length_and_chinese_punctuation():
    raw = "ＤC3 １２．５％，２,０００－１"
    folded = fold_width(raw)
    assert folded == "DC3 12.5%，2,000-1"
    assert len(folded) == len(raw)


def test_match_key_keeps_name_characters_only():
    from assistant.text.normalize import match_key, match_key_with_positions

    assert match_key("資本支出預算 達成率（EF1.1）") == match_key("資本支出預算達成率(ef1.1)") == "資本支出預算達成率ef1.1"
    key, positions = match_key_with_positions("請問 AB1.1？", keep="|")
    assert key == "請問ab1.1" and positions[2] == 3


def test_variant_forms_of_one_character_fold_to_one():
    assert normalize("祕書處與台北") == normalize("秘書處與臺北") == "秘書處與臺北"
    assert normalize("櫃台") == normalize("櫃檯") == normalize("櫃臺")
    assert normalize("行動計劃與規劃") == normalize("行動計畫與規畫")
    assert normalize("北巿的都巿計畫") == "北市的都市計畫"  # 巿, a look-alike typed for 市
