"""The safety network's loop: the rep reports, the union forwards and answers, the rep closes it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.models import Notice
from gonghui.safety import services
from gonghui.safety.choices import ReportStatus
from gonghui.safety.models import SafetyReport
from gonghui.safety.selectors import safety_figures

from .factories import network, png, report

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_a_safety_rep_reports_a_hazard_from_the_phone(cast, client_as):
    network(cast)
    client = client_as(cast.rep)
    assert client.get("/safety/reports/new/").status_code == 200
    for _ in range(2):  # a double tap files one report
        response = client.post("/safety/reports/new/", {"place": "精轧机", "description": "护栏松动", "severity": "high",
                                                       "idempotency_key": "tap", "photo": png()})
    made = SafetyReport.objects.get()
    assert response["Location"] == f"/safety/reports/{made.pk}/"
    assert made.group.org == cast.other_branch and made.reporter == cast.rep_record and made.photo
    assert "精轧机" in client.get("/safety/").content.decode()


def test_only_an_appointed_rep_can_report(cast, client_as):
    assert client_as(cast.member).get("/safety/reports/new/").status_code == 404
    with pytest.raises(ValidationError):
        services.safety_report_submit(actor=cast.member, reporter=cast.member_record, place="x", description="y")


def test_the_union_forwards_and_answers_and_the_rep_reads_it(cast, client_as):
    network(cast)
    made = report(cast)
    chair = client_as(cast.chair)
    chair.post(f"/safety/reports/{made.pk}/forward/", {"unit": "安全环保室", "deadline": "2025-04-15"})
    chair.post(f"/safety/reports/{made.pk}/progress/", {"progress": "已更换护栏立柱"})
    chair.post(f"/safety/reports/{made.pk}/answer/", {"answer": "护栏已全部更换，经复查合格。", "resolved": "on"})
    made.refresh_from_db()
    assert made.status == ReportStatus.RESOLVED and made.responsible_unit == "安全环保室"
    assert made.answered_on == dt.date.today() and "已更换护栏立柱" in made.progress
    assert Notice.objects.filter(recipient=cast.rep).count() == 4
    rep = client_as(cast.rep)
    assert "护栏已全部更换" in rep.get(f"/safety/reports/{made.pk}/").content.decode()


def test_an_answer_may_leave_the_report_being_acted_on(cast):
    network(cast)
    made = report(cast)
    services.safety_report_answer(actor=cast.chair, report=made, answer="已列入检修计划，六月前完成", resolved=False)
    assert made.status == ReportStatus.IN_PROGRESS
    figures = safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert (figures.received, figures.resolved, figures.in_progress) == (1, 0, 1)


def test_the_rep_rates_and_reopens_a_report_marked_resolved(cast, client_as):
    network(cast)
    made = report(cast)
    services.safety_report_answer(actor=cast.chair, report=made, answer="已整改", resolved=True)
    rep = client_as(cast.rep)
    rep.post(f"/safety/reports/{made.pk}/rate/", {"rating": "dissatisfied"})
    rep.post(f"/safety/reports/{made.pk}/reopen/", {"reason": "护栏仍然松动"})
    made.refresh_from_db()
    assert made.status == ReportStatus.IN_PROGRESS and made.reopen_count == 1
    assert safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1]).reopened == 1


def test_overdue_reports_stand_out_in_the_queue_and_the_figures(cast, client_as):
    network(cast)
    made = report(cast, on=dt.date(2025, 4, 1))
    services.safety_report_forward(actor=cast.chair, report=made, unit="设备室", deadline=dt.date(2025, 4, 10))
    page = client_as(cast.chair).get("/safety/reports/", {"overdue": "1"}).content.decode()
    assert 'class="overdue"' in page and "精轧机" in page
    assert safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2025, 4, 11)).overdue == 1
    assert safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2025, 4, 9)).overdue == 0


def test_a_forward_needs_a_deadline_after_the_report(cast):
    network(cast)
    made = report(cast, on=dt.date(2025, 4, 1))
    with pytest.raises(ValidationError):
        services.safety_report_forward(actor=cast.chair, report=made, unit="设备室", deadline=dt.date(2025, 3, 1))


def test_a_member_is_appointed_through_the_network_page(cast, client_as):
    chair = client_as(cast.chair)
    chair.post("/safety/network/", {"form": "group", "org": cast.branch.pk, "name": "炼钢作业区监督小组"})
    from gonghui.safety.models import SafetyGroup, SafetyRep

    group = SafetyGroup.objects.get()
    chair.post("/safety/network/", {"form": "appoint", "group": group.pk, "member": "13800000001", "appointed_on": "2025-01-02"})
    assert SafetyRep.objects.get().member == cast.member_record
    assert safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1]).reps == 1


def test_an_outsider_reaches_no_report(cast, client_as):
    network(cast)
    made = report(cast)
    outsider = client_as(cast.outsider)
    assert outsider.get(f"/safety/reports/{made.pk}/").status_code == 404
    assert outsider.post(f"/safety/reports/{made.pk}/answer/", {"answer": "x", "resolved": "on"}).status_code == 404
    assert "精轧机" not in outsider.get("/safety/reports/").content.decode()
    assert client_as(cast.member).get(f"/safety/reports/{made.pk}/").status_code == 404


def test_old_voice_links_to_the_safety_pages_still_arrive(cast, client_as):
    network(cast)
    made = report(cast)
    chair = client_as(cast.chair)
    assert chair.get("/voice/reports/", {"overdue": "1"})["Location"] == "/safety/reports/?overdue=1"
    assert chair.get("/voice/network/")["Location"] == "/safety/network/"
    assert made.place in chair.get("/voice/reports/", follow=True).content.decode()
