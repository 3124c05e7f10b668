"""`gonghui scenario load FILE`: turn a scenario's figures into records, through the services.

FILE is a path, or the name of one of the project's own scenarios (`benbu-2025`).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path


class Command(BaseCommand):
    help = "Load a scenario (a union's year as figures) into the database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])
        parser.add_argument("file", help="a scenario file, or a name in scenarios/ such as benbu-2025")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--scale", type=int, default=1, help="multiply every count (benches)")

    def handle(self, *args, action, file, seed, scale, **options):
        if not Path(file).exists() and scenario_path(file).exists():
            file = str(scenario_path(file))
        try:
            spec = read_scenario(file)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        ctx = scenario_load(spec, seed=seed, scale=scale)
        self.stdout.write(f"loaded {file}: {ctx.union.name}, {len(ctx.members)} members, year {ctx.year}")
