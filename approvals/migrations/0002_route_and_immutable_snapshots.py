"""The route of the Methodology (p.14-16) as data, and snapshots the database refuses to change."""

from django.db import migrations

from approvals.route_data import create_route

TRIGGERS = {
    "postgresql": [
        """CREATE FUNCTION approvals_snapshot_immutable() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'a snapshot is immutable'; END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER approvals_snapshot_no_update BEFORE UPDATE OR DELETE ON approvals_snapshot
           FOR EACH ROW EXECUTE FUNCTION approvals_snapshot_immutable()""",
    ],
    "sqlite": [
        """CREATE TRIGGER approvals_snapshot_no_update BEFORE UPDATE ON approvals_snapshot
           BEGIN SELECT RAISE(ABORT, 'a snapshot is immutable'); END""",
        """CREATE TRIGGER approvals_snapshot_no_delete BEFORE DELETE ON approvals_snapshot
           BEGIN SELECT RAISE(ABORT, 'a snapshot is immutable'); END""",
    ],
}


def create_triggers(apps, schema_editor):
    for statement in TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [
        migrations.RunPython(create_route, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, migrations.RunPython.noop),
    ]
