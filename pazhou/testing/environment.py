"""pytest plugin, loaded with ``-p`` before pytest-django reads the settings.

Tests run with DEBUG off, as production does, so they need a SECRET_KEY: a random one per run.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "test-only-" + secrets.token_urlsafe(32))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests talk plain HTTP to the test client and use static files without collectstatic.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Installs the test-only app pazhou.testing.gating (see settings.py).
os.environ.setdefault("PAZHOU_TEST_APPS", "true")
