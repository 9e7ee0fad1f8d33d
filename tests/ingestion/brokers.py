"""A broker that cannot be reached, for tests of what submitting does then: a Redis URL on
a local port nobody listens on (connection refused at once), with eager execution off so
that publishing really goes to it (fixture ``broker_down`` in tests/ingestion/conftest.py)."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _use_broker(app, url: str, *, eager: bool) -> None:
    app.conf["broker_write_url"] = url  # the env's CELERY_BROKER_URL wins over broker_url
    app.conf.task_always_eager = eager
    # Producers are pooled per connection: forget the pools of the previous broker.
    app.amqp._producer_pool = None
    app._pool = None


class BrokerSwitch:
    def __init__(self, app):
        self.app = app
        self.url = f"redis://127.0.0.1:{free_port()}/0"

    def down(self) -> None:
        _use_broker(self.app, self.url, eager=False)

    def back(self) -> None:
        """The broker answers again; tasks run in this process (as the autouse fixture has it)."""
        _use_broker(self.app, self.before[0], eager=True)


def broker_switch():
    """Yields a switch; the broker is unreachable until the test calls ``.back()``."""
    from config.celery import app

    switch = BrokerSwitch(app)
    switch.before = (app.conf.get("broker_write_url"), app.conf.task_always_eager)
    switch.down()
    yield switch
    _use_broker(app, switch.before[0], eager=switch.before[1])
