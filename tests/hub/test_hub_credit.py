"""信用查询 over HTTP: the district's lists imported from CSV and XLSX (whole or not at all), a
kiosk's lookup of the card holder's own record only, a window's lookups with a clerk signed in,
a provider named in the settings, and the subject kept out of the database and the logs."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from contract import models as m
from hub.context import HubSettings
from hub.credit.lists import CreditImportError, import_credit_file
from hub.db import CreditEntryRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubFailure, HubRejected
from kiosk.cli import main

BLACK_PERSON = "11010519491231002X"  # the sample case's applicant (case_request)
RED_PERSON = "320102198001011238"
NOBODY = "320102199006152341"
BLACK_COMPANY = "91320102MA1N2P3Q40"
HEADER = ["subject_type", "id", "list", "source", "listed_on", "reason"]
ROWS = [
    ["person", BLACK_PERSON, "black", "区发改委", "2026-01-05", "拒不履行法院判决"],
    ["个人", RED_PERSON, "守信", "省公共信用信息平台", "2025/12/1", "纳税信用A级"],
    ["company", BLACK_COMPANY.lower(), "失信", "", "20260110", "严重违法失信"],
]
CARD = m.IdentitySource.ID_CARD


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    lines = [",".join(HEADER), *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["主体类型", "证件号码", "名单", "认定部门", "列入日期", "列入原因"])
    for row in rows:
        cells: list[object] = list(row)
        if "-" in row[4] and row[4] != "2026-02-30":  # a date cell, as a spreadsheet holds it
            cells[4] = date.fromisoformat(row[4])
        sheet.append(cells)
    workbook.save(path)
    return path


@pytest.fixture
def lists(hub: EmbeddedHub, tmp_path: Path) -> m.CreditImportReport:
    return import_credit_file(
        hub.context, write_csv(tmp_path / "lists.csv", ROWS), source="区市场监管局"
    )


def stored(hub: EmbeddedHub) -> list[CreditEntryRow]:
    with hub.context.reading() as session:
        return list(session.execute(select(CreditEntryRow)).scalars())


def refusal(call: Callable[[], object]) -> HubRejected:
    with pytest.raises(HubRejected) as caught:
        call()
    return caught.value


def own(number: str, source: m.IdentitySource = CARD) -> m.CreditSelfQuery:
    return m.CreditSelfQuery(id_number=number, identity_source=source)


@pytest.fixture
def window(hub: EmbeddedHub) -> Iterator[HubClient]:
    """A counter terminal with nobody signed in yet."""
    token = hub.register_terminal("WIN-C1", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as c:
        yield c


# -- importing the lists


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_csv_or_xlsx_list_is_imported_keyed_by_digest_only(
    hub: EmbeddedHub, tmp_path: Path, writer: Callable[[Path, list[list[str]]], Path]
) -> None:
    path = writer(tmp_path / ("l.csv" if writer is write_csv else "l.xlsx"), ROWS)
    report = import_credit_file(hub.context, path, source="区市场监管局")
    assert report.imported == 3 and report.replaced == 0
    rows = {(r.subject_kind, r.list_kind, r.source, r.listed_on, r.reason) for r in stored(hub)}
    assert rows == {
        ("person", "black", "区发改委", date(2026, 1, 5), "拒不履行法院判决"),
        ("person", "red", "省公共信用信息平台", date(2025, 12, 1), "纳税信用A级"),
        ("company", "black", "区市场监管局", date(2026, 1, 10), "严重违法失信"),  # --source
    }
    ctx = hub.context
    assert {r.subject_digest for r in stored(hub)} == {
        ctx.id_digest(n) for n in (BLACK_PERSON, RED_PERSON, BLACK_COMPANY)
    }
    with ctx.reading() as session:  # no number, whole or in part, anywhere in the table
        dump = repr(session.execute(text("SELECT * FROM credit_entries")).all())
    for number in (BLACK_PERSON, RED_PERSON, BLACK_COMPANY):
        assert number not in dump and number[-6:] not in dump


def test_importing_again_updates_and_replace_removes_what_the_source_no_longer_lists(
    hub: EmbeddedHub, tmp_path: Path, lists: m.CreditImportReport
) -> None:
    again = import_credit_file(hub.context, write_csv(tmp_path / "a.csv", ROWS[:1]))
    assert len(stored(hub)) == 3 and {r.batch for r in stored(hub)} == {lists.batch, again.batch}
    newer = [["person", NOBODY, "black", "区发改委", "2026-02-01", "新列入"]]
    report = import_credit_file(hub.context, write_csv(tmp_path / "b.csv", newer), replace=True)
    assert report.replaced == 1  # 区发改委's earlier entry; the other sources' are kept
    sources = sorted((r.source, r.reason) for r in stored(hub))
    assert sources == [
        ("区发改委", "新列入"),
        ("区市场监管局", "严重违法失信"),
        ("省公共信用信息平台", "纳税信用A级"),
    ]


MALFORMED = [
    ["person", BLACK_PERSON, "black", "区发改委", "2026-01-05", "ok"],  # line 2: fine
    ["person", "110105194912310021", "black", "区发改委", "2026-01-05", ""],  # 3: check char
    ["company", "91110000600037341A", "black", "区发改委", "2026-01-05", ""],  # 4: USCC check
    ["person", RED_PERSON, "grey", "区发改委", "2026-01-05", ""],  # 5: list
    ["company", "9111000060003734", "red", "区发改委", "2026-01-05", ""],  # 6: USCC length
    ["person", RED_PERSON, "red", "区发改委", "2026-02-30", ""],  # 7: no such date
    ["someone", RED_PERSON, "red", "区发改委", "2026-01-05", ""],  # 8: subject type
    ["person", RED_PERSON, "red", "", "2026-01-05", ""],  # 9: no source, none given
    ["person", RED_PERSON, "red", "区发改委", "2027-01-05", ""],  # 10: in the future
]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_malformed_rows_are_all_named_by_line_and_nothing_is_imported(
    hub: EmbeddedHub, tmp_path: Path, writer: Callable[[Path, list[list[str]]], Path]
) -> None:
    path = writer(tmp_path / ("bad.csv" if writer is write_csv else "bad.xlsx"), MALFORMED)
    with pytest.raises(CreditImportError) as caught:
        import_credit_file(hub.context, path)
    message = str(caught.value)
    assert message.startswith(f"{path.name} has 8 malformed rows; nothing was imported.")
    named = [line.split(":")[0] for line in message.splitlines()[1:]]
    assert named == [f"line {n}" for n in range(3, 11)]  # line 2 is fine
    assert "check character" in message and "'grey'" in message and "2026-02-30" in message
    assert "110105194912310021" not in message  # the number is not repeated back
    assert stored(hub) == []


def test_a_quoted_newline_keeps_csv_line_numbers_right(hub: EmbeddedHub, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        ",".join(HEADER) + "\n"
        f'person,{BLACK_PERSON},black,区发改委,2026-01-05,"两行\n原因"\n'
        f"person,{RED_PERSON},purple,区发改委,2026-01-05,\n",
        encoding="utf-8",
    )
    with pytest.raises(CreditImportError, match=r"(?m)^line 4: the list 'purple'"):
        import_credit_file(hub.context, path)


def test_the_cli_imports_and_refuses_a_malformed_file_in_one_sentence_per_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    good = write_csv(tmp_path / "good.csv", ROWS)
    assert main(["hub", "import-credit", str(good), "--db", db, "--source", "区市场监管局"]) == 0
    assert "imported 3 credit entries" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", MALFORMED)
    assert main(["hub", "import-credit", str(bad), "--db", db, "--replace"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk: bad.csv has 8 malformed rows; nothing was imported.")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 9
    assert main(["hub", "import-credit", str(tmp_path / "none.xlsx"), "--db", db]) == 2
    assert "cannot be read" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("a")
    assert main(["hub", "import-credit", str(tmp_path / "x.txt"), "--db", db]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err

    from hub.app import create_app

    ctx = create_app(db).state.hub
    with ctx.reading() as session:  # the good import kept, the refused --replace did nothing
        assert len(session.execute(select(CreditEntryRow)).all()) == 3
    ctx.engine.dispose()


# -- a citizen's own record at a kiosk


def test_a_kiosk_shows_the_card_holder_their_own_record(
    client: HubClient, lists: m.CreditImportReport
) -> None:
    record = client.own_credit(own(BLACK_PERSON))
    assert record.status is m.CreditStatus.BLACK and record.kind is m.CreditSubjectKind.PERSON
    assert record.subject_masked == "1101**********002X" and record.provider == "district_lists"
    assert record.entries == [
        m.CreditEntry(
            list=m.CreditList.BLACK,
            source="区发改委",
            listed_on=date(2026, 1, 5),
            reason="拒不履行法院判决",
        )
    ]
    assert record.checked_at.isoformat().startswith("2026-03-02T01:30")  # the hub's clock
    red = client.own_credit(own(RED_PERSON, m.IdentitySource.QR))  # an e-ID code
    assert red.status is m.CreditStatus.RED and red.entries[0].source == "省公共信用信息平台"
    assert client.own_credit(own(NOBODY)).status is m.CreditStatus.NOT_LISTED
    assert client.own_credit(own(NOBODY)).entries == []


def test_a_kiosk_cannot_look_up_a_typed_number_or_anyone_at_a_window(
    client: HubClient, lists: m.CreditImportReport
) -> None:
    typed = refusal(lambda: client.own_credit(own(BLACK_PERSON, m.IdentitySource.MANUAL)))
    assert typed.status == 403 and typed.code == "proof_rejected"
    assert "刷身份证" in typed.citizen_message
    subject = m.CreditSubject(kind=m.CreditSubjectKind.PERSON, number=BLACK_PERSON)
    at_window = refusal(lambda: client.credit_at_window("W01", subject))
    assert at_window.status == 403 and at_window.code == "forbidden"
    by_case = refusal(lambda: client.case_applicant_credit("W01", "0" * 32))
    assert by_case.status == 403


def test_only_hall_and_community_kiosks_look_up_their_citizen(
    hub: EmbeddedHub, counter: HubClient, lists: m.CreditImportReport
) -> None:
    assert refusal(lambda: counter.own_credit(own(BLACK_PERSON))).status == 403
    for mode in (m.TerminalMode.RATING_PAD, m.TerminalMode.DISPLAY):
        token = hub.register_terminal(f"t-{mode.value}", mode=mode)
        with HubClient(hub.base_url, token=token) as other:
            assert refusal(lambda c=other: c.own_credit(own(BLACK_PERSON))).status == 403
    token = hub.register_terminal("community-01", mode=m.TerminalMode.COMMUNITY)
    with HubClient(hub.base_url, token=token) as community:
        assert community.own_credit(own(BLACK_PERSON)).status is m.CreditStatus.BLACK


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/credit/self", {"id_number": "110105194912310021", "identity_source": "id_card"}),
        ("/credit/self", {"id_number": BLACK_PERSON, "identity_source": "palm"}),
        ("/credit/self", {"id_number": BLACK_PERSON}),
        ("/counters/W01/credit", {"kind": "company", "number": "91110000600037341A"}),
        ("/counters/W01/credit", {"kind": "company", "number": "9111000060003734"}),
        ("/counters/W01/credit", {"kind": "person", "number": "110105194912310021"}),
        ("/counters/W01/credit", {"kind": "nation", "number": BLACK_PERSON}),
    ],
)
def test_bad_input_is_a_422_problem_that_does_not_echo_the_number(
    hub: EmbeddedHub, counter: HubClient, path: str, body: dict[str, str]
) -> None:
    mode = m.TerminalMode.COUNTER if path.startswith("/counters") else m.TerminalMode.HALL
    token = hub.register_terminal("raw-1", mode=mode)
    if mode is m.TerminalMode.COUNTER:
        with HubClient(hub.base_url, token=token) as raw:
            raw.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
    answer = httpx.post(
        f"{hub.base_url}/api/v1{path}", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "validation_failed"
    assert body.get("number", body.get("id_number", "")) not in answer.text


# -- a window's lookups


def test_a_window_looks_up_anyone_only_with_a_clerk_signed_in(
    window: HubClient, lists: m.CreditImportReport
) -> None:
    company = m.CreditSubject(kind=m.CreditSubjectKind.COMPANY, number=BLACK_COMPANY)
    nobody_here = refusal(lambda: window.credit_at_window("W01", company))
    assert nobody_here.status == 409 and nobody_here.code == "not_signed_in"
    window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
    record = window.credit_at_window("W01", company)
    assert record.status is m.CreditStatus.BLACK and record.kind is m.CreditSubjectKind.COMPANY
    assert (
        record.entries[0].source == "区市场监管局" and record.subject_masked == "9132**********3Q40"
    )
    other_window = refusal(lambda: window.credit_at_window("W02", company))
    assert other_window.status == 409  # W02 is not signed in at this terminal
    window.sign_out_clerk("W01")
    assert refusal(lambda: window.credit_at_window("W01", company)).code == "not_signed_in"
    # The same number as a person is another subject: lists keep the two apart.
    person = m.CreditSubject(kind=m.CreditSubjectKind.PERSON, number=RED_PERSON)
    window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
    assert window.credit_at_window("W01", person).status is m.CreditStatus.RED


def test_a_window_sees_a_case_applicants_record_by_the_case(
    client: HubClient,
    counter: HubClient,
    case_request: Callable[..., m.CaseCreate],
    lists: m.CreditImportReport,
) -> None:
    listed = client.create_case(case_request(), idempotency_key=uuid.uuid4().hex)
    clean = client.create_case(case_request(id_number=NOBODY), idempotency_key=uuid.uuid4().hex)
    record = counter.case_applicant_credit("W01", listed.case_id)
    assert record.status is m.CreditStatus.BLACK and record.subject_masked == "1101**********002X"
    assert counter.case_applicant_credit("W01", clean.case_id).status is m.CreditStatus.NOT_LISTED
    unknown = refusal(lambda: counter.case_applicant_credit("W01", "0" * 32))
    assert unknown.status == 404


def test_nothing_of_the_subject_is_logged(
    client: HubClient,
    counter: HubClient,
    lists: m.CreditImportReport,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client.own_credit(own(BLACK_PERSON))
    subject = m.CreditSubject(kind=m.CreditSubjectKind.COMPANY, number=BLACK_COMPANY)
    counter.credit_at_window("W01", subject)
    refusal(lambda: client.own_credit(own(RED_PERSON, m.IdentitySource.MANUAL)))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/credit" in logged  # the requests were logged (the access log), their subjects not
    for number in (BLACK_PERSON, RED_PERSON, BLACK_COMPANY):
        assert number not in logged and number[-6:] not in logged


# -- another credit system


PROVIDER_MODULE = """
from contract import models as m
from hub.credit.providers import CreditUnavailable


