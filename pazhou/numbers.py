"""Numbers that read naturally in English and in Chinese, from one stored value.

One stored ``Decimal`` of 400 000 000 000 yuan reads "400 billion yuan" in English and
"4000亿元" in Chinese; 50 enterprises read "50 enterprises" and "50家".

Chinese groups large numbers by 万 (10⁴) and 亿 (10⁸) where English groups them by thousands,
millions and billions, so the choice of scale differs by language, not only the words. The
scale words, unit words and comparators below are therefore the rules of how each language
writes a quantity, kept here beside each other like Django's own number formats, rather than
interface strings in the message catalogue. Nothing is rounded away: a value is shown in a
scale only when it fits that scale with at most two decimals, otherwise in full with digit
grouping.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language

# (factor, word), largest first.
SCALES = {
    "en": [
        (Decimal(10) ** 12, " trillion"),
        (Decimal(10) ** 9, " billion"),
        (Decimal(10) ** 6, " million"),
    ],
    "zh": [(Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")],
}

# unit: English (singular, plural, joined with a space) and Chinese (written right after the
# number). Keys are the values of pazhou.plan_models.Unit.
UNITS = {
    "yuan": {"en": ("yuan", "yuan", True), "zh": "元"},
    "enterprises": {"en": ("enterprise", "enterprises", True), "zh": "家"},
    "headquarters": {"en": ("headquarters", "headquarters", True), "zh": "家"},
    "projects": {"en": ("project", "projects", True), "zh": "个项目"},
    "people": {"en": ("person", "people", True), "zh": "人"},
    "percent": {"en": ("%", "%", False), "zh": "%"},
    "square_km": {"en": ("km²", "km²", True), "zh": "平方公里"},
}

# Units that are never scaled: "1.5 million %" means nothing.
UNSCALED_UNITS = {"percent"}

# Keys are the values of pazhou.plan_models.Comparator.
COMPARATORS = {
    "en": {
        "exactly": "{}",
        "more_than": "more than {}",
        "at_least": "at least {}",
        "less_than": "less than {}",
        "at_most": "at most {}",
        "about": "about {}",
    },
    "zh": {
        "exactly": "{}",
        "more_than": "超过{}",
        "at_least": "不少于{}",
        "less_than": "少于{}",
        "at_most": "不超过{}",
        "about": "约{}",
    },
}

MAX_SCALED_DECIMALS = 2


def language_family(language=None):
    """``"zh"`` for any Chinese language code, ``"en"`` for everything else."""
    language = language or get_language() or "en"
    return "zh" if language.lower().startswith("zh") else "en"


def _as_decimal(value):
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueError(f"Not a number: {value!r}") from None


def _plain(value, *, grouped):
    """``value`` without exponent or trailing zeros: 400, 1.5, 12,345.67."""
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, ",f" if grouped else "f")


def _decimals(value):
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value, *, language=None, scaled=True):
    """A number as readers of ``language`` write it: 400 billion / 4000亿; 12,345 / 12,345."""
    number = _as_decimal(value)
    family = language_family(language)
    sign = "-" if number < 0 else ""
    magnitude = abs(number)
    if scaled:
        for factor, word in SCALES[family]:
            in_scale = magnitude / factor
            if in_scale >= 1 and _decimals(in_scale) <= MAX_SCALED_DECIMALS:
                return f"{sign}{_plain(in_scale, grouped=False)}{word}"
    return f"{sign}{_plain(magnitude, grouped=True)}"


def format_quantity(value, unit, *, comparator="exactly", language=None):
    """A value with its unit and comparator, in ``language`` (the active one by default).

    ``format_quantity(400_000_000_000, "yuan", comparator="more_than")`` gives "more than 400
    billion yuan" in English and "超过4000亿元" in Chinese.
    """
    number = _as_decimal(value)
    family = language_family(language)
    words = UNITS.get(unit)
    text = format_number(number, language=family, scaled=unit not in UNSCALED_UNITS)
    if words is None:
        quantity = f"{text} {unit}".strip()
    elif family == "zh":
        quantity = f"{text}{words['zh']}"
    else:
        singular, plural, spaced = words["en"]
        word = singular if number == 1 else plural
        quantity = f"{text} {word}" if spaced else f"{text}{word}"
    template = COMPARATORS[family].get(comparator or "exactly", "{}")
    return template.format(quantity)


def format_unit(unit, *, language=None):
    """The unit word alone, for column headings and chart axes: "yuan" / "元"."""
    words = UNITS.get(unit)
    if words is None:
        return unit
    return words["zh"] if language_family(language) == "zh" else words["en"][1]


def round_significant(value, digits=3):
    """``value`` rounded to ``digits`` significant digits: for values computed on the site (a
    straight-line value between two figures), never for a figure as its source gives it."""
    number = _as_decimal(value)
    if number == 0:
        return number
    step = Decimal(1).scaleb(number.adjusted() - digits + 1)
    return number.quantize(step, rounding=ROUND_HALF_UP)
