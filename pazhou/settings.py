"""Settings for Pazhou Industrial Internet.

Everything that differs between a laptop and production comes from environment variables:
``DEBUG``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``, ``REDIS_URL`` (and a few
optional ones documented in README.md). Without them the site runs on its embedded default:
a SQLite file and a local-memory cache.

With ``DEBUG`` off (the default) the settings are production-safe, and the site refuses to
start without ``SECRET_KEY``.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def local_development_secret_key():
    """A random key kept in .local/ so that a developer's sessions survive restarts."""
    path = BASE_DIR / ".local" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

# Commands that only read code and write files in the repository (migrations, message
# catalogues) sign nothing, so they run without a secret; everything else needs one.
OFFLINE_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}
RUNNING_OFFLINE_COMMAND = (
    len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" and sys.argv[1] in OFFLINE_COMMANDS
)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if RUNNING_OFFLINE_COMMAND and not DEBUG:
        SECRET_KEY = secrets.token_urlsafe(50)  # used by nothing, thrown away on exit
    elif not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment; "
            "only a development run with DEBUG=true may go without one."
        )
    else:
        SECRET_KEY = local_development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "pazhou",
    "summit",
    "rankings",
]

if env_bool("PAZHOU_TEST_APPS", False):
    # Small publishable models used only by the tests of the publishing base.
    INSTALLED_APPS.append("pazhou.testing.gating")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "pazhou.preview.PreviewMiddleware",
]

ROOT_URLCONF = "pazhou.root_urls"
WSGI_APPLICATION = "pazhou.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pazhou.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis through REDIS_URL, otherwise the process's own memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pazhou"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English and Simplified Chinese, each under its own URL prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}

# Static and uploaded files. whitenoise serves static files with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Hashed, compressed names need `collectstatic` first: on in production, off for DEBUG and tests.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Security. Everything here is on unless DEBUG is on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGIN_URL = "admin:login"

# REST API.
API_PAGE_SIZE = 20
API_MAX_PAGE_SIZE = 100
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "pazhou.api_policies.PageNumberPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_THROTTLE_CLASSES": [
        "pazhou.api_policies.AnonRateThrottle",
        "pazhou.api_policies.UserRateThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "pazhou.api_base.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
# Read at request time by pazhou.api_policies' throttles, so that they can be changed in tests.
API_THROTTLE_RATES = {
    "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
    "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pazhou Industrial Internet API",
    "DESCRIPTION": (
        "Read the summit programme, the rankings released there and the development plans of "
        "Pazhou. Anonymous clients can read; writes need a token and the model permission. "
        "Translated fields come in the language of Accept-Language or ?lang=, with the "
        "_en and _zh_hans columns alongside."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "PublishingStatusEnum": "pazhou.models.PublishingStatus",
        "OrganisationKindEnum": "pazhou.models.OrganisationKind",
        "OwnershipEnum": "pazhou.models.Ownership",
        "RegionEnum": "pazhou.models.Region",
        "AliasKindEnum": "pazhou.models.AliasKind",
        "DatePrecisionEnum": "pazhou.models.DatePrecision",
        "PlaceKindEnum": "pazhou.models.PlaceKind",
        "PlaceTierEnum": "pazhou.models.PlaceTier",
        "PresenceKindEnum": "pazhou.models.PresenceKind",
        "FigureKindEnum": "pazhou.models.FigureKind",
        "ProgressStatusEnum": "pazhou.models.ProgressStatus",
        "SessionKindEnum": "summit.models.SessionKind",
        "SessionLanguageEnum": "summit.models.SessionLanguage",
        "ReleaseKindEnum": "summit.models.ReleaseKind",
        "SummitRoleEnum": "summit.models.SummitRole",
        "AppearanceRoleEnum": "summit.models.AppearanceRole",
    },
}

# Spreadsheet import and export (rankings). Formula escaping is done by our own resources,
# because the library's escaping deletes characters (see DESIGN.md).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
