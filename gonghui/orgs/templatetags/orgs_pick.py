"""`{% org_filter org %}`: a list's org filter as a search-as-you-type picker (orgs.forms.org_picker),
never a <select> of every org in reach (a federation officer has thousands)."""

from django import template

from gonghui.orgs.forms import org_picker

register = template.Library()


@register.simple_tag
def org_filter(org, action: str = "orgs.org.view"):
    return org_picker(org, action=action)
