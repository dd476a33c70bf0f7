"""Audit events outlive everything they name: deleting a strategy with events is refused
(PROTECT instead of CASCADE), and on PostgreSQL the database refuses to delete an event at all.

SQLite gets no such trigger: Django empties an SQLite database between transactional tests with
DELETE statements (PostgreSQL's TRUNCATE fires no row trigger), and the PROTECT of every foreign
key already keeps the application from deleting events there."""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = [
    """CREATE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only: none is ever deleted'; END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()""",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_reference_data"),
        ("strategies", "0002_catalogues"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="strategy",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to="strategies.strategy",
                verbose_name="strategy",
            ),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
