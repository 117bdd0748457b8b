"""Load the built docs site in headless Chromium and check that it works as a reader sees it.

usage: python scripts/check_site.py SITE_DIR [--chromium /usr/bin/chromium] [--screenshots DIR]

Serves SITE_DIR (the output of ``mkdocs build``) on localhost and checks, in Chromium driven by
Playwright, that the home page, a mechanism's page, a country's page and the tour notebook
load and hold their tables (or outputs), and that typing "Busan" in the search box finds a
meeting held in Busan and links to its section. What to expect is read from the data
(korea_diplomacy, as installed). Requests that leave localhost (web fonts...) are refused, so
the check needs no network. Exits 1 on the first failed check, with what was wrong.

CI runs this after ``mkdocs build --strict`` (.ci/run); the tests do not (no browser needed to
run them). Never run ``playwright install``: the browser is Debian's ``chromium`` package.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import korea_diplomacy as kd

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
SEARCH_FOR = "Busan"
MECHANISM = "east-asia-summit"
COUNTRY = "vnm"


class SiteError(Exception):
    """A check failed: the message says which and what was found."""


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """The directory served over HTTP on a free localhost port, for as long as the block runs."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # a line per request would bury the checks' own output

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # a page the browser left
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SiteError(what)
    print(f"ok: {what}")


def check_page(page: Any, url: str, title: str, min_tables: int, must_show: list[str]) -> None:
    response = page.goto(url, wait_until="domcontentloaded")
    check(response is not None and response.ok, f"{url} loads ({response and response.status})")
    heading = page.locator("article h1").first.inner_text()
    check(heading.strip().rstrip("¶").strip() == title, f"{url} is headed {title!r} ({heading!r})")
    tables = page.locator("article table").count()
    check(tables >= min_tables, f"{url} holds {min_tables}+ tables ({tables})")
    text = page.locator("article").inner_text()
    missing = [shown for shown in must_show if shown not in text]
    check(not missing, f"{url} shows the {len(must_show)} names it should (missing: {missing})")


def run(site: Path, chromium: str, screenshots: Path | None) -> None:
    # Imported here: the docs extra provides Playwright, and --help should work without it.
    from playwright.sync_api import sync_playwright

    eas = kd.mechanisms[MECHANISM]
    eas_meetings = [m for m in kd.meetings if m.mechanism == MECHANISM]
    country = kd.actors[COUNTRY]
    relation = next(r for r in kd.relations if r.partner == COUNTRY)
    busan = {
        f"data/mechanisms/{m.mechanism}/#{m.id}": m.name
        for m in kd.meetings
        if m.city == SEARCH_FOR
    }
    check(bool(busan), f"the data holds meetings in {SEARCH_FOR}: {sorted(busan.values())}")

    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)

        def snap(name: str) -> None:  # what a reader saw, to look at when a check fails
            if screenshots is not None:
                screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshots / f"{name}.png"))

        host = urlsplit(root).netloc
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if urlsplit(route.request.url).netloc == host else route.abort()
            ),
        )

        check_page(page, root, "korea-diplomacy", 1, ["pip install"])
        snap("home")
        check_page(
            page,
            f"{root}data/mechanisms/{MECHANISM}/",
            eas.name,
            3,
            [m.name for m in eas_meetings] + [kd.actors[m.member].name for m in eas.memberships],
        )
        rows = page.locator("article h2#meetings + * table tbody tr").count()
        snap("mechanism")
        check(rows == len(eas_meetings), f"the meetings table has a row per meeting ({rows})")
        check_page(
            page,
            f"{root}data/countries/{COUNTRY}/",
            country.name,
            2,
            [relation.established.human(), country.name_in("ko") or country.name],
        )
        snap("country")
        response = page.goto(f"{root}examples/tour/", wait_until="domcontentloaded")
        check(response is not None and response.ok, "the tour notebook is a page of the site")
        outputs = page.locator(".jp-OutputArea-output").count()
        snap("tour")
        check(outputs >= 10, f"the tour page shows the notebook's outputs ({outputs})")
        check(page.locator(".jp-OutputArea-output img").count() >= 1, "the tour shows a figure")

        page.goto(root, wait_until="domcontentloaded")
        box = page.locator("input.md-search__input")
        box.click()
        box.type(SEARCH_FOR, delay=50)
        results = page.locator(".md-search-result__list a")
        results.first.wait_for(state="attached")
        hrefs = [results.nth(n).get_attribute("href") or "" for n in range(results.count())]
        snap("search")
        found = sorted(
            name for target, name in busan.items() if any(h.endswith(target) for h in hrefs)
        )
        check(bool(found), f"searching {SEARCH_FOR!r} links to a meeting held there: {found}")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the directory mkdocs built")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser to drive")
    parser.add_argument("--screenshots", type=Path, help="save what each check saw here (PNG)")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site (no index.html)", file=sys.stderr)
        return 2
    try:
        run(args.site, args.chromium, args.screenshots)
    except SiteError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    print("the site works in Chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