class Province:
    name = "province_platform"

    def __init__(self, ctx):
        self.asked = []

    def lookup(self, subject):
        self.asked.append(subject.kind.value)
        if subject.kind is m.CreditSubjectKind.COMPANY:
            raise CreditUnavailable("the platform timed out")
        return [m.CreditEntry(list="red", source="省平台", listed_on="2025-06-01")]
"""


def test_a_hub_setting_plugs_in_another_credit_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: object
) -> None:
    (tmp_path / "province_credit.py").write_text(PROVIDER_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = HubSettings(credit_provider="province_credit:Province")
    with EmbeddedHub(tmp_path / "hub", settings=settings, clock=clock) as hub:  # type: ignore[arg-type]
        with HubClient(hub.base_url, token=hub.register_terminal("k1")) as kiosk:
            record = kiosk.own_credit(own(NOBODY))
            assert record.provider == "province_platform" and record.status is m.CreditStatus.RED
        token = hub.register_terminal("c1", mode=m.TerminalMode.COUNTER)
        with HubClient(hub.base_url, token=token) as window:
            window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
            company = m.CreditSubject(kind=m.CreditSubjectKind.COMPANY, number=BLACK_COMPANY)
            with pytest.raises(HubFailure, match="503 credit_unavailable"):
                window.credit_at_window("W01", company)
        asked = hub.app.state.credit_provider.asked  # one instance, asked each time
        assert asked[0] == "person" and set(asked[1:]) == {"company"}
