"""Every page of the product, and /bench/bare/: a signed-in page with the site's layout and nothing else.

The bare page costs what any page of the site costs (the session, the user, the menu, the
layout, the middleware) and nothing more; bench/load.py compares the working day with it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import Engine, RequestContext
from django.urls import path

from config.urls import handler404, urlpatterns as product  # noqa: F401 - Django reads handler404 from the root URLconf

BODY = Engine.get_default().from_string('{% extends "base.html" %}{% block content %}<p>好</p>{% endblock %}')


@login_required
def bare(request):
    return HttpResponse(BODY.render(RequestContext(request, {})))


urlpatterns = [path("bench/bare/", bare), *product]
