import datetime as dt

from gonghui.orgs.services import committee_create


def private_urls(cast) -> list[tuple]:
    committee = committee_create(actor=None, org=cast.union, kind="union", term_start=dt.date(2025, 4, 20))
    return [
        ("GET", f"/orgs/{cast.union.pk}/"),
        ("GET", f"/orgs/{cast.branch.pk}/"),
        ("GET", f"/orgs/committees/{committee.pk}/"),
        ("GET", f"/api/v1/orgs/{cast.union.pk}"),
    ]
