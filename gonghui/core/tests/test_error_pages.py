"""What a person sees when something is refused or breaks: Chinese pages, never Django's English defaults."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_the_outsider_gets_a_chinese_404_that_does_not_say_whether_the_record_exists(cast, client_as):
    client = client_as(cast.outsider)
    other_unions_member = client.get(f"/members/{cast.member_record.pk}/")
    nobody = client.get("/members/987654/")
    for response in (other_unions_member, nobody):
        assert response.status_code == 404
        assert "页面不存在，或不在您的查看范围内" in response.content.decode()
    assert main(other_unions_member) == main(nobody)  # the layout around it differs only by its CSRF token


def main(response) -> str:
    page = response.content.decode()
    return page[page.index("<main"):page.index("</main>")]


def test_a_form_sent_without_its_token_gets_a_chinese_page_saying_nothing_was_saved(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    response = client.post("/voice/suggest/", {"title": "加装防护栏", "body": "皮带通廊东侧缺防护栏"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "没有保存" in page


def test_a_server_error_page_renders_without_the_request_or_the_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "出错了" in response.content.decode()
