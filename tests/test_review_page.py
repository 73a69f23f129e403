"""The review page (issue 16): its words, what it shows of a document, its session rules,
and the review flow in a real browser (Playwright driving Debian's chromium, no download)."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from docpipe.api.i18n import EN, TR, translator
from docpipe.api.page_model import audit_text
from docpipe.api.pages import CSRF_HEADER
from docpipe.pipeline import Pipeline
from docpipe.redact.vault import new_key
from docpipe.result import Status
from docpipe.settings import Settings, load_settings
from tests.hostile import text_pdf_bytes

pytest.importorskip("samplegen.layouts")
from samplegen.invoice_spec import random_invoice_spec
from samplegen.layouts import render_invoice
from samplegen.plan import INVOICES

# -- words and field states (no server) ----------------------------------------------------


def test_turkish_and_english_tables_have_the_same_keys() -> None:
    assert TR.keys() == EN.keys()
    assert translator("tr")("doc.title", id=7) == "Belge 7"
    assert translator("en")("doc.title", id=7) == "Document 7"


def test_every_field_of_every_family_has_a_label_in_both_languages() -> None:
    from docpipe.api.field_labels import BY_FAMILY, NAMES, field_label
    from docpipe.families import FAMILIES
    from docpipe.schemas.marks import schema_marks

    missing = []
    for family in FAMILIES:
        own = BY_FAMILY.get(family.name, {})
        for leaf in schema_marks(family.schema):
            parents = ("", *leaf.path[:-1])
            for parent, name in zip(parents, leaf.path, strict=True):
                words = own.get(f"{parent}.{name}") or own.get(name) or NAMES.get(name)
                if name != "*" and not (words and all(words)):
                    missing.append(f"{family.name}: {leaf.dotted} ({name})")
    assert missing == []
    assert field_label("line_items.3.kdv_amount", "invoice", "tr") == "Kalem 4 · KDV tutarı"
    assert field_label("line_items.3.kdv_amount", "invoice", "en") == "Item 4 · VAT amount"
    assert field_label("buyer.tckn", "invoice", "tr") == "Alıcı · T.C. kimlik no"
    assert field_label("issue_date", "identity", "tr") == "Veriliş tarihi"
    assert field_label("parties.1.representatives.0.title", "contract", "en") == (
        "Party 2 · Representative 1 · Title"
    )
    assert field_label("no_such.field", None, "tr") == "no_such · field"  # shown, not an error


def test_a_correction_reads_old_to_new_and_a_personal_value_stays_sealed() -> None:
    t = translator("en")
    details = {
        "fields": [
            {"field": "total_with_taxes", "old": "120.00", "new": "102.00"},
            {
                "field": "seller.name",
                "personal": True,
                "old": {"vault": "x"},
                "new": {"vault": "y"},
            },
        ],
        "status": "ok",
        "failed_checks": [],
    }
    text = audit_text("correct", details, t)
    assert text == "total_with_taxes: 120.00 → 102.00; seller.name: (sealed) → (sealed); status: ok"
    assert audit_text("reveal", {"field": "iban", "reason": "audit"}, t) == (
        "field: iban; reason: audit"
    )


# -- a real server over a temporary database ------------------------------------------------

TOKENS = {
    "ayse": ("reviewer", "reviewer-token-0123456789"),
    "kemal": ("privacy_officer", "officer-token-0123456789"),
    "okan": ("reader", "reader-token-0123456789ab"),
}


@dataclass
class Site:
    url: str
    settings: Settings
    planted: int  # uploaded through the API; needs_review: its total printed 100 TL too high
    second: int  # needs_review too, queued after it
    unknown: int  # a page docpipe did not recognise: needs_review, no record


def _planted_invoice(name: str, path: Path, extra: Decimal) -> Path:
    """A committed sample's invoice re-rendered with its total printed ``extra`` too high
    (and no amount in words): the arithmetic fails, the document needs review."""
    spec_sample = next(s for s in INVOICES if s.name == name)
    rng = random.Random(f"1923/{name}")
    spec = random_invoice_spec(rng, **spec_sample.overrides)
    bad = dataclasses.replace(
        spec, total_with_taxes=spec.total_with_taxes + extra, amount_in_words=None
    )
    path.write_bytes(render_invoice(bad, spec_sample.layout, rng))
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import uvicorn

    from docpipe.api.app import create_app

    tmp = tmp_path_factory.mktemp("review")
    settings = load_settings(
        database_url=f"sqlite:///{tmp / 'docpipe.db'}",
        vault_key=new_key(),
        api_tokens=[{"name": n, "role": r, "token": t} for n, (r, t) in TOKENS.items()],
        api_upload_dir=str(tmp / "uploads"),
        api_sync_wait_s=120,  # the upload answers once processed (an event, not a sleep)
        jobs=1,
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # readiness, not timing: the thread sets it once listening
        assert thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    url = "http://{}:{}".format(*sock.getsockname())
    # the first one as a back office sends it: uploaded through the API
    planted = _planted_invoice("kagit_01", tmp / "kagit_01.pdf", Decimal(100))
    with planted.open("rb") as f:
        upload = httpx.post(
            f"{url}/v1/documents",
            files={"file": ("kagit_01.pdf", f, "application/pdf")},
            headers={"Authorization": f"Bearer {TOKENS['ayse'][1]}"},
            timeout=120,
        )
    assert upload.status_code == 200, upload.text  # done within api_sync_wait_s
    assert upload.json()["outcome"] == "needs_review", upload.json()
    with Pipeline(settings) as pipe:
        second = pipe.process(_planted_invoice("earsiv_01", tmp / "earsiv_01.pdf", Decimal(7)))
        notes = tmp / "notes.pdf"
        notes.write_bytes(text_pdf_bytes(["Toplantı notları: yarın saat onda bahçede."]))
        unknown = pipe.process(notes)
    assert {second.status, unknown.status} == {Status.needs_review}
    ids = upload.json()["document_id"], second.document_id, unknown.document_id
    yield Site(url, settings, *ids)
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


def _login(client: httpx.Client, site: Site, who: str) -> None:
    response = client.post(f"{site.url}/review/login", data={"token": TOKENS[who][1]})
    assert response.status_code == 303, response.text


def test_login_sets_a_strict_http_only_cookie_and_a_wrong_token_is_refused(site: Site) -> None:
    with httpx.Client() as client:
        assert client.get(f"{site.url}/review").headers["location"] == "/review/login"
        bad = client.post(f"{site.url}/review/login", data={"token": "not-a-token-at-all"})
        assert bad.status_code == 401 and "docpipe_session" not in bad.cookies
        ok = client.post(f"{site.url}/review/login", data={"token": TOKENS["ayse"][1]})
        cookie = ok.headers["set-cookie"].lower()
        assert ok.status_code == 303 and "httponly" in cookie and "samesite=strict" in cookie
        page = client.get(f"{site.url}/review")
        assert page.status_code == 200 and f"/review/documents/{site.planted}" in page.text


def test_a_state_change_with_the_cookie_needs_the_csrf_token(site: Site) -> None:
    with httpx.Client() as client:
        _login(client, site, "ayse")
        approve = f"{site.url}/v1/documents/{site.second}/approve"
        assert client.post(approve).status_code == 401  # cookie alone: as if no one asked
        wrong = client.post(approve, headers={CSRF_HEADER: "0" * 64})
        assert wrong.status_code == 401
        assert client.get(f"{site.url}/v1/documents/{site.second}").status_code == 200
        other = client.post(
            f"{site.url}/review/login",
            data={"token": TOKENS["ayse"][1]},
            headers={"Origin": "https://elsewhere.example"},
        )
        assert other.status_code == 403  # a login form posted from another site


def test_the_queue_lists_needs_review_oldest_first_with_reasons(site: Site) -> None:
    with httpx.Client() as client:
        _login(client, site, "okan")
        page = client.get(f"{site.url}/review").text
    if f"/review/documents/{site.planted}" in page:  # not yet approved by the browser test
        assert page.index(f"documents/{site.planted}") < page.index(f"documents/{site.second}")
    assert "subtotal + KDV does not equal the total" in page
    assert "İnceleme kuyruğu" in page  # Turkish by default


def test_a_reader_sees_the_document_read_only(site: Site) -> None:
    with httpx.Client() as client:
        _login(client, site, "okan")
        page = client.get(f"{site.url}/review/documents/{site.second}").text
        assert 'id="approve"' not in page and 'button class="reveal"' not in page
        assert '<input class="value"' in page and "readonly" in page
        assert 'id="reason-dialog"' not in page
        csrf = re.search(r'name="csrf-token" content="([0-9a-f]{64})"', page)
        assert csrf is not None
        out = client.post(f"{site.url}/review/logout", data={"csrf": csrf.group(1)})
        assert out.status_code == 303 and 'docpipe_session=""' in out.headers["set-cookie"]


def test_a_document_without_a_record_shows_why(site: Site) -> None:
    with httpx.Client() as client:
        _login(client, site, "ayse")
        page = client.get(f"{site.url}/review/documents/{site.unknown}")
        missing = client.get(f"{site.url}/review/documents/999999")
    assert page.status_code == 200 and 'id="reasons"' in page.text
    assert '<li class="field' not in page.text
    assert missing.status_code == 404 and "Belge bulunamadı." in missing.text


def test_english_is_a_setting(site: Site) -> None:
    from fastapi.testclient import TestClient

    from docpipe.api.app import create_app

    english = site.settings.model_copy(update={"ui_language": "en"})
    with TestClient(create_app(english), base_url="http://127.0.0.1") as client:
        _login_client = client.post("/review/login", data={"token": TOKENS["okan"][1]})
        assert _login_client.status_code == 200  # TestClient follows the redirect
        assert "Review queue" in _login_client.text and 'lang="en"' in _login_client.text


# -- in Chromium -------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
LIMIT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # upper bounds for a loaded CI machine; every wait ends as soon as the page is there
    expect.set_options(timeout=LIMIT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def _signed_in(browser: Any, site: Site, who: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(LIMIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site.url}/review")
    page.fill("#token", TOKENS[who][1])
    page.click("form.login button")
    page.wait_for_url(f"{site.url}/review")
    page.errors = errors
    return page


def test_review_flow_in_chromium(browser: Any, site: Site, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "ayse")
    row = page.locator(f'table.queue tr[data-doc="{site.planted}"]')
    expect(row).to_contain_text("subtotal + KDV does not equal the total")
    row.locator("a").first.click()
    page.wait_for_url(f"**/review/documents/{site.planted}")

    # every field with a box on page 1 is drawn over the image; the wrong total is red
    overlay = page.locator('svg.overlay.ready[data-page="1"]')
    expect(overlay).to_be_visible()
    boxes = overlay.locator("rect.box")
    with_box = page.evaluate("document.querySelectorAll('#fields li.field').length")
    assert boxes.count() >= 30 and boxes.count() <= with_box
    total_box = overlay.locator('rect.box[data-field="total_with_taxes"]')
    expect(total_box).to_have_class(re.compile(r"\bstate-failed\b"))
    stroke = total_box.evaluate("el => getComputedStyle(el).stroke")
    assert stroke == "rgb(220, 38, 38)", stroke
    # the box sits on the image where its label is: inside the image, right half
    img, box = page.locator('figure[data-page="1"] img').bounding_box(), total_box.bounding_box()
    assert img["x"] + img["width"] / 2 < box["x"] < img["x"] + img["width"]
    assert img["y"] < box["y"] < img["y"] + img["height"]

    shot = tmp_path / "review-before.png"  # the wrong total red over the page, its reason
    page.locator('li.field[data-field="total_with_taxes"]').scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # clicking a field in the list highlights its box
    page.locator('li.field[data-field="buyer.vkn"] label').click()
    expect(overlay.locator('rect.box[data-field="buyer.vkn"]')).to_have_class(re.compile("active"))

    # Tab goes from problem field to problem field; Enter accepts one as it is
    focused = "document.activeElement.closest('li.field').dataset.field"
    page.locator("h1").click()
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "total_with_taxes"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "payable_amount"
    page.keyboard.press("Enter")
    expect(page.locator('li.field[data-field="payable_amount"]')).to_have_class(
        re.compile("accepted")
    )
    assert page.evaluate(focused) == "total_with_taxes"  # the one problem left

    # a value the schema refuses is named with its reason; nothing changes
    before = page.locator('li.field[data-field="total_with_taxes"] input').input_value()
    page.keyboard.press("Control+A")
    page.keyboard.type("yüz elli")
    page.keyboard.press("Enter")
    expect(page.locator("#toast.error")).to_contain_text("the schema refuses")
    expect(page.locator("#toast.error")).not_to_contain_text("yüz elli")
    expect(total_box).to_have_class(re.compile(r"\bstate-failed\b"))

    # correct it: the validators run again at once, the checks turn ok
    payable = page.locator('li.field[data-field="payable_amount"] input').input_value()
    page.keyboard.press("Control+A")
    page.keyboard.type(payable)
    page.keyboard.press("Enter")
    expect(page.locator("#checks-ok")).to_be_visible()
    expect(page.locator("li.check.failed")).to_have_count(0)
    expect(page.locator("#doc-status")).to_have_class(re.compile("status-ok"))
    expect(page.locator('li.field[data-field="payable_amount"]')).to_have_class(
        re.compile("accepted")  # what the reviewer accepted stays marked
    )
    expect(total_box).to_have_class(re.compile(r"\bstate-ok\b"))
    expect(page.locator('#audit tr[data-action="correct"]')).to_contain_text(
        f"total_with_taxes: {before} → {payable}"
    )
    shot = tmp_path / "review-after.png"  # checks ok, the correction in the audit log
    page.locator("#audit").scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # `a` approves and goes to the next document in the queue
    page.locator("h1").click()
    page.keyboard.press("a")
    page.wait_for_url(f"**/review/documents/{site.second}")
    page.goto(f"{site.url}/review/documents/{site.planted}")
    expect(page.locator("#doc-status")).to_have_class(re.compile("status-approved"))
    expect(page.locator('#audit tr[data-action="approve"]')).to_contain_text("api:ayse")
    assert page.errors == []
    page.context.close()


def test_a_reviewer_sees_masked_values_and_no_reveal_button(browser: Any, site: Site) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "ayse")
    page.goto(f"{site.url}/review/documents/{site.second}")
    masked = page.locator("li.field .value.masked")
    expect(masked.first).to_be_visible()
    assert all("*" in v or "<" in v for v in masked.all_inner_texts())
    expect(page.locator("button.reveal")).to_have_count(0)
    expect(page.locator("#unredacted")).to_have_count(0)
    assert page.errors == []
    page.context.close()


def test_a_privacy_officer_reveals_with_a_reason_that_is_audited(browser: Any, site: Site) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "kemal")
    page.goto(f"{site.url}/review/documents/{site.second}")
    button = page.locator("li.field button.reveal").first
    field = button.get_attribute("data-field")
    masked = page.locator(f'li.field[data-field="{field}"] .value.masked')
    before = masked.inner_text()
    button.click()
    page.fill("#reason-input", "müşteri itirazı 2024/17")
    page.click("#reason-ok")
    expect(masked).to_have_class(re.compile("revealed"))
    assert masked.inner_text() != before and "*" not in masked.inner_text()
    expect(page.locator('#audit tr[data-action="reveal"]')).to_contain_text("müşteri itirazı")

    # the page without its burned-in areas: on request, and audited
    expect(page.locator('#audit tr[data-action="view_unredacted_page"]')).to_have_count(0)
    page.click("#unredacted")
    expect(page.locator('#audit tr[data-action="view_unredacted_page"]')).to_have_count(1)
    assert "unredacted=true" in page.locator('figure[data-page="1"] img').get_attribute("data-src")
    assert page.errors == []
    page.context.close()


def test_fields_read_as_labels_and_a_reviewer_cannot_correct_a_personal_one(
    browser: Any, site: Site
) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "ayse")
    page.goto(f"{site.url}/review/documents/{site.second}")
    label = page.locator('li.field[data-field="line_items.0.kdv_amount"] label')
    expect(label).to_have_text("Kalem 1 · KDV tutarı")
    assert label.get_attribute("title") == "line_items.0.kdv_amount"  # the path, on hover
    expect(page.locator('li.field[data-field="buyer.name"] label')).to_have_text(
        "Alıcı · Ad soyad / unvan"
    )
    expect(page.locator('li.field[data-field="buyer.name"] .value.masked')).to_be_visible()
    expect(page.locator("li.field input.value.personal")).to_have_count(0)
    assert page.errors == []
    page.context.close()


def test_a_privacy_officer_corrects_a_personal_field_sealed(browser: Any, site: Site) -> None:
    from playwright.sync_api import expect

    name = "Zeynep Kaçar Örnekoğlu"
    page = _signed_in(browser, site, "kemal")
    page.goto(f"{site.url}/review/documents/{site.second}")
    item = page.locator('li.field[data-field="buyer.name"]')
    item.locator("input.value.personal").fill(name)
    item.locator("input.value.personal").press("Enter")
    row = page.locator('#audit tr[data-action="correct"]')
    expect(row).to_contain_text("buyer.name: (kasada) → (kasada)")  # vault entries, no value
    assert name not in page.content()
    masked = page.locator('li.field[data-field="buyer.name"] .value.masked')
    page.locator('li.field[data-field="buyer.name"] button.reveal').click()
    page.fill("#reason-input", "düzeltme kontrolü")
    page.click("#reason-ok")
    expect(masked).to_have_text(name)  # sealed in the vault, revealed with a reason
    assert page.errors == []
    page.context.close()


def test_reprocess_runs_the_original_again_and_is_audited(browser: Any, site: Site) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "ayse")
    page.goto(f"{site.url}/review/documents/{site.unknown}")
    expect(page.locator('#audit tr[data-action="reprocess"]')).to_have_count(0)
    page.click("#reprocess")
    # a worker process reads the file again: allow a loaded machine its time
    expect(page.locator('#audit tr[data-action="reprocess"]')).to_have_count(1, timeout=120_000)
    expect(page.locator("#toast")).to_contain_text("Yeniden işlendi.")
    assert page.errors == []
    page.context.close()


def test_reject_asks_for_a_reason_and_goes_on(browser: Any, site: Site) -> None:
    from playwright.sync_api import expect

    page = _signed_in(browser, site, "ayse")
    page.goto(f"{site.url}/review/documents/{site.second}")
    page.click("#reject")
    page.fill("#reason-input", "okunaksız kopya")
    with page.expect_navigation():  # to the next document in the queue, or the queue
        page.click("#reason-ok")
    page.goto(f"{site.url}/review/documents/{site.second}")
    expect(page.locator("#doc-status")).to_have_class(re.compile("status-rejected"))
    expect(page.locator('#audit tr[data-action="reject"]')).to_contain_text("okunaksız kopya")
    assert page.errors == []
    page.context.close()
