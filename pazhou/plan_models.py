"""District plans: plans, places of the "1+X+N" layout, presences, indicators, figures and
milestones. Imported into :mod:`pazhou.models`, so ``pazhou.models.Plan`` and the rest are the
names to use.

The rule these models keep is honesty about numbers. A figure always says what kind of number
it is (a plan's target, an announced expectation, a measurement, or someone's claim), cites its
source, and gives its date only as precisely as the source does. Progress is never stored: it is
computed in :mod:`pazhou.services` from a target and the measurements after its baseline.
"""

import calendar
import datetime

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazhou.geojson import clean_boundary
from pazhou.models import DatePrecision, Organisation, Publishable, PublishableQuerySet, Source
from pazhou.models import coalesced_translation as _coalesced_translation
from pazhou.text import ascii_slug, unique_slug


def normalise_partial_date(value, precision):
    """The first day of the year or month that a partial date stands for.

    A year-only date is stored as 1 January of that year, so that two editors entering "2016"
    store the same value; no day or month is ever shown for it.
    """
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def partial_date_end(value, precision):
    """The last day that a partial date covers: 2022 → 31 December 2022."""
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(
            value.year, value.month, calendar.monthrange(value.year, value.month)[1]
        )
    return value


def precision_field(verbose_name, default=DatePrecision.YEAR):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=default,
        help_text=_("Give only as much of the date as the source does; a year alone is fine."),
    )


YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]


class NamedQuerySet(PublishableQuerySet):
    """Ordering by a translated field in the reader's language, with fallback."""

    def order_by_translated(self, field, *then):
        return self.annotate(**{f"{field}_in_language": _coalesced_translation(field)}).order_by(
            f"{field}_in_language", *then, "pk"
        )


# --- Plans --------------------------------------------------------------------------------------


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")
    COMPLETED = "completed", _("completed")


