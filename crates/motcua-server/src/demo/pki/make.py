#!/usr/bin/env python3
"""Makes the DEMO-ONLY certificates of motcua's demo data (demo-pki.json).

A "DEMO motcua Root" standing for the government root, an agency
certificate for each demo unit (its key is the unit's agency signing key)
and a person certificate for each demo leader (the key the demo's remote
signing stand-in signs with). Every private key here is PUBLIC, in the
repository: nothing signed with them proves anything, and the demo root is
trusted only by a server running on demo data (docs/signatures.md). The
server issues the root's CRLs itself while it runs (demo/pki.rs), so the
root's key is here too.

Also two small PNGs drawn here (seal.png, signature.png): a red seal ring
and a blue signature stroke, the images the Decree 30/2020 appearance shows.

Run once with `python3 make.py` (needs the `cryptography` package).
"""
import datetime
import json
import math
import struct
import zlib
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).parent
FROM = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
TO = datetime.datetime(2036, 1, 1, tzinfo=datetime.timezone.utc)

UNITS = {
    "H11": "UBND tỉnh Cao Bằng (dữ liệu mẫu)",
    "H11.TTPVHCC": "Trung tâm Phục vụ hành chính công tỉnh",
    "H11.STP": "Sở Tư pháp", "H11.SXD": "Sở Xây dựng", "H11.SNNMT": "Sở Nông nghiệp và Môi trường",
    "H11.STC": "Sở Tài chính", "H11.SNV": "Sở Nội vụ", "H11.SGDDT": "Sở Giáo dục và Đào tạo",
    "H11.100": "UBND phường Thục Phán", "H11.101": "UBND phường Nùng Trí Cao", "H11.102": "UBND phường Tân Giang",
    "H11.103": "UBND xã Hòa An", "H11.104": "UBND xã Nguyên Bình", "H11.105": "UBND xã Quảng Uyên",
}
SUFFIX = {"H11.TTPVHCC": "tinh", "H11.STP": "stp", "H11.SXD": "sxd", "H11.SNNMT": "snmt", "H11.STC": "stc",
          "H11.SNV": "snv", "H11.SGDDT": "sgddt", "H11.101": "nungtricao", "H11.102": "tangiang",
          "H11.103": "hoaan", "H11.104": "nguyenbinh", "H11.105": "quanguyen"}
LEADERS = {"lanhdao": "H11.100", **{f"lanhdao.{s}": code for code, s in SUFFIX.items()}}


def name(org, cn):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


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
    return c.public_bytes(serialization.Encoding.PEM).decode()


def key_pem(k):
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption()).decode()


def png(width, height, pixel):
    """An RGBA PNG whose pixel (x, y) is pixel(x, y)."""
    raw = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data
                                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def seal(x, y):
    r = math.hypot(x - 100, y - 100)
    on = 88 <= r <= 96 or 70 <= r <= 73 or (abs(x - 100) < 20 and abs(y - 100) < 20 and (x + y) % 6 < 3)
    return (200, 16, 24, 255) if on else (0, 0, 0, 0)


def stroke(x, y):
    on = abs(y - (60 + 28 * math.sin(x / 23.0) * math.cos(x / 71.0))) < 3 and 20 < x < 380
    return (20, 40, 170, 255) if on else (0, 0, 0, 0)


root_key = key()
root_name = name("DEMO motcua", "DEMO motcua Root (không có giá trị)")
root = cert(root_name, root_key, root_name, root_key, 0x100, True)
out = {"note": "DEMO ONLY: every private key here is public. See make.py.",
       "root": pem(root), "root_key": key_pem(root_key), "agencies": {}, "people": {},
       }
(HERE / "seal.png").write_bytes(png(200, 200, seal))
(HERE / "signature.png").write_bytes(png(400, 120, stroke))
serial = 0x2000
for code, org in UNITS.items():
    k = key()
    serial += 1
    c = cert(name(org, f"DEMO {org}"), k, root_name, root_key, serial, False)
    out["agencies"][code] = {"name": org, "key": key_pem(k), "chain": pem(c) + pem(root)}
for user, code in LEADERS.items():
    k = key()
    serial += 1
    c = cert(name(UNITS[code], f"DEMO Lãnh đạo ({user})"), k, root_name, root_key, serial, False)
    out["people"][user] = {"key": key_pem(k), "chain": pem(c) + pem(root)}
(HERE / "demo-pki.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
