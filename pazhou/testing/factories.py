"""factory_boy factories for the shared core. Everything they make is synthetic test data."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pazhou.models import (
    AliasKind,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    PublishingStatus,
    Source,
)
from pazhou.roles import EDITOR_GROUP, PUBLISHER_GROUP


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    citation = factory.Sequence(lambda n: f"Test source {n} (synthetic)")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published organisation with a synthetic name in both languages."""

    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test Company {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试公司{n}")
    kind = OrganisationKind.COMPANY
    status = PublishingStatus.PUBLISHED


class OrganisationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Alias {n}")
    kind = AliasKind.SHORT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("a-test-password-1")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))


def editor_user(**kwargs):
    return UserFactory(groups=[EDITOR_GROUP], **kwargs)


def publisher_user(**kwargs):
    return UserFactory(groups=[PUBLISHER_GROUP], **kwargs)
