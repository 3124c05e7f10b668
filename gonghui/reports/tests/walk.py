"""The work summary's private URLs, for the outsider walk (portal/tests/test_outsider_walk.py)."""


def private_urls(cast) -> list[tuple]:
    from gonghui.core.summary import Period
    from gonghui.reports.services import summary_version_save

    summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, note="walk")
    base = f"/reports/summary/{cast.union.pk}/2025"
    query = f"org_id={cast.union.pk}&year=2025"
    return [
        ("GET", f"{base}/"),
        ("GET", f"{base}/?v=1"),
        ("GET", f"{base}/edit/"),
        ("POST", f"{base}/edit/"),
        ("POST", f"{base}/recompute/"),
        ("POST", f"{base}/texts/"),
        ("GET", f"{base}/versions/"),
        ("GET", f"{base}/download.docx"),
        ("GET", f"{base}/download.pdf"),
        ("GET", f"/api/v1/reports/summary?{query}"),
        ("GET", f"/api/v1/reports/summary/docx?{query}"),
        ("GET", f"/api/v1/reports/summary/pdf?{query}&half=1"),
        ("GET", f"/api/v1/reports/summary/texts?{query}"),
        ("PUT", f"/api/v1/reports/summary/texts?{query}", {"texts": {"credit": "得益于……"}}),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    from gonghui.core.summary import Period
    from gonghui.reports.services import summary_text_set, summary_texts_save, summary_version_save

    return [
        ("summary_version_save", lambda actor: summary_version_save(
            org=cast.union, period=Period.year(2025), actor=actor, texts={"opening": "改写"})),
        ("summary_text_set", lambda actor: summary_text_set(
            org=cast.union, period=Period.year(2025), actor=actor, slot="opening", text="开篇")),
        ("summary_texts_save", lambda actor: summary_texts_save(
            org=cast.union, period=Period.year(2025), actor=actor, texts={"credit": "得益于……"})),
    ]
