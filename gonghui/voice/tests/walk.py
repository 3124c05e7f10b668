"""The voice's private URLs and its services, for the outsider walks
(portal/tests/test_outsider_walk.py and portal/tests/test_authority_walk.py)."""

import datetime as dt
from decimal import Decimal

from gonghui.voice import services

from .factories import hazard_post, network, png, suggestion

# Public functions of services.py that are no role-guarded write.
UNGUARDED = {
    "open_appointment": "a read: the member's open appointment as safety rep, for the pages and the report form",
    "receipt_hash": "pure: how a receipt code is kept, used by the receipt lookup",
    "anonymous_home": "a read: where an anonymous suggestion is filed, which the submit page tells the author",
}


def private_urls(cast) -> list[tuple]:
    s = suggestion(cast, title="走查用建议", photo=png())
    group, rep = network(cast)
    r = services.safety_report_submit(actor=cast.rep, reporter=cast.rep_record, place="走查用地点", description="护栏松动", photo=png())
    post = hazard_post(cast)
    template = services.answer_template_save(actor=cast.chair, org=cast.union, title="走查用模板", body="感谢")
    return [
        ("GET", f"/voice/suggestions/{s.pk}/"),
        ("GET", f"/voice/suggestions/{s.pk}/photo/"),
        ("POST", f"/voice/suggestions/{s.pk}/review/"),
        ("GET", f"/voice/suggestions/?org={cast.union.pk}"),
        ("GET", f"/voice/reports/{r.pk}/"),
        ("POST", f"/voice/reports/{r.pk}/forward/", {"unit": "安全环保室", "deadline": "2025-05-01"}),
        ("GET", f"/voice/reports/{r.pk}/photo/"),
        ("GET", f"/voice/reports/?org={cast.union.pk}"),
        ("POST", f"/voice/network/reps/{rep.pk}/end/"),
        ("GET", f"/voice/hazards/{post.pk}/"),
        ("POST", f"/voice/hazards/{post.pk}/expose/", {"member": "张三", "since": "2024-01-01"}),
        ("GET", f"/voice/hazards/?org={cast.union.pk}"),
        ("POST", f"/voice/answers/{template.pk}/delete/"),
        ("GET", f"/voice/dashboard/?org={cast.union.pk}"),
        ("GET", f"/voice/talks/?org={cast.union.pk}"),
        ("GET", f"/api/v1/voice/suggestions/{s.pk}"),
        ("POST", f"/api/v1/voice/suggestions/{s.pk}/review", {}),
        ("GET", f"/api/v1/voice/suggestions?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/voice/reports/{r.pk}"),
        ("POST", f"/api/v1/voice/reports/{r.pk}/progress", {"progress": "已处理"}),
        ("GET", f"/api/v1/voice/reports?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/voice/figures?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/voice/hazards?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/voice/talks?org_id={cast.union.pk}"),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    """Every public write of the voice on BENBU's records, as `call(actor)`.

    The member's own writes (submit, rate, reopen) are walked on the safety rep's records, so
    the plain member is refused for not being their author, and the outsider for not belonging."""
    day = dt.date(2025, 4, 1)
    theme = services.themes_ensure(actor=None, org=cast.union, names=["走查用主题"])[0]
    template = services.answer_template_save(actor=None, org=cast.union, title="走查用模板", body="感谢")
    rep_suggestion, _receipt = services.suggestion_submit(actor=None, author=cast.rep_record, title="走查用建议", body="改进",
                                                          submitted_on=day)
    services.suggestion_decide(actor=None, suggestion=rep_suggestion, adopt=True, answer="采纳")
    services.suggestion_implement(actor=None, suggestion=rep_suggestion, implemented_on=day)
    open_suggestion = suggestion(cast, title="走查用待审建议")
    group, rep = network(cast)
    report = services.safety_report_submit(actor=None, reporter=cast.rep_record, place="走查用地点", description="护栏松动",
                                           reported_on=day)
    resolved = services.safety_report_submit(actor=None, reporter=cast.rep_record, place="走查用已办", description="照明不足",
                                             reported_on=day, idempotency_key="walk-resolved")
    services.safety_report_answer(actor=None, report=resolved, answer="已更换灯具", resolved=True, on=day)
    post = hazard_post(cast)
    exposure = services.exposure_add(actor=None, post=post, member=cast.member_record, since=day)
    follow_up = services.follow_up_plan(actor=None, exposure=exposure, kind="health_check", due_on=day)
    row = services.SuggestionRow(author=cast.member_record, title="走查用导入", body="b", submitted_on=day)
    report_row = services.SafetyReportRow(appointment=rep, place="走查用导入", description="d", reported_on=day)
    return [
        ("theme_create", lambda a: services.theme_create(actor=a, org=cast.union, name="走查用新主题")),
        ("themes_ensure", lambda a: services.themes_ensure(actor=a, org=cast.union, names=["走查用另一主题"])),
        ("answer_template_save", lambda a: services.answer_template_save(actor=a, org=cast.union, title="改", body="改",
                                                                         template=template)),
        ("answer_template_delete", lambda a: services.answer_template_delete(actor=a, template=template)),
        ("suggestion_submit", lambda a: services.suggestion_submit(actor=a, author=cast.rep_record, title="冒名", body="b",
                                                                   theme=theme)),
        ("suggestion_review", lambda a: services.suggestion_review(actor=a, suggestion=open_suggestion)),
        ("suggestion_decide", lambda a: services.suggestion_decide(actor=a, suggestion=open_suggestion, adopt=True, answer="")),
        ("suggestion_assign", lambda a: services.suggestion_assign(actor=a, suggestion=open_suggestion, unit="设备室")),
        ("suggestion_implement", lambda a: services.suggestion_implement(actor=a, suggestion=open_suggestion,
                                                                         saving_yuan=Decimal("1"))),
        ("suggestion_promote", lambda a: services.suggestion_promote(actor=a, suggestion=rep_suggestion)),
        ("suggestion_rate", lambda a: services.suggestion_rate(suggestion=rep_suggestion, rating="satisfied", by=a)),
        ("suggestion_reopen", lambda a: services.suggestion_reopen(suggestion=rep_suggestion, reason="没改", by=a)),
        ("suggestions_bulk_create", lambda a: services.suggestions_bulk_create(actor=a, union=cast.union, rows=[row])),
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
        ("talk_record", lambda a: services.talk_record(actor=a, member=cast.member_record, kind="talk", date=day, topic="走查")),
    ]


