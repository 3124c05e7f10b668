"""The safety network's forms; the rep's rating and reopening are the voice's own forms."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.voice import conf
from gonghui.voice.forms import DATE, ListFilterForm, OnceForm, RateForm, ReopenForm, SearchFilterForm, YearForm

__all__ = ["ListFilterForm", "RateForm", "ReopenForm", "YearForm"]  # the voice's own forms, shared

from .choices import FollowUpKind, HazardFactor, ReportStatus, Severity


class ReportForm(OnceForm):
    place = forms.CharField(label=_("Where"), max_length=120)
    description = forms.CharField(label=_("What is wrong"), widget=forms.Textarea(attrs={"rows": 4}))
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM)
    photo = forms.FileField(label=_("Photo (optional)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}))


class ForwardForm(forms.Form):
    unit = forms.CharField(label=_("Responsible unit"), max_length=100)
    deadline = forms.DateField(label=_("Answer by"), widget=DATE,
                               initial=lambda: dt.date.today() + dt.timedelta(days=conf.REPORT_DEADLINE_DAYS))


class ProgressForm(forms.Form):
    progress = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Written answer to the safety rep"), widget=forms.Textarea(attrs={"rows": 3}))
    resolved = forms.BooleanField(label=_("The hazard is resolved"), required=False)


class GroupForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Branch or workshop"), queryset=None)
    name = forms.CharField(label=_("Group name"), max_length=100)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class AppointForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Supervision group"), queryset=None)
    member = forms.CharField(label=_("Member (name or phone)"), max_length=50)
    appointed_on = forms.DateField(label=_("Appointed on"), initial=dt.date.today, widget=DATE)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class HazardPostForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Branch or workshop"), queryset=None)
    name = forms.CharField(label=_("Post"), max_length=100)
    factors = forms.MultipleChoiceField(label=_("Hazard factors"), choices=HazardFactor.choices, widget=forms.CheckboxSelectMultiple)
    surveyed_on = forms.DateField(label=_("Surveyed on"), initial=dt.date.today, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class ExposureForm(forms.Form):
    member = forms.CharField(label=_("Worker (name or phone)"), max_length=50)
    since = forms.DateField(label=_("On the post since"), widget=DATE)


class FollowUpForm(forms.Form):
    exposure = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Follow-up"), choices=FollowUpKind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class DoneForm(forms.Form):
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Done on"), initial=dt.date.today, widget=DATE)


class ReportFilterForm(SearchFilterForm):
    """The report queue's query string: `open` is every state not yet resolved."""

    status = forms.TypedChoiceField(choices=[("open", "open"), *ReportStatus.choices], required=False, empty_value=None)
    group = forms.IntegerField(required=False, min_value=1)
    overdue = forms.TypedChoiceField(choices=[("1", "1")], coerce=lambda v: True, required=False, empty_value=False)
    start = forms.DateField(required=False)
    end = forms.DateField(required=False)
