"""Field encryption and blind indexes for personal numbers.

ID-card numbers are stored encrypted with AES-256-GCM (a fresh 96-bit nonce per
value, so equal numbers never look alike) and found through an HMAC of the number,
so equality lookups and uniqueness work without the plaintext ever reaching the
database. Both keys are derived from settings.GONGHUI_FIELD_KEY with HKDF, each for
its own purpose.

Stored values read "g1." + base64(nonce + ciphertext + tag). Values written before
that format (Fernet tokens, AES-128-CBC with HMAC-SHA256) are still read; GCM took
over because a roster import encrypts every row and Fernet cost five times as much.
"""

from __future__ import annotations

import base64
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "g1."
NONCE_BYTES = 12


def _derive(master: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"gonghui", info=purpose).derive(master.encode())


@lru_cache(maxsize=4)
def _aead(master: str) -> AESGCM:
    return AESGCM(_derive(master, b"field-encryption-gcm"))


@lru_cache(maxsize=4)
def _fernet(master: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(master, b"field-encryption")))


@lru_cache(maxsize=4)
def _index_key(master: str) -> bytes:
    return _derive(master, b"blind-index")


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _aead(settings.GONGHUI_FIELD_KEY).encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if token.startswith(PREFIX):
        raw = base64.urlsafe_b64decode(token[len(PREFIX):])
        return _aead(settings.GONGHUI_FIELD_KEY).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode()
    return _fernet(settings.GONGHUI_FIELD_KEY).decrypt(token.encode()).decode()


def blind_index(plaintext: str) -> str:
    return hmac.digest(_index_key(settings.GONGHUI_FIELD_KEY), plaintext.encode(), "sha256").hex()
