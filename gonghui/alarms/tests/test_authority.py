"""Who may work the panel: duty staff on the zones under their org, the managing roles everywhere
in their subtree; only the managing roles set sites, zones, detectors and duty lists up."""

import pytest

from gonghui.accounts.services import role_grant, user_create
from gonghui.alarms import services
from gonghui.alarms.selectors import event_list, zone_board
from gonghui.core.scoping import NotAllowed

from .factories import build_plant

pytestmark = pytest.mark.django_db


@pytest.fixture
def duty(cast):
    user = user_create(actor=None, username="duty", password=None, display_name="赵值班")
    role_grant(actor=None, user=user, org=cast.union, role="duty_staff")
    return user


def test_duty_staff_work_the_panel_of_their_zones(cast, duty):
    plant = build_plant(cast.union)
    services.zone_acknowledge(actor=duty, zone=plant.depot)
    services.zone_silence(actor=duty, zone=plant.depot)
    services.zone_reset(actor=duty, zone=plant.depot)
    services.zone_arm(actor=duty, zone=plant.store)
    services.zone_disarm(actor=duty, zone=plant.store)
    services.detector_bypass(actor=duty, detector=plant.door, bypassed=True)
    assert {z.pk for z in zone_board(visible_to=duty)} == {plant.depot.pk, plant.store.pk}


def test_duty_staff_of_one_union_cannot_touch_the_sibling_unions_zones(cast, duty):
    theirs = build_plant(cast.sibling, code="xuexiao-plant")
    with pytest.raises(NotAllowed, match="无权"):
        services.zone_acknowledge(actor=duty, zone=theirs.depot)
    assert zone_board(visible_to=duty) == [] and not event_list(visible_to=duty).exists()


def test_duty_staff_set_nothing_up(cast, duty):
    plant = build_plant(cast.union)
    with pytest.raises(NotAllowed):
        services.zone_create(actor=duty, site=plant.site, code="new", name="新防区", place_kind="warehouse")
    with pytest.raises(NotAllowed):
        services.detector_disable(actor=duty, detector=plant.smoke, disabled=True)
    with pytest.raises(NotAllowed):
        services.duty_person_add(actor=duty, zone=plant.depot, name="某人", phone="13800000000")


def test_a_branch_cadre_sets_up_only_under_the_branch(cast):
    with pytest.raises(NotAllowed):
        services.site_create(actor=cast.cadre, org=cast.union, code="union-site", name="本部厂区")
    site = services.site_create(actor=cast.cadre, org=cast.branch, code="branch-site", name="炼钢厂区")
    assert site.org == cast.branch
