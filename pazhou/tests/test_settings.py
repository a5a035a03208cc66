"""Settings come from the environment and are production-safe by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(code, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "STATIC_MANIFEST",
            "PAZHOU_TEST_APPS",
        }
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="pazhou.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_site_refuses_to_start_without_secret_key_in_production():
    result = run_django("print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_production_defaults_are_secure():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS, s.STORAGES['staticfiles']['BACKEND'])",
        SECRET_KEY="x" * 60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "[]",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_database_and_cache_come_from_the_environment():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://someone@db.internal:5432/pazhou",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "pazhou",
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/0",
    ]


def test_an_unreadable_debug_value_is_an_error_not_a_guess():
    result = run_django("print('started')", SECRET_KEY="x" * 60, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def run_manage(*args):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "PAZHOU_TEST_APPS"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_makemigrations_check_runs_without_a_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_other_commands_without_a_secret_key_say_what_is_missing():
    result = run_manage("migrate", "--plan")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
