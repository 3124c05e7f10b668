"""The voice's private URLs and its services, for the outsider walks
(portal/tests/test_outsider_walk.py and portal/tests/test_authority_walk.py)."""

import datetime as dt
from decimal import Decimal

from gonghui.voice import services

from .factories import png, suggestion

# Public functions of services.py that are no role-guarded write.
UNGUARDED = {
    "receipt_hash": "pure: how a receipt code is kept, used by the receipt lookup",
    "anonymous_home": "a read: where an anonymous suggestion is filed, which the submit page tells the author",
}


def private_urls(cast) -> list[tuple]:
    s = suggestion(cast, title="走查用建议", photo=png())
    template = services.answer_template_save(actor=cast.chair, org=cast.union, title="走查用模板", body="感谢")
    return [
        ("GET", f"/voice/suggestions/{s.pk}/"),
        ("GET", f"/voice/suggestions/{s.pk}/photo/"),
        ("POST", f"/voice/suggestions/{s.pk}/review/"),
        ("GET", f"/voice/suggestions/?org={cast.union.pk}"),
        ("POST", f"/voice/answers/{template.pk}/delete/"),
        ("GET", f"/voice/dashboard/?org={cast.union.pk}"),
        ("GET", f"/api/v1/voice/suggestions/{s.pk}"),
        ("POST", f"/api/v1/voice/suggestions/{s.pk}/review", {}),
        ("GET", f"/api/v1/voice/suggestions?org_id={cast.union.pk}"),
        ("GET", f"/api/v1/voice/figures?org_id={cast.union.pk}"),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    """Every public write of the voice on BENBU's records, as `call(actor)`.

    The member's own writes (submit, rate, reopen) are walked on the suggestion of another member (the rep), so
    the plain member is refused for not being their author, and the outsider for not belonging."""
    day = dt.date(2025, 4, 1)
    theme = services.themes_ensure(actor=None, org=cast.union, names=["走查用主题"])[0]
    template = services.answer_template_save(actor=None, org=cast.union, title="走查用模板", body="感谢")
    rep_suggestion, _receipt = services.suggestion_submit(actor=None, author=cast.rep_record, title="走查用建议", body="改进",
                                                          submitted_on=day)
    services.suggestion_decide(actor=None, suggestion=rep_suggestion, adopt=True, answer="采纳")
    services.suggestion_implement(actor=None, suggestion=rep_suggestion, implemented_on=day)
    open_suggestion = suggestion(cast, title="走查用待审建议")
    row = services.SuggestionRow(author=cast.member_record, title="走查用导入", body="b", submitted_on=day)
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
    ]
