from tests.pipeline.conftest import services_for  # noqa: F401 - a fixture, shared
from tests.support.db import engine_fixture
from tests.support.http_server import http_server_fixture

db_engine = engine_fixture()
http_server = http_server_fixture()
