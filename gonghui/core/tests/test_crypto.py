import pytest
from cryptography.exceptions import InvalidTag
from django.conf import settings

from gonghui.core import crypto

NUMBER = "11010519491231002X"


def test_a_number_comes_back_and_never_looks_the_same_twice():
    first, second = crypto.encrypt(NUMBER), crypto.encrypt(NUMBER)
    assert first != second and NUMBER not in first
    assert first.startswith(crypto.PREFIX)
    assert crypto.decrypt(first) == crypto.decrypt(second) == NUMBER


def test_a_value_written_in_the_earlier_fernet_format_still_reads():
    legacy = crypto._fernet(settings.GONGHUI_FIELD_KEY).encrypt(NUMBER.encode()).decode()
    assert crypto.decrypt(legacy) == NUMBER


def test_a_tampered_value_is_refused_not_misread():
    token = crypto.encrypt(NUMBER)
    body = bytearray(crypto.base64.urlsafe_b64decode(token[len(crypto.PREFIX):]))
    body[-1] ^= 1
    with pytest.raises(InvalidTag):
        crypto.decrypt(crypto.PREFIX + crypto.base64.urlsafe_b64encode(bytes(body)).decode())


def test_the_lookup_hash_is_stable_and_keyed():
    assert crypto.blind_index(NUMBER) == crypto.blind_index(NUMBER) != crypto.blind_index("110105194912310021")
    assert len(crypto.blind_index(NUMBER)) == 64
