"""The rankings admin, and the spreadsheet import through its real views (upload → preview →
confirm), as an Editor and as a Publisher."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pazhou.models import Organisation, PublishingStatus
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory, UserFactory
from rankings.models import Entry
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory
from rankings.tests.files import counts, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:rankings_entry_import")
PROCESS = reverse("admin:rankings_entry_process_import")
ENTRIES = reverse("admin:rankings_entry_changelist")


@pytest.fixture
def huawei():
    return OrganisationFactory(name_en="Huawei", name_zh_hans="华为")


@pytest.fixture
def draft_edition():
    edition = EditionFactory(status=PublishingStatus.DRAFT)
    CategoryFactory(edition=edition, name_en="Intelligent manufacturing", name_zh_hans="智能制造")
    return edition


def upload(client, edition, data, name="榜单.csv"):
    return client.post(
        IMPORT,
        {
            "edition": edition.pk,
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(PROCESS, data)


GOOD_FILE = [
    ["排名", "企业名称", "类别", "总部"],
    ["1", "华为", "智能制造", "深圳"],
    ["=2", "合成新秀科技", "", "广州"],
]


def test_editor_imports_into_a_draft_edition_with_preview_and_confirm(
    client, editor, draft_edition, huawei
):
    client.force_login(editor)
    page = client.get(IMPORT, {"edition": draft_edition.pk})
    assert page.status_code == 200
    assert f'<option value="{draft_edition.pk}" selected>' in page.content.decode()

    preview = upload(client, draft_edition, csv_bytes(GOOD_FILE))

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Confirm import" in html
    assert "new organisation, marked for review" in html
    assert (
        "New: 2. Changed: 0. Unchanged: 0. With errors: 0. New organisations, marked for review: 1."
        in html
    )
    assert "<code>排名</code> → Rank" in html
    assert not draft_edition.entries.exists()
    assert not Organisation.objects.filter(name_zh_hans="合成新秀科技").exists()

    response = confirm(client, preview)

    assert response.status_code == 302
    assert response["Location"].endswith(f"?edition__id__exact={draft_edition.pk}")
    entries = {e.name_as_published: e for e in draft_edition.entries.all()}
    assert set(entries) == {"华为", "合成新秀科技"}
    assert entries["华为"].category.name_en == "Intelligent manufacturing"
    assert (entries["合成新秀科技"].rank, entries["合成新秀科技"].rank_label) == (2, "=2")
    created = Organisation.objects.get(name_zh_hans="合成新秀科技")
    assert created.needs_review and created.status == PublishingStatus.PUBLISHED
    record = entries["华为"].history.get()
    assert record.history_change_reason == "Imported from 榜单.csv"
    assert record.history_user == editor
    assert LogEntry.objects.filter(object_id=str(entries["华为"].pk)).exists()
    listing = client.get(response["Location"]).content.decode()
    assert "Imported 榜单.csv into" in listing
    assert "合成新秀科技" in listing


def test_the_preview_shows_changed_and_unchanged_rows(client, publisher, huawei):
    edition = EditionFactory()
    tencent = OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")
    EntryFactory(edition=edition, organisation=huawei, rank=1, name_as_published="华为")
    EntryFactory(edition=edition, organisation=tencent, rank=2, name_as_published="腾讯")
    client.force_login(publisher)

    preview = upload(
        client, edition, csv_bytes([["排名", "企业名称"], ["1", "华为"], ["3", "腾讯"]])
    )

    html = preview.content.decode()
    assert "New: 0. Changed: 1. Unchanged: 1." in html
    assert "<del>2</del> <ins>3</ins>" in html


def test_the_admin_decodes_gb18030_and_reads_xlsx(client, editor, draft_edition, huawei):
    client.force_login(editor)

    preview = upload(client, draft_edition, csv_bytes(GOOD_FILE, encoding="gb18030"))
    assert "Confirm import" in preview.content.decode()
    confirm(client, preview)
    assert draft_edition.entries.count() == 2

    xlsx = xlsx_bytes([["排名", "企业名称", "备注"], [1, "华为", "改了"]])
    preview = upload(client, draft_edition, xlsx, name="list.xlsx")
    assert "Changed: 1. Unchanged: 0." in preview.content.decode()
    confirm(client, preview)
    assert draft_edition.entries.get(organisation=huawei).notes_zh_hans == "改了"


def test_row_errors_are_listed_with_row_and_column_and_nothing_can_be_confirmed(
    client, editor, draft_edition, huawei
):
    client.force_login(editor)
    before = counts()

    response = upload(
        client,
        draft_edition,
        csv_bytes([["排名", "企业名称", "类别"], ["one", "华为", ""], ["2", "合成错行", "Robots"]]),
    )

    html = response.content.decode()
    assert "Confirm import" not in html
    assert "nothing was imported" in html
    assert "<td>2</td>\n      <td>排名</td>" in html
    assert "“one” is not a rank" in html
    assert "<td>3</td>\n      <td>类别</td>" in html
    assert counts() == before


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(client, editor, draft_edition):
    client.force_login(editor)

    response = upload(client, draft_edition, b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00", "logo.csv")

    assert "not a spreadsheet" in response.content.decode()
    assert "Confirm import" not in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(client, editor, draft_edition):
    client.force_login(editor)
    data = csv_bytes([["排名", "企业名称"]]) + b"1,x\r\n" * (7 * 1024 * 1024)

    response = upload(client, draft_edition, data)

    assert "The file is larger than 20 MB" in response.content.decode()


def test_an_editor_cannot_import_into_a_published_edition_a_publisher_can(
    client, editor, publisher, huawei
):
    live = EditionFactory(status=PublishingStatus.PUBLISHED)
    client.force_login(editor)
    before = counts()

    file = csv_bytes([["排名", "企业名称"], ["1", "华为"]])
    response = upload(client, live, file)

    assert "importing into a published edition needs a Publisher" in response.content.decode()
    assert "Confirm import" not in response.content.decode()
    # Nor by posting the confirm step directly.
    client.post(PROCESS, {"edition": live.pk, "import_file_name": "x", "format": "0"})
    assert counts() == before

    client.force_login(publisher)
    confirm(client, upload(client, live, file))
    assert live.entries.get().organisation == huawei


def test_an_editor_may_not_change_entries_of_a_published_edition(client, editor):
    live_entry = EntryFactory(edition=EditionFactory(status=PublishingStatus.PUBLISHED))
    draft_entry = EntryFactory(edition=EditionFactory(status=PublishingStatus.DRAFT))
    client.force_login(editor)

    live_page = client.get(reverse("admin:rankings_entry_change", args=[live_entry.pk]))
    draft_page = client.get(reverse("admin:rankings_entry_change", args=[draft_entry.pk]))

    assert 'name="rank"' not in live_page.content.decode()
    assert 'name="rank"' in draft_page.content.decode()
    response = client.post(
        reverse("admin:rankings_entry_change", args=[live_entry.pk]), {"rank": "99"}
    )
    assert response.status_code == 403
    live_entry.refresh_from_db()
    assert live_entry.rank != 99


def test_users_without_entry_permissions_see_no_import(client):
    client.force_login(UserFactory())
    assert client.get(IMPORT).status_code == 403


def test_edition_page_links_entries_import_and_downloads(client, editor, draft_edition):
    EntryFactory(edition=draft_edition)
    client.force_login(editor)

    html = client.get(reverse("admin:rankings_edition_change", args=[draft_edition.pk]))
    html = html.content.decode()

    assert f"?edition__id__exact={draft_edition.pk}" in html
    assert f"{IMPORT}?edition={draft_edition.pk}" in html
    assert f"/{draft_edition.year}.csv?preview=1" in html
    assert f"/{draft_edition.year}.xlsx?preview=1" in html
    assert 'name="categories-TOTAL_FORMS"' in html
    assert "View on site" in html


def test_entry_list_filters_by_edition_and_searches_both_scripts(client, editor, huawei):
    edition, other = EditionFactory(), EditionFactory()
    EntryFactory(edition=edition, organisation=huawei)
    EntryFactory(edition=other, organisation=OrganisationFactory(name_en="Synthetic Other"))
    client.force_login(editor)

    by_edition = client.get(ENTRIES, {"edition__id__exact": edition.pk}).content.decode()
    assert "Huawei" in by_edition and "Synthetic Other" not in by_edition
    for term in ["華為", "huawei", "华为"]:
        found = client.get(ENTRIES, {"q": term}).content.decode()
        assert "Huawei" in found and "Synthetic Other" not in found, term


def test_series_and_edition_lists_search_both_scripts(client, editor):
    series = SeriesFactory(name_en="Synthetic Top List", name_zh_hans="合成榜单")
    EditionFactory(series=series, title_en="Synthetic Top 2101", title_zh_hans="合成二一零一")
    client.force_login(editor)

    for url in ["admin:rankings_series_changelist", "admin:rankings_edition_changelist"]:
        for term in ["合成", "synthetic"]:
            html = client.get(reverse(url), {"q": term}).content.decode()
            assert "Synthetic Top" in html, (url, term)


def test_organisation_autocomplete_on_the_entry_form(client, editor, huawei):
    client.force_login(editor)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "rankings",
            "model_name": "entry",
            "field_name": "organisation",
            "term": "华为",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Huawei"]


def test_entry_history_names_the_file(client, editor, draft_edition, huawei):
    client.force_login(editor)
    confirm(client, upload(client, draft_edition, csv_bytes(GOOD_FILE[:2]), name="合成.csv"))
    entry = Entry.objects.get()

    html = client.get(reverse("admin:rankings_entry_history", args=[entry.pk])).content.decode()

    assert "Imported from 合成.csv" in html
    assert f"/history/{entry.history.get().history_id}/" in html  # a version to revert to


def test_a_chinese_edit_in_the_entry_form_appears_in_the_history(client, editor, huawei):
    entry = EntryFactory(
        edition=EditionFactory(status=PublishingStatus.DRAFT), organisation=huawei, rank=3
    )
    client.force_login(editor)

    response = client.post(
        reverse("admin:rankings_entry_change", args=[entry.pk]),
        {
            "edition": entry.edition_id,
            "organisation": huawei.pk,
            "name_as_published": "华为",
            "category": "",
            "rank": "3",
            "rank_label": "",
            "value": "",
            "value_unit_en": "",
            "value_unit_zh_hans": "亿元",
            "currency": "",
            "headquarters_as_published": "",
            "notes_en": "",
            "notes_zh_hans": "合成的中文备注",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    record = entry.history.first()
    assert (record.notes_zh_hans, record.value_unit_zh_hans) == ("合成的中文备注", "亿元")
    assert record.history_user == editor
    html = client.get(reverse("admin:rankings_entry_history", args=[entry.pk])).content.decode()
    assert "合成的中文备注" in html


def test_a_confirm_that_fails_after_the_preview_writes_nothing_and_shows_why(
    client, editor, draft_edition, huawei
):
    client.force_login(editor)
    preview = upload(client, draft_edition, csv_bytes([["排名", "企业名称"], ["1", "华为"]]))
    # Meanwhile someone adds a second organisation that goes by the same name.
    OrganisationAliasFactory(organisation=OrganisationFactory(name_en="Synthetic Hua"), name="华为")
    before = counts()

    response = confirm(client, preview)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in html
    assert "“华为” matches 2 organisations" in html
    assert counts() == before
