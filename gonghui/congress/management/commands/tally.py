"""`gonghui tally ELECTION_ID`: count the stored ballots again and compare with the announced result.

Anyone holding the database can run it (a scrutineer, the higher union approving the result,
RULES.md b "results to the higher union for approval"); it exits 1 when the two differ.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from gonghui.congress.models import Election
from gonghui.congress.selectors import stored_tally, tally_differences


class Command(BaseCommand):
    help = "Recount an election from its stored ballots and compare with the announced result."

    def add_arguments(self, parser):
        parser.add_argument("election_id", type=int)

    def handle(self, *args, election_id: int, **options):
        try:
            election = Election.objects.get(pk=election_id)
        except Election.DoesNotExist:
            raise CommandError(f"no election {election_id}") from None
        if election.status not in ("closed", "void"):
            raise CommandError(f"election {election_id} has not been counted yet ({election.status})")
        t = stored_tally(election)
        self.stdout.write(f"{election.title}: electorate {t.electorate}, issued {t.issued}, returned {t.returned}, "
                          f"valid {t.valid}, quorum {'met' if t.quorum_met else 'not met'}")
        for name, c in sorted(t.counts.items(), key=lambda kv: -kv[1].votes_for):
            self.stdout.write(f"  {name}: for {c.votes_for}, against {c.votes_against}, abstain {c.abstentions}"
                              f"{'  elected' if c.elected else ''}")
        differences = tally_differences(election)
        if differences:
            for line in differences:
                self.stdout.write(f"DIFFERS {line}")
            sys.exit(1)
        self.stdout.write("the recount agrees with the announced result")
