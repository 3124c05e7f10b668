import datetime as dt

from gonghui.voice.selectors import latest_year
from gonghui.voice.services import suggestion_submit


def test_the_dashboard_opens_on_this_year_when_nothing_is_recorded(cast):
    assert latest_year(org=cast.union) == dt.date.today().year


def test_the_dashboard_opens_on_the_last_year_with_suggestions_until_this_year_has_one(cast, client_as):
    last_year = dt.date.today().year - 1
    suggestion_submit(actor=cast.member, author=cast.member_record, title="余料回收", body="回收再利用", submitted_on=dt.date(last_year, 9, 1))
    assert latest_year(org=cast.union) == last_year
    assert f'<option value="{last_year}" selected' in client_as(cast.chair).get("/voice/dashboard/").content.decode()
    suggestion_submit(actor=cast.member, author=cast.member_record, title="工具改进", body="自制量具", submitted_on=dt.date.today())
    assert latest_year(org=cast.union) == dt.date.today().year
