"""A statement keeps the reporting verb its source used ("accused", "confirmed"): the six
stances say what a statement does with a claim, the verb says how it was put."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("compliance", "0008_transfer_sources")]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="reporting_verb",
            field=models.CharField(
                blank=True, max_length=60,
                help_text='The verb or phrase the source used ("accused", "confirmed", "warned"). Descriptive '
                          "only: the stance says what the statement does with the claim.",
            ),
        ),
    ]
