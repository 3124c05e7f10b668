
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
