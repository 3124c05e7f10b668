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
        ("POST", f"/orgs/{cast.union.pk}/federation-consent/"),
        ("GET", f"/api/v1/orgs/{cast.union.pk}"),
    ]


def service_calls(cast) -> list[tuple]:
    """Every public service of orgs, called on BENBU (for portal/tests/test_authority_walk.py)."""
    from gonghui.orgs import services

    committee = committee_create(actor=None, org=cast.union, kind="union", term_start=dt.date(2025, 4, 20))
    seat = committee_seat_assign(actor=None, committee=committee, member=cast.rep_record, start=dt.date(2025, 4, 20))
    return [
        ("org_create", lambda actor: services.org_create(actor=actor, code="WALK-1", name="走查作业区", kind="branch",
                                                         parent=cast.union)),
        ("org_rename", lambda actor: services.org_rename(actor=actor, org=cast.branch, name="走查改名")),
        ("org_describe", lambda actor: services.org_describe(actor=actor, org=cast.branch, sector="school")),
        ("org_edit", lambda actor: services.org_edit(actor=actor, org=cast.branch, staff_term="员工")),
        ("committee_create", lambda actor: services.committee_create(actor=actor, org=cast.union, kind="mediation",
                                                                     term_start=dt.date(2025, 4, 20))),
        ("committee_seat_assign", lambda actor: services.committee_seat_assign(
            actor=actor, committee=committee, member=cast.member_record, start=dt.date(2025, 4, 20))),
        ("committee_seat_end", lambda actor: services.committee_seat_end(actor=actor, seat=seat, end=dt.date(2025, 12, 31))),
        ("org_federation_consent_set", lambda actor: services.org_federation_consent_set(actor=actor, org=cast.union, allowed=True)),
    ]


# Public functions of orgs/services.py that guard no write of their own.
UNGUARDED: dict[str, str] = {}
