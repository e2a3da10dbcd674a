"""The reading of whole questions: intent and every filter that matters, over many phrasings.

Inputs include questions of evals/dev.jsonl; the expected filters are read off the question itself
(which agency, role, status, year, code it names), never copied from the dev set's answers.
"""

import json

import pytest

from assistant.errors import QueryError
from assistant.understanding.models import Understanding
from tests.understanding.files import FILE_000, FILE_001, FILE_002, FILE_003, FILE_004, PROJECT

ITEMS = dict(record_type="progress_item", files=[FILE_000])

CASES = [
    # agencies and roles, any spelling, either script or language
    ("社會局主辦的項目有哪些?", dict(intent="list", agency="社會局", agency_role="lead", subject="item", **ITEMS)),
    ("社會局的項目有哪些", dict(intent="list", agency="社會局", agency_role="lead", **ITEMS)),
    ("台北市社会局主办的项目", dict(intent="list", agency="社會局", agency_role="lead", **ITEMS)),
    ("体育局主办的项目有哪些？", dict(intent="list", agency="體育局", agency_role="lead", **ITEMS)),
    ("民政局主办了哪些项目？", dict(intent="list", agency="民政局", agency_role="lead")),
    ("都发局主办几项？", dict(intent="count", agency="都市發展局", agency_role="lead", **ITEMS)),
    ("都市發展侷主辦的項目有哪些？", dict(intent="list", agency="都市發展局", agency_role="lead")),
    ("社會侷協辦幾個項目？", dict(intent="count", agency="社會局", agency_role="co", **ITEMS)),
    ("觀傳局主辦幾項？", dict(intent="count", agency="觀光傳播局", agency_role="lead")),
    ("產業局協辦的項目有哪些？", dict(intent="list", agency="產業發展局", agency_role="co")),
    ("資訊局有協辦哪些項目？", dict(intent="list", agency="資訊局", agency_role="co")),
    ("捷運公司主辦或協辦了哪些項目？", dict(intent="list", agency="臺北大眾捷運股份有限公司", agency_role="lead_or_co")),
    ("捷運局主辦的項目有哪些", dict(intent="list", agency="捷運工程局", agency_role="lead")),
    ("原民會主辦的項目中還有哪些在執行中？", dict(intent="list", agency="原住民族事務委員會", status="B")),
    ("Which items led by the Department of Social Welfare are still in progress?",
     dict(intent="list", language="en", agency="社會局", agency_role="lead", status="B", **ITEMS)),
    ("Which Fire Department-led items are marked as completed or routine (status A)?",
     dict(intent="list", agency="消防局", agency_role="lead", status="A")),
    ("Which white-paper items list the Department of Personnel (人事處) as a co-organizer?",
     dict(intent="list", language="en", agency="人事處", agency_role="co", **ITEMS)),
    ("Which items is Social Welfare involved in?", dict(intent="list", agency="社會局", agency_role="lead_or_co")),
    ("Department of Education led items that are ongoing", dict(intent="list", agency="教育局", status="B")),
    # KPI roles
    ("107年施政綱要中，消防局主責的關鍵績效指標有哪些？",
     dict(intent="list", agency="消防局", agency_role="kpi", years=[107], files=[FILE_001], record_type="strategy_kpi",
          subject="kpi")),
    ("翡管局在107年施政綱要主責哪些KPI?", dict(intent="list", agency="翡翠水庫管理局", agency_role="kpi", years=[107])),
    ("Which 2018 (107) KPIs is the Police Department responsible for?",
     dict(intent="list", agency="警察局", agency_role="kpi", years=[107], record_type="strategy_kpi")),
    ("107年施政綱要「優化產業勞動」主題中，勞動局主責的KPI有哪些？",
     dict(intent="list", agency="勞動局", agency_role="kpi", group="D", files=[FILE_001])),
    ("How many KPIs is the Department of Health responsible for in 2018?",
     dict(intent="count", agency="衛生局", agency_role="kpi", years=[107])),
    # status
    ("社會局主辦、仍為B執行中的項目有哪些?", dict(intent="list", agency="社會局", agency_role="lead", status="B")),
    ("勞動局主辦且已完成的項目有哪些？", dict(intent="list", agency="勞動局", status="A")),
    ("都發局主辦的項目中，哪些是A已完成或例行性業務？", dict(intent="list", agency="都市發展局", status="A")),
    ("教育局主辦的項目有幾項仍在執行中?", dict(intent="count", agency="教育局", status="B")),
    ("B執行中的項目共有幾項?", dict(intent="count", status="B", agency=None, **ITEMS)),
    ("市政白皮書112年下半年辦理情形一覽表中，A已完成或例行性業務的項目有幾項？",
     dict(intent="count", status="A", years=[112], **ITEMS)),
    ("How many items are completed?", dict(intent="count", status="A", **ITEMS)),
    ("社宅分級租金的辦理情形", dict(intent="free", status=None, files=[FILE_000])),
    ("捷運東環段什麼時候完成？", dict(intent="lookup", status=None)),
    ("SOP定期檢視完成度有哪些主責機關", dict(status=None, kpi_name="SOP 定期檢視完成度", files=[FILE_001])),
    # labels and progress-table filters
    ("綱要「性別友善」底下有哪些政策項目？", dict(intent="list", outline="性別友善", category=None, **ITEMS)),
    ("類別「十七、提升社會住宅服務」包含哪些項目？", dict(intent="list", category="十七、提升社會住宅服務", **ITEMS)),
    ("「促進原住民族就業」這個類別有哪些政策項目？", dict(intent="list", category="五十八、促進原住民族就業")),
    ("白皮書一覽表中沒有協辦機關的項目有幾項？", dict(intent="count", has_co_agency=False, agency_role=None, **ITEMS)),
    ("這份市政白皮書一覽表總共有幾個政策項目列？", dict(intent="count", subject="item", **ITEMS)),
    ("第31項的辦理情形", dict(item_no=31, **ITEMS)),
    # KPI documents, groups, themes and KPI filters
    ("107年施政綱要共有幾項關鍵績效指標?", dict(intent="count", subject="kpi", years=[107], record_type="strategy_kpi")),
    ("臺北市政府107年施政綱要一共發表多少項策略目標？", dict(intent="count", subject="goal", files=[FILE_001])),
    ("107年「優化產業勞動」策略主題有幾項關鍵績效指標？", dict(intent="count", group="D", files=[FILE_001])),
    ("How many KPIs did Group D (優化產業勞動) track in 2019 (ROC 108)?",
     dict(intent="count", group="D", years=[108], files=[FILE_002], record_type="kpi_result", subject="kpi")),
    ("109年D組修正後的KPI共有幾項？", dict(intent="count", group="D", years=[109], files=[FILE_002])),
    ("110年E組策略地圖的KPI修正後剩幾項？", dict(intent="count", group="E", years=[110], files=[FILE_003])),
    ("107年施政綱要有哪些KPI屬於WCCD指標？", dict(intent="list", wccd=True, files=[FILE_001])),
    ("107年策略目標DP3「發展重點產業」下有哪些KPI？",
     dict(intent="list", goal_code="DP3", goal_name="發展重點產業", subject="kpi", files=[FILE_001])),
    ("109年E組哪些KPI沒有達到目標值？", dict(intent="list", target_met=False, group="E", files=[FILE_003])),
    ("109年E組自評燈號為「優」的KPI有哪些？", dict(intent="list", rating="優", group="E", years=[109])),
    ("108年D組哪一項KPI沒有達成年度目標？", dict(intent="list", target_met=False, group="D", years=[108])),
    ("109年E組有幾項KPI達成109年目標值？", dict(intent="count", target_met=True, years=[109])),
    # lookups
    ("秘書處112年度預算執行率是多少？",
     dict(intent="lookup", agency="秘書處", agency_role=None, years=[112], files=[FILE_004], record_type="budget_figure",
          budget_items=["執行率"], kpi_name=None)),
    ("秘書處112年機關實際員額合計多少人？", dict(intent="lookup", budget_items=["合計"], record_type="budget_figure")),
    ("What were the Secretariat's personnel costs in 2023 (ROC 112)?",
     dict(intent="lookup", agency="秘書處", years=[112], budget_items=["人事費"], files=[FILE_004])),
    ("秘书处112年约聘雇人员有几人？", dict(intent="lookup", budget_items=["約聘僱人員"], years=[112])),
    ("108年D組「協助本市企業創新家數」的目標值和達成值是多少？",
     dict(intent="lookup", kpi_name="協助本市企業創新家數", years=[108], files=[FILE_002], record_type="kpi_result")),
    ("108年失業率的目標值與實際達成值是多少？", dict(intent="lookup", kpi_name="失業率", years=[108], files=[FILE_002])),
    ("109年的失業率目標值是多少？", dict(intent="lookup", kpi_name="失業率", measures=["target"], files=[FILE_002])),
    ("109年E組資本支出預算達成率(EF1.1)的實際值是多少？",
     dict(intent="lookup", kpi_code="EF1.1", measures=["actual"], budget_items=[], files=[FILE_003])),
    ("What is the ROC 111 (2022) target for DP3.1 科技園區廠商登記家數成長率 in the Group D deck?",
     dict(intent="lookup", kpi_code="DP3.1", years=[111], measures=["target"], group="D", files=[FILE_002])),
    ("What was the 2020 (ROC 109) actual for the homeless exit rate (街友脫遊率)?",
     dict(intent="lookup", kpi_name="街友脫遊率", years=[109], measures=["actual"], files=[FILE_003])),
    ("ＤＣ２．１的目標值是多少", dict(intent="lookup", kpi_code="DC2.1")),
    ("台北市都市更新自治條例什麼時候公布修正？", dict(intent="lookup", files=[])),
    ("秘書處112年度的重要年度施政目標有幾項？", dict(intent="count", subject="goal", record_type="performance_goal")),
    # free text
    ("社宅分級租金做了什麼?", dict(intent="free", topic=["社宅", "分級", "租金"], files=[])),
    ("秘書處如何速處輿情反映?", dict(intent="free", goal_name="速處輿情反映", files=[FILE_004])),
    ("秘書處在拓展城市交流方面有哪些成果?", dict(intent="free", goal_name="拓展城市交流")),
    ("外送員權益保障做了哪些事？", dict(intent="free", agency=None)),
    ("元宇宙防災教育設施的預算怎麼編？", dict(intent="free", budget_items=[], record_type=None)),
    ("為什麼108年DP5.1被標示達標，實際上卻沒有達成？", dict(intent="free", kpi_code="DP5.1", target_met=None)),
    ("What progress was made on the MRT Eastern Section (東環段) in 2023?", dict(intent="free", years=[112])),
    ("青年局的籌備進度如何？", dict(intent="free", agency="青年局", agency_role=None)),
    # not out of scope here: the answering side judges
    ("警察局主辦的項目有哪些？", dict(intent="list", agency="警察局", agency_role="lead")),
    ("客委會112年的預算是多少？", dict(intent="lookup", agency="客家事務委員會", years=[112])),
]


