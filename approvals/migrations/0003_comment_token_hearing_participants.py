"""Public comments carry the one-time token of their form (a form sent twice stores one comment)
and bounded texts; a hearing's participants are between 1 and 100 000."""

import django.core.validators
from django.db import migrations, models


def forget_impossible_participants(apps, schema_editor):
    """A count outside 1..100 000 was never a real one (it came in before the bounds): unknown."""
    Hearing = apps.get_model("approvals", "Hearing")
    Hearing.objects.filter(
        models.Q(participants__lt=1) | models.Q(participants__gt=100_000)
    ).update(participants=None)


class Migration(migrations.Migration):
    dependencies = [("approvals", "0002_route_and_immutable_snapshots")]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="token",
            field=models.UUIDField(
                blank=True, editable=False, null=True, unique=True, verbose_name="form token"
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="answer",
            field=models.TextField(
                blank=True, default="", max_length=5000, verbose_name="answer of the akimat"
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="text",
            field=models.TextField(max_length=5000, verbose_name="comment"),
        ),
        migrations.AlterField(
            model_name="hearing",
            name="participants",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(100000),
                ],
                verbose_name="participants",
            ),
        ),
        migrations.RunPython(forget_impossible_participants, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="hearing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("participants__isnull", True),
                    models.Q(("participants__gte", 1), ("participants__lte", 100000)),
                    _connector="OR",
                ),
                name="hearing_participants_in_range",
            ),
        ),
    ]
