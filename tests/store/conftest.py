from tests.support.db import engine_fixture

db_engine = engine_fixture()
