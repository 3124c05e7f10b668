"""Every write to the union's money: ledger postings and reversals, budgets, wage bases, dues.

Each is one function in one transaction that asks `scoping.require` first, locks what it
re-checks, writes one history row, and does nothing on a repeat (DESIGN.md "Money and
secrets": a double click or a retried request never pays twice). Postings serialise on
the org's row: the next voucher number and the idempotency check are read under it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gonghui.core.money import yuan
from gonghui.core import crypto
from gonghui.core.history import history_record
from gonghui.core.models import HistoryEntry
from gonghui.core.scoping import require
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import chart
from .choices import EntrySource
from .models import BudgetLine, DuesPayment, Entry, FundsReview, Line, WageBase
from .rules import month_start, monthly_dues

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LineSpec:
    """One line to post: an account of the chart and its debit or its credit."""

    account: str
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)


def _money(value, field: str) -> Decimal:
    return yuan(value, field=field, negative=True)


def lines_checked(lines: Iterable[LineSpec]) -> list[LineSpec]:
    """The lines as they will be posted, or ValidationError: every account on the chart, each
    line one-sided and positive, at least two lines, debits equal to credits (double entry)."""
    checked = []
    for spec in lines:
        if spec.account not in chart.BY_CODE:
            raise ValidationError({"lines": _("Account %(code)s is not on the union accounting chart.") % {"code": spec.account}})
        debit, credit = _money(spec.debit or 0, "lines"), _money(spec.credit or 0, "lines")
        if (debit > 0) == (credit > 0) or debit < 0 or credit < 0:
            raise ValidationError({"lines": _("Each line is either a debit or a credit, and more than zero.")})
        checked.append(LineSpec(spec.account, debit, credit))
    if len(checked) < 2:
        raise ValidationError({"lines": _("An entry needs at least two lines.")})
    debits, credits = sum(s.debit for s in checked), sum(s.credit for s in checked)
    if debits != credits:
        raise ValidationError({"lines": _("Debits (%(d)s) do not equal credits (%(c)s).") % {"d": debits, "c": credits}})
    return checked


def _lock(org: Org) -> Org:
    return Org.objects.select_for_update().get(pk=org.pk)


def _post(*, actor, org: Org, date: dt.date, memo: str, lines: Iterable[LineSpec], idempotency_key: str,
          source: str = EntrySource.MANUAL, reverses: Entry | None = None) -> tuple[Entry, bool]:
    """(the entry, whether it is new). The caller has asked `require` and holds the org's lock."""
    key = (idempotency_key or "").strip()
    if not key:
        raise ValidationError({"idempotency_key": _("A posting needs an idempotency key.")})
    existing = Entry.objects.filter(org=org, idempotency_key=key).first()
    if existing is not None:
        return existing, False
    checked = lines_checked(lines)
    if not (memo or "").strip():
        raise ValidationError({"memo": _("Write what the entry is for.")})
    number = (Entry.objects.filter(org=org, year=date.year).aggregate(n=Max("number"))["n"] or 0) + 1
    entry = Entry.objects.create(
        org=org, year=date.year, number=number, date=date, memo=memo.strip()[:200], source=source,
        idempotency_key=key[:120], reverses=reverses,
        posted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    Line.objects.bulk_create([Line(entry=entry, account=s.account, debit=s.debit, credit=s.credit) for s in checked])
    total = sum(s.debit for s in checked)
    history_record(obj=entry, org=org, actor=actor, action="create",
                   changes={"amount": [None, str(total)], "source": [None, source]}, note=entry.memo)
    return entry, True


@transaction.atomic
def entry_post(*, actor, org: Org, date: dt.date, memo: str, lines: Iterable[LineSpec], idempotency_key: str,
               source: str = EntrySource.MANUAL) -> Entry:
    """Post one entry to the org's books for the date's year; the same key again returns the first entry."""
    require(actor=actor, action="funds.ledger.post", org=org)
    _lock(org)
    entry, _new = _post(actor=actor, org=org, date=date, memo=memo, lines=lines, idempotency_key=idempotency_key, source=source)
    return entry


def _with_ids(model, made: list, org: Org) -> list:
    """bulk_create fills ids on SQLite and PostgreSQL; this covers a backend that does not."""
    if made and made[0].pk is None:
        ids = dict(model.objects.filter(org=org, idempotency_key__in=[m.idempotency_key for m in made])
                   .values_list("idempotency_key", "pk"))
        for m in made:
            m.pk = ids[m.idempotency_key]
    return made


@dataclass(frozen=True)
class EntrySpec:
    """One entry of a batch to post: as `entry_post` takes it."""

    date: dt.date
    memo: str
    lines: tuple[LineSpec, ...]
    idempotency_key: str


@transaction.atomic
def entries_post_bulk(*, actor, org: Org, entries: Iterable[EntrySpec], source: str = EntrySource.MANUAL,
                      batch_size: int = 5000) -> int:
    """Post many entries to the org's books at once (a year carried over from another system, a
    bench): each checked as `entry_post` checks one, numbered on from each year's last voucher,
    with one history row each. All or nothing: one entry that does not balance refuses the batch,
    naming it. An entry whose key was already posted is skipped, so a retried batch posts the
    rest once. Returns how many entries were new. Queries grow with batches, not with entries."""
    require(actor=actor, action="funds.ledger.post", org=org)
    _lock(org)
    specs: dict[str, EntrySpec] = {}
    for n, spec in enumerate(entries, start=1):
        key = (spec.idempotency_key or "").strip()[:120]
        if not key:
            raise ValidationError({"idempotency_key": _("Entry %(n)s: a posting needs an idempotency key.") % {"n": n}})
        if not (spec.memo or "").strip():
            raise ValidationError({"memo": _("Entry %(n)s: write what the entry is for.") % {"n": n}})
        try:
            lines = lines_checked(spec.lines)
        except ValidationError as exc:
            raise ValidationError({"lines": _("Entry %(n)s: %(error)s") % {"n": n, "error": " ".join(exc.messages)}}) from None
        specs.setdefault(key, EntrySpec(spec.date, spec.memo.strip()[:200], tuple(lines), key))
    keys = list(specs)
    for i in range(0, len(keys), batch_size):
        for key in Entry.objects.filter(org=org, idempotency_key__in=keys[i:i + batch_size]).values_list("idempotency_key", flat=True):
            specs.pop(key, None)
    if not specs:
        return 0
    years = {spec.date.year for spec in specs.values()}
    number = {y: n or 0 for y, n in (Entry.objects.filter(org=org, year__in=years).values_list("year")
                                     .annotate(n=Max("number")).order_by())}
    posted_by_id = actor.pk if actor is not None and actor.is_authenticated else None
    content_type = ContentType.objects.get_for_model(Entry)
    ordered = sorted(specs.values(), key=lambda s: (s.date, s.idempotency_key))
    # bulk_create, not core.bulk.rows_insert: one INSERT of many rows per batch is what PostgreSQL
    # takes fastest (executemany sends a statement a row), and it hands the new ids back for the lines.
    for i in range(0, len(ordered), batch_size):
        chunk = ordered[i:i + batch_size]
        made = []
        for spec in chunk:
            number[spec.date.year] = number.get(spec.date.year, 0) + 1
            made.append(Entry(org_id=org.pk, year=spec.date.year, number=number[spec.date.year], date=spec.date, memo=spec.memo,
                              source=source, idempotency_key=spec.idempotency_key, posted_by_id=posted_by_id))
        made = _with_ids(Entry, Entry.objects.bulk_create(made), org)
        Line.objects.bulk_create([Line(entry_id=entry.pk, account=s.account, debit=s.debit, credit=s.credit)
                                  for entry, spec in zip(made, chunk) for s in spec.lines])
        HistoryEntry.objects.bulk_create([
            HistoryEntry(org_id=org.pk, content_type_id=content_type.pk, object_id=str(entry.pk), object_repr=str(entry)[:200],
                         actor_id=posted_by_id, action=HistoryEntry.Action.IMPORT,
                         changes={"amount": [None, str(sum(x.debit for x in spec.lines))]}, note=spec.memo[:300])
            for entry, spec in zip(made, chunk)])
    return len(ordered)


@transaction.atomic
def entry_reverse(*, actor, entry: Entry, date: dt.date | None = None, memo: str = "") -> Entry:
    """Correct an entry the only way the books allow: a new entry with every line on the other side.

    An entry is reversed once (Entry.reverses is one-to-one); asking again returns that reversal.
    A reversal is not itself reversed: post the entry again instead."""
    require(actor=actor, action="funds.ledger.post", org=entry.org)
    _lock(entry.org)
    entry = Entry.objects.get(pk=entry.pk)
    done = Entry.objects.filter(reverses=entry).first()
    if done is not None:
        return done
    if entry.reverses_id is not None:
        raise ValidationError(_("A reversal is not reversed again: post the entry afresh."))
    lines = [LineSpec(line.account, debit=line.credit, credit=line.debit) for line in entry.lines.all()]
    reversal, _new = _post(
        actor=actor, org=entry.org, date=date or entry.date, lines=lines, source=EntrySource.REVERSAL,
        memo=memo.strip() or _("Reversal of %(entry)s") % {"entry": entry}, idempotency_key=f"reverse:{entry.pk}",
        reverses=entry,
    )
    return reversal


# ── budgets ──────────────────────────────────────────────────────────────────

@transaction.atomic
def budget_set(*, actor, org: Org, year: int, account: str, amount: Decimal) -> BudgetLine:
    """Set the year's budget for one account; setting the same amount again changes nothing."""
    require(actor=actor, action="funds.budget.set", org=org)
    if account not in chart.BY_CODE or chart.account(account).kind not in (chart.INCOME, chart.SPENDING):
        raise ValidationError({"account": _("Budget an income or a spending account.")})
    amount = _money(amount, "amount")
    if amount < 0:
        raise ValidationError({"amount": _("A budget cannot be negative.")})
    _lock(org)  # two first budgets for a line at once make one row
    line = BudgetLine.objects.filter(org=org, year=year, account=account).first()
    if line is None:
        line = BudgetLine.objects.create(org=org, year=year, account=account, amount=amount)
        history_record(obj=line, org=org, actor=actor, action="create", changes={"amount": [None, str(amount)]})
        return line
    if line.amount == amount:
        return line
    before = line.amount
    BudgetLine.objects.filter(pk=line.pk).update(amount=amount)
    line.amount = amount
    history_record(obj=line, org=org, actor=actor, action="update", changes={"amount": [str(before), str(amount)]})
    return line


# ── wages and dues ───────────────────────────────────────────────────────────

@transaction.atomic
def wage_set(*, actor, member: Member, wage: Decimal, since: dt.date) -> WageBase:
    """Enter a member's monthly wage base (bonuses excluded): kept encrypted, its dues in the clear.

    The history says the wage changed and what the dues became, never the wage itself."""
    require(actor=actor, action="funds.wage.set", org=member.org)
    wage = _money(wage, "wage")
    if wage < 0:
        raise ValidationError({"wage": _("A wage cannot be negative.")})
    dues = monthly_dues(wage)
    since = month_start(since)
    Member.objects.select_for_update().filter(pk=member.pk).first()  # two first entries at once make one row
    row = WageBase.objects.filter(member=member).first()
    if row is None:
        row = WageBase.objects.create(org=member.org, member=member, wage_encrypted=crypto.encrypt(str(wage)), dues=dues, since=since)
        history_record(obj=row, org=member.org, actor=actor, action="create", changes={"dues": [None, str(dues)]}, note=_("wage entered"))
        return row
    if _wage_of(row) == wage and row.since == since:
        return row
    before = row.dues
    WageBase.objects.filter(pk=row.pk).update(wage_encrypted=crypto.encrypt(str(wage)), dues=dues, since=since, org=member.org)
    row.refresh_from_db()
    history_record(obj=row, org=member.org, actor=actor, action="update", changes={"dues": [str(before), str(dues)]},
                   note=_("wage changed"))
    return row


def _wage_of(row: WageBase) -> Decimal:
    """The wage in the clear, for the chair's unmasked view and the re-check in wage_set."""
    return Decimal(crypto.decrypt(row.wage_encrypted))


@dataclass
class Collection:
    month: dt.date
    entry: Entry | None
    payments: list[DuesPayment]

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))


