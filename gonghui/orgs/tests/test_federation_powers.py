"""A federation officer's powers, explicit: reads across its unions; edits the member book and sees
full ID numbers only where the union has said yes, and every look is in the history."""

import pytest

from gonghui.core.history import history_for
from gonghui.core.scoping import NotAllowed, may
from gonghui.members.services import member_id_number_reveal, member_update
from gonghui.orgs.models import Org
from gonghui.orgs.services import org_federation_consent_set


def test_the_federation_reads_a_unions_book_masked_but_may_not_edit_or_unmask_by_default(cast, client_as):
    assert Org.objects.get(pk=cast.union.pk).federation_may_edit is False
    client = client_as(cast.fed)
    page = client.get("/members/").content.decode()
    assert "张三" in page and cast.member_record.id_number_masked in page
    assert client.post(f"/members/{cast.member_record.pk}/id-number/").status_code == 403
    with pytest.raises(NotAllowed):
        member_update(actor=cast.fed, member=cast.member_record, post="钳工")
    assert not may(cast.fed, "members.member.unmask", cast.group)


def test_once_the_chair_consents_the_federation_edits_and_every_look_is_logged(cast, client_as):
    org_federation_consent_set(actor=cast.chair, org=cast.union, allowed=True)
    assert history_for(Org.objects.get(pk=cast.union.pk)).filter(actor=cast.chair).exists()
    record = cast.member_record
    assert member_id_number_reveal(actor=cast.fed, member=record)
    assert history_for(record).filter(action="view_secret", actor=cast.fed).count() == 1
    assert client_as(cast.fed).post(f"/members/{record.pk}/id-number/").status_code == 200
    assert history_for(record).filter(action="view_secret", actor=cast.fed).count() == 2
    # the sibling union has not consented
    assert not may(cast.fed, "members.member.unmask", cast.sibling)


def test_only_the_unions_chair_decides_and_only_for_a_union(cast, client_as):
    with pytest.raises(NotAllowed):
        org_federation_consent_set(actor=cast.fed, org=cast.union, allowed=True)
    with pytest.raises(NotAllowed):
        org_federation_consent_set(actor=cast.cadre, org=cast.union, allowed=True)
    page = client_as(cast.chair).get(f"/orgs/{cast.union.pk}/").content.decode()
    assert "允许上级工会修改并查看完整身份证号" in page
    assert client_as(cast.chair).post(f"/orgs/{cast.union.pk}/federation-consent/", {"allowed": "1"}).status_code == 302
    assert Org.objects.get(pk=cast.union.pk).federation_may_edit is True
