from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop


def form_add_service_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# Django's forms put gettext(":") after every label; this marks it so our catalogue gives
# the full-width colon a Chinese form uses (组织：), not the ASCII one.
LABEL_SUFFIX = gettext_noop(":")
