"""Bench: recounting an election from its stored ballots against one hand-written SQL query.

Seats a congress of 1,000 delegates (300 with --quick) in one union, elects a committee of 15
from 20 candidates on every delegate's paper ballot (some voting for too many names, so invalid)
entered through the tellers' service, then times `congress.selectors.stored_tally` (what closing
the vote and `gonghui tally` run) against a single SQL statement that counts the valid ballots'
marks per candidate. Both must give the same figures.

value: median seconds of stored_tally; limit: median seconds of the SQL. ratio = value / limit;
target 3 (the recount also reads every ballot to judge it valid in Python, and applies the rules).

    .venv/bin/python bench/congress_tally.py [--quick]
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
DB = ROOT / "var" / f"bench-congress-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

TARGET = 3.0
SEATS, CANDIDATES = 15, 20

SQL = """
WITH valid AS (
  SELECT b.id FROM congress_ballot b
  LEFT JOIN congress_ballotmark m ON m.ballot_id = b.id AND m.choice = 'for'
  WHERE b.election_id = %(election)s
  GROUP BY b.id HAVING COUNT(m.id) <= %(seats)s
)
SELECT COALESCE(c.name, m.write_in), m.choice, COUNT(*),
       (SELECT COUNT(*) FROM valid)
FROM congress_ballotmark m JOIN valid v ON v.id = m.ballot_id
LEFT JOIN congress_candidate c ON c.id = m.candidate_id
GROUP BY COALESCE(c.name, m.write_in), m.choice
"""


def main(quick: bool) -> dict:
    if DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from gonghui.congress import services
    from gonghui.congress.selectors import stored_tally
    from gonghui.members.fake import id_number, person_name
    from gonghui.members.services import MemberData, members_bulk_create
    from gonghui.members.models import Member
    from gonghui.orgs.services import org_create

    rng = random.Random(2025)
    n = 300 if quick else 1000
    started = time.perf_counter()
    with transaction.atomic():
        union = org_create(actor=None, code="BENCH", name="测试工会", kind="union")
        members_bulk_create(actor=None, rows=[
            MemberData(name=person_name(rng), id_number=id_number(rng, i), org=union, join_date=dt.date(2020, 1, 1))
            for i in range(n)])
        day = dt.date(2025, 4, 18)
        session = services.session_create(actor=None, org=union, term=1, sitting=1, title="", date=day, headcount=n * 10)
        delegates = [services.delegate_add(actor=None, session=session, member=m, category="frontline")
                     for m in Member.objects.filter(union=union).order_by("id")]
        election = services.election_create(actor=None, session=session, title="换届选举", seats=SEATS, held_on=day)
        candidates = [services.candidate_add(actor=None, election=election, name="", member=d.member)
                      for d in delegates[-CANDIDATES:]]
        services.teller_appoint(actor=None, election=election, delegate=delegates[0], role="scrutineer")
        services.teller_appoint(actor=None, election=election, delegate=delegates[1], role="counter")
        services.election_open(actor=None, election=election)
        services.paper_ballots_issue(actor=None, election=election, issued=n)
        for i in range(n):
            marks = {c.pk: rng.choice(["for", "for", "against", "abstain"]) for c in candidates if rng.random() < 0.9}
            services.paper_ballot_enter(actor=None, election=election, marks=marks, entry_key=f"b{i}",
                                        write_ins=["另选某人"] if rng.random() < 0.02 else [])
    print(f"entered {n} ballots in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def by_orm():
        t = stored_tally(election)
        return t.valid, {name: (c.votes_for, c.votes_against) for name, c in t.counts.items() if c.votes_for or c.votes_against}

    def by_sql():
        with connection.cursor() as cursor:
            cursor.execute(SQL, {"election": election.pk, "seats": SEATS})
            rows = cursor.fetchall()
        counts: dict = {}
        valid = 0
        for name, choice, count, n_valid in rows:
            valid = n_valid
            pair = counts.setdefault(name, [0, 0])
            if choice == "for":
                pair[0] += count
            elif choice == "against":
                pair[1] += count
        return valid, {k: tuple(v) for k, v in counts.items() if v[0] or v[1]}

    mine, theirs = by_orm(), by_sql()
    if mine != theirs:
        print(f"numbers differ:\n orm {mine}\n sql {theirs}", file=sys.stderr)
    times = {by_orm: [], by_sql: []}
    for _round in range(5 if quick else 9):
        for fn in (by_orm, by_sql):
            t0 = time.perf_counter()
            fn()
            times[fn].append(time.perf_counter() - t0)
    value, limit = statistics.median(times[by_orm]), statistics.median(times[by_sql])
    ratio = value / limit
    DB.unlink(missing_ok=True)
    return {"bench": "congress_tally", "value": round(value * 1000, 3), "limit": round(limit * 1000, 3),
            "ratio": round(ratio, 3), "target": TARGET, "pass": bool(ratio <= TARGET and mine == theirs)}


if __name__ == "__main__":
    print(json.dumps(main("--quick" in sys.argv)))
