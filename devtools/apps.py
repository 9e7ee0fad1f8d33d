from django.apps import AppConfig
from django.core import checks


class DevtoolsConfig(AppConfig):
    """Development tools: the benchmarks (``bench_pages``, ``bench_exports``, ``bench_ingest``)
    and the synthetic data they measure (``generate_volume``). Installed only when ``DEBUG`` or
    ``DEV_TOOLS`` is on (config/settings.py) and in the test settings; a production deployment
    (``DEBUG=0``) has none of these commands. The app has no models and no URLs of its own;
    ``devtools.bench_urls`` is loaded only by ``bench_exports``'s gunicorn."""

    name = "devtools"
    verbose_name = "Development tools"

    def ready(self) -> None:
        checks.register(installed_in_deployment, checks.Tags.security, deploy=True)


def installed_in_deployment(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """``check --deploy``: a deployment should not carry the benchmarks (they build and drop
    databases, and bench_urls serves rows without a login)."""
    return [checks.Warning(
        "The development tools (devtools: benchmarks, generate_volume) are installed.",
        hint="Unset DEV_TOOLS (and keep DEBUG=0) in production.",
        id="devtools.W001",
    )]
