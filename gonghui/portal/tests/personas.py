"""The cast every test recognises (CONVENTIONS §6).

    federation GANGTIE ─┬─ union BENBU ─┬─ branch 炼钢作业区 ── group 甲班
                        │               └─ branch 轧钢作业区
                        └─ union XUEXIAO (the sibling union)

fed      federation officer on GANGTIE
chair    chair of BENBU (may unmask ID numbers)
cadre    cadre of the 炼钢作业区 branch only
member   an ordinary member of BENBU, with a login and a member record
rep      a safety rep in BENBU (also a member)
outsider a cadre of the sibling union XUEXIAO: must reach nothing of BENBU
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from gonghui.accounts.models import User
from gonghui.accounts.services import role_grant, user_create
from gonghui.members.fake import id_number
from gonghui.members.models import Member
from gonghui.members.services import MemberData, member_create, member_link_user
from gonghui.orgs.models import Org
from gonghui.orgs.services import org_create


@dataclass
class Cast:
    federation: Org
    union: Org
    branch: Org
    other_branch: Org
    group: Org
    sibling: Org
    fed: User
    chair: User
    cadre: User
    member: User
    rep: User
    outsider: User
    member_record: Member
    rep_record: Member
    sibling_member: Member


_serial = iter(range(90000, 99999))


def make_member(org: Org, name: str, *, actor=None, rng: random.Random | None = None, **extra) -> Member:
    rng = rng or random.Random(name)
    return member_create(
        actor=actor,
        data=MemberData(name=name, id_number=id_number(rng, next(_serial)), org=org, join_date=dt.date(2020, 3, 1), **extra),
    )


def build_cast() -> Cast:
    federation = org_create(actor=None, code="GANGTIE", name="某钢铁公司工会", kind="federation")
    union = org_create(actor=None, code="BENBU", name="本部工会", kind="union", parent=federation)
    branch = org_create(actor=None, code="BENBU-LG", name="炼钢作业区", kind="branch", parent=union)
    other_branch = org_create(actor=None, code="BENBU-ZG", name="轧钢作业区", kind="branch", parent=union)
    group = org_create(actor=None, code="BENBU-LG-1", name="甲班", kind="group", parent=branch)
    sibling = org_create(actor=None, code="XUEXIAO", name="学校工会", kind="union", parent=federation)

    def user(username: str, display: str) -> User:
        return user_create(actor=None, username=username, password="pw-" + username, display_name=display)

    fed, chair, cadre = user("fed", "上级工会干部"), user("chair", "本部工会主席"), user("cadre", "炼钢作业区干部")
    member, rep, outsider = user("member", "张三"), user("rep", "李安全"), user("outsider", "学校工会干部")
    role_grant(actor=None, user=fed, org=federation, role="federation_officer")
    role_grant(actor=None, user=chair, org=union, role="chair")
    role_grant(actor=None, user=cadre, org=branch, role="cadre")
    role_grant(actor=None, user=outsider, org=sibling, role="cadre")
    member_record = make_member(group, "张三", phone="13800000001", post="炼钢工")
    member_link_user(actor=None, member=member_record, user=member)
    rep_record = make_member(other_branch, "李安全", phone="13800000002", post="安全员")
    member_link_user(actor=None, member=rep_record, user=rep)
    role_grant(actor=None, user=rep, org=other_branch, role="safety_rep")
    sibling_member = make_member(sibling, "王老师", post="教师")
    return Cast(
        federation=federation, union=union, branch=branch, other_branch=other_branch, group=group, sibling=sibling,
        fed=fed, chair=chair, cadre=cadre, member=member, rep=rep, outsider=outsider,
        member_record=member_record, rep_record=rep_record, sibling_member=sibling_member,
    )