@transaction.atomic
def dues_collect(*, actor, org: Org, month: dt.date, members: list[Member] | None = None,
                 date: dt.date | None = None) -> Collection:
    """Collect a month's dues from the union's members (all with a wage base, or those named) and
    post them to 会费收入 in one entry. A member already paid for the month is skipped, so a
    repeat collects nothing and posts nothing."""
    require(actor=actor, action="funds.dues.collect", org=org)
    _lock(org)
    month = month_start(month)
    bases = WageBase.objects.select_related("member").filter(member__union=org, since__lte=month, member__status="active")
    if members is not None:
        bases = bases.filter(member__in=[m.pk for m in members])
    paid = set(DuesPayment.objects.filter(member__union=org, month=month).values_list("member_id", flat=True))
    due = [b for b in bases.order_by("member_id") if b.member_id not in paid and b.dues > 0]
    if not due:
        return Collection(month, None, [])
    digest = hashlib.sha256(",".join(str(b.member_id) for b in due).encode()).hexdigest()[:16]
    total = sum((b.dues for b in due), Decimal(0))
    entry, _new = _post(
        actor=actor, org=org, date=date or month, source=EntrySource.DUES,
        memo=_("Dues for %(year)s-%(month)02d, %(n)s members") % {"year": month.year, "month": month.month, "n": len(due)},
        lines=[LineSpec(chart.BANK, debit=total), LineSpec(chart.DUES_INCOME, credit=total)],
        idempotency_key=f"dues:{month:%Y-%m}:{digest}",
    )
    collector = actor if actor is not None and actor.is_authenticated else None
    payments = DuesPayment.objects.bulk_create([
        DuesPayment(org=b.member.org, member=b.member, month=month, amount=b.dues, entry=entry,
                    idempotency_key=f"dues:{b.member_id}:{month:%Y-%m}", collected_by=collector)
        for b in due
    ])
    return Collection(month, entry, payments)


