from django.http import Http404
from ninja import Router, Schema

from gonghui.core.api import Half, Year

from .providers import Period
from . import services
from .selectors import summary_content, summary_org, summary_texts
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


class TextsOut(Schema):
    org_id: int
    period: str
    texts: dict[str, str]      # slot (opening, credit, shortcomings, plans, or <area>:opening / <area>:closing): text


class TextsIn(Schema):
    texts: dict[str, str]      # the slots to set; an empty text removes that block


def _period_of(year: Year, half: Half | None, to_year: Year | None) -> Period:
    try:
        return Period.choose(year, half=half, to_year=to_year)
    except ValueError as exc:
        raise Http404 from exc


@router.get("/summary/texts", response=TextsOut)
def summary_texts_get(request, org_id: int, year: Year, half: Half | None = None, to_year: Year | None = None):
    """The chair's own text blocks of the period: what no record holds (opening, credit, shortcomings, plans),
    and the words that frame an area, by its key: 'care:closing' ends the care area, 'governance:opening' leads its."""
    org, period = summary_org(visible_to=request.user, org_id=org_id), _period_of(year, half, to_year)
    return {"org_id": org.pk, "period": period.key, "texts": summary_texts(org=org, period=period)}


@router.put("/summary/texts", response=TextsOut)
def summary_texts_put(request, org_id: int, year: Year, payload: TextsIn, half: Half | None = None,
                      to_year: Year | None = None):
    """Set text blocks of the period (an area's framing as '<key>:opening' / '<key>:closing'); they stay
    when the summary is regenerated from the records. An unknown slot is refused with 422."""
    org, period = summary_org(visible_to=request.user, org_id=org_id), _period_of(year, half, to_year)
    texts = services.summary_texts_save(org=org, period=period, texts=payload.texts, actor=request.user)
    return {"org_id": org.pk, "period": period.key, "texts": texts}
