"""One set of masking rules for screens, printouts, hub responses and logs."""

from __future__ import annotations

from contract.privacy import mask_address, mask_id, mask_name, mask_phone


def test_names() -> None:
    assert mask_name("张三") == "张*"
    assert mask_name("王小明") == "王*明"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name(" 李 ") == "*"
    assert mask_name("") == ""


def test_id_numbers() -> None:
    assert mask_id("11010519491231002X") == "1101**********002X"
    assert mask_id("E12345678") == "E*******8"  # a passport: first and last only
    assert mask_id("12") == "**"


def test_phones() -> None:
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("010-12345678") == "010*****5678"
    assert mask_phone("12345") == "*****"


def test_addresses() -> None:
    assert mask_address("江苏省南京市鼓楼区中山北路100号") == "江苏省南京市鼓楼区****"
    assert mask_address("北京市朝阳区建国路1号") == "北京市朝阳区****"
    assert mask_address("内蒙古自治区呼和浩特市新城区") == "内蒙古自治区****"
    assert "100" not in mask_address("somewhere 100 street")