# ── the funds review ─────────────────────────────────────────────────────────

@transaction.atomic
def funds_review_publish(*, actor, org: Org, year: int, opinion: str, on: dt.date | None = None) -> FundsReview:
    """Publish the review committee's report on a year's books to the 公开栏 (a finance disclosure,
    through governance's services). A year is reviewed once: publishing again returns the report."""
    from django.utils import timezone

    from gonghui.governance.choices import DisclosureCategory
    from gonghui.governance.services import disclosure_create, disclosure_publish

    from .selectors import review_findings

    require(actor=actor, action="funds.review.publish", org=org)
    _lock(org)
    existing = FundsReview.objects.filter(org=org, year=year).first()
    if existing is not None:
        return existing
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("Write the committee's opinion.")})
    findings = review_findings(org=org, year=year)
    on = on or timezone.localdate()
    disclosure = disclosure_create(
        actor=actor, org=org, category=DisclosureCategory.FINANCE,
        title=_("Funds review committee's report on %(year)s") % {"year": year},
        body=findings + "\n\n" + _("Opinion of the review committee: %(opinion)s") % {"opinion": opinion.strip()},
    )
    disclosure_publish(actor=actor, disclosure=disclosure, on=on)
    review = FundsReview.objects.create(org=org, year=year, findings=findings, opinion=opinion.strip(), published_on=on,
                                        disclosure=disclosure, reviewed_by=actor if actor is not None and actor.is_authenticated else None)
    history_record(obj=review, org=org, actor=actor, action="create", changes={"year": [None, year]})
    return review
