from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .models import User


class RoleGrantForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def clean_username(self):
        try:
            return User.objects.get(username=self.cleaned_data["username"].strip(), is_active=True)
        except User.DoesNotExist as exc:
            raise forms.ValidationError(_("No active user with that username.")) from exc
