"""Summit editions, their rooms, tracks, sessions, people, appearances, releases and photos.

Every model that readers see uses the publishing base; children are gated by their edition
(``publishing_parents``). Times are local to the edition's time zone (Asia/Shanghai); a session
whose time the source does not give has a date only.
"""

import zoneinfo

import PIL.Image
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_image_file_extension
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pazhou.models import DatePrecision, Organisation, Publishable, PublishableQuerySet, Source
from pazhou.text import ascii_slug, person_slug, unique_slug

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #rrggbb."))


class Summit(Publishable):
    """One edition of the Pazhou Industrial Internet Summit, identified by its year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    slug = models.SlugField(
        _("slug"), max_length=80, blank=True, help_text=_("Left empty, it is made from the year.")
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    date_note = models.CharField(
        _("note on the dates"),
        max_length=200,
        blank=True,
        help_text=_("How the dates were read from the source, e.g. “date as reported: the 30th”."),
    )
    time_zone = models.CharField(_("time zone"), max_length=50, default="Asia/Shanghai")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="SummitOrganisation",
        related_name="summits",
        verbose_name=_("organisations"),
        blank=True,
    )

    class Meta:
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        ordering = ["-year"]
        permissions = [("publish_summit", "Can publish summit")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="summit_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title or str(self.year)

    def get_absolute_url(self):
        return reverse("summit:summit-detail", kwargs={"year": self.year})

    def clean(self):
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from None
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = str(self.year)
        super().save(*args, **kwargs)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class SummitRole(models.TextChoices):
    HOST = "host", pgettext_lazy("summit role", "host")
    ORGANISER = "organiser", _("organiser")
    CO_ORGANISER = "co_organiser", _("co-organiser")


class SummitOrganisation(models.Model):
    """An organisation that takes part in an edition as host, organiser or co-organiser."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, verbose_name=_("summit"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=SummitRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["summit", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "organisation", "role"], name="unique_summit_organisation_role"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class ProgrammeGroup(models.Model):
    """What rooms and tracks share: a named, coloured, ordered group of an edition's sessions."""

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("summit")
    )
    name = models.CharField(_("name"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7, default="#0b4f6c", validators=[COLOUR])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["summit", "order", "pk"]

    def __str__(self):
        return self.name


class Room(ProgrammeGroup):
    class Meta(ProgrammeGroup.Meta):
        verbose_name = _("room")
        verbose_name_plural = _("rooms")


class Track(ProgrammeGroup):
    colour = models.CharField(_("colour"), max_length=7, default="#146c2e", validators=[COLOUR])

    class Meta(ProgrammeGroup.Meta):
        verbose_name = _("track")
        verbose_name_plural = _("tracks")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("opening")
    KEYNOTE = "keynote", _("keynote")
    ACADEMICIAN_SHARING = "academician_sharing", _("academician sharing")
    RELEASE = "release", _("release")
    PANEL = "panel", _("panel")
    FORUM = "forum", _("forum")
    OTHER = "other", _("other")


class SessionLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    BOTH = "zh-en", _("Chinese and English")


class Session(Publishable):
    """A session of an edition. Its times are optional: sources often give only the day."""

    publishing_parents = ("summit",)

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("summit")
    )
    slug = models.SlugField(_("slug"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=SessionKind.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("room")
    )
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("track")
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=SessionLanguage.choices
    )
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(
        _("order within the day"),
        default=0,
        help_text=_("Sessions without a time are listed in this order."),
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["summit", "date", "start_time", "order", "pk"]
        permissions = [("publish_session", "Can publish session")]
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="unique_session_slug"),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | (
                    models.Q(start_time__isnull=False)
                    & models.Q(end_time__gt=models.F("start_time"))
                ),
                name="session_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "summit:session-detail", kwargs={"year": self.summit.year, "slug": self.slug}
        )

    def clean(self):
        errors = {}
        if self.end_time and not self.start_time:
            errors["end_time"] = _("Give the start time too, or neither.")
        elif self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if (
            self.summit_id
            and self.date
            and not (self.summit.start_date <= self.date <= self.summit.end_date)
        ):
            errors["date"] = _("The date must fall within the summit's days.")
        for field in ("room", "track"):
            related = getattr(self, field)
            if related is not None and related.summit_id != self.summit_id:
                errors[field] = _("Choose one of this summit's own.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.title_en) or ascii_slug(self.title_zh_hans) or "session"
            self.slug = unique_slug(
                Session.objects.filter(summit_id=self.summit_id), base[:60], exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    @property
    def is_timed(self):
        return self.start_time is not None


def _name_part_in_language(part):
    """A person's name part (``family_name``, ``given_name``) in the active script, falling back
    to the other one, as a database expression for ordering."""
    chinese = (get_language() or "en").startswith("zh")
    first, second = (f"{part}_zh", f"{part}_en") if chinese else (f"{part}_en", f"{part}_zh")
    text = models.CharField()
    return Coalesce(
        NullIf(first, models.Value(""), output_field=text),
        NullIf(second, models.Value(""), output_field=text),
        models.Value(""),
        output_field=text,
    )


class PersonQuerySet(PublishableQuerySet):
    def with_name_in_language(self):
        """Annotates ``family_name_in_language`` and ``given_name_in_language``: the name parts
        in the reader's script, falling back to the other one (modeltranslation's fallback does
        not reach the database)."""
        return self.annotate(
            family_name_in_language=_name_part_in_language("family_name"),
            given_name_in_language=_name_part_in_language("given_name"),
        )

    def order_by_name(self):
        """Alphabetical by family name, then given name, in the reader's script."""
        return self.with_name_in_language().order_by(
            "family_name_in_language", "given_name_in_language", "pk"
        )


class Person(Publishable):
    """A speaker, host or releaser. Names are kept in parts, in each script."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the names, family name first (chai-tianyou)."),
    )
    family_name_en = models.CharField(_("family name (Latin script)"), max_length=100, blank=True)
    given_name_en = models.CharField(_("given name (Latin script)"), max_length=100, blank=True)
    family_name_zh = models.CharField(_("family name (Chinese)"), max_length=20, blank=True)
    given_name_zh = models.CharField(_("given name (Chinese)"), max_length=20, blank=True)
    honorifics = models.CharField(
        _("honorifics"),
        max_length=300,
        blank=True,
        help_text=_("E.g. Academician of the Chinese Academy of Engineering."),
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    affiliation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("affiliation"),
    )
    affiliation_text = models.CharField(
        _("affiliation (free text)"),
        max_length=300,
        blank=True,
        help_text=_("Only when the organisation is not in the directory."),
    )
    biography = models.TextField(_("biography"), blank=True, help_text=_("Markdown."))
    portrait = models.ImageField(_("portrait"), upload_to="people/", blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name_en", "given_name_en", "pk"]
        permissions = [("publish_person", "Can publish person")]

    def __str__(self):
        return self.name_en or self.name_zh

    def get_absolute_url(self):
        return reverse("summit:person-detail", kwargs={"slug": self.slug})

    @property
    def name_en(self):
        """Latin-script name, family name first as for Chinese names: "Chai Tianyou"."""
        return " ".join(p for p in (self.family_name_en, self.given_name_en) if p)

    @property
    def name_zh(self):
        return f"{self.family_name_zh}{self.given_name_zh}"

    @property
    def name(self):
        """The name in the active language: 柴天佑 under /zh-hans/, Chai Tianyou under /en/."""
        return self.display_name(get_language() or "en")

    def display_name(self, language):
        """The name in the reader's language, falling back to the other script."""
        if language.startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh

    def clean(self):
        if not (self.name_en or self.name_zh):
            raise ValidationError(_("Give the name in at least one script."))

    def save(self, *args, **kwargs):
        if not self.slug:
            base = (
                person_slug(self.family_name_zh, self.given_name_zh)
                if self.name_zh
                else person_slug(self.family_name_en, self.given_name_en)
            ) or "person"
            self.slug = unique_slug(Person.objects, base, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class AppearanceRole(models.TextChoices):
    SPEAKER = "speaker", _("speaker")
    HOST = "host", pgettext_lazy("session role", "host")
    MODERATOR = "moderator", _("moderator")
    PANELLIST = "panellist", _("panellist")
    RELEASER = "releaser", _("releaser")


class Appearance(models.Model):
    """A person in a session, with a role and an optional talk title."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="appearances", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=AppearanceRole.choices)
    talk_title = models.CharField(_("talk title"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"], name="unique_appearance_role"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class ReleaseKind(models.TextChoices):
    REPORT = "report", _("report")
    LIST = "list", _("list")
    OTHER = "other", _("other")


class Release(Publishable):
    """A report or a list released at a summit. Its ``publish_at`` is its embargo."""

    publishing_parents = ("summit", "session")

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="releases", verbose_name=_("summit")
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="releases",
        verbose_name=_("session"),
        help_text=_("Leave empty when the source does not say in which session."),
    )
    slug = models.SlugField(_("slug"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=ReleaseKind.choices)
    publisher = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=_("publisher"),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    file = models.FileField(_("file"), upload_to="releases/", blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    release_date_precision = models.CharField(
        _("release date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["summit", "release_date", "pk"]
        permissions = [("publish_release", "Can publish release")]
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="unique_release_slug")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "summit:release-detail", kwargs={"year": self.summit.year, "slug": self.slug}
        )

    def clean(self):
        if self.session_id and self.summit_id and self.session.summit_id != self.summit_id:
            raise ValidationError({"session": _("Choose a session of this summit.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.title_en) or ascii_slug(self.title_zh_hans) or "release"
            self.slug = unique_slug(
                Release.objects.filter(summit_id=self.summit_id), base[:60], exclude_pk=self.pk
            )
        super().save(*args, **kwargs)


MAX_PHOTO_BYTES = 10 * 1024 * 1024


def validate_photo_size(image):
    if image and image.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": image.size / 1024 / 1024, "limit": MAX_PHOTO_BYTES // 1024 // 1024}
        )


def validate_image_content(image):
    """The file must open as an image (model validation does not check this by itself)."""
    if not image:
        return
    position = image.tell() if hasattr(image, "tell") else 0
    try:
        image.seek(0)
        with PIL.Image.open(image) as opened:
            opened.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise ValidationError(
            _("The file is not an image that can be opened: upload a JPEG, PNG or WebP.")
        ) from None
    finally:
        image.seek(position)


class Photo(Publishable):
    """A photo of an edition or one of its sessions, with its credit and licence.

    ImageField accepts only files that Pillow can open as images; the size is limited."""

    publishing_parents = ("summit", "session")

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="photos", verbose_name=_("summit")
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
        verbose_name=_("session"),
    )
    image = models.ImageField(
        _("image"),
        upload_to="photos/",
        validators=[validate_image_file_extension, validate_image_content, validate_photo_size],
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("E.g. Summit Organizing Committee.")
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    width = models.PositiveIntegerField(
        _("width"), null=True, blank=True, editable=False, help_text=_("In pixels; read on save.")
    )
    height = models.PositiveIntegerField(
        _("height"), null=True, blank=True, editable=False, help_text=_("In pixels; read on save.")
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["summit", "order", "pk"]
        permissions = [("publish_photo", "Can publish photo")]

    def __str__(self):
        return self.caption or self.image.name

    def clean(self):
        if self.session_id and self.summit_id and self.session.summit_id != self.summit_id:
            raise ValidationError({"session": _("Choose a session of this summit.")})

    def save(self, *args, **kwargs):
        # A newly uploaded file, or one whose size was never read: record its pixel size so that
        # pages can reserve the space before the image loads. An unreadable file stays unknown.
        if self.image and (not self.image._committed or self.width is None):
            try:
                self.width, self.height = self.image.width, self.image.height
            except (OSError, ValueError):
                self.width = self.height = None
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "width", "height"}
        super().save(*args, **kwargs)
