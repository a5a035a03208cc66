"""WSGI entry point: ``gunicorn pazhou.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pazhou.settings")

application = get_wsgi_application()
