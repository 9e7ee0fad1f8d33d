"""The table exports: every format holds the same rows as the CSV, filters hold, formulas are
defused, reads do not grow with rows, and on PostgreSQL the COPY path writes the very bytes
of the row-by-row writer."""

import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from compliance.choices import Stance
from compliance.exports import tables
from compliance.exports.columns import BOOL, DATE, DATETIME, FLOAT, STATEMENT_COLUMNS
from compliance.exports.csv import _safe
from compliance.filters import StatementFilterSet
from compliance.models import Actor, Allegation, Statement, Transfer
from tests import factories

pytestmark = pytest.mark.django_db

KIND_QUERYSETS = {
    "allegations": lambda: Allegation.objects.all(),
    "statements": lambda: Statement.objects.all(),
    "transfers": lambda: Transfer.objects.all(),
    "transfer_legs": lambda: Transfer.objects.all(),
}


def _bytes(export) -> bytes:
    return b"".join(export)


def _csv(export) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_bytes(export).decode("utf-8-sig"))))


def _as_csv_cell(column, value) -> str:
    """A value read back from XLSX, Parquet or JSON, written as the CSV writes it."""
    if value is not None and column.type == DATE and isinstance(value, dt.datetime):
        value = value.date()  # openpyxl reads date cells as datetimes
    if value is not None and column.type == DATETIME:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:  # XLSX holds UTC without a zone
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
    if value is not None and column.type == DATE and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if value is not None and column.type == FLOAT:
        value = float(value)
    if column.type == BOOL and value is not None:
        value = bool(value)
    return _safe(value if value != "" else None)


def _normalised_csv(rows, columns, *, milliseconds=False):
    """CSV rows with datetimes in UTC, so that a zone's spelling does not count; XLSX keeps
    times to the millisecond (Excel stores them as fractions of a day)."""
    out = []
    for row in rows:
        cells = []
        for column, cell in zip(columns, row, strict=True):
            if column.type == DATETIME and cell:
                value = dt.datetime.fromisoformat(cell).astimezone(dt.UTC)
                if milliseconds:
                    value = value.replace(microsecond=0) + dt.timedelta(
                        milliseconds=round(value.microsecond / 1000))
                cell = value.isoformat()
            cells.append(cell)
        out.append(cells)
    return out


@pytest.mark.parametrize("kind", list(KIND_QUERYSETS))
def test_every_format_holds_the_rows_of_the_csv(seeded, kind):
    columns = tables.COLUMNS[kind]
    queryset = KIND_QUERYSETS[kind]()
    rows = _csv(tables.export_kind(kind, queryset, "csv"))
    assert rows[0] == [c.header for c in columns]
    expected = _normalised_csv(rows[1:], columns)
    assert len(expected) > 0

    records = json.loads(_bytes(tables.export_kind(kind, queryset, "json")))
    assert [[_as_csv_cell(c, r[c.header]) for c in columns] for r in records] == expected

    table = pq.read_table(io.BytesIO(_bytes(tables.export_kind(kind, queryset, "parquet"))))
    assert table.column_names == [c.header for c in columns]
    assert [[_as_csv_cell(c, r[c.header]) for c in columns] for r in table.to_pylist()] == expected

    workbook = load_workbook(io.BytesIO(_bytes(tables.export_kind(kind, queryset, "xlsx"))), read_only=True)
    sheet = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(sheet[0]) == [c.header for c in columns]
    assert [[_as_csv_cell(c, v) for c, v in zip(columns, row, strict=True)] for row in sheet[1:]] == (
        _normalised_csv(rows[1:], columns, milliseconds=True))


def test_parquet_columns_are_typed(seeded):
    table = pq.read_table(io.BytesIO(_bytes(tables.export_kind("transfer_legs", Transfer.objects.all(), "parquet"))))
    types = {field.name: str(field.type) for field in table.schema}
    assert types["transfer_id"] == "int64" and types["sequence"] == "int64"
    assert types["from_latitude"] == "double" and types["departed_on"] == "date32[day]"
    allegations = pq.read_table(io.BytesIO(_bytes(tables.export_kind("allegations", Allegation.objects.all(),
                                                                      "parquet"))))
    assert str(allegations.schema.field("updated_at").type) == "timestamp[us, tz=UTC]"
    assert str(allegations.schema.field("status_change_pending").type) == "bool"


