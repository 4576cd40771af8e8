"""``kiosk hub`` commands: clear errors and exit codes, JSON output, the committed OpenAPI."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from kiosk.cli import main


def test_register_terminal_prints_a_working_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert (
        main(["hub", "register-terminal", "kiosk-07", "--db", db, "--mode", "counter", "--json"])
        == 0
    )
    credentials = json.loads(capsys.readouterr().out)
    assert credentials["terminal_id"] == "kiosk-07" and len(credentials["token"]) >= 40

    from hub.app import create_app
    from hub.auth import hash_token
    from hub.db import Terminal

    ctx = create_app(db).state.hub
    with ctx.sessions() as session:
        terminal = session.get(Terminal, "kiosk-07")
        assert terminal is not None and terminal.mode == "counter"
        assert terminal.token_hash == hash_token(credentials["token"])
    ctx.engine.dispose()


def test_bad_terminal_id_and_bad_db_url_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert main(["hub", "register-terminal", "bad id!", "--db", db]) == 2
    assert "not valid" in capsys.readouterr().err
    assert main(["hub", "register-terminal", "k1", "--db", "nonsense://"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk: ") and "Traceback" not in err


def test_import_catalog_reports_and_names_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    from hub.seed import sample_dir

    assert (
        main(["hub", "import-catalog", str(sample_dir() / "items.toml"), "--db", db, "--json"]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] >= 10
    bad = tmp_path / "bad.csv"
    bad.write_text("实施编码,事项名称\nX1,某事项\n", encoding="utf-8")
    assert main(["hub", "import-catalog", str(bad), "--db", db]) == 2
    assert "lacks the columns" in capsys.readouterr().err
    assert main(["hub", "import-catalog", str(tmp_path / "missing.xlsx"), "--db", db]) == 2
    capsys.readouterr()
    fee = tmp_path / "fee.csv"
    fee.write_text(
        "实施编码,基本编码,事项名称,英文名称,事项类型,设定依据,行使层级,实施部门,承诺时限,"
        "送达方式,邮寄费用\n"
        "QR00999001-990101-TY,QR00999001,某事项,An item,行政确认,某法,县级,某局,1,ems,免费\n",
        encoding="utf-8",
    )
    assert main(["hub", "import-catalog", str(fee), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "fee.csv row 2: column ems_fee_cny: '免费' is not an amount in yuan" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_serve_on_a_busy_port_is_a_clear_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["hub", "serve", "--data-dir", str(tmp_path), "--port", str(port)])
    assert code == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_openapi_check_passes_on_the_committed_copy() -> None:
    assert main(["hub", "openapi", "--check"]) == 0


def test_import_queues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    good = tmp_path / "queues.toml"
    good.write_text(
        '[[categories]]\ncode = "tax"\nname = "税务"\nname_en = "Tax"\nprefix = "T"\n'
        '[[counters]]\ncode = "W09"\nname = "9号窗口"\ncategories = ["tax"]\n',
        encoding="utf-8",
    )
    assert main(["hub", "import-queues", str(good), "--db", db]) == 0
    assert "loaded 1 ticket categories" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[categories]]\ncode = "tax"\nname = "税务"\nname_en = "Tax"\nprefix = "tax"\n',
        encoding="utf-8",
    )
    assert main(["hub", "import-queues", str(bad), "--db", db]) == 2
    assert "category 1, prefix" in capsys.readouterr().err
    orphan = tmp_path / "orphan.toml"
    orphan.write_text(
        '[[counters]]\ncode = "W1"\nname = "1"\ncategories = ["nope"]\n', encoding="utf-8"
    )
    assert main(["hub", "import-queues", str(orphan), "--db", db]) == 2
    assert "unknown categories" in capsys.readouterr().err


def test_serve_on_a_database_of_a_newer_hub_is_one_clear_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import text

    from hub import migrations
    from hub.db import make_engine

    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    engine = make_engine(db)
    migrations.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfacefeed'"))
    engine.dispose()
    assert main(["hub", "serve", "--db", db, "--data-dir", str(tmp_path), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk: The hub database is at schema revision f00dfacefeed, ")
    assert err.endswith("a newer hub migrated it.\n") and err.count("\n") == 1