class Plan(Publishable):
    """A development plan adopted by a government body, with its aims."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the English title, or the pinyin of the Chinese."),
    )
    title = models.CharField(_("title"), max_length=300)
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("issuing organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
    )
    adopted_on = models.DateField(_("adopted"), null=True, blank=True)
    adopted_on_precision = precision_field(_("precision of the adoption date"))
    period_start_year = models.PositiveSmallIntegerField(
        _("period from (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    period_end_year = models.PositiveSmallIntegerField(
        _("period to (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    legal_status = models.CharField(
        _("legal status"),
        max_length=12,
        choices=LegalStatus.choices,
        blank=True,
        help_text=_(
            "Whether the plan is in force, superseded or completed. Leave empty while no "
            "source states it. (Whether readers see the plan is its publishing status.)"
        ),
    )
    aims = models.TextField(_("aims"), blank=True, help_text=_("Markdown."))
    document_url = models.URLField(_("document link"), blank=True, max_length=500)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )

    objects = NamedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-adopted_on", "slug"]
        permissions = [("publish_plan", "Can publish plan")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end_year__isnull=True)
                | models.Q(period_start_year__isnull=True)
                | models.Q(period_end_year__gte=models.F("period_start_year")),
                name="plan_period_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("pazhou:plan-detail", kwargs={"slug": self.slug})

    def clean(self):
        if (
            self.period_start_year
            and self.period_end_year
            and self.period_end_year < self.period_start_year
        ):
            raise ValidationError({"period_end_year": _("The period cannot end before it starts.")})

    def save(self, *args, **kwargs):
        self.adopted_on = normalise_partial_date(self.adopted_on, self.adopted_on_precision)
        if not self.slug:
            base = ascii_slug(self.title_en) or ascii_slug(self.title_zh_hans) or "plan"
            self.slug = unique_slug(Plan.objects, base[:76], exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def period(self):
        """ "2016–2020", "from 2016", "to 2035", or ""."""
        start, end = self.period_start_year, self.period_end_year
        if start and end:
            return str(start) if start == end else f"{start}–{end}"
        if start:
            return _("from %(year)s") % {"year": start}
        if end:
            return _("to %(year)s") % {"year": end}
        return ""


# --- Places -------------------------------------------------------------------------------------


class PlaceKind(models.TextChoices):
    DISTRICT = "district", _("district")
    AREA = "area", _("area")
    ZONE = "zone", _("zone")


class PlaceTier(models.TextChoices):
    """The tiers of the "1+X+N" layout."""

    CORE = "1", _("1: the core")
    CLUSTER = "X", _("X: a functional cluster")
    NODE = "N", _("N: a node")


class Place(Publishable):
    """A place of the "1+X+N" layout, or a plain area such as a district.

    Places form a tree through ``parent``. A place is not hidden with its parent: a published
    place stays visible, and its page links the parent only while the parent is visible.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the English name, or the pinyin of the Chinese."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    tier = models.CharField(
        _("tier"),
        max_length=1,
        choices=PlaceTier.choices,
        blank=True,
        help_text=_(
            "The place's tier in the “1+X+N” layout. Leave empty while no source assigns one."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Order among the places with the same parent.")
    )
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: one GeoJSON Polygon or MultiPolygon, as [longitude, latitude] in WGS 84. "
            "Without it, the layout map shows the place in a schematic."
        ),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )

    objects = NamedQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["order", "slug"]
        permissions = [("publish_place", "Can publish place")]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("pazhou:place-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        try:
            self.boundary = clean_boundary(self.boundary)
        except ValidationError as error:
            errors["boundary"] = error.messages
        ancestor, steps = self.parent, 0
        while ancestor is not None and steps < 100:
            if self.pk is not None and ancestor.pk == self.pk:
                errors["parent"] = _("A place cannot lie within itself or within its own parts.")
                break
            ancestor, steps = ancestor.parent, steps + 1
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Validated on every save, not only in forms: a bad boundary would break the map.
        try:
            self.boundary = clean_boundary(self.boundary)
        except ValidationError as error:
            raise ValidationError({"boundary": error.messages}) from None
        if not self.slug:
            base = ascii_slug(self.name_en) or ascii_slug(self.name_zh_hans) or "place"
            self.slug = unique_slug(Place.objects, base, exclude_pk=self.pk)
        super().save(*args, **kwargs)


# --- Presences ----------------------------------------------------------------------------------


class PresenceKind(models.TextChoices):
    HEADQUARTERS = "headquarters", _("headquarters")
    REGIONAL_HEADQUARTERS = "regional_headquarters", _("regional headquarters")
    HEADQUARTERS_LEVEL_NOT_STATED = "headquarters_unstated", _("headquarters, level not stated")
    OFFICE = "office", _("office")
    PROJECT = "project", _("project")


HEADQUARTERS_KINDS = (
    PresenceKind.HEADQUARTERS,
    PresenceKind.REGIONAL_HEADQUARTERS,
    PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED,
)


class Presence(Publishable):
    """An organisation present in a place: a headquarters, an office, a project.

    A presence is separate from the organisation's main headquarters (``Organisation.hq_*``):
    "headquarters, level not stated" says only what the source says.
    """

    publishing_parents = ("organisation", "place")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="presences"
    )
    kind = models.CharField(_("kind"), max_length=25, choices=PresenceKind.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    since_precision = precision_field(_("precision of “since”"))
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("What the source says about it, where the kind alone does not."),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="presences",
        error_messages={
            "null": _("Every presence needs a source: choose the publication that reports it."),
            "blank": _("Every presence needs a source: choose the publication that reports it."),
        },
    )

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        ordering = ["place", "kind", "organisation", "pk"]
        permissions = [("publish_presence", "Can publish presence")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "place", "kind"], name="unique_presence_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.place} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        self.since = normalise_partial_date(self.since, self.since_precision)
        super().save(*args, **kwargs)


# --- Indicators and figures -------------------------------------------------------------------


class Unit(models.TextChoices):
    """What one of an indicator's numbers counts. :mod:`pazhou.numbers` writes each one in
    both languages (400 billion yuan, 4000亿元)."""

    YUAN = "yuan", _("yuan")
    ENTERPRISES = "enterprises", _("enterprises")
    HEADQUARTERS = "headquarters", _("headquarters")
    PROJECTS = "projects", _("projects")
    PEOPLE = "people", pgettext_lazy("unit of an indicator", "people")
    PERCENT = "percent", _("per cent")
    SQUARE_KM = "square_km", _("square kilometres")


