"""bench/load.py's site: the product's settings and pages, plus one bare page to compare with."""

from config.settings.base import *  # noqa: F401,F403

ROOT_URLCONF = "bench.load_site.urls"
DEBUG = False
