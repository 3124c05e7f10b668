"""Field encryption and blind indexes for personal numbers.

ID-card numbers are stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256) and
found through an HMAC of the number, so equality lookups and uniqueness work
without the plaintext ever reaching the database. Both keys are derived from
settings.GONGHUI_FIELD_KEY with HKDF, each for its own purpose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(master: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"gonghui", info=purpose).derive(master.encode())


@lru_cache(maxsize=4)
def _fernet(master: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(master, b"field-encryption")))


@lru_cache(maxsize=4)
def _index_key(master: str) -> bytes:
    return _derive(master, b"blind-index")


def encrypt(plaintext: str) -> str:
    return _fernet(settings.GONGHUI_FIELD_KEY).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(settings.GONGHUI_FIELD_KEY).decrypt(token.encode()).decode()


def blind_index(plaintext: str) -> str:
    return hmac.new(_index_key(settings.GONGHUI_FIELD_KEY), plaintext.encode(), hashlib.sha256).hexdigest()
