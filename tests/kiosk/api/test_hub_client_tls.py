"""TLS is always verified; a CA bundle and a client certificate (mTLS) are configuration."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from hub.embedded import EmbeddedHub, TlsFiles
from kiosk.api.client import HubClient
from kiosk.api.errors import HubUnreachable


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _write(
    path: Path, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate
) -> tuple[Path, Path]:
    key_path, cert_path = path.with_suffix(".key"), path.with_suffix(".pem")
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


class Pki:
    def __init__(self, directory: Path) -> None:
        now = dt.datetime.now(dt.UTC)
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        ca = (
            x509.CertificateBuilder()
            .subject_name(_name("Yimen test CA"))
            .issuer_name(_name("Yimen test CA"))
            .public_key(self.ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .sign(self.ca_key, hashes.SHA256())
        )
        self.ca_cert = ca
        self.ca_path = directory / "ca.pem"
        self.ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        self.server = self._leaf(directory / "server", "127.0.0.1", ExtendedKeyUsageOID.SERVER_AUTH)
        self.client = self._leaf(directory / "client", "kiosk-01", ExtendedKeyUsageOID.CLIENT_AUTH)

    def _leaf(self, path: Path, cn: str, usage: x509.ObjectIdentifier) -> tuple[Path, Path]:
        now = dt.datetime.now(dt.UTC)
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(cn))
            .issuer_name(self.ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        )
        if usage == ExtendedKeyUsageOID.SERVER_AUTH:
            san = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
            builder = builder.add_extension(san, critical=False)
        return _write(path, key, builder.sign(self.ca_key, hashes.SHA256()))


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return Pki(tmp_path)


@pytest.fixture
def tls_hub(tmp_path: Path, pki: Pki) -> Iterator[EmbeddedHub]:
    cert, key = pki.server
    with EmbeddedHub(tmp_path / "hub", tls=TlsFiles(cert, key)) as hub:
        yield hub


def test_untrusted_certificate_is_refused(tls_hub: EmbeddedHub) -> None:
    token = tls_hub.register_terminal("kiosk-01")
    with (
        HubClient(tls_hub.base_url, token=token, retries=0) as client,
        pytest.raises(HubUnreachable, match="TLS"),
    ):
        client.list_ticket_categories()


def test_configured_ca_bundle_is_trusted(tls_hub: EmbeddedHub, pki: Pki) -> None:
    token = tls_hub.register_terminal("kiosk-01")
    assert tls_hub.base_url.startswith("https://")
    with HubClient(tls_hub.base_url, token=token, ca_bundle=pki.ca_path) as client:
        assert client.list_ticket_categories()


def test_mutual_tls_needs_the_client_certificate(tmp_path: Path, pki: Pki) -> None:
    cert, key = pki.server
    with EmbeddedHub(tmp_path / "mtls", tls=TlsFiles(cert, key, client_ca=pki.ca_path)) as hub:
        token = hub.register_terminal("kiosk-01")
        with (
            HubClient(hub.base_url, token=token, ca_bundle=pki.ca_path, retries=0) as client,
            pytest.raises(HubUnreachable),
        ):
            client.list_ticket_categories()
        with HubClient(
            hub.base_url, token=token, ca_bundle=pki.ca_path, client_cert=pki.client
        ) as client:
            assert client.list_ticket_categories()
