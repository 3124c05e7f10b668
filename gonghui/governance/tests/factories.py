"""Small hand-made records, created through the services as a cadre would."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gonghui.governance import services


def target(org, *, name="降本增效", unit="万元", target="905", year=2025, mid=None, final=None, actor=None):
    row = services.target_create(actor=actor, org=org, year=year, name=name, unit=unit, target=Decimal(target))
    if mid is not None:
        services.target_check_record(actor=actor, target=row, kind="mid_year", date=dt.date(year, 6, 30), actual=Decimal(mid))
    if final is not None:
        services.target_check_record(actor=actor, target=row, kind="year_end", date=dt.date(year, 12, 31), actual=Decimal(final))
    return row


def meeting(org, *, kind="regular", date=dt.date(2025, 3, 20), title=None, decisions=None, present=9, expected=10, actor=None):
    return services.meeting_record(actor=actor, org=org, kind=kind, date=date, title=title or f"{date:%Y-%m-%d} 会议",
                                   present=present, expected=expected, decisions=decisions or [])


def published_disclosure(org, *, actor=None, on=None, until=None, title="2025年工会经费收支情况", category="finance"):
    on = on or timezone.localdate()
    row = services.disclosure_create(actor=actor, org=org, title=title, body="收入、支出明细如下……", category=category,
                                     notice_until=until or on + dt.timedelta(days=7))
    return services.disclosure_publish(actor=actor, disclosure=row, on=on)
