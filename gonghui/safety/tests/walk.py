"""The safety network's private URLs and its services, for the outsider walks
(portal/tests/test_outsider_walk.py and portal/tests/test_authority_walk.py)."""

import datetime as dt

from gonghui.safety import services

from .factories import hazard_post, network, png

# Public functions of services.py that are no role-guarded write.
UNGUARDED = {
    "open_appointment": "a read: the member's open appointment as safety rep, for the pages and the report form",
}


def private_urls(cast) -> list[tuple]:
    group, rep = network(cast)
    r = services.safety_report_submit(actor=cast.rep, reporter=cast.rep_record, place="走查用地点", description="护栏松动", photo=png())
    post = hazard_post(cast)
    return [
        ("GET", f"/safety/reports/{r.pk}/"),
        ("POST", f"/safety/reports/{r.pk}/forward/", {"unit": "安全环保室", "deadline": "2025-05-01"}),
        ("GET", f"/safety/reports/{r.pk}/photo/"),
        ("GET", f"/safety/reports/?org={cast.union.pk}"),
        ("POST", f"/safety/network/reps/{rep.pk}/end/"),
        ("GET", f"/safety/hazards/{post.pk}/"),
        ("POST", f"/safety/hazards/{post.pk}/expose/", {"member": "张三", "since": "2024-01-01"}),
        ("GET", f"/safety/hazards/?org={cast.union.pk}"),
        ("GET", f"/safety/dashboard/?org={cast.union.pk}"),
        ("GET", f"/api/v1/safety/reports/{r.pk}"),
        ("POST", f"/api/v1/safety/reports/{r.pk}/progress", {"progress": "已处理"}),
        ("GET", f"/api/v1/safety/reports?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/safety/hazards?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/safety/figures?org_id={cast.union.pk}"),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    """Every public write of the safety network on BENBU's records, as `call(actor)`.

    The rep's own writes (report, rate, reopen) are walked on the rep's records, so the plain
    member is refused for not being the rep, and the outsider for not belonging."""
    day = dt.date(2025, 4, 1)
    group, rep = network(cast)
    report = services.safety_report_submit(actor=None, reporter=cast.rep_record, place="走查用地点", description="护栏松动",
                                           reported_on=day)
    resolved = services.safety_report_submit(actor=None, reporter=cast.rep_record, place="走查用已办", description="照明不足",
                                             reported_on=day, idempotency_key="walk-resolved")
    services.safety_report_answer(actor=None, report=resolved, answer="已更换灯具", resolved=True, on=day)
    post = hazard_post(cast)
    exposure = services.exposure_add(actor=None, post=post, member=cast.member_record, since=day)
    follow_up = services.follow_up_plan(actor=None, exposure=exposure, kind="health_check", due_on=day)
    report_row = services.SafetyReportRow(appointment=rep, place="走查用导入", description="d", reported_on=day)
    return [
        ("safety_group_create", lambda a: services.safety_group_create(actor=a, org=cast.branch, name="走查用小组")),
        ("safety_rep_appoint", lambda a: services.safety_rep_appoint(actor=a, group=group, member=cast.member_record)),
        ("safety_rep_end", lambda a: services.safety_rep_end(actor=a, rep=rep)),
        ("safety_network_bulk_create", lambda a: services.safety_network_bulk_create(
            actor=a, groups=[(cast.branch, "走查用小组")], reps=[(0, cast.member_record, day)])),
        ("safety_report_submit", lambda a: services.safety_report_submit(actor=a, reporter=cast.rep_record, place="冒名",
                                                                         description="d")),
        ("safety_report_forward", lambda a: services.safety_report_forward(actor=a, report=report, unit="安全环保室",
                                                                           deadline=day + dt.timedelta(days=15))),
        ("safety_report_progress", lambda a: services.safety_report_progress(actor=a, report=report, progress="已处理")),
        ("safety_report_answer", lambda a: services.safety_report_answer(actor=a, report=report, answer="已办", resolved=True)),
        ("safety_report_rate", lambda a: services.safety_report_rate(report=resolved, rating="satisfied", by=a)),
        ("safety_report_reopen", lambda a: services.safety_report_reopen(report=resolved, reason="没修好", by=a)),
        ("safety_reports_bulk_create", lambda a: services.safety_reports_bulk_create(actor=a, rows=[report_row])),
        ("hazard_post_create", lambda a: services.hazard_post_create(actor=a, org=cast.branch, name="走查用岗位",
                                                                     factors=["noise"], surveyed_on=day)),
        ("hazard_posts_bulk_create", lambda a: services.hazard_posts_bulk_create(
            actor=a, rows=[(cast.branch, "走查用岗位", ["noise"], day)])),
        ("exposure_add", lambda a: services.exposure_add(actor=a, post=post, member=cast.rep_record, since=day)),
        ("exposure_end", lambda a: services.exposure_end(actor=a, exposure=exposure, until=day)),
        ("follow_up_plan", lambda a: services.follow_up_plan(actor=a, exposure=exposure, kind="health_check", due_on=day)),
        ("follow_up_done", lambda a: services.follow_up_done(actor=a, follow_up=follow_up, done_on=day)),
    ]
