"""Governance's private URLs for the outsider walk (portal/tests/test_outsider_walk.py)."""

from .factories import meeting, published_disclosure, target


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("经费收支明细.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def private_urls(cast) -> list[tuple]:
    from gonghui.governance import services

    t = target(cast.union, mid="400", actor=cast.chair)
    m = meeting(cast.union, kind="congress", title="首届职工代表大会", decisions=["《职工代表大会工作条例》"], actor=cast.chair)
    p = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="深化厂务公开")
    d = published_disclosure(cast.union, actor=cast.chair)
    o = services.objection_raise(author=cast.member, disclosure=d, text="请说明福利费支出明细")
    a = services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=_pdf())
    body_check = {"kind": "other", "date": "2025-09-30", "actual": "800"}
    return [
        ("GET", f"/governance/targets/{t.pk}/"),
        ("GET", f"/governance/targets/{t.pk}/edit/"),
        ("POST", f"/governance/targets/{t.pk}/edit/"),
        ("GET", f"/governance/targets/{t.pk}/check/"),
        ("POST", f"/governance/targets/{t.pk}/check/", body_check),
        ("GET", f"/governance/targets/?org={cast.union.pk}"),
        ("GET", f"/governance/meetings/{m.pk}/"),
        ("GET", f"/governance/meetings/{m.pk}/edit/"),
        ("POST", f"/governance/meetings/{m.pk}/edit/"),
        ("GET", f"/governance/meetings/?org={cast.union.pk}"),
        ("GET", f"/governance/meetings/missing/?org={cast.union.pk}"),
        ("GET", f"/governance/plans/{p.pk}/edit/"),
        ("POST", f"/governance/plans/{p.pk}/edit/"),
        ("POST", f"/governance/plans/{p.pk}/status/", {"status": "done"}),
        ("GET", f"/governance/plans/?org={cast.union.pk}"),
        ("GET", f"/governance/?org={cast.union.pk}"),
        ("GET", f"/governance/disclosures/{d.pk}/"),
        ("GET", f"/governance/disclosures/{d.pk}/edit/"),
        ("POST", f"/governance/disclosures/{d.pk}/edit/"),
        ("POST", f"/governance/disclosures/{d.pk}/publish/"),
        ("POST", f"/governance/disclosures/{d.pk}/objections/{o.pk}/answer/", {"answer": "已公示明细"}),
        ("GET", f"/governance/disclosures/?org={cast.union.pk}"),
        ("GET", f"/governance/notices/{d.pk}/"),
        ("GET", f"/governance/notices/{d.pk}/files/{a.pk}/"),
        ("POST", f"/governance/disclosures/{d.pk}/attachments/"),
        ("GET", f"/api/v1/governance/disclosures/{d.pk}"),
        ("GET", f"/api/v1/governance/disclosures/{d.pk}/attachments"),
        ("POST", f"/api/v1/governance/disclosures/{d.pk}/attachments"),
        ("GET", f"/api/v1/governance/disclosures/{d.pk}/objections"),
        ("POST", f"/api/v1/governance/disclosures/{d.pk}/objections/{o.pk}/answer", {"answer": "已公示明细"}),
        ("GET", f"/api/v1/governance/disclosures?org_id={cast.union.pk}"),
        ("POST", f"/governance/notices/{d.pk}/", {"text": "有异议"}),
        ("GET", f"/api/v1/governance/targets/{t.pk}"),
        ("GET", f"/api/v1/governance/targets?org_id={cast.union.pk}"),
        ("POST", f"/api/v1/governance/targets/{t.pk}/checks", body_check),
        ("POST", "/api/v1/governance/targets", {"org_id": cast.union.pk, "year": 2025, "name": "安全生产", "target": "1"}),
        ("GET", f"/api/v1/governance/meetings/{m.pk}"),
        ("GET", f"/api/v1/governance/meetings?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/governance/meetings/missing?year=2025&org_id={cast.union.pk}"),
        ("POST", "/api/v1/governance/meetings",
         {"org_id": cast.union.pk, "kind": "regular", "title": "例会", "date": "2025-05-01"}),
        ("GET", f"/api/v1/governance/plans/{p.pk}"),
        ("GET", f"/api/v1/governance/plans?org_id={cast.union.pk}"),
        ("POST", "/api/v1/governance/plans", {"org_id": cast.union.pk, "year": 2026, "text": "x"}),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    """Every public write of governance on BENBU's records, as `call(actor)`."""
    import datetime as dt
    from decimal import Decimal

    from gonghui.governance import services

    t = target(cast.union, actor=cast.chair)
    m = meeting(cast.union, actor=cast.chair)
    p = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="深化厂务公开")
    draft = services.disclosure_create(actor=cast.chair, org=cast.union, title="草稿", body="……", category="finance")
    d = published_disclosure(cast.union, actor=cast.chair)
    o = services.objection_raise(author=cast.member, disclosure=d, text="请说明福利费支出明细")
    # a disclosure of the other branch: published, but not to the member (who belongs to 炼钢作业区)
    elsewhere = published_disclosure(cast.other_branch, actor=cast.chair, title="轧钢作业区评先名单", category="lists")
    return [
        ("target_create", lambda actor: services.target_create(
            actor=actor, org=cast.union, year=2025, name="安全生产", unit="起", target=Decimal("1"))),
        ("target_update", lambda actor: services.target_update(actor=actor, target=t, changes={"note": "改"})),
        ("target_check_record", lambda actor: services.target_check_record(
            actor=actor, target=t, kind="other", date=dt.date(2025, 9, 30), actual=Decimal("800"))),
        ("meeting_record", lambda actor: services.meeting_record(
            actor=actor, org=cast.union, kind="regular", title="例会", date=dt.date(2025, 5, 1))),
        ("meeting_update", lambda actor: services.meeting_update(actor=actor, meeting=m, minutes="改")),
        ("meeting_rule_set", lambda actor: services.meeting_rule_set(
            actor=actor, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))),
        ("plan_create", lambda actor: services.plan_create(actor=actor, org=cast.union, year=2026, text="x")),
        ("plan_update", lambda actor: services.plan_update(actor=actor, plan=p, owner="王")),
        ("plan_set_status", lambda actor: services.plan_set_status(actor=actor, plan=p, status="done")),
        ("disclosure_create", lambda actor: services.disclosure_create(
            actor=actor, org=cast.union, title="x", body="x", category="other")),
        ("disclosure_update", lambda actor: services.disclosure_update(actor=actor, disclosure=draft, body="改")),
        ("disclosure_publish", lambda actor: services.disclosure_publish(actor=actor, disclosure=draft)),
        ("objection_raise", lambda actor: services.objection_raise(author=actor, disclosure=elsewhere, text="有异议")),
        ("objection_answer", lambda actor: services.objection_answer(actor=actor, objection=o, answer="已公示明细")),
        ("disclosure_attachment_add", lambda actor: services.disclosure_attachment_add(actor=actor, disclosure=d, upload=_pdf())),
    ]
