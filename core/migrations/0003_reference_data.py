"""Regions, cities, settlements and organisations (core/data/*.json)."""

from django.db import migrations

from core.reference import load_reference


def forwards(apps, schema_editor):
    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
