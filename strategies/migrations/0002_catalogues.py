"""Higher-level documents and the smart-city base list (strategies/data/*.json)."""

from django.db import migrations

from strategies.catalogue import load_catalogues


def forwards(apps, schema_editor):
    load_catalogues(apps)


class Migration(migrations.Migration):
    dependencies = [("strategies", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