@pytest.mark.parametrize("question, expected", CASES, ids=[c[0] for c in CASES])
def test_reading(question, expected, read):
    understanding = read(question)
    assert not understanding.follow_up
    for field, value in expected.items():
        source = understanding if field in ("intent", "language") else understanding.filters
        actual = getattr(source, field)
        assert (sorted(actual) if isinstance(actual, list) else actual) == (
            sorted(value) if isinstance(value, list) else value), field


def test_normalized_is_traditional_and_the_question_is_kept(read):
    understanding = read("秘书处112年约聘雇人员有几人？")
    assert understanding.question == "秘书处112年约聘雇人员有几人？"
    assert understanding.normalized == "秘書處112年約聘僱人員有幾人?"
    assert understanding.language == "zh"


def test_the_reading_survives_a_json_round_trip(read):
    understanding = read("社會局主辦、仍為B執行中的項目有哪些?")
    assert Understanding.model_validate_json(understanding.model_dump_json()) == understanding


@pytest.mark.parametrize("question", ["", "   ", "a" * 2001])
def test_unacceptable_questions_raise_a_query_error(question, read):
    with pytest.raises(QueryError):
        read(question)


def test_every_dev_question_reads_without_error(read):
    for line in (PROJECT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        understanding = read(case["question"], *[turn["question"] for turn in case.get("history", [])])
        assert understanding.intent in ("list", "count", "lookup", "free", "out_of_scope")
        assert (understanding.intent == "out_of_scope") == bool(understanding.out_of_scope_reason)
