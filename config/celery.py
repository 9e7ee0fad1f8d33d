"""The Celery application. Without CELERY_BROKER_URL tasks run eagerly (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not app.conf.broker_url:
    # Eager mode never contacts a broker; an in-memory transport keeps Celery from
    # defaulting to amqp://localhost when something inspects the connection.
    app.conf.broker_url = "memory://localhost/"
app.autodiscover_tasks()