COUNTABLE_UNITS = (Unit.ENTERPRISES, Unit.HEADQUARTERS, Unit.PROJECTS)


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("higher is better")
    LOWER_IS_BETTER = "lower", _("lower is better")


class PlanRelation(models.TextChoices):
    """How the source ties an indicator to a plan. Only a plan that sets an indicator can give
    it a target."""

    SET_BY_PLAN = "set_by_plan", _("set by the plan")
    REPORTED_ALONGSIDE = "alongside", _("reported alongside the plan, not said to be set by it")


class CountedPresences(models.TextChoices):
    """Which of the site's own presences a counted indicator counts, live."""

    ANY_HEADQUARTERS = "headquarters_any", _("headquarters of any level")
    HEADQUARTERS = PresenceKind.HEADQUARTERS.value, PresenceKind.HEADQUARTERS.label
    REGIONAL_HEADQUARTERS = (
        PresenceKind.REGIONAL_HEADQUARTERS.value,
        PresenceKind.REGIONAL_HEADQUARTERS.label,
    )
    HEADQUARTERS_LEVEL_NOT_STATED = (
        PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED.value,
        PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED.label,
    )
    OFFICE = PresenceKind.OFFICE.value, PresenceKind.OFFICE.label
    PROJECT = PresenceKind.PROJECT.value, PresenceKind.PROJECT.label

    @classmethod
    def presence_kinds(cls, value):
        """The presence kinds that ``value`` counts."""
        if value == cls.ANY_HEADQUARTERS:
            return list(HEADQUARTERS_KINDS)
        return [value] if value else []


UNIT_REQUIRED = _("Give the unit: what one of the numbers counts (yuan, enterprises, …).")


