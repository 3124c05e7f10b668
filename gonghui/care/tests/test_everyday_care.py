"""Everyday care (食堂病号饭, 安排休假) counted in person-times, and the cash of visits by occasion."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from gonghui.care import services, summary
from gonghui.care.selectors import service_people_by_kind, visit_cash_by_occasion
from gonghui.core.summary import Period

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_sick_meals_and_leave_add_up_in_person_times_and_the_summary_says_so(cast):
    for i in range(3):
        services.care_service_record(actor=cast.chair, org=cast.union, kind="sick_meal", date=dt.date(2025, 3, 1 + i),
                                     member=cast.member_record, idempotency_key=f"meal-{i}")
    services.care_service_record(actor=cast.chair, org=cast.union, kind="leave", date=dt.date(2025, 8, 1), people=2,
                                 idempotency_key="leave-1")
    assert service_people_by_kind(org=cast.union, start=YEAR[0], end=YEAR[1]) == {"sick_meal": 3, "leave": 2}
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    assert "食堂给职工做病号饭3人次，安排职工休假2人次。" in section.paragraphs


def test_the_same_key_again_records_the_care_once(cast):
    first = services.care_service_record(actor=cast.chair, org=cast.union, kind="leave", date=dt.date(2025, 8, 1),
                                         idempotency_key="leave-once")
    again = services.care_service_record(actor=cast.chair, org=cast.union, kind="leave", date=dt.date(2025, 8, 1),
                                         idempotency_key="leave-once")
    assert first.pk == again.pk
    assert service_people_by_kind(org=cast.union, start=YEAR[0], end=YEAR[1]) == {"leave": 1}


def test_care_of_an_unknown_kind_or_no_one_is_refused_by_field(cast):
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError, match="未知的关怀类别"):
            services.care_service_record(actor=cast.chair, org=cast.union, kind="party", date=dt.date(2025, 8, 1),
                                         idempotency_key="bad-kind")
        with pytest.raises(ValidationError, match="人次须为不小于1的整数"):
            services.care_service_record(actor=cast.chair, org=cast.union, kind="leave", date=dt.date(2025, 8, 1),
                                         people=0, idempotency_key="no-one")


def test_a_member_may_not_record_care(cast):
    with pytest.raises(PermissionDenied):
        services.care_service_record(actor=cast.member, org=cast.union, kind="leave", date=dt.date(2025, 8, 1),
                                     idempotency_key="by-member")


def test_the_cash_of_visits_is_split_by_occasion_only_when_it_went_on_more_than_one(cast):
    for i, (occasion, cash) in enumerate((("hospital", 500), ("hospital", 500), ("birthday", 100))):
        services.visit_record(actor=cast.chair, org=cast.union, occasion=occasion, date=dt.date(2025, 5, 1 + i),
                              member=cast.member_record, visitee_name="", visitors="工会主席", cash=Decimal(cash),
                              idempotency_key=f"visit-{i}")
    split = visit_cash_by_occasion(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert split == {"hospital": Decimal("1000.00"), "birthday": Decimal("100.00")}
    with translation.override("zh-hans"):
        assert summary.visit_cash_sentence(split) == "其中住院慰问金1,000元、生日慰问金100元。"
        assert summary.visit_cash_sentence({"hospital": Decimal(1000)}) == ""
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    assert section.paragraphs[0].endswith("送去慰问金1,100元。其中住院慰问金1,000元、生日慰问金100元。")


def test_the_chair_records_care_on_its_page_once_and_sees_it_listed(cast, client_as):
    from gonghui.care.models import CareService

    client = client_as(cast.chair)
    form = {"org": cast.union.pk, "kind": "sick_meal", "date": "2025-03-04", "people": "3", "member": "",
            "note": "夜班职工", "idempotency_key": "form:meal"}
    client.post("/care/services/new/", form)
    client.post("/care/services/new/", form)   # a resubmitted page
    assert CareService.objects.count() == 1 and CareService.objects.get().people == 3
    page = client.get("/care/services/?year=2025").content.decode()
    assert "日常关怀" in page and "病号饭" in page and "夜班职工" in page and "2025年3月4日" in page
    assert client.post("/care/services/new/", form | {"people": "0", "idempotency_key": "form:z"}).status_code == 200
    assert CareService.objects.count() == 1


def test_the_api_records_and_lists_care_and_keeps_it_from_outsiders(cast, client_as):
    import json

    body = {"org_id": cast.union.pk, "kind": "leave", "date": "2025-08-01", "people": 2, "idempotency_key": "api-leave"}
    client = client_as(cast.chair)
    made = client.post("/api/v1/care/services", json.dumps(body), content_type="application/json")
    again = client.post("/api/v1/care/services", json.dumps(body), content_type="application/json")
    assert made.status_code == 201 and again.json()["id"] == made.json()["id"]
    listed = client.get("/api/v1/care/services?year=2025").json()
    assert [(r["kind"], r["people"]) for r in listed["items"]] == [("leave", 2)]
    assert client_as(cast.outsider).get("/api/v1/care/services?year=2025").json()["items"] == []
    refused = client_as(cast.outsider).post("/api/v1/care/services", json.dumps(body | {"idempotency_key": "x"}),
                                            content_type="application/json")
    assert refused.status_code == 404
