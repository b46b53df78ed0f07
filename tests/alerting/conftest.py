from tests.alerting.db import empty_tables, module_engines  # noqa: F401 - fixtures

db_engine, sqlite_engine = module_engines()
