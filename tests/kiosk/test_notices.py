"""What the three notices say, on A4 (the layout) and on the receipt printer (the slip)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from contract.models import Notice, NoticeKind, NoticeLine
from drivers.printer.profile import PaperWidth
from kiosk.notices import (
    REVIEW_RIGHTS,
    NumberedList,
    Paragraph,
    chinese_date,
    notice_layout,
    notice_slip,
    sample_notice,
)

HALL = "南京市鼓楼区政务服务中心"


def test_a_supplement_tells_every_material_at_once_with_its_basis_and_deadline() -> None:
    notice = sample_notice(NoticeKind.SUPPLEMENT)
    layout = notice_layout(notice, HALL, applied_at=datetime(2026, 11, 26, 15, 0))
    text = layout.text()
    assert layout.title == "一次性告知书"
    assert layout.issuer == HALL
    assert layout.addressee == "王小明："
    (listing,) = [block for block in layout.body if isinstance(block, NumberedList)]
    assert listing.items == (
        "居民户口簿（本人页）：未提供原件",
        "近期免冠证件照片：照片背景不符合要求",
        "原居民身份证：证件已损坏，需交回原证",
    )
    assert "您于2026年11月26日申请的“居民身份证换领”事项" in text
    assert "《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定" in text
    assert "一次性告知您需要补正的全部内容如下" in text
    assert f"请于2026年12月4日前携带本告知书和上述材料到{HALL}窗口补正" in text
    assert "备注：补正材料可由本人或受托人送达。" in text
    assert ("事项编码", "11320106MB1234567X4000117004000") in layout.facts
    assert ("办件编号", "320106-20261127-0001") in layout.facts
    assert ("证件号码", "1101**********002X") in layout.facts
    assert "经办人：张晓红（工号 S001）" in text
    assert "受理窗口：W01 综合受理一号窗" in text
    assert f"{HALL}（盖章）" in text
    assert "2026年11月27日" in text
    assert "申请人签收：________" in text
    assert REVIEW_RIGHTS not in text


def test_an_acceptance_promises_its_date_and_a_rejection_gives_reason_basis_and_remedy() -> None:
    accepted = notice_layout(sample_notice(NoticeKind.ACCEPTANCE), HALL).text()
    assert "受理通知书" in accepted
    assert "您申请的“居民身份证换领”事项" in accepted  # no date known: none invented
    assert "第三十二条第一款第（五）项的规定，决定予以受理" in accepted
    assert "承诺办结时限为10个工作日，预计于2026年12月11日前办结" in accepted

    rejected = notice_layout(sample_notice(NoticeKind.REJECTION), HALL).text()
    assert "不予受理告知书" in rejected
    assert "经审查，申请人户籍不在本区，申请事项不属于本机关职权范围。" in rejected
    assert "第三十二条第一款第（二）项的规定，决定不予受理" in rejected
    assert "六十日内依法申请行政复议" in rejected
    assert "六个月内依法向人民法院提起行政诉讼" in rejected
    assert "备注：请向户籍所在地公安机关户政窗口申请。" in rejected


def test_free_text_is_set_into_the_sentence_once() -> None:
    notice = sample_notice(NoticeKind.REJECTION).model_copy(
        update={"reason": " 申请材料涉嫌伪造。 ", "legal_basis": "《某某条例》第十条的规定"}
    )
    text = notice_layout(notice, HALL).text()
    assert "经审查，申请材料涉嫌伪造。根据《某某条例》第十条的规定，决定不予受理" in text
    line = NoticeLine(name=" 营业执照 ", reason="")
    supplement = sample_notice().model_copy(update={"lines": [line], "note": "  "})
    layout = notice_layout(supplement, HALL)
    assert [b.items for b in layout.body if isinstance(b, NumberedList)] == [("营业执照",)]
    assert not any(isinstance(b, Paragraph) and "备注" in b.text for b in layout.body)


def test_issued_at_in_utc_is_dated_in_the_terminals_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        late = sample_notice().model_copy(
            update={"issued_at": datetime(2026, 11, 27, 17, 30, tzinfo=UTC)}
        )
        assert notice_layout(late, HALL).issued_on == "2026年11月28日"
        assert "2026-11-28 01:30" in notice_slip(late, HALL, PaperWidth.MM80).transcript()
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("paper", list(PaperWidth))
def test_the_slip_masks_the_name_and_keeps_what_to_do(kind: NoticeKind, paper: PaperWidth) -> None:
    notice = sample_notice(kind)
    transcript = notice_slip(notice, HALL, paper).transcript()
    assert "王*明" in transcript
    assert "王小明" not in transcript
    assert "1101**********002X" in transcript
    assert "320106-20261127-0001" in transcript
    assert "张晓红（S001）" in transcript
    assert transcript.rstrip().endswith("[CUT]")
    if kind is NoticeKind.SUPPLEMENT:
        flat = transcript.replace("\n", "")
        for line in notice.lines:
            assert line.name in flat and line.reason in flat
        assert "2026年12月4日前" in transcript
    elif kind is NoticeKind.ACCEPTANCE:
        assert "2026年12月11日" in transcript
    else:
        assert "行政复议" in transcript.replace("\n", "")


def test_fifty_materials_all_listed() -> None:
    lines = [NoticeLine(name=f"材料{n}", reason=f"缺少第{n}页") for n in range(1, 51)]
    notice = Notice.model_validate(
        {**sample_notice().model_dump(), "lines": [line.model_dump() for line in lines]}
    )
    (listing,) = [b for b in notice_layout(notice, HALL).body if isinstance(b, NumberedList)]
    assert len(listing.items) == 50 and listing.items[-1] == "材料50：缺少第50页"
    assert notice_slip(notice, HALL, PaperWidth.MM58).transcript().count("：缺少第") == 50


def test_chinese_dates_have_no_leading_zeros() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
