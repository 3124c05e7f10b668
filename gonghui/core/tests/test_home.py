def test_the_chair_home_shows_the_roll_and_every_work_area(cast, client_as):
    page = client_as(cast.chair).get("/").content.decode()
    assert "在册职工" in page and "工作板块" in page
    assert "/voice/dashboard/" in page or "/voice/suggestions/" in page
    assert "/reports/" in page and "/governance/" in page


def test_a_member_home_offers_their_record_and_not_the_member_book(cast, client_as):
    page = client_as(cast.member).get("/").content.decode()
    assert "我的档案" in page and "/members/me/" in page
    assert 'href="/members/"' not in page
