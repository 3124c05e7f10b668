"""Every change to the member book. Each asks `scoping.require` first and writes its history
row in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gonghui.core import crypto, idcard, scoping
from gonghui.core.bulk import rows_insert
from gonghui.core.history import diff, history_record, history_rows_insert, locked, model_update, snapshot
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import union_of
from gonghui.core.text import multi_line, single_line

from .choices import ContractStatus, MembershipEventKind, MemberStatus
from .models import Member, MembershipEvent
from .masking import birth_year, id_number_mask
from .naming import pinyin_keys
from .rules import InvalidValue, Problem, phone_number, record_problems
from .selectors import member_ids_by_hash

# Fields a cadre may edit on the member form; the ID number (and the birth year and sex read
# from it) and the org have their own services.
EDITABLE_FIELDS = (
    "name", "sex", "ethnic_group", "phone", "post", "is_union_member", "join_date",
    "contract_status", "contract_start", "contract_end",
    "has_work_injury_insurance", "has_pension_insurance", "has_medical_insurance",
)


@dataclass
class MemberData:
    """What a form, the API or an import row supplies for one person."""

    name: str
    id_number: str
    org: Org
    phone: str = ""
    post: str = ""
    sex: str | None = None  # read from the ID number when not given
    ethnic_group: str = "汉族"
    birth_date: dt.date | None = None  # checked against the ID number; only its year is kept
    is_union_member: bool = True
    join_date: dt.date | None = None
    contract_status: str = ContractStatus.UNSIGNED
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    has_work_injury_insurance: bool = False
    has_pension_insurance: bool = False
    has_medical_insurance: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _placement_union(org: Org) -> Org:
    union = union_of(org)
    if union is None:
        raise ValidationError(_("Members sit in a union, branch or group, not in a federation."))
    return union


def _member_values(data: MemberData, *, union: Org | None = None, id_hash: str | None = None) -> dict[str, Any]:
    """Every stored field of a new member, derived fields included (field name -> value).

    One derivation for both paths: member_create makes a Member of it, a bulk import
    writes it as a row. Raises InvalidIdNumber or ValidationError on bad data.

    `id_hash` given means the row was checked already, cell by cell and with the same
    rules (members.roster: idcard, phone_number, the columns' lengths, record_problems),
    its texts normalised and its ID number hashed: it is derived, not checked twice.
    """
    if id_hash is None:
        number = idcard.validate(data.id_number)
        name = single_line(data.name)
        if not name:
            raise ValidationError({"name": _("must be filled in")})
        phone, phone_problems = _checked_phone(data.phone)
        texts = {"name": name, "ethnic_group": single_line(data.ethnic_group) or "汉族", "post": single_line(data.post)}
        _refuse(phone_problems + _too_long(texts) + record_problems(
            number=number, sex=data.sex, birth_date=data.birth_date, join_date=data.join_date,
            contract_status=data.contract_status, contract_start=data.contract_start, contract_end=data.contract_end,
        ))
        id_hash = crypto.blind_index(number)
    else:
        number, name, phone = data.id_number, data.name, data.phone
        texts = {"ethnic_group": data.ethnic_group or "汉族", "post": data.post}
    pinyin, initials = pinyin_keys(name)
    return {
        "org": data.org,
        "union": union or _placement_union(data.org),
        "name": name,
        "name_pinyin": pinyin,
        "name_initials": initials,
        "sex": data.sex or idcard.sex(number),
        "ethnic_group": texts["ethnic_group"],
        "birth_year": birth_year(number),
        "id_number_encrypted": crypto.encrypt(number),
        "id_number_hash": id_hash,
        "id_number_masked": id_number_mask(number),
        "phone": phone,
        "post": texts["post"],
        "is_union_member": data.is_union_member,
        "join_date": data.join_date,
        "contract_status": data.contract_status,
        "contract_start": data.contract_start,
        "contract_end": data.contract_end,
        "has_work_injury_insurance": data.has_work_injury_insurance,
        "has_pension_insurance": data.has_pension_insurance,
        "has_medical_insurance": data.has_medical_insurance,
    }


def _refuse(problems) -> None:
    """The record's problems (rules.record_problems) as one ValidationError by field, if any."""
    if problems:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.reason)
        raise ValidationError(by_field)


def _too_long(texts: dict[str, str]) -> list[Problem]:
    """Text longer than its column holds (the API and scripts have no form to stop it)."""
    problems = []
    for name, text in texts.items():
        limit = Member._meta.get_field(name).max_length
        if isinstance(text, str) and len(text) > limit:
            problems.append(Problem(name, "too_long", _("longer than %(n)s characters") % {"n": limit}))
    return problems


def _checked_phone(value: str | None) -> tuple[str, list[Problem]]:
    """The phone number as stored (empty, or 11 digits), and its problem if it is not one."""
    text = single_line(value)
    if not text:
        return "", []
    try:
        return phone_number(text), []
    except InvalidValue as exc:
        return text, [Problem("phone", exc.code, exc.reason)]


def _phone(value: str | None) -> str:
    phone, problems = _checked_phone(value)
    _refuse(problems)
    return phone


