from django import forms


class YearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=1950, max_value=2100)


def year_from_query(request) -> int | None:
    """The dashboard's `?year=`: None when absent or not a plausible year (the page then picks)."""
    form = YearForm(request.GET)
    return form.cleaned_data["year"] if form.is_valid() else None
