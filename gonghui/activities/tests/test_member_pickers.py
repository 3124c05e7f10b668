"""Honours and mentorships choose people without a page that lists the whole member book."""

from gonghui.activities.models import Honour


def test_honours_take_people_one_a_line_and_name_the_line_nobody_matches(cast, client_as):
    client = client_as(cast.chair)
    form = {"org": cast.union.pk, "year": 2025, "kind": "other", "title": "岗位能手", "level": "union",
            "members": "张三\n无此人", "units": ""}
    page = client.post("/activities/honours/new/", form).content.decode()
    assert "无此人：没有找到该会员" in page and not Honour.objects.exists()
    form["members"] = "zhangsan"
    assert client.post("/activities/honours/new/", form).status_code == 302
    assert Honour.objects.get().member == cast.member_record


def test_the_mentorship_form_offers_a_search_not_a_list_of_members(cast, client_as):
    page = client_as(cast.chair).get("/activities/mentorships/new/").content.decode()
    assert 'name="mentor_q"' in page and 'data-picker-url="/members/pick/' in page
    assert "<option" not in page.split('name="mentor_q"')[1].split("</span>")[0]
