import datetime as dt

from gonghui.orgs.services import committee_create, committee_seat_assign


def private_urls(cast) -> list[tuple]:
    committee = committee_create(actor=None, org=cast.union, kind="union", term_start=dt.date(2025, 4, 20))
    seat = committee_seat_assign(actor=None, committee=committee, member=cast.member_record, start=dt.date(2025, 4, 20))
    return [
        ("GET", f"/orgs/{cast.union.pk}/"),
        ("GET", f"/orgs/{cast.branch.pk}/"),
        ("GET", f"/orgs/{cast.union.pk}/children/new/"),
        ("POST", f"/orgs/{cast.union.pk}/children/new/"),
        ("GET", f"/orgs/{cast.branch.pk}/rename/"),
        ("POST", f"/orgs/{cast.branch.pk}/rename/"),
        ("GET", f"/orgs/{cast.union.pk}/committees/new/"),
        ("POST", f"/orgs/{cast.union.pk}/committees/new/"),
        ("GET", f"/orgs/committees/{committee.pk}/"),
        ("GET", f"/orgs/committees/{committee.pk}/seats/new/"),
        ("POST", f"/orgs/committees/{committee.pk}/seats/new/"),
        ("GET", f"/orgs/seats/{seat.pk}/end/"),
        ("POST", f"/orgs/seats/{seat.pk}/end/"),
        ("GET", f"/api/v1/orgs/{cast.union.pk}"),
    ]