# How each editable text field is cleaned on the way in (control characters out, phone normalised).
_TEXT_CLEANING = {"name": single_line, "ethnic_group": single_line, "post": single_line, "phone": _phone}


def _invalid_number(exc: idcard.InvalidIdNumber) -> ValidationError:
    return ValidationError({"id_number": _("Invalid ID-card number: %(reason)s") % {"reason": _(str(exc))}})


def _number_taken() -> ValidationError:
    return ValidationError({"id_number": _("A person with this ID-card number is already on the roll.")})


@transaction.atomic
def member_create(*, actor, data: MemberData) -> Member:
    scoping.require(actor=actor, action="members.member.create", org=data.org)
    try:
        member = Member(**_member_values(data))
    except idcard.InvalidIdNumber as exc:
        raise _invalid_number(exc) from exc
    if Member.objects.filter(id_number_hash=member.id_number_hash).exists():
        raise _number_taken()
    member.save()
    MembershipEvent.objects.create(
        member=member, kind=MembershipEventKind.JOIN, date=data.join_date or dt.date.today(),
        to_org=member.org, union=member.union,
    )
    history_record(obj=member, org=member.org, actor=actor, action="create", changes=snapshot(member, ("name", "org", "post")))
    return member


@transaction.atomic
def member_update(*, actor, member: Member, **changes: Any) -> Member:
    scoping.require(actor=actor, action="members.member.update", org=member.org)
    changes = {name: _TEXT_CLEANING[name](value) if name in _TEXT_CLEANING else value for name, value in changes.items()}
    if "name" in changes and not changes["name"]:
        raise ValidationError({"name": _("must be filled in")})
    _refuse(_too_long({name: value for name, value in changes.items() if name in _TEXT_CLEANING}))

    def checked(row: Member) -> None:
        # The record's own rules on the row as it will be saved. The sex is checked against the
        # number (one bit, shown anyway); the join date only against the birth year, so no edit
        # can find out the day of birth.
        number = crypto.decrypt(row.id_number_encrypted) if "sex" in changes else None
        _refuse(record_problems(
            number=number, born=row.birth_year, sex=row.sex, join_date=row.join_date,
            contract_status=row.contract_status, contract_start=row.contract_start, contract_end=row.contract_end,
        ))
        if "name" in changes:
            row.name_pinyin, row.name_initials = pinyin_keys(row.name)

    model_update(obj=member, changes=changes, allowed=EDITABLE_FIELDS, actor=actor, org=member.org, before_save=checked)
    return member


@transaction.atomic
def member_transfer(*, actor, member: Member, to_org: Org, date: dt.date, note: str = "") -> Member:
    # Out of one org and into another: the actor must keep the book at both ends.
    scoping.require(actor=actor, action="members.member.transfer", org=member.org)
    scoping.require(actor=actor, action="members.member.transfer", org=to_org)
    locked(member)  # twenty taps of 调动 move the member once
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a member on the roll can be transferred."))
    if to_org.pk == member.org_id:
        raise ValidationError(_("The member is already there."))
    if to_org.kind == OrgKind.FEDERATION:
        raise ValidationError(_("Members sit in a union, branch or group, not in a federation."))
    note = multi_line(note)
    from_org = member.org
    member.org = to_org
    member.union = _placement_union(to_org)
    member.save(update_fields=["org", "union", "updated_at"])
    MembershipEvent.objects.create(
        member=member, kind=MembershipEventKind.TRANSFER, date=date, from_org=from_org, to_org=to_org,
        union=member.union, note=note,
    )
    history_record(obj=member, org=to_org, actor=actor, action="transfer", changes={"org": [from_org.name, to_org.name]}, note=note)
    return member


@transaction.atomic
def member_leave(*, actor, member: Member, date: dt.date, note: str = "") -> Member:
    """Take a member off the roll. The record stays: the member book keeps its history."""
    scoping.require(actor=actor, action="members.member.leave", org=member.org)
    locked(member)  # twenty taps of 离会 take the member off once
    if member.status == MemberStatus.LEFT:
        raise ValidationError(_("This member has already left."))
    note = multi_line(note)
    member.status = MemberStatus.LEFT
    member.left_date = date
    member.save(update_fields=["status", "left_date", "updated_at"])
    MembershipEvent.objects.create(
        member=member, kind=MembershipEventKind.LEAVE, date=date, from_org=member.org, union=member.union, note=note
    )
    history_record(obj=member, org=member.org, actor=actor, action="delete", changes={"status": ["active", "left"]}, note=note)
    return member


@transaction.atomic
def member_id_number_reveal(*, actor, member: Member) -> str:
    """The full number, for a role allowed to see it; every look is written to the history."""
    scoping.require(actor=actor, action="members.member.unmask", org=member.org)
    history_record(obj=member, org=member.org, actor=actor, action="view_secret", changes={})
    return crypto.decrypt(member.id_number_encrypted)


