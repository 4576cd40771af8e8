"""The console's 差评整改 list: each bad rating's state, deadline and steps as the window's clerk
records them, and an appeal decided by a manager of the rating's site, nobody else."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from contract import models as m
from hub import follow_ups, managers
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from tests.hub.conftest import FakeClock
from tests.hub.test_hub_console import Page
from tests.hub.test_hub_follow_ups import FRIDAY, Desk, bad_rating

PASSWORD = "correct-horse-1"
REASON = "经调取录像核实情况。"


@pytest.fixture
def desk(hub: EmbeddedHub, clock: FakeClock) -> Iterator[Desk]:
    clock.set(FRIDAY)
    desk = Desk(hub)
    yield desk
    desk.client.close()


@contextmanager
def console(hub: EmbeddedHub, login: str, sites: list[str]) -> Iterator[httpx.Client]:
    managers.add_manager(hub.context, login, f"{login} 经理", sites, PASSWORD)
    with httpx.Client(base_url=hub.base_url) as client:
        client.post("/console/sign-in", data={"login": login, "password": PASSWORD})
        yield client


def state_of(hub: EmbeddedHub, evaluation_id: int) -> m.FollowUpState:
    ratings = follow_ups.bad_ratings(hub.context, open_only=False)
    return next(r.state for r in ratings if r.evaluation_id == evaluation_id)


def row_text(client: httpx.Client, evaluation_id: int, everything: bool = False) -> str:
    answer = client.get("/console/follow-ups", params={"all": "1"} if everything else {})
    assert answer.status_code == 200
    page = Page(answer.text)
    rows = [r for r in page.rows if r and r[0] == str(evaluation_id)]
    return " | ".join(rows[0]) if rows else ""


def test_the_list_follows_the_clerks_steps(hub: EmbeddedHub, client: HubClient, desk: Desk) -> None:
    rating = bad_rating(client, desk)
    with console(hub, "district", []) as district:
        row = row_text(district, rating)
        assert "不满意" in row and "服务态度不好" in row and "待回访" in row
        assert "2026-04-20" in row  # the deadline: 15 working days by the hall's calendar
        desk.step(rating, "visit")
        assert "已回访" in row_text(district, rating) and "回访 S001" in row_text(district, rating)


def test_a_manager_decides_an_appeal_with_a_reason(
    hub: EmbeddedHub, client: HubClient, desk: Desk
) -> None:
    rating = bad_rating(client, desk)
    assert desk.step(rating, "appeal").status_code == 200
    with console(hub, "district", []) as district:
        assert 'action="/console/follow-ups/' in district.get("/console/follow-ups").text
        short = district.post(f"/console/follow-ups/{rating}", data={"upheld": "yes", "note": "好"})
        assert short.status_code == 422
        assert Page(short.text).problem == "请写明决定理由（至少5个字）。"
        assert state_of(hub, rating) is m.FollowUpState.APPEALED
        done = district.post(
            f"/console/follow-ups/{rating}", data={"upheld": "yes", "note": REASON}
        )
        assert done.status_code == 303
        assert state_of(hub, rating) is m.FollowUpState.VOIDED
        assert row_text(district, rating) == ""  # no longer under way
        row = row_text(district, rating, everything=True)
        assert "申诉成立" in row and "district 经理（district）" in row and REASON in row
        again = district.post(
            f"/console/follow-ups/{rating}", data={"upheld": "no", "note": REASON}
        )
        assert again.status_code == 409 and Page(again.text).problem


def test_only_a_manager_of_the_ratings_site_sees_and_decides_it(
    hub: EmbeddedHub, client: HubClient, desk: Desk
) -> None:
    rating = bad_rating(client, desk)
    desk.step(rating, "appeal")
    site = follow_ups.site_of(hub.context, rating)
    assert site
    with console(hub, "other", ["elsewhere"]) as other, console(hub, "own", [site]) as own:
        assert row_text(other, rating) == "" and row_text(own, rating) != ""
        refused = other.post(
            f"/console/follow-ups/{rating}", data={"upheld": "yes", "note": REASON}
        )
        assert refused.status_code == 404
        assert state_of(hub, rating) is m.FollowUpState.APPEALED
        for wrong in ("999999", "99999999999999999999"):
            assert own.post(f"/console/follow-ups/{wrong}", data={"note": REASON}).status_code in (
                404,
                422,
            )
        decided = own.post(f"/console/follow-ups/{rating}", data={"upheld": "no", "note": REASON})
        assert decided.status_code == 303
        assert state_of(hub, rating) is m.FollowUpState.OPEN  # back where it was
    with httpx.Client(base_url=hub.base_url) as anyone:
        answer = anyone.post(
            f"/console/follow-ups/{rating}", data={"upheld": "yes", "note": REASON}
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/console/sign-in"
    assert state_of(hub, rating) is m.FollowUpState.OPEN


def test_complaints_about_windows_and_clerks_join_the_list(
    hub: EmbeddedHub, client: HubClient
) -> None:
    """A complaint about a window and a suggestion about a clerk are listed with their kind
    and deadline, the phone number masked; one about an item is not (no window answers it);
    a hall manager of another site sees none of them."""
    from hub.db import ComplaintRow
    from tests.hub.test_hub_complaints import complaint

    window = client.submit_complaint(
        complaint(phone="13800138000", phone_consent=True), idempotency_key="w"
    )
    clerk = client.submit_complaint(
        complaint(
            kind=m.ComplaintKind.SUGGESTION, about=m.ComplaintAbout.CLERK, subject="S002",
            text="<b>建议</b>工号S002的同志讲解更耐心一些。",
        ),
        idempotency_key="c",
    )  # fmt: skip
    client.submit_complaint(
        complaint(about=m.ComplaintAbout.ITEM, subject="XK00402001-990101-SJ"), idempotency_key="i"
    )
    with console(hub, "district", []) as district:
        answer = district.get("/console/follow-ups")
        rows = {r[0]: r for r in Page(answer.text).rows if r and r[0].startswith("TS")}
        assert set(rows) == {window.reference, clerk.reference}
        assert rows[window.reference][2:] == [
            "投诉", "窗口 3号窗口（企业开办）", rows[window.reference][4], "138****8000",
            "待转交12345", "2026-03-23",
        ]  # fmt: skip
        assert rows[clerk.reference][2:4] == ["建议", "工作人员 工号S002"]
        assert rows[clerk.reference][5] == "—"  # no phone given
        assert "<b>建议</b>" in rows[clerk.reference][4]  # shown as text, not markup
        assert "13800138000" not in answer.text
        # Forwarded: the platform has the number, the hub no more.
        with hub.context.transaction() as session:
            row = session.get(ComplaintRow, window.reference)
            assert row is not None
            row.phone, row.state = None, "forwarded"
        again = {r[0]: r for r in Page(district.get("/console/follow-ups").text).rows if r}
        assert again[window.reference][5:7] == ["已转交12345", "已转交12345"]
    with console(hub, "elsewhere", ["other-site"]) as other:
        assert "complaint-TS" not in other.get("/console/follow-ups").text
