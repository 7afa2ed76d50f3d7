"""Settings shared by every environment (bakerydemo-style layering).

dev.py, test.py and production.py import everything from here and change only what
differs. Secrets never live in this file: production reads them from the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from core.plugins.discovery import discover_plugin_apps

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The deployment's instance folder (not a Python package: ``site`` is a stdlib module).
SITE_DIR = Path(os.environ.get("JIAYUAN_SITE_DIR", BASE_DIR / "site"))
# Runtime data of this instance (SQLite file, media); git-ignored.
VAR_DIR = Path(os.environ.get("JIAYUAN_VAR_DIR", SITE_DIR / "var"))

DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

CORE_APPS = [
    "core.identity",
    "core.grids",
    "core.plugins",
    "core.points",
    "core.mall",
    "core.notifications",
    "core.search",
    "core.moderation",
    "core.workcalendar",
    "core.portal",
    "core.instance",
]
PLUGIN_APPS = discover_plugin_apps(BASE_DIR / "plugins")

INSTALLED_APPS = [
    *CORE_APPS,
    *PLUGIN_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "core.identity.users_app.JiayuanUsersConfig",  # wagtail.users with our user admin
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

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
    "core.plugins.middleware.PluginStateMiddleware",
    "core.portal.themes.ThemeMiddleware",
    "core.identity.middleware.ConsentRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "core.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Themes come first: the active theme may override any core or plugin
        # template. The loader picks the theme per request (core.portal.themes).
        "DIRS": [],
        "OPTIONS": {
            "loaders": [
                "core.portal.themes.ThemeLoader",
                (
                    "django.template.loaders.cached.Loader",
                    ["django.template.loaders.app_directories.Loader"],
                ),
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.portal.context_processors.portal",
            ],
        },
    }
]

WSGI_APPLICATION = "core.wsgi.application"

# SQLite by default; DATABASE_URL switches to PostgreSQL. Persistent connections
# (CONN_MAX_AGE > 0) are worth 3x on PostgreSQL: see shared/notes/performance.md.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'jiayuan.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite drops FOR UPDATE; IMMEDIATE transactions serialise writers instead.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         # WAL: readers never wait for the writer, and commits are 3-5x faster
         # (benchmarks/points.py); the demo's two gunicorn workers share the file.
         "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    INSTALLED_APPS.append("django.contrib.postgres")

# Redis when REDIS_URL/CACHE_URL is set, a per-process memory cache otherwise.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "jiayuan",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Only a cache every worker shares can carry the plugin version stamp; without one
# each request reads the stamp from the database (one indexed single-row query).
JIAYUAN_SHARED_CACHE = bool(CACHE_URL)

AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    "core.identity.backends.MobilePasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
# The admin login shares the residents' lockout (core.identity.throttling).
WAGTAILADMIN_USER_LOGIN_FORM = "core.identity.forms.AdminLoginForm"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("JIAYUAN_STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Every theme's static folder is namespaced by the theme's name inside it.
STATICFILES_DIRS = [
    theme / "static"
    for theme in sorted((BASE_DIR / "themes").iterdir())
    if (theme / "static").is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "嘉园"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Wagtail 7 runs its own background work (search index, references) through
# django-tasks; the immediate backend keeps it inside the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "core.identity.permissions.ConsentGiven",  # 403 until the agreement is accepted
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_RATES": {"login": "10/min", "sms": "5/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "嘉园 Jiayuan API",
    "DESCRIPTION": "居民端（小程序）接口：身份、网格、通知公告、消息、搜索与各应用插件。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["core.apischema.only_public_api"],
    # Choice sets whose field names ("status", "kind") recur across apps get fixed
    # names, so adding a plugin never renames another app's enum in the schema.
    "ENUM_NAME_OVERRIDES": {
        "MallOrderStatusEnum": "core.mall.models.OrderStatus",
        "MallBenefitKindEnum": "core.mall.models.BenefitKind",
        "MallItemCategoryEnum": "core.mall.models.ItemCategory",
    },
}

# Sensitive personal data (ID-card numbers) is encrypted with this Fernet key.
# Production reads it from the environment; dev and test derive their own.
JIAYUAN_ENCRYPTION_KEY = os.environ.get("JIAYUAN_ENCRYPTION_KEY", "")

# Outbound channels. The development backends write to the log.
JIAYUAN_SMS_BACKEND = "core.notifications.channels.LoggingSmsBackend"
JIAYUAN_WECHAT_BACKEND = "core.notifications.channels.LoggingWeChatBackend"

# Login throttling: this many failures per mobile number (or per IP) lock it out
# for LOGIN_LOCKOUT_SECONDS.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_SECONDS = 15 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "jiayuan": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
