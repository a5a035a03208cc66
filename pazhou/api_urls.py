"""/api/v1/: the router built from the registry, the OpenAPI schema and its offline docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from pazhou.registry import registry


class APIRootRouter(DefaultRouter):
    include_format_suffixes = False


def build_router():
    router = APIRootRouter()
    for prefix, viewset, basename in registry.api_routes:
        router.register(prefix, viewset, basename=basename)
    return router


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *build_router().urls,
]
