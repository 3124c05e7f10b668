import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    """Which org and which period: a year, one half of it, or a span of years."""

    org = forms.TypedChoiceField(label=_("organisation"), coerce=int)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(label=_("half-year"), required=False, coerce=int, empty_value=None,
                                  choices=[("", _("whole year")), (1, _("first half")), (2, _("second half"))])
    to_year = forms.IntegerField(label=_("to year (a span of years)"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]
        self.fields["year"].initial = dt.date.today().year - 1

    def clean(self):
        data = super().clean()
        if data.get("to_year") and data.get("year") and data["to_year"] < data["year"]:
            raise forms.ValidationError(_("The span must end in or after its first year."))
        return data
