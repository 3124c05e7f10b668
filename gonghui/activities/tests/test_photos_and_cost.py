"""An event's photos (a gallery on the event's page) and its cost paid once out of the union's books."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gonghui.activities import services
from gonghui.activities.models import EventPhoto
from gonghui.funds.models import Entry, Line

from . import factories as f

pytestmark = pytest.mark.django_db


def png(name="合影.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upcoming(cast):
    return f.event(cast.union, actor=cast.chair, starts_on=timezone.localdate() + dt.timedelta(days=10))


def test_a_cadre_uploads_a_photo_and_a_member_sees_it_in_the_gallery(cast, client_as):
    e = upcoming(cast)
    response = client_as(cast.chair).post(f"/activities/events/{e.pk}/photos/", {"photo": png(), "caption": "开幕合影"},
                                          follow=True)
    assert "照片已上传。" in response.content.decode()
    photo = EventPhoto.objects.get()
    assert (photo.width, photo.height) == (40, 30) and photo.image.name.endswith(".png")
    client = client_as(cast.member)
    page = client.get(f"/activities/join/{e.pk}/").content.decode()
    assert f"/activities/photos/{photo.pk}/" in page and "开幕合影" in page
    served = client.get(f"/activities/photos/{photo.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_an_image_is_refused_by_message_whatever_its_name(cast, client_as):
    e = upcoming(cast)
    fake = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff this is not a jpeg" * 10, content_type="image/jpeg")
    page = client_as(cast.chair).post(f"/activities/events/{e.pk}/photos/", {"photo": fake}, follow=True).content.decode()
    assert "文件不是JPG、PNG或WebP图片。" in page
    assert not EventPhoto.objects.exists()


def test_an_oversize_photo_is_refused_by_message_before_it_is_read(cast, client_as):
    e = upcoming(cast)
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (services.PHOTO_MAX_BYTES + 1), content_type="image/png")
    page = client_as(cast.chair).post(f"/activities/events/{e.pk}/photos/", {"photo": big}, follow=True).content.decode()
    assert "照片不能超过8 MB。" in page
    assert not EventPhoto.objects.exists()


def test_the_service_refuses_an_oversize_photo_by_its_declared_size(cast):
    e = upcoming(cast)
    upload = png()
    upload.size = services.PHOTO_MAX_BYTES + 1
    with pytest.raises(ValidationError, match="照片不能超过8 MB"):
        services.event_photo_add(actor=cast.chair, event=e, upload=upload)


def test_an_event_holds_a_bounded_number_of_photos(cast, monkeypatch):
    e = upcoming(cast)
    monkeypatch.setattr(services, "PHOTOS_PER_EVENT", 1)
    services.event_photo_add(actor=cast.chair, event=e, upload=png())
    with pytest.raises(ValidationError, match="最多展示1张照片"):
        services.event_photo_add(actor=cast.chair, event=e, upload=png())


def test_the_api_uploads_lists_and_refuses_a_non_image(cast, client_as):
    e = upcoming(cast)
    client = client_as(cast.chair)
    made = client.post(f"/api/v1/activities/events/{e.pk}/photos", {"photo": png(), "caption": "颁奖"})
    assert made.status_code == 201 and made.json()["caption"] == "颁奖"
    bad = client.post(f"/api/v1/activities/events/{e.pk}/photos", {"photo": SimpleUploadedFile("a.png", b"hello")})
    assert bad.status_code == 422 and "不是JPG、PNG或WebP图片" in str(bad.json())
    listed = client_as(cast.member).get(f"/api/v1/activities/events/{e.pk}/photos").json()
    assert [p["caption"] for p in listed] == ["颁奖"]


def test_the_outsider_reaches_no_photo_of_benbu(cast, client_as):
    e = upcoming(cast)
    photo = services.event_photo_add(actor=cast.chair, event=e, upload=png())
    client = client_as(cast.outsider)
    assert client.get(f"/activities/photos/{photo.pk}/").status_code == 404
    assert client.post(f"/activities/events/{e.pk}/photos/", {"photo": png()}).status_code == 404
    assert client.get(f"/api/v1/activities/events/{e.pk}/photos").status_code == 404
    assert client.post(f"/api/v1/activities/photos/{photo.pk}/remove").status_code == 404
    assert EventPhoto.objects.count() == 1


# ── the cost, paid through the ledger ────────────────────────────────────────

def held(cast, cost="3600.00"):
    e = f.event(cast.union, actor=cast.chair, starts_on=dt.date(2025, 5, 20))
    services.event_attendance_take(actor=cast.chair, event=e, attended=[], participants=30, cost_yuan=Decimal(cost))
    return e


def test_an_events_cost_is_paid_once_to_the_activities_spending_line_with_its_sub_line(cast):
    e = held(cast)
    services.event_cost_pay(actor=cast.chair, event=e, subline="culture", on=dt.date(2025, 5, 25))
    again = services.event_cost_pay(actor=cast.chair, event=e, subline="culture", on=dt.date(2025, 5, 26))
    entry = Entry.objects.get()
    assert again.cost_entry_id == entry.pk and entry.idempotency_key == f"event-cost:{e.pk}"
    assert entry.source == "event" and entry.get_source_display() == "活动经费"   # not 手工录入 in the ledger
    assert "职工活动支出" in entry.memo and "文体活动费" in entry.memo
    assert sorted(Line.objects.values_list("account", "debit", "credit")) == [
        ("102", Decimal(0), Decimal("3600.00")), ("501", Decimal("3600.00"), Decimal(0))]


def test_a_second_click_on_pay_pays_nothing_more(cast, client_as):
    e = held(cast)
    client = client_as(cast.chair)
    for _ in range(2):
        client.post(f"/activities/events/{e.pk}/pay/", {"subline": "culture", "on": "2025-05-25"})
    assert Entry.objects.count() == 1
    page = client.get(f"/activities/events/{e.pk}/").content.decode()
    assert "已从工会账上列支" in page


def test_a_paid_cost_can_no_longer_change(cast):
    e = held(cast)
    services.event_cost_pay(actor=cast.chair, event=e, subline="culture")
    with pytest.raises(ValidationError, match="已从工会账上列支"):
        services.event_attendance_take(actor=cast.chair, event=e, attended=[], cost_yuan=Decimal("4000"))


def test_an_event_not_held_or_without_a_cost_is_not_paid(cast):
    with pytest.raises(ValidationError, match="活动举办后"):
        services.event_cost_pay(actor=cast.chair, event=upcoming(cast), subline="culture")
    e = f.event(cast.union, actor=cast.chair, starts_on=dt.date(2025, 5, 20), title="无费用")
    services.event_attendance_take(actor=cast.chair, event=e, attended=[])
    with pytest.raises(ValidationError, match="先记录活动费用"):
        services.event_cost_pay(actor=cast.chair, event=e, subline="culture")
    assert not Entry.objects.exists()


def test_the_summarys_event_cost_agrees_with_the_ledger(cast):
    from django.db.models import Sum

    from gonghui.activities.selectors import activity_figures

    services.event_cost_pay(actor=cast.chair, event=held(cast, "3600"), subline="culture")
    held(cast, "1200.50")  # held, not yet paid
    figures = activity_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    ledger = Line.objects.filter(account="501", entry__idempotency_key__startswith="event-cost:").aggregate(s=Sum("debit"))["s"]
    assert figures.event_cost == Decimal("4800.50") and figures.event_cost_paid == ledger == Decimal("3600.00")
