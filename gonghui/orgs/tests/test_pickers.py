"""No page lists a federation's thousands of orgs: an org field past PICK_FROM choices is a
search-as-you-type picker, and a list's org filter is one too (with typed text resolved on the
server when JavaScript is off)."""

import datetime as dt

import pytest

from gonghui.governance.forms import MeetingForm
from gonghui.orgs.forms import PICK_FROM
from gonghui.orgs.models import Org
from gonghui.orgs.services import org_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(cast):
    for i in range(PICK_FROM + 1):
        org_create(actor=None, code=f"W{i:03d}", name=f"第{i:03d}车间", kind="branch", parent=cast.union)
    return Org.objects.filter(path__startswith=cast.union.path)


def test_a_few_orgs_are_a_select_and_many_a_picker(cast, many):
    few = MeetingForm(orgs=Org.objects.filter(pk=cast.union.pk))
    assert "<option" in str(few["org"]) and "data-picker-url" not in str(few["org"])
    form = MeetingForm(orgs=many)
    html = str(form["org"])
    assert 'data-picker-url="/orgs/pick/"' in html and "<option" not in html


def test_the_picker_checks_what_is_typed_or_chosen_against_the_forms_own_orgs(cast, many):
    data = {"kind": "regular", "date": dt.date(2025, 3, 1), "title": "例会", "present": 5, "expected": 6}
    typed = MeetingForm({**data, "org_q": "第007车间"}, orgs=many)
    assert typed.is_valid(), typed.errors
    assert typed.cleaned_data["org"].name == "第007车间"
    outside = MeetingForm({**data, "org": cast.sibling.pk}, orgs=many)
    assert not outside.is_valid() and "org" in outside.errors
    nothing = MeetingForm({**data, "org_q": "不存在的车间"}, orgs=many)
    assert not nothing.is_valid() and "在您的权限范围内没有找到与输入相符的项" in str(nothing.errors["org"])


def test_a_lists_org_filter_is_a_picker_and_typed_text_narrows_it(cast, client_as, many):
    client = client_as(cast.chair)
    html = client.get("/governance/meetings/").content.decode()
    assert 'data-picker-url="/orgs/pick/?action=orgs.org.view"' in html
    assert "第050车间</option>" not in html
    page = client.get("/governance/meetings/", {"org_q": "第050车间"})
    assert page.status_code == 200 and page.context["org"].name == "第050车间"
