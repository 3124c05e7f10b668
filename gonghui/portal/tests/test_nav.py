"""The menu offers each person only what opens for them."""

import re

import pytest

pytestmark = pytest.mark.django_db


def menu_links(client) -> list[str]:
    page = client.get("/").content.decode()
    nav = page[page.index('<nav class="mainnav">'):page.index("</nav>")]
    return re.findall(r'<a href="([^"]+)"', nav)


@pytest.mark.parametrize("persona", ["fed", "chair", "cadre", "member", "rep", "outsider"])
def test_every_link_in_the_menu_opens(cast, client_as, persona):
    client = client_as(getattr(cast, persona))
    links = menu_links(client)
    assert links
    for url in links:
        assert client.get(url).status_code == 200, url


def test_my_suggestions_are_offered_only_to_someone_with_a_record_of_their_own(cast, client_as):
    assert "/voice/" in menu_links(client_as(cast.member))
    assert "/voice/" not in menu_links(client_as(cast.fed))


def test_the_alarm_board_is_offered_only_to_someone_who_watches_a_zone(cast, client_as):
    from gonghui.alarms.tests.factories import build_plant

    assert "/alarms/" not in " ".join(menu_links(client_as(cast.chair)))
    build_plant(cast.union, actor=cast.chair)
    assert "/alarms/" in " ".join(menu_links(client_as(cast.chair)))
    assert "/alarms/" not in " ".join(menu_links(client_as(cast.outsider)))
    assert "/alarms/" not in " ".join(menu_links(client_as(cast.member)))
