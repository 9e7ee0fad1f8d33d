from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development tools: the benchmarks (``bench_pages``, ``bench_exports``, ``bench_ingest``)
    and the synthetic data they measure (``generate_volume``). Installed only when ``DEBUG`` or
    ``DEV_TOOLS`` is on (config/settings.py) and in the test settings; a production deployment
    (``DEBUG=0``) has none of these commands. The app has no models and no URLs of its own;
    ``devtools.bench_urls`` is loaded only by ``bench_exports``'s gunicorn."""

    name = "devtools"
    verbose_name = "Development tools"
