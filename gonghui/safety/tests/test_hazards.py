"""The occupational hazard census: posts, the workers exposed on them, and their follow-ups."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.safety import services
from gonghui.safety.models import Exposure, FollowUp, HazardPost
from gonghui.safety.selectors import hazard_figures

from .factories import hazard_post

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_the_census_records_posts_exposed_workers_and_their_follow_ups(cast, client_as):
    chair = client_as(cast.chair)
    chair.post("/safety/hazards/", {"org": cast.branch.pk, "name": "炉前工岗位", "factors": ["dust", "heat"], "surveyed_on": "2025-02-01"})
    post = cast.branch and HazardPost.objects.get()
    chair.post(f"/safety/hazards/{post.pk}/expose/", {"member": "张三", "since": "2020-05-01"})
    exposure = Exposure.objects.get()
    chair.post(f"/safety/hazards/{post.pk}/plan/", {"exposure": exposure.pk, "kind": "health_check", "due_on": "2025-06-01"})
    chair.post(f"/safety/hazards/{post.pk}/plan/", {"exposure": exposure.pk, "kind": "recuperation", "due_on": "2025-10-01"})
    check = FollowUp.objects.get(kind="health_check")
    chair.post(f"/safety/hazards/{post.pk}/done/", {"follow_up": check.pk, "done_on": "2025-05-28"})
    figures = hazard_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert (figures.posts_surveyed, figures.workers_exposed, figures.follow_ups_due, figures.follow_ups_done) == (1, 1, 2, 1)
    assert "炉前工岗位" in chair.get(f"/safety/hazards/{post.pk}/").content.decode()


def test_a_post_needs_a_known_hazard_factor(cast):
    with pytest.raises(ValidationError):
        services.hazard_post_create(actor=cast.chair, org=cast.branch, name="x", factors=["magic"], surveyed_on=dt.date(2025, 1, 1))


def test_an_outsider_reaches_no_hazard_post(cast, client_as):
    post = hazard_post(cast)
    outsider = client_as(cast.outsider)
    assert outsider.get(f"/safety/hazards/{post.pk}/").status_code == 404
    assert outsider.post(f"/safety/hazards/{post.pk}/expose/", {"member": "张三", "since": "2020-01-01"}).status_code == 404
    assert not Exposure.objects.exists()
