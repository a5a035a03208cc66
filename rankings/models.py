"""Ranking series, their editions, categories and entries.

A series is a list family ("Hurun China Industrial Internet Top"); an edition is one year of it,
optionally announced by a ``summit.Release``. Entries belong to an edition and an organisation;
an entry is visible only when both are (``EntryQuerySet.visible``). Movement against the previous
edition is computed (``rankings.services``), never typed.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pazhou.models import DatePrecision, Organisation, Publishable, Source
from pazhou.publishing import visible_q
from pazhou.text import ascii_slug, unique_slug


class Series(Publishable):
    """A list family published year after year, e.g. "Hurun China Industrial Internet Top"."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the English name, or the pinyin of the Chinese."),
    )
    name = models.CharField(_("name"), max_length=200)
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ranking_series",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("ranking series")
        verbose_name_plural = _("ranking series")
        ordering = ["slug"]
        permissions = [("publish_series", "Can publish ranking series")]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("rankings:series-detail", kwargs={"series": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.name_en) or ascii_slug(self.name_zh_hans) or "series"
            self.slug = unique_slug(Series.objects, base, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class Edition(Publishable):
    """One year of a series: the list as published, with its methodology and source."""

    publishing_parents = ("series",)

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="editions", verbose_name=_("series")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title as published"), max_length=300)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    release_date_precision = models.CharField(
        _("release date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Give only as much of the date as the source does."),
    )
    release = models.OneToOneField(
        "summit.Release",
        verbose_name=_("summit release"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ranking_edition",
        help_text=_("The release at a summit that announced this edition, if any."),
    )
    is_ranked = models.BooleanField(
        _("ranked"),
        null=True,
        blank=True,
        help_text=_(
            "Yes when entries carry ranks, no for alphabetical or unordered lists; leave "
            "unknown while the source does not say."
        ),
    )
    methodology = models.TextField(_("methodology"), blank=True, help_text=_("Markdown."))
    scope = models.TextField(_("scope of the survey"), blank=True)
    cutoff_date = models.DateField(_("cut-off date"), null=True, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("ranking edition")
        verbose_name_plural = _("ranking editions")
        ordering = ["series", "-year"]
        permissions = [("publish_edition", "Can publish ranking edition")]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="unique_edition_year")
        ]

    def __str__(self):
        return self.title or f"{self.series} {self.year}"

    def get_absolute_url(self):
        return reverse(
            "rankings:edition-detail", kwargs={"series": self.series.slug, "year": self.year}
        )

    def previous_visible(self, now=None):
        """The latest visible edition of the same series before this one, or ``None``."""
        return (
            Edition.objects.visible(now)
            .filter(series_id=self.series_id, year__lt=self.year)
            .order_by("-year")
            .first()
        )


class Category(models.Model):
    """A category of an edition, e.g. "intelligent manufacturing"; ordered as published."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="categories", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["edition", "order", "pk"]

    def __str__(self):
        return self.name


class EntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Entries whose edition (and its series) and organisation are visible now."""
        now = now or timezone.now()
        return self.filter(
            visible_q(Edition, now, "edition__") & visible_q(Organisation, now, "organisation__")
        )


class Entry(models.Model):
    """An organisation's place in one edition: rank as sortable number and as published."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="entries", verbose_name=_("edition")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="ranking_entries",
        verbose_name=_("organisation"),
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("category"),
        help_text=_("Leave empty when the source does not give it."),
    )
    rank = models.PositiveIntegerField(
        _("rank"),
        null=True,
        blank=True,
        help_text=_("The number used for sorting; empty for unranked lists."),
    )
    rank_label = models.CharField(
        _("rank as published"),
        max_length=30,
        blank=True,
        help_text=_("As the list prints it, e.g. “=12” or “101–200”."),
    )
    is_tied = models.BooleanField(_("tied"), default=False)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_unit = models.CharField(
        _("unit of the value"),
        max_length=60,
        blank=True,
        help_text=_("E.g. “100 million” (亿) for a valuation in 100 million yuan."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. CNY.")
    )
    name_as_published = models.CharField(
        _("name as published"),
        max_length=300,
        blank=True,
        help_text=_("The organisation's name as this edition prints it."),
    )
    headquarters_as_published = models.CharField(
        _("headquarters as published"), max_length=200, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["edition", models.F("rank").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="unique_entry_organisation"
            )
        ]
        indexes = [models.Index(fields=["edition", "rank"], name="entry_edition_rank")]

    def __str__(self):
        label = self.display_rank
        name = self.name_as_published or str(self.organisation)
        return f"{label} {name}".strip()

    @property
    def display_rank(self):
        """The rank as published, else the number; ties marked with “=”."""
        if self.rank_label:
            return self.rank_label
        if self.rank is None:
            return ""
        return f"={self.rank}" if self.is_tied else str(self.rank)

    def clean(self):
        if self.category_id and self.edition_id and self.category.edition_id != self.edition_id:
            raise ValidationError({"category": _("Choose a category of this edition.")})
