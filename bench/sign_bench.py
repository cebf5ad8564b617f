#!/usr/bin/env python3
"""Signing time per document beside rendering time, in one run.

Usage: python bench/sign_bench.py [--docs 40]

Renders letters with varying text (number, addressee, subject and body change per letter),
then signs each one PAdES B-B with one key loaded once, the stamp invisible and visible, and
prints the median ms per document for each and their ratio to the render time. The key is a
throwaway RSA-2048 key with a self-signed certificate made for the run (the common size of
certificates from Thai CAs).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

import thaidocs
from thaidocs.signing import load_key

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "letter.yaml"
PASSWORD = b"bench"
SUBJECTS = ("ขอเชิญประชุม", "ขอความอนุเคราะห์ข้อมูล", "แจ้งผลการพิจารณา", "ขออนุมัติโครงการ")


def key_file(folder: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "นายทดสอบ ความเร็ว")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(PASSWORD)
    path = folder / "bench.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(None, key, cert, None, encryption))
    return path


def letters(count: int) -> list[dict[str, Any]]:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(count):
        data = dict(base)
        data["number"] = f"ศธ ๐๔๐๐๑/{i + 100}"
        data["subject"] = f"{SUBJECTS[i % len(SUBJECTS)]} ครั้งที่ {i + 1}"
        data["body"] = [f"ตามที่ได้ติดต่อกันไว้เป็นครั้งที่ {i + 1} นั้น", *base["body"][i % 2 :]]
        out.append(data)
    return out


def per_doc_ms(action: Callable[[Any], object], items: list[Any]) -> float:
    action(items[0])  # warm-up: imports, fonts, caches
    times = []
    for item in items:
        start = time.perf_counter()
        action(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    args = parser.parse_args()
    docs = [thaidocs.from_dict(data, base_dir=SAMPLE.parent) for data in letters(args.docs)]
    render_ms = per_doc_ms(thaidocs.to_pdf, docs)
    pdfs = [thaidocs.to_pdf(doc) for doc in docs]
    with tempfile.TemporaryDirectory() as tmp:
        path = key_file(Path(tmp))
        start = time.perf_counter()
        key = load_key(path, PASSWORD)
        load_ms = (time.perf_counter() - start) * 1000
    invisible = per_doc_ms(lambda pdf: thaidocs.sign(pdf, key, visible=False), pdfs)
    visible = per_doc_ms(lambda pdf: thaidocs.sign(pdf, key), pdfs)
    print(f"render_pdf_ms_per_doc {render_ms:.2f}")
    print(f"load_key_ms_once {load_ms:.1f}")
    for label, ms in (("invisible", invisible), ("visible", visible)):
        print(f"sign_bb_{label}_ms_per_doc {ms:.2f} ratio_vs_render {ms / render_ms:.2f}")


if __name__ == "__main__":
    main()
