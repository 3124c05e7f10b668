"""Background tasks of the portal: run by `gonghui worker`."""

from django_tasks import task


@task()
def rollup_refresh_task(*, federation_id: int | None = None) -> int:
    """Count a federation's roll-up (every federation's when None) again; see portal.services.rollup_refresh."""
    from gonghui.orgs.models import Org

    from .services import rollup_refresh

    return rollup_refresh(federation=Org.objects.get(pk=federation_id) if federation_id else None)
