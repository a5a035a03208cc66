"""The editors' dashboard on the admin index."""

from django import template

from pazhou.dashboard import dashboard

register = template.Library()


@register.simple_tag
def editorial_dashboard(user):
    """``{% editorial_dashboard request.user as board %}``: what needs attention."""
    return dashboard(user)
