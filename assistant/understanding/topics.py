"""Topic words (what a question is about, once its filters are taken out) and corpus evidence.

Topic words are the segmenter's words in the unclaimed text, minus question and function words
and words that name nothing in particular (臺北市, 市長, 明天). A topic word is evidence that the
question is about the corpus when the corpus uses it; `明天臺北天氣如何` and `蔣市長的生日是哪一天`
have no such word, `臺北捷運單程票價多少錢` has 捷運 and is left to retrieval to judge.
"""

import re

from assistant.text.segment import STOP_TOKENS, Segmenter
from assistant.understanding.question import QuestionText

_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9.\-]*[a-z0-9]")

# Question and function words: how a question is asked, not what it is about.
QUESTION_WORDS = frozenset("""
哪些 有哪些 哪一項 哪一 哪幾 哪幾項 哪個 哪天 哪一天 哪一年 什麼 甚麼 什麼時候 何時 如何 怎麼 怎樣 怎麼樣 為什麼 為何
多少 多少錢 多少項 多少個 幾項 幾個 幾場 幾人 幾座 幾則 是否 請問 一下 告訴 列出 列舉 說明 介紹 內容 包含 包括 底下
目前 現在 現況 情形 情況 狀況 進度 成果 結果 做了 做些 進行 辦理 已經 還在 仍在 仍然 還有 共有 總共 一共 分別 各是 其中
那麼 這些 那些 這份 這個 那個 這項 那項 屬於 方面 相關 有關 關於 部分 所有 全部 總計 了嗎 好了 有沒有 是不是 可以 能否
仍為 仍是 還是 裡有 下有 中有 少則 剩幾項 剩下 各項 沒有 主題 策略主題 底下 之中 當中 以下 以上 分別是 各是多少
有多少 是多少 為多少 有幾 多少人 幾人 有幾項 有幾個
""".split())
# Words that name nothing in particular: true of every document, or of no document.
GENERIC_WORDS = frozenset("""
臺北 臺北市 北市 本市 全市 市府 市政府 臺北市政府 北市府 本府 政府 市長 市民 城市 今年 明年 去年 明天 今天 昨天 後天 時候
問題 資料 資訊 東西 事情 地方 大家 我們 你們 他們 一年 每年 年度
""".split())
ENGLISH_STOP = frozenset("""
a an the of in on at to for from by with and or not no is are was were be been being do does did done has have had
what which who whom whose when where why how many much there their its it this that these those them they i we you
me my our your please tell show list give about any all each some ones one still yet also only as into than then
city taipei taipei's government mayor year years
""".split())


def topic_words(question: QuestionText, segmenter: Segmenter, vocabulary: frozenset[str]) -> list[str]:
    """Content words of the unclaimed text, in order, without repeats.

    In an English question only Latin words the corpus itself uses count (YouBike, MICE); the
    glossary supplies the Chinese words for the rest.
    """
    words: list[str] = []
    for word in segmenter.cut(question.masked):
        word = word.lower()
        if _HAN_WORD.fullmatch(word):
            if word not in STOP_TOKENS and word not in QUESTION_WORDS and word not in GENERIC_WORDS:
                words.append(word)
        elif _LATIN_WORD.fullmatch(word) and word not in ENGLISH_STOP:
            if question.language == "zh" or word in vocabulary:
                words.append(word)
    return list(dict.fromkeys(words))


def known_words(words: list[str], vocabulary: frozenset[str]) -> list[str]:
    """The words the corpus uses: evidence that the question is about it."""
    return [w for w in words if w in vocabulary]
