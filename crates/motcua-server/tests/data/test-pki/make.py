#!/usr/bin/env python3
"""Makes the TEST-ONLY certificates of the server's signature tests.

A root standing for a "government root", an agency certificate it issued
(with its private key, on purpose), and the root's empty CRL issued on
2026-03-02 (so that a signature made before then can be known unrevoked).
None is a real authority. Valid from 2026-01-01 to 2036-01-01, so that the
tests' fixed clock (March 2026) and real time both fall inside.

`trust/` is the directory a test server is given as MOTCUA_TRUST_DIR: the
root and its CRL, nothing else. Run once with `python3 make.py` (needs the `cryptography` package).
"""
import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).parent
FROM = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
TO = datetime.datetime(2036, 1, 1, tzinfo=datetime.timezone.utc)


def name(org, cn):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def cert(subject, subject_key, issuer, issuer_key, serial, ca):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
         .public_key(subject_key.public_key()).serial_number(serial)
         .not_valid_before(FROM).not_valid_after(TO)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False))
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                            critical=False)
    return b.sign(issuer_key, hashes.SHA256())


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


(HERE / "trust").mkdir(exist_ok=True)
root_key, agency_key = key(), key()
root_name = name("TEST ONLY motcua", "TEST ONLY Government Root")
root = cert(root_name, root_key, root_name, root_key, 0x100, True)
agency = cert(name("TEST ONLY UBND xã Hòa An", "TEST ONLY UBND xã Hòa An"), agency_key, root_name, root_key,
              0x1001, False)

(HERE / "trust" / "test-root.pem").write_bytes(pem(root))
(HERE / "agency-chain.pem").write_bytes(pem(agency) + pem(root))
(HERE / "agency.key").write_bytes(agency_key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
crl = (x509.CertificateRevocationListBuilder().issuer_name(root_name)
       .last_update(datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc)).next_update(TO)
       .sign(root_key, hashes.SHA256()))
(HERE / "trust" / "test-root.crl").write_bytes(crl.public_bytes(serialization.Encoding.PEM))
