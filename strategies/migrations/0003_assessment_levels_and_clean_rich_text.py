"""Self-assessment levels as a choice of 1 to 5; rich text already stored (through the admin,
which did not clean it before) cleaned against the allow-list, as every write now does."""

from django.db import migrations, models

from core.i18n import CONTENT_LANGUAGES
from core.richtext import sanitize_html
from strategies.sections import RICH_TEXTS


def clean_stored_rich_text(apps, schema_editor):
    for model_name, fields in RICH_TEXTS.items():
        model = apps.get_model("strategies", model_name)
        columns = [f"{field}_{lang}" for field in fields for lang in CONTENT_LANGUAGES]
        columns += list(fields)
        for row in model.objects.only("pk", *columns).iterator():
            stored = {column: getattr(row, column) for column in columns if getattr(row, column)}
            changed = {
                column: sanitize_html(value)
                for column, value in stored.items()
                if sanitize_html(value) != value
            }
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("strategies", "0002_catalogues")]

    operations = [
        migrations.AlterField(
            model_name="sphereassessment",
            name="level",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                verbose_name="level (1-5)",
            ),
        ),
        migrations.RunPython(clean_stored_rich_text, migrations.RunPython.noop),
    ]
