"""One's own password and tokens, a chair's reset of a member's password."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gonghui.accounts import services
from gonghui.accounts.models import ApiToken, User
from gonghui.core.scoping import NotAllowed

pytestmark = pytest.mark.django_db
NEW = "a long enough passphrase"


def test_a_member_changes_their_own_password_and_stays_signed_in(cast, client_as):
    client = client_as(cast.member)
    response = client.post("/accounts/password/", {"old_password": "pw-member", "new_password": NEW, "new_password_again": NEW})
    assert response.status_code == 302
    assert User.objects.get(pk=cast.member.pk).check_password(NEW)
    assert client.get("/accounts/security/").status_code == 200


def test_a_wrong_current_password_changes_nothing(cast, client_as):
    page = client_as(cast.member).post("/accounts/password/", {"old_password": "guess", "new_password": NEW,
                                                                "new_password_again": NEW}).content.decode()
    assert "当前密码不正确" in page
    assert User.objects.get(pk=cast.member.pk).check_password("pw-member")


def test_nobody_changes_someone_elses_password(cast):
    with pytest.raises(NotAllowed):
        services.user_password_change(actor=cast.chair, user=cast.member, old_password="pw-member", new_password=NEW)


def test_the_chair_resets_a_members_password_and_the_member_must_change_it(cast, client_as, client):
    response = client_as(cast.chair).post(f"/accounts/roles/{cast.group.pk}/password/{cast.member.pk}/")
    assert response.status_code == 200
    password = response.context["password"]
    member = User.objects.get(pk=cast.member.pk)
    assert member.check_password(password) and member.must_change_password
    client.logout()
    login = client.post("/accounts/login/", {"username": "member", "password": password})
    assert login.url == "/accounts/password/"
    # Walking past the password page to any other page leads back to it, until the password is changed.
    for page in ("/", "/members/", "/voice/"):
        assert client.get(page).url == "/accounts/password/"
    client.post("/accounts/password/", {"old_password": password, "new_password": NEW, "new_password_again": NEW})
    assert not User.objects.get(pk=cast.member.pk).must_change_password
    assert client.get("/").status_code == 200


def test_a_cadre_cannot_reset_and_a_chair_cannot_reset_the_federations_officer(cast):
    with pytest.raises(NotAllowed):
        services.user_password_reset(actor=cast.cadre, user=cast.member)
    with pytest.raises(NotAllowed):
        services.user_password_reset(actor=cast.chair, user=cast.fed)
    assert services.user_password_reset(actor=cast.fed, user=cast.chair)


def test_a_reset_ends_the_members_tokens(cast):
    token, _key = services.api_token_create(actor=cast.member, user=cast.member, name="脚本")
    services.user_password_reset(actor=cast.chair, user=cast.member)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_expires_after_ninety_days_by_default(cast):
    token, key = services.api_token_create(actor=cast.chair, user=cast.chair, name="报表")
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 90
    assert services.api_token_authenticate(key) == cast.chair
    with time_machine.travel(token.expires_at + dt.timedelta(minutes=1)):
        assert services.api_token_authenticate(key) is None


def test_an_expired_token_is_refused_by_the_api(cast, client):
    token, key = services.api_token_create(actor=cast.chair, user=cast.chair, name="报表", days=1)
    url = f"/api/v1/governance/targets?org_id={cast.union.pk}"
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    with time_machine.travel(token.expires_at + dt.timedelta(seconds=1)):
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_lives_a_year_at_most(cast):
    with pytest.raises(ValidationError):
        services.api_token_create(actor=cast.chair, user=cast.chair, name="x", days=366)


def test_a_revoked_token_is_refused_and_leaves_the_list(cast, client_as):
    token, key = services.api_token_create(actor=cast.chair, user=cast.chair, name="报表")
    client = client_as(cast.chair)
    assert "报表" in client.get("/accounts/security/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert services.api_token_authenticate(key) is None
    assert "gh_" + token.prefix not in client.get("/accounts/security/").content.decode()
    revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at
    services.api_token_revoke(actor=cast.chair, token=token)   # a second revoke changes nothing
    assert ApiToken.objects.get(pk=token.pk).revoked_at == revoked_at


def test_nobody_makes_or_revokes_someone_elses_token(cast, client_as):
    token, _key = services.api_token_create(actor=cast.chair, user=cast.chair, name="报表")
    with pytest.raises(NotAllowed):
        services.api_token_create(actor=cast.fed, user=cast.chair, name="x")
    with pytest.raises(NotAllowed):
        services.api_token_revoke(actor=cast.fed, token=token)
    assert client_as(cast.fed).post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404


def test_the_page_makes_a_token_and_shows_its_key_once(cast, client_as):
    client = client_as(cast.member)
    page = client.post("/accounts/security/", {"name": "脚本", "days": 30}).content.decode()
    token = ApiToken.objects.get(user=cast.member)
    assert "gh_" in page and round((token.expires_at - token.created_at).total_seconds() / 86400) == 30
    assert "我的令牌/账号安全" in page


@pytest.mark.parametrize("persona", ["member", "chair", "outsider"])
def test_the_menu_offers_my_tokens_to_everyone(cast, client_as, persona):
    page = client_as(getattr(cast, persona)).get("/").content.decode()
    nav = page[page.index('<nav class="mainnav">'):page.index("</nav>")]
    assert 'href="/accounts/security/"' in nav and "我的令牌/账号安全" in nav
