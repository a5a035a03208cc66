from django.db import models

from pazhou.publishing import Publishable


class GatingParent(Publishable):
    title = models.CharField(max_length=100)

    class Meta:
        permissions = [("publish_gatingparent", "Can publish gating parent")]


class GatingChild(Publishable):
    """A child that is visible only while its parent is."""

    publishing_parents = ("parent",)
    parent = models.ForeignKey(GatingParent, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(max_length=100)

    class Meta:
        permissions = [("publish_gatingchild", "Can publish gating child")]


class GatingGrandchild(Publishable):
    """Gated through its child, and so through the grandparent; its parent is optional."""

    publishing_parents = ("child",)
    child = models.ForeignKey(GatingChild, null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)

    class Meta:
        permissions = [("publish_gatinggrandchild", "Can publish gating grandchild")]
