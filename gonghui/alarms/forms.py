from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from .choices import DetectorKind, PlaceKind, Transport


class SiteForm(forms.Form):
    org = forms.ModelChoiceField(queryset=None, label=_("organisation"))
    code = forms.SlugField(label=_("code"), max_length=40, help_text=_("Latin letters, digits and dashes; the second part of the MQTT topic."))
    name = forms.CharField(label=pgettext_lazy("place", "name"), max_length=100)
    address = forms.CharField(label=_("address"), max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class ZoneForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=40)
    name = forms.CharField(label=pgettext_lazy("place", "name"), max_length=100)
    place_kind = forms.ChoiceField(label=_("kind of place"), choices=PlaceKind.choices)
    position = forms.IntegerField(label=_("order on the board"), min_value=0, initial=0)
    exit_delay_s = forms.IntegerField(label=_("exit delay (seconds)"), min_value=0, max_value=600, initial=0)
    entry_delay_s = forms.IntegerField(label=_("entry delay (seconds)"), min_value=0, max_value=600, initial=0)
    escalate_after_s = forms.IntegerField(label=_("escalate after (seconds)"), min_value=30, max_value=86400, initial=300)


class DetectorForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=40, help_text=_("The third part of the MQTT topic."))
    kind = forms.ChoiceField(label=_("kind"), choices=DetectorKind.choices)
    address = forms.CharField(label=_("address"), max_length=60)
    transport = forms.ChoiceField(label=_("transport"), choices=Transport.choices)


class DutyPersonForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=50)
    phone = forms.RegexField(label=_("mobile phone"), regex=r"^\+?\d{6,15}$")
    email = forms.EmailField(label=_("e-mail"), required=False)
