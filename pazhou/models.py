"""The shared core: sources and the organisation directory.

The publishing base lives in :mod:`pazhou.publishing` and is re-exported here so that other apps
import everything core from one place.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pazhou.publishing import (  # noqa: F401  (re-exported)
    Publishable,
    PublishableQuerySet,
    PublishingStatus,
    StaleVersionError,
)
from pazhou.revisions import PendingRevision  # noqa: F401  (re-exported)
from pazhou.text import ascii_slug, unique_slug


class DatePrecision(models.TextChoices):
    """How much of a date the source gives. Nothing finer than this is ever shown."""

    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def current_language_column(field_name):
    """``name_zh_hans`` or ``name_en``: the column of the active language."""
    language = (get_language() or "en").replace("-", "_").lower()
    if language not in {"en", "zh_hans"}:
        language = "en"
    return f"{field_name}_{language}"


def coalesced_translation(field_name):
    """An expression for a translated field in the active language, falling back to the other.

    modeltranslation's fallback only applies when a field is read in Python; ordering and
    search in the database need this.
    """
    first = current_language_column(field_name)
    second = f"{field_name}_zh_hans" if first.endswith("_en") else f"{field_name}_en"
    text = models.CharField()
    return Coalesce(
        models.functions.NullIf(first, models.Value(""), output_field=text),
        models.functions.NullIf(second, models.Value(""), output_field=text),
        models.Value(""),
        output_field=text,
    )


class Source(models.Model):
    """A citation that seed records, ranking editions, figures and presences point to."""

    slug = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A short, unique identifier, e.g. chinanews-2023-06-06-pazhou."),
    )
    citation = models.TextField(
        _("citation"), help_text=_("How readers should see the source cited.")
    )
    publisher = models.ForeignKey(
        "pazhou.Organisation",
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_sources",
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Give only as much of the date as the source does."),
    )
    url = models.URLField(_("URL"), blank=True, max_length=500)
    note = models.TextField(
        _("note"), blank=True, help_text=_("How the source was read, where it is unclear.")
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-date", "slug"]

    def __str__(self):
        return self.citation


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("company")
    RESEARCH_INSTITUTE = "research_institute", _("research institute")
    ACADEMY = "academy", _("academy")
    UNIVERSITY = "university", _("university")
    GOVERNMENT = "government", _("government body")
    MEDIA = "media", _("media")
    OTHER = "other", _("other")


class Ownership(models.TextChoices):
    PRIVATE = "private", _("private")
    STATE_OWNED_HOLDING = "state_owned_holding", _("state-owned holding")
    FOREIGN = "foreign", _("foreign")
    PUBLIC_INSTITUTION = "public_institution", _("public institution")


class Region(models.TextChoices):
    MAINLAND = "mainland", _("Chinese mainland")
    HONG_KONG = "hong_kong", _("Hong Kong")
    MACAO = "macao", _("Macao")
    TAIWAN = "taiwan", _("Taiwan")
    OVERSEAS = "overseas", _("overseas")


class OrganisationQuerySet(PublishableQuerySet):
    def order_by_name(self):
        return self.annotate(name_in_language=coalesced_translation("name")).order_by(
            "name_in_language", "pk"
        )


class Organisation(Publishable):
    """A company, research institute, university, government body or media outlet."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the English name, or the pinyin of the Chinese."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.COMPANY
    )
    ownership = models.CharField(
        _("ownership"),
        max_length=20,
        choices=Ownership.choices,
        blank=True,
        help_text=_("Leave empty while no source states it."),
    )
    hq_region = models.CharField(
        _("headquarters region"), max_length=10, choices=Region.choices, blank=True
    )
    hq_province = models.CharField(_("headquarters province"), max_length=60, blank=True)
    hq_city = models.CharField(_("headquarters city"), max_length=60, blank=True)
    hq_district = models.CharField(_("headquarters district"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_(
            "Set when a spreadsheet import created this organisation from a name it did not "
            "know. Clear it once the record has been checked."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["slug"]
        permissions = [("publish_organisation", "Can publish organisation")]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("pazhou:organisation-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.name_en) or ascii_slug(self.name_zh_hans) or "organisation"
            self.slug = unique_slug(Organisation.objects, base, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def headquarters(self):
        """The main headquarters as one line: district, city, province, region."""
        parts = [self.hq_district, self.hq_city, self.hq_province]
        parts = [p for p in parts if p]
        if self.hq_region and self.hq_region != Region.MAINLAND:
            parts.append(self.get_hq_region_display())
        return ", ".join(parts)


class AliasKind(models.TextChoices):
    AS_PUBLISHED = "as_published", _("as published")
    FORMER = "former", _("former name")
    TRADITIONAL = "traditional", _("Traditional script")
    SHORT = "short", _("short name")


class OrganisationAlias(models.Model):
    """Another name an organisation goes by: as published, former, Traditional, short."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AliasKind.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_alias_name"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="alias_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.name


# The district plans live in their own module and are importable from here like the rest of the
# core: pazhou.models.Plan, pazhou.models.Place, …
from pazhou.plan_models import (  # noqa: E402, F401  (re-exported)
    COUNTABLE_UNITS,
    HEADQUARTERS_KINDS,
    Comparator,
    CountedPresences,
    Direction,
    Figure,
    FigureKind,
    Indicator,
    LegalStatus,
    Milestone,
    Place,
    PlaceKind,
    PlaceTier,
    Plan,
    PlanRelation,
    Presence,
    PresenceKind,
    ProgressStatus,
    Unit,
)
