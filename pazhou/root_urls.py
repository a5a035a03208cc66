"""Root URLs. Reader pages live under a language prefix (/en/, /zh-hans/); the admin, API,
sitemap, robots.txt and health check do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.static import serve

from pazhou import admin_views, views
from pazhou.registry import registry

handler404 = "pazhou.errors.page_not_found"
handler500 = "pazhou.errors.server_error"

urlpatterns = [
    path(
        "admin/recent-changes/",
        admin.site.admin_view(admin_views.recent_changes_view),
        name="admin-recent-changes",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("pazhou.api_urls")),
    path(
        "sitemap.xml",
        cache_page(60 * 15)(sitemap_views.sitemap),
        {"sitemaps": registry.sitemaps},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("summit.urls")),
    path("", include("rankings.urls")),
    path("", include("pazhou.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
