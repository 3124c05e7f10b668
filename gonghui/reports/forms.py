import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    """Which org and which period: a year, one half of it, or a span of years. The org is searched as
    it is typed (core.picker): a federation's officer has thousands in reach, and no page lists them all."""

    org = forms.Field(label=_("organisation"))   # the picker below, made for the user's orgs
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(label=_("half-year"), required=False, coerce=int, empty_value=None,
                                  choices=[("", _("whole year")), (1, _("first half")), (2, _("second half"))])
    to_year = forms.IntegerField(label=_("to year (a span of years)"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, orgs, action: str, **kwargs):
        from django.urls import reverse

        from gonghui.core.picker import PickerField
        from gonghui.orgs.selectors import org_pick_label, org_search

        super().__init__(*args, **kwargs)
        self.fields["org"] = PickerField(label=_("organisation"), queryset=orgs, url=f"{reverse('orgs:pick')}?action={action}",
                                         search=org_search, describe=org_pick_label, placeholder=_("Type a name to search"))
        self.fields["year"].initial = dt.date.today().year - 1

    def clean(self):
        data = super().clean()
        if data.get("to_year") and data.get("year") and data["to_year"] < data["year"]:
            raise forms.ValidationError(_("The span must end in or after its first year."))
        return data
