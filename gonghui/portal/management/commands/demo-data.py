"""`gonghui demo-data`: a realistic federation for the demo, in whatever database is configured.

GANGTIE (某钢铁公司工会) with three grassroots unions: BENBU (本部工会, the year of
scenarios/benbu-2025.yaml), SANLIAN (三连工会, a farm company union)
and XUEXIAO (学校工会, a school union), their branches and groups, committees, BENBU's
alarm site, public-notice board and talks, and the demo logins. Running it twice
changes nothing.

The demo follows the calendar: the scenario's year is told as the year ending about `--as-of`
(default today, or GONGHUI_DEMO_AS_OF), every date moved with it (core.demo.demo_calendar), so
on any day the dashboard has a year of records, a notice is inside its 公示 period and what is
overdue is days overdue. `--as-of 2025-12-31` gives the scenario's own 2025.
"""

from __future__ import annotations

import datetime as dt
import os
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.core.demo import DemoContext, demo_calendar, years_later
from gonghui.core.registry import declared
from gonghui.accounts.services import role_grant, user_create
from gonghui.members.fake import id_number, person_name, phone
from gonghui.members.models import Member
from gonghui.members.choices import Sex
from gonghui.members.services import MemberData, member_link_user, member_update, members_bulk_create
from gonghui.orgs.models import Org
from gonghui.orgs.services import committee_create, committee_seat_assign, org_create
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

DEMO_PASSWORD = "gonghui-demo"
SCENARIO = scenario_path("benbu-2025")

# (code, name, [(branch code, branch name, [group names])], members)
OTHER_UNIONS = [
    ("SANLIAN", "三连工会", [("SANLIAN-ZZ", "种植班", ["一组", "二组"]), ("SANLIAN-JX", "农机班", ["机修组"])], 64, "连队职工", "farm"),
    ("XUEXIAO", "学校工会", [("XUEXIAO-YW", "语文教研组", []), ("XUEXIAO-SX", "数学教研组", []), ("XUEXIAO-XZ", "行政后勤组", [])], 92, "教师",
     "school"),
]


class Command(BaseCommand):
    help = "Load the demo federation (GANGTIE with BENBU, SANLIAN and XUEXIAO) and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--scenario", default=str(SCENARIO))
        parser.add_argument("--as-of", dest="as_of", default=None,
                            help="the day the demo is told as of, YYYY-MM-DD (default: GONGHUI_DEMO_AS_OF, else today)")

    def handle(self, *args, scenario, as_of=None, **options):
        if Org.objects.filter(code="GANGTIE").exists():
            self.stdout.write("demo data already loaded")
            self.print_logins()
            return
        day = self.as_of(as_of or os.environ.get("GONGHUI_DEMO_AS_OF"))
        with transaction.atomic():
            self.load(scenario, day)
        self.print_logins()

    @staticmethod
    def as_of(value) -> dt.date:
        if not value:
            return timezone.localdate()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise CommandError(f"--as-of: {value!r} is not a date (YYYY-MM-DD)") from None

    def load(self, scenario_path: str, as_of: dt.date) -> None:
        year, shift = demo_calendar(as_of)
        self.stdout.write(f"demo as of {as_of:%Y-%m-%d}: the scenario's year told as {year}")
        rng = random.Random(7)
        admin = user_create(actor=None, username="admin", password=DEMO_PASSWORD, display_name="系统管理员", is_superuser=True)
        fed_org = org_create(actor=admin, code="GANGTIE", name="某钢铁公司工会", kind="federation")
        benbu = org_create(actor=admin, code="BENBU", name="本部工会", kind="union", parent=fed_org)
        chair = self.user("chair", "王建国", benbu, "chair")
        self.user("fed", "刘志强", fed_org, "federation_officer")

        ctx = scenario_load(read_scenario(scenario_path), actor=chair, year=year, shift=shift, today=as_of)
        self.stdout.write(f"scenario: {ctx.union.name}, {len(ctx.members)} members")
        for branch in ctx.branches[:3]:
            for j, name in enumerate(("甲班", "乙班")):
                org_create(actor=admin, code=f"{branch.code}-{j + 1}", name=name, kind="group", parent=branch)

        serial = Member.objects.count() + 5000
        for code, name, branches, headcount, post, sector in OTHER_UNIONS:
            union = org_create(actor=admin, code=code, name=name, kind="union", parent=fed_org, sector=sector)
            places = [union]
            for bcode, bname, groups in branches:
                branch = org_create(actor=admin, code=bcode, name=bname, kind="branch", parent=union)
                places.append(branch)
                places += [org_create(actor=admin, code=f"{bcode}-{i + 1}", name=g, kind="group", parent=branch)
                           for i, g in enumerate(groups)]
            rows = [
                MemberData(name=person_name(rng), id_number=id_number(rng, serial + i), org=places[1 + i % (len(places) - 1)],
                           phone=phone(rng), post=post,
                           join_date=dt.date(rng.randint(year - 20, year - 1), rng.randint(1, 12), 1) + shift,
                           contract_status="signed" if rng.random() < 0.93 else "unsigned",
                           contract_start=dt.date(year - 2, 1, 1) + shift, contract_end=dt.date(year + 2, 12, 31) + shift)
                for i in range(headcount)
            ]
            serial += headcount
            members_bulk_create(actor=admin, rows=rows, note=gettext("demo data"))
            self.committees(union, admin, rng, dt.date(year - 2, 3, 15) + shift)
            if code == "XUEXIAO":
                self.user("outsider", "赵晓东", union, "cadre")
        member_user = user_create(actor=admin, username="member", password=DEMO_PASSWORD, display_name="张三")
        # The member and the chair (a member too) each get a record of their own, under the name
        # their login shows, so "我的档案" is theirs and a search for zhangsan or zs finds 张三.
        # Before the committees: their history names the seat holders as they were then.
        men = Member.objects.filter(union=benbu, user__isnull=True, sex=Sex.MALE).order_by("id")
        for user, record in ((member_user, men[0]), (chair, men[1])):
            member_update(actor=admin, member=record, name=user.display_name)
            member_link_user(actor=admin, member=record, user=user)
        self.committees(benbu, admin, rng, dt.date(year, 4, 20) + shift)   # elected at the year's congress
        demo = DemoContext(union=benbu, chair=chair, member_user=member_user, admin=admin, year=ctx.year, rng=rng,
                           as_of=as_of, shift=shift)
        for _config, load in declared("demo"):
            load(demo)

    def user(self, username: str, name: str, org: Org, role: str) -> User:
        user = user_create(actor=None, username=username, password=DEMO_PASSWORD, display_name=name)
        role_grant(actor=None, user=user, org=org, role=role)
        return user

    def committees(self, union: Org, actor, rng: random.Random, term: dt.date) -> None:
        people = list(Member.objects.filter(union=union).order_by("id")[:12])
        for kind, seats in (("union", 5), ("funds_review", 3), ("labor_protection", 3), ("mediation", 3)):
            committee = committee_create(actor=actor, org=union, kind=kind, term_start=term,
                                         term_end=years_later(term, 5))
            chosen = rng.sample(people, seats)
            for i, person in enumerate(chosen):
                title = "chair" if i == 0 else ("vice_chair" if i == 1 and kind == "union" else "member")
                committee_seat_assign(actor=actor, committee=committee, member=person, title=title, start=term)

    def print_logins(self) -> None:
        self.stdout.write(
            "demo logins (password gonghui-demo): admin (superuser), chair (本部工会主席), fed (上级工会), "
            "member (本部工会会员), reviewer (本部经审会), outsider (学校工会干部)"
        )
