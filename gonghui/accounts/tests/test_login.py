
import pytest
from django.conf import settings
from django.test import override_settings



def test_people_log_in_with_their_password(cast, client):
    response = client.post("/accounts/login/", {"username": "chair", "password": "pw-chair"})
    assert response.status_code == 302
    assert "本部工会" in client.get("/").content.decode()


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "chair", "password": "guess"})
    response = client.post("/accounts/login/", {"username": "chair", "password": "pw-chair"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_a_locked_name_does_not_lock_other_people(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "chair", "password": "guess"})
    assert client.post("/accounts/login/", {"username": "cadre", "password": "pw-cadre"}).status_code == 302


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2(cast):
    cast.chair.set_password("a long enough passphrase")
    assert cast.chair.password.startswith("argon2$")


def test_the_production_hasher_is_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_pages_need_a_login(client):
    assert client.get("/members/").status_code == 302


@pytest.mark.django_db
def test_the_login_page_is_in_chinese(client):
    page = client.get("/accounts/login/").content.decode()
    assert "登录" in page and 'lang="zh-hans"' in page


def fail(client, username: str, address: str, **headers):
    return client.post("/accounts/login/", {"username": username, "password": "guess"}, REMOTE_ADDR=address, **headers)


def test_guesses_from_many_addresses_still_lock_the_account(cast, client):
    for i in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "chair", f"10.0.0.{i + 1}")
    response = client.post("/accounts/login/", {"username": "chair", "password": "pw-chair"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429


def test_one_password_sprayed_over_many_names_locks_the_address_later(cast, client):
    limit = settings.GONGHUI_LOCKOUT_LIMITS["ip_address"]
    assert limit > settings.AXES_FAILURE_LIMIT
    for i in range(limit - 1):
        fail(client, f"nobody{i}", "10.1.1.1")
    assert client.post("/accounts/login/", {"username": "cadre", "password": "pw-cadre"}, REMOTE_ADDR="10.1.1.1").status_code == 302
    client.logout()
    for i in range(limit):
        fail(client, f"again{i}", "10.1.1.2")
    assert client.post("/accounts/login/", {"username": "cadre", "password": "pw-cadre"}, REMOTE_ADDR="10.1.1.2").status_code == 429
    # the accounts themselves are not locked: the same person from elsewhere gets in
    assert client.post("/accounts/login/", {"username": "cadre", "password": "pw-cadre"}, REMOTE_ADDR="10.1.1.3").status_code == 302


def test_a_forwarded_for_header_is_ignored_without_trusted_proxies(rf):
    from gonghui.accounts.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.7"


def test_behind_one_trusted_proxy_the_address_it_saw_counts(rf):
    from gonghui.accounts.lockout import client_ip

    with override_settings(GONGHUI_TRUSTED_PROXIES=1):
        # the client put 6.6.6.6 in the header itself; our proxy appended the address it saw
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
        assert client_ip(request) == "198.51.100.4"
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.2"
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
