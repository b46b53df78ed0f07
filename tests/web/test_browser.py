"""A real headless Chromium (Debian's chromium + chromium-driver) drives the app on the demo story:
log in, read the claim chart, mark an alert as wrong and watch its point leave, resend a delivery.

Screenshots go to artifacts/screenshots/ (CI keeps that folder)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.store.schema import alerts, claim_observations, deliveries
from tests.support.db import engine_fixture
from tests.support.paths import REPO
from tests.support.services import unavailable
from tests.web.world import PASSWORD, WebWorld

pytestmark = pytest.mark.browser

# the browser test needs no second backend: the API tests cover PostgreSQL
web_engine = engine_fixture(backends=("sqlite",), scope="module")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SHOTS = REPO / "artifacts" / "screenshots"
T = "nk-troops-to-russia"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1300,1000", "--lang=en-GB",
)  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        unavailable(f"Chromium ({CHROMIUM}, {CHROMEDRIVER}; apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="monitor-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shoot(driver: object, name: str, height: int = 1000) -> Path:
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(driver, WebDriver)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1300, height)
    path = SHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    return path


def drawn(driver: object) -> tuple[int, int, set[int]]:
    """(observations the svg says it drew, sum of the marks' counts, ids on single marks)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(driver, WebDriver)
    svg = driver.find_element(By.CSS_SELECTOR, "svg.chart")
    marks = driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.obs")
    ids = {int(i) for m in marks for i in (m.get_attribute("data-ids") or "").split()}
    return (
        int(svg.get_attribute("data-observations") or -1),
        sum(int(m.get_attribute("data-count") or 0) for m in marks),
        ids,
    )


def observations(world: WebWorld, claim: str) -> int:
    with world.engine.connect() as conn:
        query = select(func.count()).where(
            claim_observations.c.claim_id == claim, claim_observations.c.wrong_at.is_(None)
        )
        return int(conn.scalar(query) or 0)


def test_an_analyst_session_in_a_real_browser(world: WebWorld, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    driver = browser
    assert isinstance(driver, WebDriver)
    driver.get(world.base_url + "/claims/" + T)
    assert "/login" in driver.current_url  # no session: the login page, which returns here
    driver.find_element(By.NAME, "name").send_keys("editor")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "section.login button").click()
    # the click returns before the browser has followed the login's redirect: wait for the page
    WebDriverWait(driver, 15).until(lambda d: d.current_url.endswith("/claims/" + T))
    assert driver.current_url.endswith("/claims/" + T)

    # the chart drew every observation of the claim (merged marks count what they hold)
    stored = observations(world, T)
    said, counted, ids = drawn(driver)
    assert said == counted == stored > 10
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart line.conflict")) > 0
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart g.alert-mark")) > 0
    shoot(driver, "claim-figure", 1250)
    driver.get(world.base_url + "/claims/nk-troops-deployment")
    said, counted, _ = drawn(driver)
    assert said == counted == observations(world, "nk-troops-deployment")
    shoot(driver, "claim-status", 1100)

    # the "2 soldiers" new figure is a false hit: mark it wrong, and its point leaves the chart
    with world.engine.connect() as conn:
        alert_id, observation_id = conn.execute(
            select(alerts.c.id, alerts.c.observation_id)
            .where(alerts.c.claim_id == T, alerts.c.kind == "new_figure")
            .order_by(alerts.c.value)
            .limit(1)
        ).one()
    assert observation_id in ids
    driver.get(world.base_url + "/alerts")
    shoot(driver, "alerts", 1400)
    driver.get(f"{world.base_url}/alerts/{alert_id}")
    driver.find_element(By.CSS_SELECTOR, f"form[action='/alerts/{alert_id}/wrong'] button").click()
    driver.switch_to.alert.accept()  # the confirmation
    mark = (By.CSS_SELECTOR, f"#alert-{alert_id} .tag.bad")
    WebDriverWait(driver, 15).until(expected_conditions.presence_of_element_located(mark))
    assert (
        driver.find_element(By.CSS_SELECTOR, f"#alert-{alert_id} .tag.bad").text == "marked wrong by editor"
    )
    driver.get(world.base_url + "/claims/" + T)
    said, counted, ids = drawn(driver)
    assert said == counted == stored - 1
    assert observation_id not in ids
    assert f'href="/alerts/{alert_id}"' not in driver.page_source  # nor its marker on the time axis
    assert "Marked wrong (1)" in driver.page_source
    shoot(driver, "claim-after-mark-wrong", 1250)

    # a failed webhook delivery goes out again
    driver.get(world.base_url + "/deliveries?status=failed")
    row = driver.find_element(By.CSS_SELECTOR, "tr.status-failed")
    delivery_id = int((row.get_attribute("id") or "").removeprefix("delivery-"))
    shoot(driver, "deliveries-failed", 900)
    row.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(row))
    assert f'id="delivery-{delivery_id}"' not in driver.page_source  # no longer among the failed
    driver.get(world.base_url + "/deliveries")
    status = driver.find_element(By.CSS_SELECTOR, f"#delivery-{delivery_id} .delivery-status").text
    assert status == "pending"
    with world.engine.connect() as conn:
        assert conn.scalar(select(deliveries.c.status).where(deliveries.c.id == delivery_id)) == "pending"
