"""Governance's private URLs for the outsider walk (portal/tests/test_outsider_walk.py)."""

from .factories import meeting, published_disclosure, target


def private_urls(cast) -> list[tuple]:
    from gonghui.governance import services

    t = target(cast.union, mid="400", actor=cast.chair)
    m = meeting(cast.union, kind="congress", title="首届职工代表大会", decisions=["《职工代表大会工作条例》"], actor=cast.chair)
    p = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="深化厂务公开")
    d = published_disclosure(cast.union, actor=cast.chair)
    o = services.objection_raise(author=cast.member, disclosure=d, text="请说明福利费支出明细")
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
