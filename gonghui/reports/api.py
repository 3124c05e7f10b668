from django.http import Http404
from ninja import Router, Schema

from gonghui.core.api import Half, Year

from .providers import Period
from .selectors import summary_content, summary_org
from .views import summary_file_response

router = Router(tags=["reports"])


class SummaryOut(Schema):
    org_id: int
    period: str
    version: int | None        # None: computed from the records now, no saved version yet
    content: dict              # title, org_name, period, date, blocks [{key, kind, heading, paragraphs}], figures


def _chosen(request, org_id: int, year: Year, half: Half | None, to_year: Year | None, version: int | None):
    org = summary_org(visible_to=request.user, org_id=org_id)
    try:
        period = Period.choose(year, half=half, to_year=to_year)
    except ValueError as exc:
        raise Http404 from exc
    content, saved = summary_content(org=org, period=period, number=version)
    return org, period, content, saved


@router.get("/summary", response=SummaryOut)
def summary_get(request, org_id: int, year: Year, half: Half | None = None, to_year: Year | None = None, version: int | None = None):
    """The work summary, structured: the latest saved version, or the draft computed from the records."""
    org, period, content, saved = _chosen(request, org_id, year, half, to_year, version)
    return {"org_id": org.pk, "period": period.key, "version": saved.number if saved else None, "content": content}


@router.get("/summary/docx")
def summary_docx(request, org_id: int, year: Year, half: Half | None = None, to_year: Year | None = None, version: int | None = None):
    return summary_file_response(_chosen(request, org_id, year, half, to_year, version)[2], "docx")


@router.get("/summary/pdf")
def summary_pdf(request, org_id: int, year: Year, half: Half | None = None, to_year: Year | None = None, version: int | None = None):
    return summary_file_response(_chosen(request, org_id, year, half, to_year, version)[2], "pdf")
