def test_the_chair_home_shows_the_roll_and_every_work_area(cast, client_as):
    page = client_as(cast.chair).get("/").content.decode()
    assert "在册职工" in page and "工作板块" in page
    assert "/voice/dashboard/" in page or "/voice/suggestions/" in page
    assert "/reports/" in page and "/governance/" in page


def test_a_member_home_offers_their_record_and_not_the_member_book(cast, client_as):
    page = client_as(cast.member).get("/").content.decode()
    assert "我的档案" in page and "/members/me/" in page
    assert 'href="/members/"' not in page


def test_the_chair_home_lists_what_waits_and_each_link_opens_the_list_of_it(cast, client_as):
    import datetime as dt

    from gonghui.governance import services as governance
    from gonghui.governance.tests.factories import published_disclosure
    from gonghui.voice.tests.factories import suggestion

    for n in range(3):
        suggestion(cast, title=f"建议{n}", key=str(n))
    disclosure = published_disclosure(cast.union, on=dt.date.today())
    governance.objection_raise(author=cast.member, disclosure=disclosure, text="请核实")
    client = client_as(cast.chair)
    page = client.get("/").content.decode()
    assert "待办事项" in page
    waiting = page[page.index("待办事项"):]
    assert "新提交待评审的建议" in waiting and "待答复的公示异议" in waiting
    assert "逾期未答复的安全信息" not in waiting  # nothing is late: a zero is not shown
    assert client.get("/voice/suggestions/?status=submitted").content.decode().count("建议") >= 3
    assert client.get("/governance/disclosures/").status_code == 200


def test_a_member_and_an_outsider_have_nothing_of_benbu_waiting(cast, client_as, django_assert_num_queries):
    from gonghui.core.scoping import reach_paths
    from gonghui.core.selectors import attention_for
    from gonghui.voice.tests.factories import suggestion

    suggestion(cast, title="建议")
    assert "待办事项" not in client_as(cast.member).get("/").content.decode()
    assert "待办事项" not in client_as(cast.outsider).get("/").content.decode()
    reach_paths(cast.member)  # the roles, read once per request
    with django_assert_num_queries(0):  # a member manages nothing: no count is even asked
        assert attention_for(cast.member) == []


def test_the_chair_dashboard_states_this_years_figures_as_the_summary_does(cast, client_as):
    import datetime as dt

    from gonghui.core.summary import Period
    from gonghui.reports.providers import collect_sections
    from gonghui.voice.tests.factories import suggestion

    for n in range(3):
        suggestion(cast, title=f"建议{n}", key=str(n))
    page = client_as(cast.chair).get("/").content.decode()
    year = dt.date.today().year
    assert f"{year}年主要数据" in page
    texts = [f.text for s in collect_sections(org=cast.union, period=Period.year(year)) for f in s.figures if f.value]
    assert texts and all(text in page for text in texts[:1])


def test_a_member_home_has_no_dashboard(cast, client_as):
    page = client_as(cast.member).get("/").content.decode()
    assert "主要数据" not in page


def test_in_january_the_dashboard_opens_on_the_year_just_ended_and_later_on_this_year(cast, time_machine):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from gonghui.portal.selectors import dashboard
    from gonghui.voice.tests.factories import suggestion

    time_machine.move_to(dt.datetime(2027, 1, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    suggestion(cast, title="去年的建议", key="last", on=dt.date(2026, 11, 2))
    suggestion(cast, title="今年的建议", key="this", on=dt.date(2027, 1, 4))
    assert dashboard(org=cast.union)[0] == 2026
    assert dashboard(org=cast.union, year=2027)[0] == 2027
    time_machine.move_to(dt.datetime(2027, 2, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert dashboard(org=cast.union)[0] == 2027
