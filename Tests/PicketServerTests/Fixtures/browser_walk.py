"""A real browser (headless Chromium driven by Selenium) walks Picket's dashboard like a first-time admin:
sign in with the one-time password, choose a password, run the setup wizard against gitlab-sim, wait for the
first scan, open a finding, ignore it, and check the pages. Screenshots go to --artifacts.

Usage: browser_walk.py --picket URL --gitlab URL --password OTP --token GLPAT --artifacts DIR
"""
import argparse
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

SECRET_VALUE = "q8W9e0R1t2Y3u4I5o6P7a8S9"  # the planted Slack webhook's secret part (storefront/.env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--picket", required=True)
    ap.add_argument("--gitlab", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--artifacts", required=True)
    a = ap.parse_args()
    os.makedirs(a.artifacts, exist_ok=True)

    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("PICKET_CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
                "--disable-extensions", "--no-first-run"):
        opts.add_argument(arg)
    # JavaScript off: the dashboard must work without it.
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(os.environ.get("PICKET_CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    driver.set_page_load_timeout(60)
    step = [0]

    def shot(name):
        step[0] += 1
        path = os.path.join(a.artifacts, f"{step[0]:02d}-{name}.png")
        driver.save_screenshot(path)
        print(f"screenshot {path}")

    def expect(cond, what):
        if not cond:
            shot("failure")
            raise AssertionError(f"{what} (at {driver.current_url})")
        print(f"ok   {what}")

    def wait_for(what, cond, timeout=30):
        """Waits for a condition on the page (navigation after a click completes asynchronously)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if cond():
                    return True
            except Exception:
                pass
            time.sleep(0.2)
        return False

    def click_and_wait(element_id, cond, what):
        driver.find_element(By.ID, element_id).click()
        expect(wait_for(what, cond), what)

    def fill(field_id, value):
        el = driver.find_element(By.ID, field_id)
        el.clear()
        el.send_keys(value)

    try:
        base = a.picket.rstrip("/")
        driver.get(base + "/")
        expect("/login" in driver.current_url, "anonymous visitors are sent to the sign-in page")
        shot("login")
        fill("username", "admin")
        fill("password", a.password)
        click_and_wait("sign-in", lambda: driver.current_url.endswith("/account/password"), "the one-time password must be changed first")
        shot("forced-password-change")
        fill("current", a.password)
        fill("new", "browser test passphrase")
        fill("confirm", "browser test passphrase")
        click_and_wait("change-password", lambda: "/setup" in driver.current_url and driver.find_elements(By.ID, "url"),
                       "after the change, the setup wizard starts")

        # Wizard step 1: where GitLab is.
        fill("url", a.gitlab)
        fill("group", "acme")
        shot("wizard-gitlab")
        click_and_wait("next-token", lambda: "Invite it as Maintainer" in driver.page_source,
                       "the wizard explains the account, token and role to create")
        shot("wizard-token")
        # Step 2/3: paste the token; every check runs live.
        fill("token", a.token)
        click_and_wait("check-token", lambda: driver.find_elements(By.ID, "check-verdict"), "the connection check runs")
        rows = driver.find_elements(By.CSS_SELECTOR, "#check-results tr.check-row")
        steps = [r.get_attribute("data-step") for r in rows]
        expect(steps == ["url", "token", "scopes", "expiry", "account", "group", "role", "tier", "projects", "git"],
               f"every connection step is shown in order: {steps}")
        expect("Every blocking step passed" in driver.find_element(By.ID, "check-verdict").text, "the check passes")
        expect(a.token not in driver.page_source, "the token is not echoed back")
        shot("wizard-check")
        # Step 4: the gate.
        Select(driver.find_element(By.ID, "gate")).select_by_value("high")
        click_and_wait("start-scan", lambda: "/setup/progress" in driver.current_url and driver.find_elements(By.ID, "progress"),
                       "the first sync and scan start")
        shot("first-scan-running")
        # Step 5: wait for the first scan (the page refreshes itself; we reload it the same way).
        deadline = time.time() + 300
        while time.time() < deadline:
            if driver.find_element(By.ID, "progress").get_attribute("data-finished") == "true":
                break
            time.sleep(2)
            driver.refresh()
        expect(driver.find_element(By.ID, "progress").get_attribute("data-finished") == "true", "the first scan finished")
        shot("first-scan-done")

        # Findings: the planted Slack webhook in storefront.
        click_and_wait("view-findings", lambda: driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr"), "findings are listed")
        shot("findings")
        Select(driver.find_element(By.ID, "f-kind")).select_by_value("secret")
        fill("f-q", ".env")
        click_and_wait("apply-filters", lambda: "q=.env" in driver.current_url or "q=%2Eenv" in driver.current_url, "the filters apply")
        links = [l for l in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr td a") if "/findings/" in l.get_attribute("href")]
        expect(links, "the filters find the finding in storefront/.env")
        href = links[0].get_attribute("href")
        links[0].click()
        expect(wait_for("finding page", lambda: driver.current_url == href and driver.find_elements(By.ID, "finding-state")),
               "the finding's page opens")
        expect("open" in driver.find_element(By.ID, "finding-state").text, "the finding is open")
        expect(driver.find_element(By.ID, "file-link").get_attribute("href").startswith(a.gitlab), "links to the file in GitLab")
        expect(SECRET_VALUE not in driver.page_source, "the secret's value is not shown")
        shot("finding")
        fill("ignore-reason", "test fixture, not a live webhook")
        click_and_wait("ignore", lambda: "ignored" in driver.find_element(By.ID, "finding-state").text, "the ignore form posts")
        state = driver.find_element(By.ID, "finding-state").text
        expect("ignored" in state, f"the finding is ignored ({state})")
        history = driver.find_element(By.ID, "history").text
        expect("ignored" in history and "test fixture, not a live webhook" in history and "admin" in history,
               "the history records who ignored it and why")
        shot("finding-ignored")
        driver.get(base + "/findings?kind=secret&q=.env")
        expect(not any(href == l.get_attribute("href") for l in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr td a")),
               "ignored findings leave the default (open) list")
        driver.get(base + "/findings?kind=secret&q=.env&state=ignored")
        expect(any(href == l.get_attribute("href") for l in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr td a")),
               "and are listed under state=ignored")
        shot("findings-ignored")

        # The dependency list: search the packages every default branch uses, as a person would.
        driver.find_element(By.LINK_TEXT, "Dependencies").click()
        expect(wait_for("dependencies page", lambda: driver.find_elements(By.ID, "components")), "the Dependencies page opens")
        fill("c-q", "lodash")
        click_and_wait("apply-filters", lambda: "q=lodash" in driver.current_url, "the search is applied")
        names = [r.find_element(By.CSS_SELECTOR, "td").text for r in driver.find_elements(By.CSS_SELECTOR, "#components tbody tr")]
        expect(names and all("lodash" in n for n in names), f"only lodash packages are listed: {names}")
        shot("dependencies")
        print("browser walk passed")
    finally:
        driver.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL {e}")
        sys.exit(1)
