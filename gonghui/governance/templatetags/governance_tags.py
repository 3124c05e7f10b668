from django import template

from gonghui.core.formatting import format_amount

register = template.Library()


@register.filter
def amount(value, unit=""):
    """905 with unit 万元 -> '905万元', the way the summary writes it."""
    if value is None or value == "":
        return ""
    return format_amount(value, unit or "")


@register.simple_tag(takes_context=True)
def disclosure_word(context, org=None) -> str:
    """厂务公开 / 校务公开 …: the word of `org` (else of the page's `scope`), else of the org the
    user's pages open on (read once a request)."""
    org = org or context.get("scope")
    if org is not None:
        return org.disclosure_word
    request = context.get("request")
    if request is None:
        return ""
    word = getattr(request, "_gonghui_disclosure_word", None)
    if word is None:
        from gonghui.core.scoping import default_org
        from gonghui.orgs.choices import DISCLOSURE_WORD, Sector

        home = default_org(request.user)
        word = home.disclosure_word if home is not None else str(DISCLOSURE_WORD[Sector.FACTORY])
        request._gonghui_disclosure_word = word
    return word
