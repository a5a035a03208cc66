"""What the summit adds to pages of the shared core, through the registry."""

from summit.models import Summit


def latest_summit_section(request):
    """Home page: the latest visible edition."""
    summit = Summit.objects.visible().select_related("source").order_by("-year").first()
    if summit is None:
        return None
    return {"summit": summit, "sources": [summit.source] if summit.source else []}
