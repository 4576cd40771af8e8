"""进度查询 flow without Qt: what counts as a number and a proof, the timeline, forgetting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contract import models as m
from contract.payloads import appointment_code, case_tracking_code
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.journeys.progress.flow import (
    ProgressFlow,
    ProgressRefusal,
    ProgressState,
    normalise_case_number,
    timeline,
)

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
ID = "11010519491231002X"


def test_typed_digits_get_the_prefix() -> None:
    assert normalise_case_number(" 202603020000011 ") == "YM202603020000011"
    assert normalise_case_number("ym202603020000011") == "YM202603020000011"
    assert normalise_case_number("202603020000011", "TS") == "TS202603020000011"
    flow = ProgressFlow()
    flow.typing_complaint(True)  # 查投诉建议: the digits of a slip's TS number
    flow.typed("202603020000011", "")
    assert flow.case_number == "TS202603020000011" and flow.is_complaint and flow.ready
    flow.typing_complaint(False)
    flow.typed("202603020000011", "")
    assert flow.case_number == "YM202603020000011" and not flow.ready  # a case needs a proof


def test_a_number_alone_is_not_enough() -> None:
    flow = ProgressFlow()
    flow.typed("202603020000011", "")
    assert flow.case_number_ok and not flow.ready
    flow.typed("202603020000011", "12345")
    assert not flow.ready
    flow.typed("202603020000011", "00002x")
    assert flow.ready
    assert flow.lookup_request() == m.CaseLookup(case_number="YM202603020000011", id_last6="00002X")


def test_the_card_is_the_proof_and_is_dropped_after_the_answer() -> None:
    flow = ProgressFlow()
    assert flow.scanned(case_tracking_code("YM202603020000011"))
    flow.card_read(ID)
    assert flow.masked_proof == "1101**********002X"
    request = flow.look_up()
    assert request.id_number == ID
    assert flow.state is ProgressState.LOOKING
    flow.failed(HubRejected("x", code="proof_rejected", citizen_message="不正确", status=404))
    assert flow.refusal is ProgressRefusal.NOT_MATCHED
    assert flow.id_number is None and flow.last6 == ""
    flow.retry()
    assert flow.state is ProgressState.COLLECTING and flow.case_number == ""


@pytest.mark.parametrize("text", ["hello", appointment_code("ABCDEFGH")])
def test_other_codes_are_not_receipts(text: str) -> None:
    flow = ProgressFlow()
    assert not flow.scanned(text)
    assert flow.refusal is ProgressRefusal.NOT_A_RECEIPT


@pytest.mark.parametrize(
    ("error", "refusal"),
    [
        (HubRejected("x", code="too_many_attempts", citizen_message="", status=429), "too_many"),
        (HubUnreachable("down"), "hub_unreachable"),
        (RuntimeError("bug"), "hub_failure"),
    ],
)
def test_failures(error: Exception, refusal: str) -> None:
    flow = ProgressFlow()
    flow.typed("202603020000011", "00002X")
    flow.look_up()
    flow.failed(error)
    assert flow.refusal is not None and flow.refusal.value.startswith(refusal)


def test_timeline_keeps_the_facts_a_citizen_needs() -> None:
    def event(state: m.CaseState, **detail: object) -> m.CaseEventView:
        return m.CaseEventView(state=state, at=AT, detail=detail)

    status = m.CaseStatus(
        case_number="YM202603020000011",
        item_name="示例事项",
        state=m.CaseState.DELIVERED,
        applicant_name_masked="张*例",
        submitted_at=AT,
        due_date=None,
        events=[
            event(m.CaseState.SUBMITTED, channel="kiosk", agent=False),
            event(
                m.CaseState.SUPPLEMENT_REQUESTED,
                reason="不清晰",
                materials=["甲", "乙"],
                deadline="2026-03-12",
            ),
            event(m.CaseState.SUBMITTED),
            event(m.CaseState.DELIVERED, delivery="ems", waybill="EA1CN"),
        ],
    )
    steps = timeline(status)
    assert [s.resubmitted for s in steps] == [False, False, True, False]
    assert steps[0].facts == ()  # the channel is not the citizen's business
    assert steps[1].facts == (
        ("reason", "不清晰"),
        ("materials", ("甲", "乙")),
        ("deadline", "2026-03-12"),
    )
    assert steps[3].facts == (("delivery", "ems"), ("waybill", "EA1CN"))


def _status(number: str) -> m.CaseStatus:
    return m.CaseStatus(
        case_number=number,
        item_name="示例事项",
        state=m.CaseState.SUBMITTED,
        applicant_name_masked="张*",
        submitted_at=AT,
        due_date=None,
        events=[m.CaseEventView(state=m.CaseState.SUBMITTED, at=AT, detail={})],
    )


def test_a_card_alone_asks_for_the_citizens_own_cases() -> None:
    flow = ProgressFlow()
    flow.card_read(ID.lower())
    assert flow.ready and flow.wants_own_cases
    assert flow.look_up() == m.ApplicantCases(id_number=ID)
    flow.listed([_status("YM2"), _status("YM1")])
    assert flow.state is ProgressState.LISTING and flow.id_number is None
    flow.choose(1)
    assert flow.state is ProgressState.SHOWING and flow.status is not None
    assert flow.status.case_number == "YM1"
    flow.back_to_list()
    assert flow.state is ProgressState.LISTING and flow.status is None
    flow.choose(5)  # not on the list: nothing happens
    assert flow.state is ProgressState.LISTING
    flow.retry()
    assert flow.state is ProgressState.COLLECTING and flow.cases == []


def test_one_own_case_is_shown_at_once_and_none_is_a_refusal() -> None:
    flow = ProgressFlow()
    flow.card_read(ID)
    flow.look_up()
    flow.listed([_status("YM1")])
    assert flow.state is ProgressState.SHOWING and not flow.from_list
    flow.back_to_list()  # there is no list to go back to
    assert flow.state is ProgressState.SHOWING

    empty = ProgressFlow()
    empty.card_read(ID)
    empty.look_up()
    empty.listed([])
    assert empty.refusal is ProgressRefusal.NO_CASES and empty.id_number is None


def test_a_number_and_a_card_still_look_up_that_case() -> None:
    flow = ProgressFlow()
    flow.card_read(ID)
    flow.typed("202603020000011", "")
    assert not flow.wants_own_cases
    assert flow.lookup_request() == m.CaseLookup(case_number="YM202603020000011", id_number=ID)


def test_a_receipt_qr_with_its_code_is_proof_enough() -> None:
    flow = ProgressFlow()
    assert flow.scanned(case_tracking_code("YM202603020000011", "K7Q2M9XD"))
    assert flow.ready and not flow.wants_own_cases
    assert flow.look_up() == m.CaseLookup(case_number="YM202603020000011", receipt_code="K7Q2M9XD")
    flow.found(_status("YM202603020000011"))
    assert flow.receipt_code == ""  # dropped with the other proofs


def test_an_old_receipt_qr_still_needs_a_proof_and_typing_drops_the_code() -> None:
    old = ProgressFlow()
    assert old.scanned(case_tracking_code("YM202603020000011"))
    assert not old.ready
    typed_over = ProgressFlow()
    typed_over.scanned(case_tracking_code("YM202603020000011", "K7Q2M9XD"))
    typed_over.typed("202603020000012", "")  # another number: the code proves nothing for it
    assert not typed_over.ready and typed_over.receipt_code == ""


LICENCE = "http://www.gsxt.gov.cn/index.html?uniscid=91320102MA1N8UJK25"


@pytest.mark.parametrize("licence_first", [True, False])
def test_a_business_licence_proves_a_company_case(licence_first: bool) -> None:
    flow = ProgressFlow()
    if licence_first:
        assert flow.scanned(LICENCE)
        assert not flow.ready  # the case number still to come
    flow.typed("202603020000011", "")
    if not licence_first:
        assert flow.scanned(LICENCE)
    assert flow.ready and flow.masked_proof == "9132**********JK25"
    assert flow.look_up() == m.CaseLookup(case_number="YM202603020000011", uscc=LICENCE[-18:])
    flow.failed(HubRejected("x", code="proof_rejected", citizen_message="不正确", status=404))
    assert flow.uscc == "" and flow.refusal is ProgressRefusal.NOT_MATCHED


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("https://find-and-update.company-information.service.gov.uk/company/01234567", "NOT_A"),
        ("http://www.gsxt.gov.cn/%7BF3A1B2C3D4E5%7D", "LICENCE"),
    ],
)
def test_a_foreign_or_codeless_licence_is_refused_with_its_reason(text: str, refusal: str) -> None:
    flow = ProgressFlow()
    assert not flow.scanned(text)
    assert flow.refusal is not None and flow.refusal.name.startswith(refusal)
    assert flow.uscc == ""
