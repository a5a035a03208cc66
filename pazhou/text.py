"""Text helpers shared by every app: search normalisation, ASCII slugs from names, Markdown."""

import re
import unicodedata
from functools import lru_cache

import markdown as markdown_lib
import nh3
import opencc
from django.utils.text import slugify
from pypinyin import lazy_pinyin

_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _traditional_to_simplified():
    return opencc.OpenCC("t2s")


def normalise_for_search(text):
    """NFKC, Traditional → Simplified, case-folded, whitespace collapsed.

    "  華為 " → "华为"; "ＴＥＮＣＥＮＴ" → "tencent".
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _traditional_to_simplified().convert(text)
    return _WHITESPACE.sub(" ", text).strip().casefold()


def search_terms(text):
    """The strings a search looks for: the normalised text, and, when the text was written in
    Traditional script, that text as written too (so a Traditional alias finds itself)."""
    normalised = normalise_for_search(text)
    if not normalised:
        return ()
    as_written = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", str(text))).strip().casefold()
    return (normalised,) if as_written == normalised else (normalised, as_written)


def ascii_slug(*parts, max_length=80):
    """An ASCII slug from name parts; Chinese characters become pinyin, one word a part.

    ``ascii_slug("柴", "天佑")`` → ``"chai-tianyou"``; ``ascii_slug("Hurun Report")`` →
    ``"hurun-report"``.
    """
    words = []
    for part in parts:
        if not part:
            continue
        part = unicodedata.normalize("NFKC", str(part))
        # lazy_pinyin keeps non-Chinese runs as they are; join a part's syllables into one word.
        syllables = lazy_pinyin(part, errors=lambda chars: [chars])
        words.append("".join(syllables))
    slug = slugify(" ".join(words))[:max_length].strip("-")
    return slug


# Family names whose reading as a surname differs from the character's common reading, which is
# what pypinyin gives. Only the family-name part of a person's name is looked up here.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha",
    "区": "ou", "乐": "yue", "盖": "ge", "缪": "miao", "召": "shao", "覃": "qin",
    "种": "chong", "翟": "zhai", "秘": "bi", "员": "yun", "粘": "nian", "繁": "po",
    "尉迟": "yuchi", "万俟": "moqi", "单于": "chanyu", "长孙": "zhangsun",
}  # fmt: skip


def person_slug(family_name, given_name):
    """A person's slug, family name first, with the family name read as a surname:
    ``person_slug("曾", "国藩")`` → ``"zeng-guofan"``; Latin names pass through."""
    family = unicodedata.normalize("NFKC", family_name or "").strip()
    return ascii_slug(SURNAME_READINGS.get(family, family), given_name)


def unique_slug(queryset, base, *, exclude_pk=None, max_length=80):
    """``base``, or ``base-2``, ``base-3`` … whichever is free in ``queryset``."""
    base = base[: max_length - 4] or "item"
    taken = set(
        queryset.exclude(pk=exclude_pk)
        .filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$")
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


MARKDOWN_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


def _keep_footnote_ids_only(tag, attribute, value):
    """Footnote anchors (fn:1, fnref:1) keep their ids; no other id may clash with the page."""
    if attribute == "id" and not value.startswith(("fn:", "fnref:")):
        return None
    return value


def render_markdown(text):
    """Markdown to HTML that is safe to show: nh3 keeps only harmless tags and attributes."""
    if not text:
        return ""
    html = markdown_lib.markdown(str(text), extensions=["extra", "sane_lists"])
    return nh3.clean(
        html,
        tags=MARKDOWN_TAGS,
        attributes={
            "a": {"href", "title", "id"},
            "abbr": {"title"},
            "th": {"scope"},
            "li": {"id"},
            "sup": {"id"},
        },
        attribute_filter=_keep_footnote_ids_only,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
