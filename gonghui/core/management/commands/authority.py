"""`gonghui authority`: the action table, one line an action, with the roles that may do it."""

from django.core.management.base import BaseCommand

from gonghui.core.authority import action_table
from gonghui.core.roles import Role


class Command(BaseCommand):
    help = "Print who may do what: every action of every app and the roles that may do it."

    def handle(self, *args, **options):
        table = action_table()
        width = max(map(len, table), default=0)
        order = list(Role.values)
        for action in sorted(table):
            roles = sorted(table[action], key=order.index)
            self.stdout.write(f"{action:<{width}}  {' '.join(roles)}")
