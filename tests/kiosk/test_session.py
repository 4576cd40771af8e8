"""The session owns everything personal; ending it is the only wipe."""

from __future__ import annotations

from kiosk.session import Session


class Draft:
    def __init__(self) -> None:
        self.name = "张三"
        self.pages = [b"\xff\xd8 a page"]

    def forget(self) -> None:
        self.name = ""
        self.pages.clear()


def test_end_forgets_held_state_and_runs_callbacks() -> None:
    session, draft, cleared = Session(), Draft(), []
    session.hold("case", draft)
    session.on_end(lambda: cleared.append(draft.name))  # screens clear before data goes
    session.identity = object()
    assert session.holds_personal_data

    session.end()
    assert cleared == ["张三"] and draft.name == "" and draft.pages == []
    assert session.ended and not session.holds_personal_data
    session.end()  # a second end does nothing
    assert cleared == ["张三"]


def test_a_replaced_state_is_forgotten_at_once() -> None:
    session, first, second = Session(), Draft(), Draft()
    session.hold("ticket", first)
    session.hold("ticket", second)
    assert first.name == "" and second.name == "张三"


def test_a_job_takes_over_what_it_still_reads() -> None:
    session, draft = Session(), Draft()
    session.hold("case", draft)
    assert session.release("case") is draft
    session.end()
    assert draft.name == "张三" and draft.pages  # the job forgets it when it is done
