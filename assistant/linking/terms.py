"""Content words of a question that no name claimed, and whether the corpus uses them at all.

What is left of an ask once names, years, codes, cue words and schema words are claimed is either
what the ask is about (敬老卡, 空拍機, 巨蛋) or how it is asked. The second kind is told apart by
grammar, never by a list of phrasings:
- closed word classes: pronouns and demonstratives, deictic time words (目前, 這幾年, 最近),
  discourse and politeness markers (請問, 麻煩, 幫我), interrogatives; and English function words;
- the dictionary's part of speech: verbs, adverbs, prepositions, particles and measure words
  describe an action or the asking (做了, 擴大, 調到), not a thing; what is left are nouns and
  words the dictionary does not know (mostly names);
- aspect nouns: a noun right after an interrogative (什麼立場, 哪些用途, 有何特色), right before a
  question about manner (成效如何), or closing the ask right after a name (執行率變化, 失業率的趨勢)
  names what is asked about the subject, not the subject, when the
  ask has a subject of its own (敬老卡…哪些用途); alone (天氣如何) it is the subject. These are marked,
  and the reader decides.
A content word is *grounded* when the corpus text contains it, or, for three characters or more,
a form one edit away (a typo), or when it shortens a name the corpus prints, keeping its characters
in order (職災 for 職業災害…, `assistant.text.runs.kept_in_order`). An ask whose content word is
grounded nowhere is about something the corpus does not hold.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.linking.linker import may_be_plural
from assistant.text.normalize import HAN, match_key
from assistant.text.runs import elided, kept_in_order
from assistant.text.segment import ENGLISH_FUNCTION_WORDS, Segmenter, WordTags, dictionary_tags
from assistant.understanding.question import MASK, QuestionText

_PRONOUNS = frozenset("我 你 您 他 她 它 我們 你們 他們 她們 它們 這 那 這個 那個 這些 那些 這份 那份 這項 那項 "
                      "這種 那種 這樣 那樣 此 其 本 該 各 每 某 自己 大家 這邊 那邊 這裡 那裡 這次 那次".split())
_DEICTIC_TIME = frozenset("目前 現在 現時 如今 當前 今年 去年 明年 前年 後年 近年 近來 最近 這幾年 近幾年 這些年 這陣子 "
                          "未來 過去 以前 之前 之後 以後 後來 當時 那時 此時 屆時 年底 年初 年中 上半年 下半年 今天 昨天 明天 每年 每一年 歷年 逐年 "
                          "時候 期間 目前為止 迄今 至今 為止 當年 當年度 該年 該年度 同年 同一年 那年 那一年".split())
_DISCOURSE = frozenset("請問 請 麻煩 幫我 幫忙 告訴 告訴我 想知道 想問 想了解 了解 一下 可以 能否 能不能 是否 有沒有 "
                       "是不是 謝謝 拜託 好奇 問題 資料 資訊 東西 事情 案子 部分 方面 情況 順便 話題 換個話題".split())
INTERROGATIVES = frozenset("什麼 甚麼 哪 哪些 哪個 哪裡 哪位 哪一 哪幾 哪種 何種 誰 多少 幾 如何 怎麼 怎樣 怎麼樣 為什麼 "
                      "為何 何時 何處 哪天 哪一天 是否".split())
# Words that point at a set or say how much of it: 其中, 裡面, 全部, 總共.
_POINTERS = frozenset("其中 裡面 當中 之中 其餘 其他 以上 上述 前述 全部 所有 全數 總共 一共 共計 合計 總計 各自 分別 "
                      "各項 每項 每個 一起 共同".split())
# Words for government bodies in general (哪個局處, 其他機關): they ask for an agency, they name none.
_BODIES = frozenset("局處 機關 單位 部門 政府 市府 機構 局 處".split())
# Words for a document in general (這份簡報, 報告裡, 投影片上寫): they point at the documents asked about,
# as a pronoun does, and name no subject; the documents are named by their titles.
_DOCUMENTS = frozenset("文件 簡報 簡報檔 投影片 報告 報告書 書面 檔案 表格 一覽表".split())
# Where in a document (其開頭提到, 結尾寫到): a position, not a subject.
_POSITIONS = frozenset("開頭 開端 結尾 末尾 首頁 封面 封底 前言 文末 篇首".split())
# Nouns of place relative to something named (綱要下面, 表格上面, 這類底下): the closed class of localizers.
_LOCALIZER_NOUNS = frozenset("上面 下面 前面 後面 裡頭 外面 旁邊 底下 之下 之上 之內 之外 以下 以內 以外 上頭 下頭 "
                             "上方 下方 內部".split())
def leading_body(text: str) -> str | None:
    """The word for government bodies in general that `text` opens with (機關進駐 → 機關), if any."""
    return next((b for b in sorted(_BODIES, key=len, reverse=True) if text.startswith(b)), None)


_CLOSED = _PRONOUNS | _DEICTIC_TIME | _DISCOURSE | INTERROGATIVES | _POINTERS | _BODIES | _DOCUMENTS | _POSITIONS \
    | _LOCALIZER_NOUNS
# A numeral with a classifier (一個, 兩位), after a pointer or not (這四年, 那兩項, 近三年: the years or rows
# just named), counts, it names nothing; nor does any word holding an interrogative (剩幾項, 多少錢, 有什麼,
# 哪一項, 是誰), 多 before a one-character adjective of degree included (多久, 多快, 多遠: how long, how fast,
# how far).
_COUNTING = re.compile(r"^(?:這|那|近|過去|最近)?[一二兩三四五六七八九十百幾數多]+[個項位件條列筆名次場則家處種類年步大份張篇本組座批頁]?$"
                       r"|幾|多少|什麼|甚麼|哪|誰|如何|怎"
                       r"|多[久快遠長高早晚]")
# After the passive 被 (或 把/將 before the object) comes a verb: 被標示.
_PASSIVE = re.compile(r"(?:被|遭|受到?)$")
_ENGLISH_FUNCTION = ENGLISH_FUNCTION_WORDS | frozenset("""
many much more most any some all each every other such than then also only just still yet as so if please tell show
list give name find let know want like one ones get got make made city taipei taipei's government year years
altogether set sets reach reached achieve achieved reported
document documents report reports slide slides deck presentation file
""".split())  # how much is asked, the asking, the city itself, verbs of setting or reaching a figure (設定, 達成),
# and words for a document in general (the slides say, in the report)
# `in total` says how much of a set is counted, as 總共 does; `total` alone names a total (total headcount: 合計).
_IN_TOTAL = re.compile(r"(?ai)\bin\s+$")
# A noun right after an interrogative (什麼立場, 哪些用途, 有何特色) or before a manner question (成效如何).
_ASPECT_BEFORE = re.compile(r"(?:什麼|甚麼|哪些|哪種|何種|哪一些|有何|哪方面的|什麼樣的?)$")
_ASPECT_AFTER = re.compile(r"^(?:如何|怎樣|怎麼樣|為何|是什麼|是怎樣|有哪些|在哪|到哪)")
# A noun closing the ask right after a name (執行率變化, 失業率的趨勢): the head of 「name的noun」 is
# what is asked about the name.
_AFTER_NAME = re.compile(rf"{re.escape(MASK)}\s*的?\s*$")
# A name, then a demonstrative with a classifier (成立青年局這項…): the noun after them only says what
# kind of thing the name is.
_APPOSITION = re.compile(rf"{re.escape(MASK)}\s*[這那該此]一?(?:項|個|件|筆)\s*$")
_ASK_END = re.compile(r"^[\s?？。!！]*$")
_FUNCTION_TAGS = ("V", "ADV", "C", "P", "T", "POST", "ASP", "M", "DM", "A")
# Characters that alone are particles, adverbs, conjunctions or prepositions: inside a word neither the
# dictionary nor the corpus knows, they mark pieces glued across a boundary.
_GLUE_TAGS = ("ADV", "T", "ASP", "C", "P")
# Two-character pieces the segmenter glues across a claimed name: a determiner with a classifier
# (這一, 每項) or a one-character word with a localizer (表裡, 會中).
_DETERMINERS = frozenset("這那此該每各本某其")
_SPEAKERS = frozenset("我你您")  # the asker and the one asked
_LOCALIZERS = frozenset("裡中內上下後前外間時底")
_HAN_WORD = re.compile(f"[{HAN}]{{2,}}")
_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9.\-]*[a-z0-9]|[a-z]")
_YEAR = re.compile(r"\d{2,4}年?度?")
MIN_EDIT_CHARS = 3


def word_tags() -> WordTags:
    """Part of speech of every word in the Taiwan dictionary (台 folded to 臺, like the text).

    Read on first use, so questions answered from names alone never pay for it."""
    return dictionary_tags()


@dataclass(frozen=True)
class ContentTerm:
    text: str
    start: int
    end: int
    grounded: bool
    aspect: bool = False  # right after an interrogative or before a manner question: what is asked about


class TermReader:
    """Content words of an ask, and grounding against one corpus text."""

    def __init__(self, segmenter: Segmenter, corpus_text: str, corpus_words: frozenset[str] = frozenset(),
                 names: tuple[str, ...] = (), max_contraction_gap: int = 0, titles: tuple[str, ...] = (),
                 min_elided_run: int = 0):
        """`names`: the corpus's names (items, KPIs, headings …) a short form may shorten; `titles`: the
        documents' titles, which a quote may give with parts left out, as may it a name."""
        self._segmenter = segmenter
        self._corpus_key = match_key(corpus_text)
        self._corpus_words = corpus_words
        self._names = tuple(dict.fromkeys(key for key in map(match_key, names) if _HAN_WORD.search(key)))
        self._max_gap = max_contraction_gap
        self._quotable = self._names + tuple(dict.fromkeys(map(match_key, titles)))
        self._min_elided_run = min_elided_run

    def printed(self, phrase: str) -> bool:
        """The corpus prints the phrase as it is (compared in match_key form), with no edit allowed."""
        return match_key(phrase) in self._corpus_key

    def quoted_in_part(self, phrase: str) -> bool:
        """The phrase is a name or a title of the corpus with parts left out (see `runs.elided`)."""
        key = match_key(phrase)
        return bool(self._min_elided_run) and any(elided(key, name, self._min_elided_run) for name in self._quotable)

    def grounded(self, term: str) -> bool:
        """The corpus uses the word, or (three characters or more) a word one edit from it, or the word
        shortens a corpus name."""
        key = match_key(term)
        if not key:
            return True
        if key in self._corpus_key:
            return True
        if not _HAN_WORD.fullmatch(key):
            return False
        if any(kept_in_order(key, name, self._max_gap) for name in self._names if len(name) > len(key)):
            return True
        if len(key) < MIN_EDIT_CHARS:
            return False
        threshold = 100.0 * (1 - 1 / len(key))  # one character of the term differs
        return fuzz.partial_ratio(key, self._corpus_key, score_cutoff=threshold - 0.01) > 0

    def corpus_form(self, word: str) -> str:
        """An English plural the corpus prints only in the singular (MOUs for MOU), as the corpus prints
        it; any other word as it is."""
        if word.isascii() and may_be_plural(word) and not self.printed(word) and self.printed(word[:-1]):
            return word[:-1]
        return word

    def _cut(self, text: str) -> list[tuple[str, bool]]:
        """The segmenter's words, each with whether it was joined: a one-character noun is joined to the
        word beside it when the corpus prints the two together (投遞 | 櫃 → 投遞櫃), a compound noun the
        dictionary does not know, cut into a verb and a character that alone names nothing."""
        words = list(self._segmenter.cut(text))
        joined: list[tuple[str, bool]] = []
        index = 0
        while index < len(words):
            word = words[index]
            if _HAN_CHAR.fullmatch(word) and word_tags().get(word) == "N":
                before = joined[-1][0] if joined else ""
                after = words[index + 1] if index + 1 < len(words) else ""
                if _HAN_WORD.fullmatch(before) and self.printed(before + word):
                    joined[-1] = (before + word, True)
                    index += 1
                    continue
                if _HAN_WORD.fullmatch(after) and self.printed(word + after):
                    joined.append((word + after, True))
                    index += 2
                    continue
            joined.append((word, False))
            index += 1
        return joined

    def content(self, question: QuestionText, start: int = 0, end: int | None = None) -> list[ContentTerm]:
        """Unclaimed content words within `start`..`end`, in order, without repeats."""
        text, masked = question.text, question.masked
        end = len(text) if end is None else end
        terms: list[ContentTerm] = []
        seen: set[str] = set()
        for word, at in self._unclaimed_words(text, masked, start, end):
            lowered = word.lower()
            acronym = word.isascii() and word.isupper() and len(word) >= 2  # AI, MOU, KPI
            if lowered in seen \
                    or not (acronym or self._is_content(lowered, masked, at, at + len(word), question)):
                continue
            if at and _COUNTING.search(text[at - 1:at + len(word)].lower()) and not _COUNTING.search(lowered):
                continue  # 多少家 cut as 多 | 少家: a piece of the interrogative before it, not a word
            if _APPOSITION.search(masked[:at]):
                continue  # 成立青年局這項政見: what the user calls the row named, not another subject
            seen.add(lowered)
            aspect = bool(_ASPECT_BEFORE.search(masked[:at]) or _ASPECT_AFTER.match(masked[at + len(word):])
                          or (_AFTER_NAME.search(masked[:at]) and _ASK_END.match(masked[at + len(word):end])))
            # 什麼降災對策: the noun phrase after the interrogative is the aspect, its head as much as its first word
            aspect = aspect or bool(terms and terms[-1].aspect and terms[-1].end == at
                                    and _ASPECT_BEFORE.search(masked[:terms[-1].start]))
            form = self.corpus_form(word)
            # an English word of an English ask is not looked for in Chinese text; a Chinese word is, in any ask
            english = question.language == "en" and form.isascii()
            terms.append(ContentTerm(form, at, at + len(word), english or self.grounded(form), aspect))
        return terms

    def _cut_at(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, bool, int]]:
        """The segmenter's words of `text[start:end]` (`_cut`), each with whether it was joined and its
        offset in `text`."""
        end = len(text) if end is None else end
        found: list[tuple[str, bool, int]] = []
        position = start
        for word, joined in self._cut(text[start:end]):
            at = text.find(word, position, end)
            if at >= 0:
                found.append((word, joined, at))
                position = at + len(word)
        return found

    def _unclaimed_words(self, text: str, masked: str, start: int, end: int) -> list[tuple[str, int]]:
        """The words of `text[start:end]` no detector claimed, each with its offset. Segmented as typed,
        so that claimed words do not leave broken pieces (幫我列一下 → 我列); a word the segmenter glued
        across a claimed one's edge (109年長照 cut as 109 | 年長照) leaves its unclaimed part, cut again."""
        found: list[tuple[str, int]] = []
        for word, _, at in self._cut_at(text, start, end):
            span = masked[at:at + len(word)]
            if MASK not in span:
                found.append((word, at))
                continue
            for piece in re.finditer(f"[^{re.escape(MASK)}]{{2,}}", span):  # 年長照 with 年 claimed: 長照
                found += [(part, inner) for part, _, inner in self._cut_at(text, at + piece.start(), at + piece.end())]
        return found

    def words(self, question: QuestionText, start: int = 0, end: int | None = None) -> list[str]:
        """Every word of the ask that is not function or asking, claimed or not (verbs, codes and filter
        words included: 提高, DP5.1, 達標), for scoring sentences; grounding uses `content` only."""
        found: list[str] = []
        for word, joined, _ in self._cut_at(question.text, start, end):
            lowered = word.lower()
            if lowered in found or lowered in _CLOSED or _COUNTING.search(lowered) or _YEAR.fullmatch(lowered):
                continue
            if _HAN_WORD.fullmatch(lowered):
                tags = word_tags()
                if lowered not in tags and len(lowered) > 2 and not joined:  # 提高到: the dictionary word it starts with
                    lowered = next((lowered[:n] for n in range(len(lowered) - 1, 1, -1) if lowered[:n] in tags), lowered)
                tag = tags.get(lowered, "N")
                if lowered in found or tag.startswith(("ADV", "C", "P", "T", "POST", "ASP", "M", "DM")):
                    continue
                found.append(lowered)
            elif _LATIN_WORD.fullmatch(lowered) and lowered not in _ENGLISH_FUNCTION and len(lowered) > 1:
                found.append(self.corpus_form(lowered))
        return found

    def _is_content(self, word: str, text: str, start: int, end: int, question: QuestionText) -> bool:
        if _LATIN_WORD.fullmatch(word):
            if word == "total" and _IN_TOTAL.search(text[:start]):
                return False
            return len(word) >= 2 and (question.language == "zh" or word not in _ENGLISH_FUNCTION and len(word) > 2)
        if not _HAN_WORD.fullmatch(word) or word in _CLOSED or _COUNTING.search(word):
            return False
        if _PASSIVE.search(text[:start]):
            return False
        if len(word) == 2 and (word[0] in _DETERMINERS or word[1] in _LOCALIZERS):
            return False
        if word[0] in _SPEAKERS and word not in self._corpus_words:
            return False  # 我要, 您想: the asker speaking (a dictionary may call 我要 a noun), not a subject
        tag = word_tags().get(word)
        if tag is not None and tag.startswith(_FUNCTION_TAGS):
            return False
        if word not in self._corpus_words and all((word_tags().get(char) or "").startswith(_GLUE_TAGS) for char in word):
            return False  # 還會: adverbs and particles throughout, whatever tag the dictionary gives the pair
        # Two characters neither the dictionary nor the corpus's own segmentation has as a word are a
        # piece the segmenter glued across a boundary (109年時開了 → 時開), whatever text holds them;
        # so is an unknown word holding a particle or an adverb (決算數又是多少 → 數又是).
        if tag is None and word not in self._corpus_words:
            glued = any((word_tags().get(char) or "").startswith(_GLUE_TAGS) for char in word[1:])
            # 施政綱要裡有標: a localizer opening an unknown word closes the name before it
            return not (len(word) == 2 or glued or (word[0] in _LOCALIZERS and MASK in text[max(0, start - 1):start]))
        return True
