"""QR payload formats: round trips, check characters, signed identity codes, and fuzzing."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import payloads
from contract.payloads import (
    Payload,
    PayloadKind,
    PayloadStatus,
    Reason,
    appointment_code,
    case_reference,
    case_tracking_code,
    case_tracking_url,
    check_character,
    classify,
    identity_code,
    new_receipt_code,
    ticket_code,
)

NOW = 1_790_000_000.0  # 2026-09-21
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


@pytest.fixture(scope="module")
def hub_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_reference_codes_round_trip() -> None:
    cases = [
        (appointment_code("A7K2Q9"), PayloadKind.APPOINTMENT, "A7K2Q9"),
        (case_tracking_code("2026-000123"), PayloadKind.CASE_TRACKING, "2026-000123"),
        (ticket_code("B017"), PayloadKind.TICKET, "B017"),
    ]
    for text, kind, reference in cases:
        assert text.startswith("YM1:")
        result = classify(text, now=NOW)
        assert (result.kind, result.status, result.reference) == (
            kind,
            PayloadStatus.VALID,
            reference,
        )
        assert result.ok and result.message_key == f"qr.{kind.value}"


def test_case_code_layout_is_readable() -> None:
    assert case_tracking_code("2026000123") == f"YM1:C:2026000123:{check_character('2026000123')}"


def test_receipt_codes_are_random_and_readable() -> None:
    codes = {new_receipt_code() for _ in range(200)}
    assert len(codes) == 200  # 40 random bits each: a collision here means no randomness
    for code in codes:
        assert len(code) == payloads.RECEIPT_CODE_LENGTH
        assert set(code) <= set(payloads.RECEIPT_CODE_ALPHABET)
        assert not set(code) & set("01OI")  # nothing a citizen reading it out could confuse


def test_case_receipt_code_round_trip_and_layout() -> None:
    code = new_receipt_code()
    text = case_tracking_code("2026-000123", code)
    assert text == f"YM1:C:2026-000123:{check_character('2026-000123')}:{code}"
    result = classify(text, now=NOW)
    assert (result.kind, result.status) == (PayloadKind.CASE_TRACKING, PayloadStatus.VALID)
    assert (result.reference, result.receipt_code) == ("2026-000123", code)
    assert result.message_key == "qr.case_tracking"  # the progress lookup reads it as before


@pytest.mark.parametrize("public_url", ["https://hall.example.cn", "http://10.0.0.5:8000/yimen/"])
def test_a_receipt_link_reads_as_its_case_code(public_url: str) -> None:
    code = new_receipt_code()
    link = case_tracking_url(public_url, "2026-000123", code)
    assert link == f"{public_url.rstrip('/')}/c/2026-000123:{check_character('2026-000123')}:{code}"
    result = classify(link, now=NOW)
    assert (result.kind, result.status) == (PayloadKind.CASE_TRACKING, PayloadStatus.VALID)
    assert (result.reference, result.receipt_code, result.text) == ("2026-000123", code, link)
    assert case_reference(link.rsplit("/c/", 1)[1]) == ("2026-000123", code)


RIGHT = check_character("2026-000123")
WRONG = "Y" if RIGHT != "Y" else "Z"


@pytest.mark.parametrize(
    "tail",
    [
        f"2026-000123:{WRONG}:7K3QH2XD",
        f"2026-000123:{RIGHT}",
        f"2026-000123:{RIGHT}:7K3Q",
        f"x/2026-000123:{RIGHT}:7K3QH2XD",
    ],
)
def test_other_links_stay_links(tail: str) -> None:
    """A wrong check character, no receipt code, or more path: an ordinary web address."""
    link = "https://hall.example.cn/c/" + tail
    result = classify(link, now=NOW)
    assert result.kind is PayloadKind.URL and case_reference(link.rsplit("/c/", 1)[1]) is None


def test_a_receipt_link_needs_the_receipt_code() -> None:
    with pytest.raises(ValueError):
        case_tracking_url("https://hall.example.cn", "2026-000123", "")


def test_old_case_receipts_stay_readable_without_a_code() -> None:
    """Receipts printed before codes existed: still a case for the progress lookup."""
    old = f"YM1:C:2026000123:{check_character('2026000123')}"
    assert case_tracking_code("2026000123") == old
    result = classify(old, now=NOW)
    assert result.ok and result.reference == "2026000123" and result.receipt_code == ""


@pytest.mark.parametrize(
    "tail",
    [":", ":7K3Q", ":7k3qh2xd", ":7K3QH2XD:", ":7K3Q-H2XD", ":" + "A" * 17, ":7K3QH2XD:EXTRA"],
)
def test_malformed_receipt_codes(tail: str) -> None:
    text = case_tracking_code("2026000123") + tail
    result = classify(text, now=NOW)
    assert result.kind is PayloadKind.CASE_TRACKING
    assert (result.status, result.reason) == (PayloadStatus.INVALID, Reason.MALFORMED)


def test_only_case_codes_carry_a_receipt_code() -> None:
    for builder in (appointment_code, ticket_code):
        result = classify(builder("A7K2Q9") + ":7K3QH2XD", now=NOW)
        assert (result.status, result.reason) == (PayloadStatus.INVALID, Reason.MALFORMED)


@pytest.mark.parametrize("bad", ["", "7K3Q", "7k3qh2xd", "7K3Q H2X", "A" * 17, "验证码12345"])
def test_case_builder_rejects_bad_receipt_codes(bad: str) -> None:
    if not bad:
        assert case_tracking_code("2026000123", bad) == case_tracking_code("2026000123")
        return
    with pytest.raises(ValueError):
        case_tracking_code("2026000123", bad)


@pytest.mark.parametrize("bad", ["", "a1", "-AB", "AB-", "AB C", "X" * 41, "案件1"])
def test_builders_reject_references_outside_the_alphabet(bad: str) -> None:
    with pytest.raises(ValueError):
        case_tracking_code(bad)


def test_check_character_known_value() -> None:
    # ISO 7064 MOD 37,36 worked through by hand for "A": p=36 -> (36+10)%36=10 -> 20%37=20,
    # check = (37-20)%36 = 17 -> "H".
    assert check_character("A") == "H"


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=40), st.data())
def test_every_single_substitution_fails_the_check(reference: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(reference) - 1))
    replacement = data.draw(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if replacement == reference[position]:
        return
    check = case_tracking_code(reference)[-1]
    mangled = f"YM1:C:{reference[:position]}{replacement}{reference[position + 1 :]}:{check}"
    result = classify(mangled, now=NOW)
    assert (result.status, result.reason) == (PayloadStatus.INVALID, Reason.BAD_CHECK)
    assert result.kind is PayloadKind.CASE_TRACKING and result.message_key == "qr.damaged"


def test_identity_code_valid_expired_and_not_yet_valid(hub_key: Ed25519PrivateKey) -> None:
    public = hub_key.public_key()
    text = identity_code(b"subject-0001", hub_key, now=NOW, ttl=60)
    valid = classify(text, identity_public_key=public, now=NOW + 30)
    assert (valid.kind, valid.status) == (PayloadKind.IDENTITY, PayloadStatus.VALID)
    assert valid.subject == b"subject-0001"
    assert (valid.issued_at, valid.expires_at) == (int(NOW), int(NOW) + 60)

    expired = classify(text, identity_public_key=public, now=NOW + 60)
    assert (expired.status, expired.reason) == (PayloadStatus.EXPIRED, Reason.EXPIRED)
    assert expired.message_key == "qr.identity.expired"

    early = classify(text, identity_public_key=public, now=NOW - 3600)
    assert (early.status, early.reason) == (PayloadStatus.INVALID, Reason.NOT_YET_VALID)
    # A terminal clock slightly behind the hub's is tolerated.
    assert classify(text, identity_public_key=public, now=NOW - 30).ok


def test_identity_code_accepts_aware_datetimes(hub_key: Ed25519PrivateKey) -> None:
    moment = datetime.fromtimestamp(NOW, tz=UTC)
    text = identity_code(b"s", hub_key, now=moment, ttl=120)
    assert classify(text, identity_public_key=hub_key.public_key(), now=moment).ok
    with pytest.raises(ValueError):
        identity_code(b"s", hub_key, now=datetime(2026, 1, 1), ttl=120)


def test_identity_code_signed_by_another_key_is_invalid(hub_key: Ed25519PrivateKey) -> None:
    forged = identity_code(b"subject", Ed25519PrivateKey.generate(), now=NOW, ttl=60)
    result = classify(forged, identity_public_key=hub_key.public_key(), now=NOW)
    assert (result.status, result.reason) == (PayloadStatus.INVALID, Reason.BAD_SIGNATURE)
    assert result.subject is None and result.message_key == "qr.identity.invalid"


def test_every_tampered_identity_byte_is_invalid(hub_key: Ed25519PrivateKey) -> None:
    text = identity_code(b"subject-0001", hub_key, now=NOW, ttl=60)
    raw = bytearray(base64.b32decode(text[6:] + "=" * (-len(text[6:]) % 8)))
    for index in range(len(raw)):
        tampered = bytearray(raw)
        tampered[index] ^= 0x01
        field = base64.b32encode(bytes(tampered)).decode().rstrip("=")
        result = classify(f"YM1:I:{field}", identity_public_key=hub_key.public_key(), now=NOW)
        assert result.status is PayloadStatus.INVALID, index
    # Extending the expiry is the tampering that matters most: it must not pass.
    assert all(
        classify(text[:-k], identity_public_key=hub_key.public_key(), now=NOW).status
        is PayloadStatus.INVALID
        for k in range(1, 6)
    )


def test_every_single_character_change_to_an_identity_code_is_invalid(
    hub_key: Ed25519PrivateKey,
) -> None:
    public = hub_key.public_key()
    text = identity_code(bytes(range(16)), hub_key, now=NOW, ttl=60)
    assert (len(text) - 6) * 5 % 8, "want a length with spare bits in the last character"
    for index in range(6, len(text)):
        for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567":
            if char == text[index]:
                continue
            changed = text[:index] + char + text[index + 1 :]
            result = classify(changed, identity_public_key=public, now=NOW)
            assert result.status is PayloadStatus.INVALID, (index, char)


def test_identity_without_key_is_unverified_or_expired(hub_key: Ed25519PrivateKey) -> None:
    text = identity_code(b"subject", hub_key, now=NOW, ttl=60)
    assert classify(text, now=NOW).status is PayloadStatus.UNVERIFIED
    assert classify(text, now=NOW + 61).status is PayloadStatus.EXPIRED


def test_identity_code_fits_a_small_alphanumeric_qr(hub_key: Ed25519PrivateKey) -> None:
    text = identity_code(bytes(16), hub_key, now=NOW, ttl=60)
    assert set(text) <= QR_ALPHANUMERIC
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    assert code.version <= 6  # 41x41 modules
    for builder in (appointment_code, case_tracking_code, ticket_code):
        assert set(builder("2026-ABC-000123")) <= QR_ALPHANUMERIC
    receipt = case_tracking_code("HALL-K01-20260302-0001", new_receipt_code())
    assert set(receipt) <= QR_ALPHANUMERIC
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(receipt)
    code.make(fit=True)
    assert code.version <= 4  # a provisional receipt's QR with its code stays small


def test_identity_builder_rejects_bad_arguments(hub_key: Ed25519PrivateKey) -> None:
    for subject in (b"", bytes(33)):
        with pytest.raises(ValueError):
            identity_code(subject, hub_key, now=NOW, ttl=60)
    with pytest.raises(ValueError):
        identity_code(b"s", hub_key, now=NOW, ttl=0)
    with pytest.raises(ValueError):
        identity_code(b"s", hub_key, now=-5, ttl=60)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("https://zwfw.example.gov.cn/case?id=1", PayloadKind.URL, Reason.NONE),
        ("HTTP://EXAMPLE.CN/X", PayloadKind.URL, Reason.NONE),
        ("http://", PayloadKind.UNKNOWN, Reason.UNRECOGNISED),
        ("hello", PayloadKind.UNKNOWN, Reason.UNRECOGNISED),
        ("", PayloadKind.UNKNOWN, Reason.UNRECOGNISED),
        ("YM2:A:ABC:1", PayloadKind.UNKNOWN, Reason.UNSUPPORTED_VERSION),
        ("YM1:Z:ABC", PayloadKind.UNKNOWN, Reason.MALFORMED),
        ("YM1:A:ABC", PayloadKind.APPOINTMENT, Reason.MALFORMED),
        ("YM1:A:abc:1", PayloadKind.APPOINTMENT, Reason.MALFORMED),
        ("YM1:I:", PayloadKind.IDENTITY, Reason.MALFORMED),
        ("YM1:I:A", PayloadKind.IDENTITY, Reason.MALFORMED),
        ("YM1:I:AAAAAAAA", PayloadKind.IDENTITY, Reason.MALFORMED),
        ("YM1:I:" + "1" * 140, PayloadKind.IDENTITY, Reason.MALFORMED),
    ],
)
def test_foreign_and_malformed_texts(text: str, kind: PayloadKind, reason: Reason) -> None:
    result = classify(text, now=NOW)
    assert (result.kind, result.reason) == (kind, reason)
    assert result.text == text


def test_unknown_message_keys() -> None:
    assert classify("hello", now=NOW).message_key == "qr.unknown"
    assert classify("YM9:X", now=NOW).message_key == "qr.unsupported_version"


def test_overlong_text_is_bounded() -> None:
    result = classify("YM1:A:" + "A" * 1_000_000, now=NOW)
    assert result.status is PayloadStatus.INVALID and len(result.text) == payloads.MAX_TEXT


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_classify_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(classify(text, now=NOW), Payload)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=01:", max_size=200),
    st.sampled_from(["YM1:I:", "YM1:A:", "YM1:C:", "YM1:T:", "YM1:", "YM1:I:AE"]),
)
def test_classify_never_raises_near_our_formats(tail: str, head: str) -> None:
    key = Ed25519PrivateKey.generate().public_key() if head == "YM1:I:" else None
    result = classify(head + tail, identity_public_key=key, now=NOW)
    assert isinstance(result, Payload)
    if result.kind is PayloadKind.IDENTITY and key is not None:
        assert result.status is PayloadStatus.INVALID  # nobody holds that key's private half
