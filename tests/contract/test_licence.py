"""A business licence's QR: the USCC read from the publicity system's link, anything else a
clear problem (never an exception)."""

from __future__ import annotations

import pytest

from contract.licence import LicenceProblem, read_licence_qr

USCC = "91320102MA1N8UJK25"


@pytest.mark.parametrize(
    "text",
    [
        f"http://www.gsxt.gov.cn/index.html?uniscid={USCC}",
        f"https://js.gsxt.gov.cn/corp-query-entprise-info-{USCC}.html?x=1&creditCode={USCC}",
        f"https://www.gsxt.gov.cn/detail/{USCC.lower()}",
        f"  HTTPS://WWW.GSXT.GOV.CN/?regno=abc&uniscid={USCC}  ",
        f"http://gsxt.saic.gov.cn/zjgs/search?code={USCC}",
    ],
)
def test_the_code_is_read_from_the_publicity_systems_link(text: str) -> None:
    read = read_licence_qr(text)
    assert read.ok and read.uscc == USCC


@pytest.mark.parametrize(
    "text",
    [
        "",
        USCC,  # a bare code is not a licence's QR (typing is the way for it)
        # Another country's register (UK Companies House, a German Handelsregister extract).
        "https://find-and-update.company-information.service.gov.uk/company/01234567",
        "https://www.handelsregister.de/rp_web/mask.do?Typ=e&registerNummer=HRB%2012345",
        f"https://gsxt.gov.cn.example.com/?uniscid={USCC}",  # a look-alike host
        f"ftp://www.gsxt.gov.cn/?uniscid={USCC}",
        "http://[::1/?uniscid=x",  # malformed: the parser's ValueError is caught
        "YM1:C:YM202603020000011:7",
        "x" * 5000,
    ],
)
def test_anything_else_is_not_a_licence(text: str) -> None:
    read = read_licence_qr(text)
    assert read.problem is LicenceProblem.NOT_A_LICENCE and read.uscc == ""


def test_a_link_with_an_opaque_token_or_a_wrong_check_character() -> None:
    opaque = read_licence_qr("http://www.gsxt.gov.cn/%7BF3A1B2C3D4E5%7D")
    assert opaque.problem is LicenceProblem.NO_CODE
    damaged = read_licence_qr("http://www.gsxt.gov.cn/index.html?uniscid=91320102MA1N8UJK26")
    assert damaged.problem is LicenceProblem.BAD_CODE and damaged.uscc == ""
