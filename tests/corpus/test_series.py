"""Series group a publication's periods, oldest first, so the latest of each is the last."""

from assistant.corpus.manifest import Document, DocumentInfo
from assistant.corpus.series import latest_versions, series_versions


def doc(file: str, year: int, half: int | None, series: str | None) -> Document:
    info = DocumentInfo(title=file, issuer="臺北市政府", year_roc=year, year_ad=year + 1911, half=half,
                        series=series)
    return Document(file, info, ("x",), "0")


def test_versions_are_ordered_by_period_and_unlinked_documents_stand_alone():
    docs = [doc("b.txt", 113, 1, "白皮書"), doc("a.txt", 112, 2, "白皮書"), doc("c.txt", 107, None, None)]
    versions = series_versions(docs)
    assert [v.file for v in versions["白皮書"]] == ["a.txt", "b.txt"]
    assert [v.period.label for v in versions["白皮書"]] == ["112年下半年", "113年上半年"]
    assert [v.file for v in versions["c.txt"]] == ["c.txt"]
    assert {k: v.file for k, v in latest_versions(docs).items()} == {"白皮書": "b.txt", "c.txt": "c.txt"}
