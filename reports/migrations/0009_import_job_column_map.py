from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_import_jobs'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='column_map',
            field=models.JSONField(blank=True, default=dict, verbose_name='column choices'),
        ),
    ]
