"""The session owns everything personal; ending it is the only wipe."""

from __future__ import annotations

from pathlib import Path

from kiosk.session import Session


class Draft:
    def __init__(self) -> None:
        self.name = "张三"

    def forget(self) -> None:
        self.name = ""


def test_end_forgets_held_state_deletes_pages_and_runs_callbacks(tmp_path: Path) -> None:
    session, draft, cleared = Session(), Draft(), []
    pages = tmp_path / "001-id_card"
    pages.mkdir()
    (pages / "page-1.jpg").write_bytes(b"\xff\xd8")
    session.hold("case", draft)
    session.keep_file(pages)
    session.on_end(lambda: cleared.append(draft.name))  # screens clear before data goes
    session.identity = object()
    assert session.holds_personal_data

    session.end()
    assert cleared == ["张三"] and draft.name == ""
    assert not pages.exists() and session.ended and not session.holds_personal_data
    session.end()  # a second end does nothing
    assert cleared == ["张三"]


def test_a_replaced_state_is_forgotten_at_once() -> None:
    session, first, second = Session(), Draft(), Draft()
    session.hold("ticket", first)
    session.hold("ticket", second)
    assert first.name == "" and second.name == "张三"


def test_a_job_takes_over_what_it_still_reads(tmp_path: Path) -> None:
    session, draft = Session(), Draft()
    pages = tmp_path / "pages"
    pages.mkdir()
    session.hold("case", draft)
    session.keep_file(pages)
    assert session.release("case", [pages]) is draft
    session.end()
    assert draft.name == "张三" and pages.exists()  # the job forgets them when it is done