def test_the_najin_route_has_one_row_per_leg_with_coordinates(seeded):
    najin = Transfer.objects.filter(ref="dprk-russia-najin-dunay-2023")
    records = json.loads(_bytes(tables.export_kind("transfer_legs", najin, "json")))
    assert [(r["sequence"], r["from_place"], r["to_place"], r["mode"], r["vessel"]) for r in records] == [
        (1, "Rajin (Najin) port", "Dunay naval facility", "sea", "Angara"),
        (2, "Dunay naval facility", "Ammunition depot near Tikhoretsk", "rail", ""),
    ]
    assert (records[0]["from_latitude"], records[0]["from_longitude"]) == (42.245, 130.295)


@pytest.mark.parametrize("fmt", list(tables.FORMATS))
def test_a_filtered_queryset_exports_only_its_rows(seeded, fmt):
    russia = Actor.objects.get(ref="russia")
    filtered = StatementFilterSet({"stance": [Stance.DENIES], "originator": russia.pk},
                                  queryset=Statement.objects.all()).qs
    wanted = set(filtered.values_list("pk", flat=True))
    assert wanted and len(wanted) < Statement.objects.count()
    content = _bytes(tables.export_kind("statements", filtered, fmt))
    if fmt == "csv":
        ids = [int(r[0]) for r in _csv([content])[1:]]
    elif fmt == "json":
        ids = [r["id"] for r in json.loads(content)]
    elif fmt == "parquet":
        ids = pq.read_table(io.BytesIO(content)).column("id").to_pylist()
    else:
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(wanted)


def test_rows_keep_the_querysets_order_with_ties_broken_by_id(db):
    day = dt.date(2023, 10, 13)
    made = [factories.StatementFactory(stated_on=day) for _ in range(4)]
    records = json.loads(_bytes(tables.export_kind("statements", Statement.objects.order_by("stated_on"), "json")))
    assert [r["id"] for r in records] == sorted(s.pk for s in made)


def test_cells_that_look_like_formulas_are_defused_in_csv_and_text_in_xlsx(db):
    factories.AllegationFactory(title='=HYPERLINK("http://evil.example")', summary="-1+1")
    rows = _csv(tables.export_kind("allegations", Allegation.objects.all(), "csv"))
    assert rows[1][2] == "'=HYPERLINK(\"http://evil.example\")" and rows[1][-1] == "'-1+1"
    content = _bytes(tables.export_kind("allegations", Allegation.objects.all(), "xlsx"))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["C2"].value == '=HYPERLINK("http://evil.example")' and sheet["C2"].data_type == "s"


@pytest.mark.parametrize("fmt", list(tables.FORMATS))
def test_an_empty_queryset_gives_a_valid_empty_file(db, fmt):
    export = tables.export_kind("statements", Statement.objects.none(), fmt)
    content = _bytes(export)
    assert export.rows == 0
    if fmt == "csv":
        assert _csv([content]) == [[c.header for c in STATEMENT_COLUMNS]]
    elif fmt == "json":
        assert json.loads(content) == []
    elif fmt == "parquet":
        assert pq.read_table(io.BytesIO(content)).num_rows == 0
    else:
        assert load_workbook(io.BytesIO(content)).worksheets[0].max_row == 1


def test_the_row_count_is_known_once_written(seeded):
    export = tables.export_kind("statements", Statement.objects.all(), "csv")
    _bytes(export)
    assert export.rows == Statement.objects.count()


@pytest.mark.parametrize("kind", list(KIND_QUERYSETS))
def test_reads_do_not_grow_with_rows(db, kind):
    def grow(n):
        for _ in range(n):
            statement = factories.StatementFactory(speaker=factories.PersonFactory(),
                                                   documents=[factories.SourceDocumentFactory()])
            allegation = factories.AllegationFactory()
            factories.AllegationStatementFactory(allegation=allegation, statement=statement)
            transfer = factories.TransferFactory()
            factories.TransferItemFactory(transfer=transfer)
            factories.RouteLegFactory(transfer=transfer, sequence=1, vessel=factories.VesselFactory())
            allegation.transfers.add(transfer)

    def queries():
        with CaptureQueriesContext(connection) as context:
            _bytes(tables.export_table(tables.prepare_queryset(kind, KIND_QUERYSETS[kind]()),
                                       tables.COLUMNS[kind], "csv"))
        return len(context.captured_queries)

    grow(2)
    before = queries()
    grow(12)
    assert queries() == before


