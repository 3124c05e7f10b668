from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

T = TypeVar("T")


def form_add_service_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_submitted(request, form, save: Callable[[dict[str, Any]], T]) -> T | None:
    """What the service returned for a valid POSTed form; None when the page is to be shown again.

    That is a GET, a form with errors, or a service that refused: its ValidationError is
    put onto the form. `save` is given the cleaned data and calls the service.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as exc:
        form_add_service_error(form, exc)
        return None


# Django's forms put gettext(":") after every label; this marks it so our catalogue gives
# the full-width colon a Chinese form uses (组织：), not the ASCII one.
LABEL_SUFFIX = gettext_noop(":")
