"""Bench: counting a large election through the product against ONE hand-written SQL query.

An election of 10,000 voting delegates (1,000 with --quick) and 15 candidates for 11 seats:
the members go in through `members_bulk_create`, the delegates through `delegate_add`, and every
ballot through the tellers' service (`paper_ballot_enter`), some voting for more names than
seats (invalid) and some writing a name in. Then both count the stored ballots:

value: median milliseconds of `congress.selectors.stored_tally` (what closing the vote and
       `gonghui tally` run): the ballots counted, the marks of the valid ballots summed by the
       database per (candidate, written-in name, choice), the rules applied to the sums.
limit: median milliseconds of one hand-written SQL statement giving the same numbers (ballots
       returned and valid, for/against/abstain per name over the valid ballots).
ratio = value / limit; target 1.5. The numbers must be equal, or the bench fails.

    .venv/bin/python bench/tally.py [--quick]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv
VOTERS = 1_000 if QUICK else 10_000
REPEAT = 9 if QUICK else 15
SEATS, CANDIDATES = 11, 15
TARGET = 1.5
DB = ROOT / "var" / f"bench-tally-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

# One statement over the stored ballots: the valid ballots' marks grouped by name and choice,
# with the ballots returned and valid alongside (a listed name left unmarked on a valid ballot
# is an abstention, so the valid count completes each listed candidate's abstentions).
SQL = """
SELECT COALESCE(c.name, m.write_in), c.is_write_in, m.choice, COUNT(*),
       (SELECT COUNT(*) FROM congress_ballot WHERE election_id = %(e)s),
       (SELECT COUNT(*) FROM congress_ballot WHERE election_id = %(e)s AND is_valid)
FROM congress_ballotmark m
JOIN congress_ballot b ON b.id = m.ballot_id
LEFT JOIN congress_candidate c ON c.id = m.candidate_id
WHERE b.election_id = %(e)s AND b.is_valid
GROUP BY COALESCE(c.name, m.write_in), c.is_write_in, m.choice
"""


def build(rng: random.Random):
    import datetime as dt

    from django.db import transaction

    from gonghui.congress import services
    from gonghui.members.fake import id_number, person_name
    from gonghui.members.models import Member
    from gonghui.members.services import MemberData, members_bulk_create
    from gonghui.orgs.services import org_create

    day = dt.date(2025, 4, 18)
    with transaction.atomic():
        union = org_create(actor=None, code="BENCH-TALLY", name="计票测试工会", kind="union")
        members_bulk_create(actor=None, rows=[
            MemberData(name=person_name(rng), id_number=id_number(rng, i), org=union, join_date=dt.date(2020, 1, 1))
            for i in range(VOTERS)])
        session = services.session_create(actor=None, org=union, term=1, sitting=1, title="第一届第一次职工代表大会",
                                          date=day, headcount=VOTERS * 10)
        delegates = [services.delegate_add(actor=None, session=session, member=m, category="frontline")
                     for m in Member.objects.filter(org=union).order_by("id")]
        election = services.election_create(actor=None, session=session, title="工会委员会换届选举", seats=SEATS, held_on=day)
        candidates = [services.candidate_add(actor=None, election=election, name="", member=d.member)
                      for d in delegates[-CANDIDATES:]]
        services.teller_appoint(actor=None, election=election, delegate=delegates[0], role="scrutineer")
        services.teller_appoint(actor=None, election=election, delegate=delegates[1], role="counter")
        services.election_open(actor=None, election=election)
        services.paper_ballots_issue(actor=None, election=election, issued=VOTERS)
    for i in range(VOTERS):
        # about one ballot in twenty votes for more names than seats; some leave names unmarked
        weights = (0.9, 0.05, 0.05) if rng.random() < 0.05 else (0.55, 0.25, 0.2)
        marks = {c.pk: rng.choices(["for", "against", "abstain"], weights)[0] for c in candidates if rng.random() < 0.93}
        services.paper_ballot_enter(actor=None, election=election, marks=marks, entry_key=f"tally-{i}",
                                    write_ins=["另选某人"] if rng.random() < 0.02 else [])
    election.refresh_from_db()
    return election


def by_product(election):
    from gonghui.congress.selectors import stored_tally

    t = stored_tally(election)
    return t.returned, t.valid, {name: (c.votes_for, c.votes_against, c.abstentions) for name, c in t.counts.items()}


def by_sql(election):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SQL, {"e": election.pk})
        rows = cursor.fetchall()
    listed = list(election.candidates.filter(is_write_in=False).values_list("name", flat=True))
    counts = {name: [0, 0, 0] for name in listed}
    marked = dict.fromkeys(listed, 0)
    returned = valid = 0
    for name, _write_in, choice, n, returned, valid in rows:
        row = counts.setdefault(name, [0, 0, 0])
        row[("for", "against", "abstain").index(choice)] += n
        if name in marked:
            marked[name] += n
    for name in listed:
        counts[name][2] += valid - marked[name]
    return returned, valid, {name: tuple(row) for name, row in counts.items()}


def main() -> dict:
    import django

    if DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    election = build(random.Random(2025))
    print(f"{VOTERS} delegates and ballots entered through the services in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    mine, reference = by_product(election), by_sql(election)
    same = mine == reference
    if not same:
        print(f"the numbers differ:\n product {mine}\n sql     {reference}", file=sys.stderr)
    print(f"returned {mine[0]}, valid {mine[1]}, {len(mine[2])} names", file=sys.stderr)
    times: dict = {by_product: [], by_sql: []}
    for _round in range(REPEAT):
        for fn in (by_product, by_sql):
            t0 = time.perf_counter()
            fn(election)
            times[fn].append(time.perf_counter() - t0)
    value, limit = statistics.median(times[by_product]), statistics.median(times[by_sql])
    ratio = value / limit
    DB.unlink(missing_ok=True)
    return {"bench": "tally", "value": round(value * 1000, 2), "limit": round(limit * 1000, 2), "ratio": round(ratio, 3),
            "target": TARGET, "pass": bool(same and ratio <= TARGET)}


if __name__ == "__main__":
    print(json.dumps(main()))
