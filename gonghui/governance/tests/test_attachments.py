"""A notice carries its attachments (the list 附后, the accounts' 明细), bounded in size and
count before anything is read, served only to those the notice is published to."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.governance import services
from gonghui.governance.models import DisclosureAttachment

from .factories import published_disclosure

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="2025年经费收支明细.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_member_reads_the_attached_accounts_on_the_notice(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    a = services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=pdf())
    assert a.name == "2025年经费收支明细.pdf" and a.size == len(PDF) and a.file.name.endswith(".pdf")
    assert "2025年经费收支明细" not in a.file.name  # stored under a random name
    client = client_as(cast.member)
    page = client.get(f"/governance/notices/{d.pk}/").content.decode()
    assert "2025年经费收支明细.pdf" in page and f"/governance/notices/{d.pk}/files/{a.pk}/" in page
    response = client.get(f"/governance/notices/{d.pk}/files/{a.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_an_outsider_gets_404_for_the_attachment(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    a = services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=pdf())
    assert client_as(cast.outsider).get(f"/governance/notices/{d.pk}/files/{a.pk}/").status_code == 404
    assert client_as(cast.outsider).get(f"/api/v1/governance/disclosures/{d.pk}/attachments").status_code == 404


def test_a_draft_attachment_is_not_served_to_members(cast, client_as):
    draft = services.disclosure_create(actor=cast.chair, org=cast.union, title="草稿", body="……", category="finance")
    a = services.disclosure_attachment_add(actor=cast.chair, disclosure=draft, upload=pdf())
    assert client_as(cast.member).get(f"/governance/notices/{draft.pk}/files/{a.pk}/").status_code == 404
    assert client_as(cast.chair).get(f"/governance/notices/{draft.pk}/files/{a.pk}/").status_code == 200


def test_an_oversize_file_is_refused_by_message_before_it_is_read(cast, settings):
    settings.GONGHUI_ATTACHMENT_MAX_BYTES = 1024 * 1024
    d = published_disclosure(cast.union, actor=cast.chair)

    class Unreadable(SimpleUploadedFile):
        def read(self, *args):  # the size alone must refuse it
            raise AssertionError("the file was read")

    big = Unreadable("明细.pdf", PDF, content_type="application/pdf")
    big.size = 3 * 1024 * 1024
    with pytest.raises(ValidationError, match="附件不得超过1MB，此文件为3.0MB"):
        services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=big)
    assert not DisclosureAttachment.objects.exists()


def test_a_wrong_type_is_refused_by_message(cast):
    d = published_disclosure(cast.union, actor=cast.chair)
    with pytest.raises(ValidationError, match="附件须为PDF、图片"):
        services.disclosure_attachment_add(actor=cast.chair, disclosure=d,
                                           upload=SimpleUploadedFile("名单.exe", b"MZ\x90\x00", content_type="application/octet-stream"))
    with pytest.raises(ValidationError, match="文件内容与其PDF格式不符"):
        services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=pdf(content=b"<html>not a pdf</html>"))
    assert not DisclosureAttachment.objects.exists()


def test_a_notice_carries_a_bounded_number_of_attachments(cast, settings):
    settings.GONGHUI_ATTACHMENTS_PER_NOTICE = 2
    d = published_disclosure(cast.union, actor=cast.chair)
    services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=pdf())
    services.disclosure_attachment_add(actor=cast.chair, disclosure=d,
                                       upload=SimpleUploadedFile("名单.png", PNG, content_type="image/png"))
    with pytest.raises(ValidationError, match="最多附2个附件"):
        services.disclosure_attachment_add(actor=cast.chair, disclosure=d, upload=pdf())


def test_the_page_refuses_a_wrong_type_with_the_message(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    page = client_as(cast.chair).post(f"/governance/disclosures/{d.pk}/attachments/",
                                      {"file": SimpleUploadedFile("a.txt", b"hello")}, follow=True).content.decode()
    assert "附件须为PDF、图片" in page and not DisclosureAttachment.objects.exists()


def test_the_api_adds_and_lists_attachments(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    chair = client_as(cast.chair)
    added = chair.post(f"/api/v1/governance/disclosures/{d.pk}/attachments", {"file": pdf()})
    assert added.status_code == 201 and added.json()["name"] == "2025年经费收支明细.pdf"
    listed = client_as(cast.member).get(f"/api/v1/governance/disclosures/{d.pk}/attachments").json()
    assert [a["name"] for a in listed] == ["2025年经费收支明细.pdf"]
    refused = client_as(cast.chair).post(f"/api/v1/governance/disclosures/{d.pk}/attachments",
                                         {"file": SimpleUploadedFile("a.txt", b"x")})
    assert refused.status_code == 422 and "附件须为PDF" in str(refused.json()["detail"])


def test_the_api_answers_an_objection(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    o = services.objection_raise(author=cast.member, disclosure=d, text="请说明福利费支出明细")
    url = f"/api/v1/governance/disclosures/{d.pk}/objections/{o.pk}/answer"
    response = client_as(cast.chair).post(url, {"answer": "明细已附后"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "answered"
    assert client_as(cast.member).post(url, {"answer": "x"}, content_type="application/json").status_code == 404
    assert client_as(cast.outsider).post(url, {"answer": "x"}, content_type="application/json").status_code == 404
