"""The member book's private URLs, for the outsider walk (portal/tests/test_outsider_walk.py).

Each entry is (method, url) or (method, url, json_body) for API calls that need a valid body.
"""


def private_urls(cast) -> list[tuple]:
    pk = cast.member_record.pk
    return [
        ("GET", f"/members/{pk}/"),
        ("GET", f"/members/{pk}/edit/"),
        ("POST", f"/members/{pk}/edit/"),
        ("GET", f"/members/{pk}/transfer/"),
        ("POST", f"/members/{pk}/transfer/"),
        ("GET", f"/members/{pk}/leave/"),
        ("POST", f"/members/{pk}/leave/"),
        ("POST", f"/members/{pk}/id-number/"),
        ("GET", f"/members/{pk}/id-number/correct/"),
        ("POST", f"/members/{pk}/id-number/correct/"),
        ("GET", f"/members/?org={cast.union.pk}"),
        ("GET", f"/api/v1/members/{pk}"),
        ("PATCH", f"/api/v1/members/{pk}"),
        ("POST", f"/api/v1/members/{pk}/transfer", {"to_org_id": cast.sibling.pk, "date": "2025-05-01"}),
        ("POST", f"/api/v1/members/{pk}/leave", {"date": "2025-05-01"}),
        ("POST", f"/api/v1/members/{pk}/id-number", {"id_number": "11010119850312002X", "reason": "录入错误"}),
        ("GET", f"/api/v1/members/?org_id={cast.union.pk}"),
        *roster_urls(cast),
    ]


def roster_urls(cast) -> list[tuple]:
    """Excel in and out: export and import name BENBU by query parameter, the confirm step by upload token."""
    from gonghui.members.imports import upload_keep
    from gonghui.members.workbook import template_workbook
    import io

    token = upload_keep(io.BytesIO(template_workbook()))
    return [
        ("GET", f"/members/export/?org={cast.union.pk}"),
        ("GET", f"/members/export/real-name/?org={cast.union.pk}"),
        ("POST", f"/members/import/{token}/"),
        ("POST", f"/api/v1/members/import?org_id={cast.union.pk}&dry_run=true"),
    ]


def service_calls(cast) -> list[tuple]:
    """Every public service of the member book, called on BENBU (portal/tests/test_authority_walk.py)."""
    import datetime as dt

    from gonghui.core import idcard
    from gonghui.members import services

    def newcomer() -> "services.MemberData":
        return services.MemberData(name="走查新人", id_number=idcard.make("11010119850312002"), org=cast.branch)

    record = cast.member_record
    return [
        ("member_create", lambda actor: services.member_create(actor=actor, data=newcomer())),
        ("members_bulk_create", lambda actor: services.members_bulk_create(actor=actor, rows=[newcomer()])),
        ("member_update", lambda actor: services.member_update(actor=actor, member=record, post="走查")),
        ("member_transfer", lambda actor: services.member_transfer(actor=actor, member=record, to_org=cast.other_branch,
                                                                   date=dt.date(2025, 5, 1))),
        ("member_leave", lambda actor: services.member_leave(actor=actor, member=record, date=dt.date(2025, 5, 1))),
        ("member_id_number_reveal", lambda actor: services.member_id_number_reveal(actor=actor, member=record)),
        ("member_id_number_correct", lambda actor: services.member_id_number_correct(
            actor=actor, member=record, id_number=idcard.make("11010119850312002"), reason="走查")),
        ("member_id_numbers_export", lambda actor: services.member_id_numbers_export(actor=actor, members=[record])),
        ("member_link_user", lambda actor: services.member_link_user(actor=actor, member=cast.rep_record, user=cast.rep)),
    ]


# Public functions of members/services.py that guard no write of their own.
UNGUARDED: dict[str, str] = {}
