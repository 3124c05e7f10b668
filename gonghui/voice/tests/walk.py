"""The voice's private URLs, for the outsider walk (portal/tests/test_outsider_walk.py)."""

from gonghui.voice import services

from .factories import hazard_post, network, png, suggestion


def private_urls(cast) -> list[tuple]:
    s = suggestion(cast, title="走查用建议", photo=png())
    group, rep = network(cast)
    r = services.safety_report_submit(reporter=cast.rep_record, place="走查用地点", description="护栏松动", photo=png())
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
