"""Care's private URLs and services for the outsider and authority walks (portal/tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

UNGUARDED: dict[str, str] = {}

DEEP = {"household_size": 3, "income": Decimal(30000), "essential_spending": Decimal(12000)}


def objects(cast, suffix: str = "walk"):
    from gonghui.care import services

    case = services.case_open(actor=cast.chair, member=cast.member_record, reason="配偶无业", opened_on=dt.date(2025, 2, 1), **DEEP)
    visit = services.visit_record(actor=cast.chair, org=cast.union, occasion="spring_festival", date=dt.date(2025, 1, 20),
                                  member=cast.member_record, visitee_name="", visitors="工会主席", goods="米面油",
                                  goods_value=Decimal(200), idempotency_key=f"{suffix}:visit")
    aid = services.aid_pay(actor=cast.chair, member=cast.member_record, kind="goods", date=dt.date(2025, 2, 1),
                           goods="米面油", goods_value=Decimal(300), idempotency_key=f"{suffix}:aid")
    return case, visit, aid


def private_urls(cast) -> list[tuple]:
    case, visit, aid = objects(cast)
    figures = {"household_size": "3", "income": "30000", "essential_spending": "12000", "date": "2025-11-01"}
    m = cast.member_record.pk
    return [
        ("GET", f"/care/cases/{case.pk}/"),
        ("GET", f"/care/cases/{case.pk}/recheck/"),
        ("POST", f"/care/cases/{case.pk}/recheck/", figures),
        ("POST", f"/care/cases/{case.pk}/close/", {"reason": "好转"}),
        ("GET", f"/care/visits/{visit.pk}/"),
        ("GET", f"/care/aid/{aid.pk}/"),
        ("GET", f"/care/settings/?org={cast.union.pk}"),
        ("GET", f"/api/v1/care/cases/{case.pk}"),
        ("POST", f"/api/v1/care/cases/{case.pk}/recheck", {**figures}),
        ("POST", f"/api/v1/care/cases/{case.pk}/close", {"reason": "好转"}),
        ("POST", "/api/v1/care/cases", {"member_id": m, "reason": "x", "household_size": 3, "income": "1", "essential_spending": "0"}),
        ("GET", f"/api/v1/care/visits/{visit.pk}"),
        ("POST", "/api/v1/care/visits", {"org_id": cast.union.pk, "occasion": "hospital", "date": "2025-03-01",
                                         "visitors": "主席", "visitee_name": "x", "idempotency_key": "walk:api:visit"}),
        ("GET", f"/api/v1/care/aid/{aid.pk}"),
        ("GET", f"/api/v1/care/settings?org_id={cast.union.pk}"),
        ("GET", f"/care/talks/?org={cast.union.pk}"),
        ("GET", f"/api/v1/care/talks?org_id={cast.union.pk}"),
        ("POST", "/api/v1/care/settings", {"org_id": cast.union.pk, "low_income_line": "900", "aid_limit": "1",
                                           "education_grant": "1"}),
        ("POST", "/api/v1/care/aid", {"member_id": m, "kind": "relief", "date": "2025-03-01", "amount": "100",
                                      "idempotency_key": "walk:api:aid"}),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    from gonghui.care import services

    case, visit, aid = objects(cast, "service")
    return [
        ("care_settings_set", lambda actor: services.care_settings_set(actor=actor, org=cast.union, low_income_line=Decimal(900),
                                                                       aid_limit=Decimal(1))),
        ("case_open", lambda actor: services.case_open(actor=actor, member=cast.rep_record, reason="x", **DEEP)),
        ("case_recheck", lambda actor: services.case_recheck(actor=actor, case=case, date=dt.date(2025, 11, 1), **DEEP)),
        ("case_close", lambda actor: services.case_close(actor=actor, case=case, reason="x")),
        ("visit_record", lambda actor: services.visit_record(actor=actor, org=cast.union, occasion="hospital", date=dt.date(2025, 3, 1),
                                                             visitee_name="x", visitors="y", idempotency_key="walk:o:visit")),
        ("aid_pay", lambda actor: services.aid_pay(actor=actor, member=cast.member_record, kind="relief", date=dt.date(2025, 3, 1),
                                                   amount=Decimal(100), idempotency_key="walk:o:aid")),
        ("case_figures_reveal", lambda actor: services.case_figures_reveal(actor=actor, case=case)),
        ("talk_record", lambda actor: services.talk_record(actor=actor, member=cast.member_record, kind="talk", date=dt.date(2025, 4, 1),
                                                           topic="走查")),
        ("care_service_record", lambda actor: services.care_service_record(actor=actor, org=cast.union, kind="sick_meal",
                                                                           date=dt.date(2025, 3, 1), idempotency_key="walk:o:meal")),
    ]
