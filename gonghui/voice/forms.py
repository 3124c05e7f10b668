import datetime as dt
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from . import conf
from .choices import FollowUpKind, HazardFactor, Rating, Severity, TalkKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _key():
    return uuid.uuid4().hex


class OnceForm(forms.Form):
    """Carries a token made when the form was drawn, so a double tap submits once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, initial=_key, max_length=64, required=False)


class SuggestionForm(OnceForm):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("What should change, and why"), widget=forms.Textarea(attrs={"rows": 4}))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("Choose a theme"))
    photo = forms.FileField(label=_("Photo (optional)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}))
    anonymous = forms.BooleanField(label=_("Submit anonymously (you follow it with a receipt code)"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes


class DecideForm(forms.Form):
    adopt = forms.TypedChoiceField(label=_("Decision"), choices=[("1", _("Adopt")), ("0", _("Do not adopt"))],
                                   coerce=lambda v: v == "1", widget=forms.RadioSelect)
    answer = forms.CharField(label=_("Answer to the author (required when not adopted)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    unit = forms.CharField(label=_("Implementing unit"), max_length=100)


class ImplementForm(forms.Form):
    implemented_on = forms.DateField(label=_("Implemented on"), initial=dt.date.today, widget=DATE)
    saving_yuan = forms.DecimalField(label=_("Saving or benefit (yuan)"), required=False, min_value=0, decimal_places=2)
    reward_yuan = forms.DecimalField(label=_("Reward (yuan)"), required=False, min_value=0, decimal_places=2)
    note = forms.CharField(label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("How satisfied are you with the answer?"), choices=Rating.choices, widget=forms.RadioSelect)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("What is still not done?"), widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=20)


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


class TalkForm(forms.Form):
    member = forms.CharField(label=_("Worker (name or phone)"), max_length=50)
    kind = forms.ChoiceField(label=_("Kind"), choices=TalkKind.choices)
    date = forms.DateField(label=_("Date"), initial=dt.date.today, widget=DATE)
    topic = forms.CharField(label=_("Topic"), max_length=120)
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Theme"), max_length=60)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0, required=False)


class TemplateForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("Any theme, or safety reports"))
    title = forms.CharField(label=_("Title"), max_length=80)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