def test_unknown_formats_and_tables_are_refused(db):
    with pytest.raises(tables.ExportError, match="Unknown format"):
        tables.export_kind("statements", Statement.objects.all(), "pdf")
    with pytest.raises(tables.ExportError, match="Unknown table"):
        tables.export_kind("vessels", Statement.objects.all(), "csv")
    with pytest.raises(tables.ExportError, match="queryset of Allegation"):
        tables.export_kind("allegations", Statement.objects.all(), "csv")


def test_every_statement_column_has_an_sql_twin():
    assert list(tables.statement_sql()) == [c.header for c in STATEMENT_COLUMNS]


# --------------------------------------------------------------------------- COPY on PostgreSQL

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="COPY is PostgreSQL's; on SQLite stream_csv always uses the row-by-row writer "
    "(run with DATABASE_URL=postgres://... to compare the two paths)",
)


@pytest.fixture
def awkward_statements(seeded):
    """Statements whose text tests CSV quoting and the formula guard on both paths."""
    uk = Actor.objects.get(ref="united-kingdom")
    twin = factories.ActorFactory(name="United Kingdom", kind="organisation")  # same name, other kind
    factories.StatementFactory(
        gist='Said "yes", then no;\nthen\r\nmaybe', quote="=cmd|' /C calc'!A0", venue="-", speaker_title="@here",
        stated_on=None, on_behalf_of=[uk, twin], documents=[factories.SourceDocumentFactory()],
    )
    factories.StatementFactory(gist="\ttabbed, and “quoted” ünïcødé", quote="+1", stated_on_precision="month",
                               on_behalf_of=[])
    factories.StatementFactory(gist="a\rb", estimative_phrase="", speaker=factories.PersonFactory(name="-Dash"))


@needs_postgres
def test_copy_and_row_by_row_csv_are_identical(awkward_statements):
    queryset = Statement.objects.all()
    copied = tables.stream_csv("statements", queryset, use_copy=True)
    written = tables.stream_csv("statements", queryset, use_copy=False)
    copied_bytes, written_bytes = _bytes(copied), _bytes(written)
    assert copied_bytes == written_bytes
    assert copied.rows == written.rows == queryset.count()
    assert b"'=cmd" in copied_bytes and b"'-Dash" in copied_bytes


@needs_postgres
def test_copy_and_row_by_row_agree_on_a_filtered_distinct_queryset(awkward_statements):
    russia = Actor.objects.get(ref="russia")
    filtered = StatementFilterSet({"originator": russia.pk, "ordering": "-stance"},
                                  queryset=Statement.objects.all()).qs
    copied = _bytes(tables.stream_csv("statements", filtered, use_copy=True))
    assert copied == _bytes(tables.stream_csv("statements", filtered, use_copy=False))
    assert len(_csv([copied])) - 1 == filtered.count() > 0


@needs_postgres
def test_stream_csv_uses_copy_for_statements_on_postgres(seeded):
    assert tables.can_copy("statements", Statement.objects.all())
    assert not tables.can_copy("allegations", Allegation.objects.all())
    with CaptureQueriesContext(connection) as context:
        _bytes(tables.stream_csv("statements", Statement.objects.all()))
    # COPY runs on psycopg's own cursor, outside Django's query log: no row-by-row reads.
    assert not any("statement" in q["sql"].lower() for q in context.captured_queries)


def test_on_sqlite_stream_csv_falls_back_to_the_row_by_row_writer(seeded):
    if connection.vendor == "postgresql":
        pytest.skip("checks the SQLite fallback")
    assert not tables.can_copy("statements", Statement.objects.all())
    rows = _csv(tables.stream_csv("statements", Statement.objects.all()))
    assert len(rows) - 1 == Statement.objects.count()
    with pytest.raises(tables.ExportError, match="COPY"):
        tables.stream_csv("statements", Statement.objects.all(), use_copy=True)


@pytest.mark.django_db
@pytest.mark.parametrize("use_copy", [False, True])
def test_withdrawn_statements_stay_in_the_export_marked(analyst, use_copy):
    from compliance.services.records import record_withdraw

    if use_copy and connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    factories.StatementFactory(gist="Kept")
    retired = factories.StatementFactory(gist="Retired")
    record_withdraw(instance=retired, by=analyst, reason="=The ministry retracted it")
    rows = _csv(tables.stream_csv("statements", Statement.objects.all(), use_copy=use_copy))
    header, body = rows[0], {r[rows[0].index("gist")]: r for r in rows[1:]}
    assert header[-2:] == ["withdrawn", "withdrawal_reason"]
    assert body["Kept"][-2:] == ["no", ""]
    assert body["Retired"][-2:] == ["yes", "'=The ministry retracted it"]