class Indicator(Publishable):
    """Something counted in a place, such as revenue or headquarters, with its unit and the
    direction that counts as better. Its figures are the sourced values."""

    publishing_parents = ("place", "plan")

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Unique within the place. Left empty, it is made from the English name."),
    )
    name = models.CharField(
        _("what is counted"), max_length=300, help_text=_("E.g. revenue of the zone.")
    )
    description = models.TextField(
        _("definition"),
        blank=True,
        help_text=_("Markdown: what exactly is counted, as the sources define it."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=15,
        choices=Unit.choices,
        error_messages={"blank": UNIT_REQUIRED, "null": UNIT_REQUIRED},
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="indicators"
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    plan_relation = models.CharField(
        _("relation to the plan"),
        max_length=12,
        choices=PlanRelation.choices,
        blank=True,
        help_text=_(
            "Only “set by the plan” when the source says so. A figure reported next to a plan "
            "is “reported alongside”."
        ),
    )
    direction = models.CharField(
        _("direction"),
        max_length=6,
        choices=Direction.choices,
        default=Direction.HIGHER_IS_BETTER,
    )
    counted_presences = models.CharField(
        _("live count of presences"),
        max_length=25,
        choices=CountedPresences.choices,
        blank=True,
        help_text=_(
            "Optional: also count the organisations this site lists as present in the place "
            "(and the places within it) with this kind of presence."
        ),
    )
    featured = models.BooleanField(
        _("key figure"),
        default=False,
        help_text=_("Shown among the district's key figures on the home page."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = NamedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "pk"]
        permissions = [("publish_indicator", "Can publish indicator")]
        constraints = [
            models.UniqueConstraint(fields=["place", "slug"], name="unique_indicator_slug"),
            models.CheckConstraint(condition=~models.Q(unit=""), name="indicator_has_unit"),
            models.CheckConstraint(
                condition=(models.Q(plan__isnull=True) & models.Q(plan_relation=""))
                | (models.Q(plan__isnull=False) & ~models.Q(plan_relation="")),
                name="indicator_plan_relation_with_plan",
            ),
        ]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return f"{self.place.get_absolute_url()}#indicator-{self.slug}"

    def clean(self):
        errors = {}
        if not self.unit:
            errors["unit"] = UNIT_REQUIRED
        if self.plan_id and not self.plan_relation:
            errors["plan_relation"] = _(
                "Say how the source ties this indicator to the plan: set by it, or only "
                "reported alongside it."
            )
        if not self.plan_id and self.plan_relation:
            errors["plan_relation"] = _("Choose the plan first, or leave this empty.")
        if self.counted_presences and self.unit and self.unit not in COUNTABLE_UNITS:
            errors["counted_presences"] = _(
                "A live count of presences counts organisations: use the unit enterprises, "
                "headquarters or projects."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.name_en) or ascii_slug(self.name_zh_hans) or "indicator"
            self.slug = unique_slug(
                Indicator.objects.filter(place_id=self.place_id), base[:60], exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    @property
    def counted_presence_kinds(self):
        return CountedPresences.presence_kinds(self.counted_presences)


class ProgressStatus(models.TextChoices):
    """The status of an indicator against its target. Computed by
    :func:`pazhou.services.target_progress`, never stored."""

    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind")
    ACHIEVED = "achieved", _("achieved")
    MISSED = "missed", _("missed")
    NO_DATA = "no_data", _("no data")


class FigureKind(models.TextChoices):
    TARGET = "target", _("target")
    EXPECTATION = "expectation", _("expectation")
    MEASUREMENT = "measurement", _("measurement")
    CLAIM = "claim", _("claim")


class Comparator(models.TextChoices):
    EXACTLY = "exactly", _("exactly")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    LESS_THAN = "less_than", _("less than")
    AT_MOST = "at_most", _("at most")
    ABOUT = "about", _("about")


SOURCE_REQUIRED = _(
    "Every figure needs a source: choose the publication that reports it. A figure without a "
    "source cannot be saved."
)


class Figure(Publishable):
    """One sourced value of an indicator, for a date or a period.

    Its kind says what the number is: a plan's **target** (with the baseline it starts from),
    an announced **expectation**, a **measurement**, or a **claim** someone reports. Only
    measurements count towards progress.
    """

    publishing_parents = ("indicator",)

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="figures"
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=FigureKind.choices,
        help_text=_(
            "Target: set by a plan. Expectation: announced. Measurement: measured. Claim: "
            "reported by someone, not shown to be measured."
        ),
    )
    comparator = models.CharField(
        _("comparator"), max_length=10, choices=Comparator.choices, default=Comparator.EXACTLY
    )
    value = models.DecimalField(
        _("value"),
        max_digits=24,
        decimal_places=4,
        help_text=_("In the indicator's unit, written out: 400 billion yuan is 400000000000."),
    )
    date = models.DateField(
        _("date"), help_text=_("The date the value is for, or the end of its period.")
    )
    date_precision = precision_field(_("date precision"))
    period_start = models.DateField(
        _("period from"),
        null=True,
        blank=True,
        help_text=_("Only for a value that covers a period longer than its date says."),
    )
    period_start_precision = precision_field(_("precision of the period start"))
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=24,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Targets only: the value the target starts from."),
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_date_precision = precision_field(_("baseline date precision"))
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="figures",
        error_messages={"null": SOURCE_REQUIRED, "blank": SOURCE_REQUIRED},
    )
    stated_by = models.ForeignKey(
        Organisation,
        verbose_name=_("stated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stated_figures",
        help_text=_(
            "Who set, announced or claimed the figure, when the source names them. Empty: the "
            "source itself states it."
        ),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("How the figure was read from the source, where that is not plain."),
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["indicator", "date", "pk"]
        permissions = [("publish_figure", "Can publish figure")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=FigureKind.TARGET)
                    & models.Q(baseline_value__isnull=False)
                    & models.Q(baseline_date__isnull=False)
                    & ~models.Q(baseline_value=models.F("value"))
                )
                | (
                    ~models.Q(kind=FigureKind.TARGET)
                    & models.Q(baseline_value__isnull=True)
                    & models.Q(baseline_date__isnull=True)
                ),
                name="figure_target_has_distinct_baseline",
                violation_error_message=_(
                    "A target needs a baseline value, different from the target, and a "
                    "baseline date; other figures have no baseline."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_start__lte=models.F("date")),
                name="figure_period_starts_before_date",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.get_kind_display()} · {self.value} ({self.date.year})"

    @property
    def end(self):
        """The last day the figure's date covers."""
        return partial_date_end(self.date, self.date_precision)

    @property
    def baseline_end(self):
        if self.baseline_date is None:
            return None
        return partial_date_end(self.baseline_date, self.baseline_date_precision)

    def _indicator_or_none(self):
        try:
            return self.indicator
        except ObjectDoesNotExist:
            return None

    def clean(self):
        errors = {}
        self.date = normalise_partial_date(self.date, self.date_precision)
        self.period_start = normalise_partial_date(self.period_start, self.period_start_precision)
        self.baseline_date = normalise_partial_date(
            self.baseline_date, self.baseline_date_precision
        )
        if self.period_start and self.date and self.period_start > self.date:
            errors["period_start"] = _("The period must start before the figure's date.")
        if self.kind == FigureKind.TARGET:
            errors.update(self._target_errors())
        elif self.baseline_value is not None or self.baseline_date is not None:
            errors["baseline_value"] = _(
                "Only a target carries a baseline. Clear the baseline, or make this a target."
            )
        if errors:
            raise ValidationError(errors)

    def _target_errors(self):
        errors = {}
        if self.baseline_value is None:
            errors["baseline_value"] = _(
                "A target needs the baseline it starts from: give the baseline value and its "
                "date, as the plan states them."
            )
        if self.baseline_date is None:
            errors["baseline_date"] = _("A target needs the date of its baseline.")
        if (
            self.baseline_value is not None
            and self.value is not None
            and self.baseline_value == self.value
        ):
            errors["value"] = _(
                "This target equals its baseline, so it asks for no change and no progress "
                "could be measured against it. Check both values."
            )
        if self.baseline_date and self.date and self.baseline_end >= self.end:
            errors["baseline_date"] = _("The baseline must be dated before the target.")
        indicator = self._indicator_or_none()
        if indicator is not None:
            if not indicator.plan_id or indicator.plan_relation != PlanRelation.SET_BY_PLAN:
                errors["kind"] = _(
                    "A target is set by a plan: link the indicator to the plan, as “set by the "
                    "plan”. A number announced some other way is an expectation."
                )
            if "value" not in errors and self.baseline_value is not None and self.value is not None:
                lower = indicator.direction == Direction.LOWER_IS_BETTER
                if lower and self.value > self.baseline_value:
                    errors["value"] = _(
                        "Lower is better for this indicator, so its target must be below the "
                        "baseline."
                    )
                elif not lower and self.value < self.baseline_value:
                    errors["value"] = _(
                        "Higher is better for this indicator, so its target must be above the "
                        "baseline."
                    )
        return errors

    def save(self, *args, **kwargs):
        self.date = normalise_partial_date(self.date, self.date_precision)
        self.period_start = normalise_partial_date(self.period_start, self.period_start_precision)
        self.baseline_date = normalise_partial_date(
            self.baseline_date, self.baseline_date_precision
        )
        super().save(*args, **kwargs)


# --- Milestones ---------------------------------------------------------------------------------


class Milestone(Publishable):
    """A dated event of a plan or a place, optionally linked to any other object of the site
    (a summit session, a release, a ranking edition) through a generic relation."""

    publishing_parents = ("plan", "place")

    date = models.DateField(_("date"))
    date_precision = precision_field(_("date precision"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("linked object's type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("linked object's id"), null=True, blank=True)
    linked_object = GenericForeignKey("content_type", "object_id")
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="milestones",
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]
        permissions = [("publish_milestone", "Can publish milestone")]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(content_type__isnull=True) & models.Q(object_id__isnull=True))
                | (models.Q(content_type__isnull=False) & models.Q(object_id__isnull=False)),
                name="milestone_link_complete",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        self.date = normalise_partial_date(self.date, self.date_precision)
        if not self.plan_id and not self.place_id:
            errors["plan"] = _("A milestone belongs to a plan, a place, or both: choose one.")
        if (self.content_type_id is None) != (self.object_id is None):
            errors["object_id"] = _(
                "Give both the type and the id of the linked object, or neither."
            )
        elif self.content_type_id is not None:
            model = self.content_type.model_class()
            if model is None or not model._base_manager.filter(pk=self.object_id).exists():
                errors["object_id"] = _("There is no %(type)s with the id %(id)s.") % {
                    "type": self.content_type.name,
                    "id": self.object_id,
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.date = normalise_partial_date(self.date, self.date_precision)
        super().save(*args, **kwargs)
