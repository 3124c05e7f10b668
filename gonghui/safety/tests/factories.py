"""Safety records for tests, made through the services as users would make them."""

from __future__ import annotations

import datetime as dt

from gonghui.safety import services
from gonghui.voice.tests.factories import png

__all__ = ["hazard_post", "network", "png", "report"]


def network(cast):
    """A supervision group on the rep's branch with cast.rep_record appointed to it."""
    group = services.safety_group_create(actor=cast.chair, org=cast.other_branch, name="轧钢作业区劳动保护监督小组")
    rep = services.safety_rep_appoint(actor=cast.chair, group=group, member=cast.rep_record, appointed_on=dt.date(2025, 1, 5))
    return group, rep


def report(cast, *, place: str = "精轧机", key: str = "", on: dt.date | None = None):
    return services.safety_report_submit(actor=cast.rep, reporter=cast.rep_record, place=place, description="护栏松动", severity="high",
                                         idempotency_key=key, reported_on=on or dt.date(2025, 4, 1))


def hazard_post(cast):
    return services.hazard_post_create(actor=cast.chair, org=cast.branch, name="炉前工岗位", factors=["dust", "heat"],
                                       surveyed_on=dt.date(2025, 2, 1))
