from tests.alerting.db import empty_tables, module_engines  # noqa: F401 - fixtures
from tests.support.http_server import http_server_fixture

db_engine, sqlite_engine = module_engines()
http_server = http_server_fixture()