@transaction.atomic
def member_id_number_correct(*, actor, member: Member, id_number: str, reason: str) -> Member:
    """Put right a mistyped ID-card number, by a role allowed to see the numbers, with the reason.

    Sex and birth date follow the new number, as an import would require of them. The
    history keeps the reason and the masked numbers before and after, never the numbers.
    """
    scoping.require(actor=actor, action="members.member.unmask", org=member.org)
    try:
        number = idcard.validate(id_number)
    except idcard.InvalidIdNumber as exc:
        raise _invalid_number(exc) from exc
    reason = multi_line(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the number is corrected.")})
    number_hash = crypto.blind_index(number)
    if number_hash == member.id_number_hash:
        raise ValidationError({"id_number": _("This is the number the record already has.")})
    if Member.objects.filter(id_number_hash=number_hash).exists():
        raise _number_taken()
    before = snapshot(member, CORRECTED_FIELDS)
    member.id_number_encrypted = crypto.encrypt(number)
    member.id_number_hash = number_hash
    member.id_number_masked = id_number_mask(number)
    member.sex, member.birth_year = idcard.sex(number), birth_year(number)
    member.save()
    history_record(obj=member, org=member.org, actor=actor, action="update",
                   changes=diff(before, snapshot(member, CORRECTED_FIELDS)), note=reason)
    return member


# What a corrected number changes on screen (its masked form, and what it holds).
CORRECTED_FIELDS = ("id_number_masked", "sex", "birth_year")


@transaction.atomic
def member_link_user(*, actor, member: Member, user) -> Member:
    from gonghui.accounts.services import role_grant

    scoping.require(actor=actor, action="members.member.link_user", org=member.org)
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    role_grant(actor=actor, user=user, org=member.org, role="member")
    history_record(obj=member, org=member.org, actor=actor, action="update", changes={"user": [None, user.username]})
    return member


@transaction.atomic
def members_bulk_create(*, actor, rows: list[MemberData], note: str = "", checked_hashes: list[str] | None = None) -> list[int]:
    """Many people at once (roster import, scenarios): all or none, in one transaction.

    Rows are derived and checked by `_member_values`, as in member_create; a duplicate
    ID number (in the batch or already on the roll) refuses the whole batch. Members,
    their join events and their history rows go in as plain rows, one executemany per
    table (core.bulk). Returns the new members' ids in the order of `rows`.

    `checked_hashes`: the roster import has checked every row already (members.roster, the
    same rules, reported by row and column) and hashed its ID number; the rows are then
    derived without being checked a second time. The duplicate checks stand either way.
    """
    unions: dict[int, Org] = {}  # one check and one union lookup per placement org, not one per row
    for org in {row.org.pk: row.org for row in rows}.values():
        scoping.require(actor=actor, action="members.member.import", org=org)
        unions[org.pk] = _placement_union(org)
    if checked_hashes is not None:
        if len(checked_hashes) != len(rows):
            raise ValueError("one hash per row")
        members = [_member_values(row, union=unions[row.org.pk], id_hash=h) for row, h in zip(rows, checked_hashes)]
    else:
        members = [_member_values(row, union=unions[row.org.pk]) for row in rows]
    hashes = [m["id_number_hash"] for m in members]
    if len(set(hashes)) != len(hashes):
        raise ValidationError(_("The same ID-card number appears twice in the batch."))
    try:
        with transaction.atomic():  # the unique hash index is the check: no read before the write
            rows_insert(Member, members)
    except IntegrityError:
        taken = len(member_ids_by_hash(hashes))
        if not taken:
            raise
        raise ValidationError(_("%(n)s people in the batch are already on the roll.") % {"n": taken}) from None
    ids = member_ids_by_hash(hashes)
    today = dt.date.today()
    rows_insert(MembershipEvent, [
        {"member": ids[m["id_number_hash"]], "kind": MembershipEventKind.JOIN, "date": m["join_date"] or today,
         "to_org": m["org"], "union": m["union"]}
        for m in members
    ])
    history_rows_insert(Member, actor=actor, action="import", note=multi_line(note),
                        entries=[(ids[m["id_number_hash"]], m["org"], m["name"]) for m in members])
    return [ids[h] for h in hashes]


# The reasons core.idcard gives, marked here so the catalogue carries their Chinese.
ID_NUMBER_REASONS = (
    gettext_noop("must be 17 digits followed by a digit or X"),
    gettext_noop("the check digit does not match"),
    gettext_noop("the birth date in the number is not a real date"),
)


@transaction.atomic
def member_id_numbers_export(*, actor, members: Sequence[Member], note: str = "") -> dict[int, str]:
    """{member id: full ID number} for a real-name roster (the higher union asks for one).

    Only for a role that may unmask the numbers of every member in it; each member's
    history gets a 'viewed unmasked' row, as for a single look. `members` need their org.
    """
    if not members:
        scoping.require(actor=actor, action="members.member.unmask")
    for org in {m.org_id: m.org for m in members}.values():
        scoping.require(actor=actor, action="members.member.unmask", org=org)
    history_rows_insert(Member, actor=actor, action="view_secret", note=multi_line(note),
                        entries=[(m.pk, m.org, m.name) for m in members])
    return {m.pk: crypto.decrypt(m.id_number_encrypted) for m in members}
