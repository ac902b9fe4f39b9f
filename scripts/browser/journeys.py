#!/usr/bin/env python3
"""Browser journeys: people doing their work through Zhanju's pages, in headless Chromium.

Each journey runs at 390 px (a phone) and 1280 px (a desk), in zh-Hans and in English; the
language is the browser's own (Chromium's --lang and its Accept-Language preference), as a
person's browser would send it. The journeys only follow links, choose options by their visible
text and fill fields by their labels; none types an id. After every page load they check:

  (a) no horizontal overflow (scrollWidth <= innerWidth + 1), naming the widest culprit;
  (b) every visible input, select and textarea has an accessible name;
  (c) no untranslated strings: on a zh-Hans page, visible text made only of Latin words (less a
      small allow-list of names and codes); on an English page, CJK in labels, headings,
      buttons, table headers and options (data cells and the language switch's 中文 are left
      alone, and so are Chinese names in brackets after their English, "Victoria (维多利亚)");
  (d) not the app's error page ("<title> (4xx)" in the h1), and no form error shown after a
      submission the journey expected to go through;
  (e) no editable field shows a raw UUID (a person would have to type one to change it);
  (f) a table that stacks its cells at this width (thead hidden) names every cell's column
      (data-label), or a phone shows bare values;
  (g) no internal field name (snake_case, "household_id") in the page's text.

A screenshot of every step goes to <shots>/<journey>-<lang>-<width>-<nn>-<step>.png. The summary
lists every journey x language x width with PASS or FAIL and the first failure; every failure is
listed after it (and written to <shots>/failures.txt). Exit status 1 on any failure.

    python3 scripts/browser/journeys.py --base http://127.0.0.1:8080 --shots browser-shots
"""
from __future__ import annotations

import argparse
import base64
import os
import re
import sys
import time
import traceback
from dataclasses import dataclass, field

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

STEP_TIMEOUT = 10  # seconds for one page load or one wait
LANGS = ["zh-Hans", "en"]
WIDTHS = [390, 1280]
HEIGHT = 900

# Words that may stand in Latin letters on a zh-Hans page: names of the product and of
# standards, file formats, and the demo's one-word usernames (usernames are data, not UI).
LATIN_ALLOW = {
    "zhanju", "open311", "api", "csv", "json", "id", "uuid", "url", "http", "https", "sms",
    "english",  # the language switch's own label
    "admin", "resident", "volunteer",  # demo usernames without a dot
    "am", "pm", "kb", "mb",
}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
WORD = re.compile(r"^[A-Za-z][a-z]+$|^[A-Z][A-Z]?[a-z]*$")  # "Submit", "prefix", "OK", "A" (not "SAF-HAZ")


# What the journeys type (descriptions, notes, explanations): free text a person entered is data,
# shown back as written in whichever language the page is in, so it is not an untranslated string.
TYPED = {
    "3栋楼道灯不亮已经一周", "The stair light in building 3 has been out for a week",
    "换了新号码", "New phone number",
    "窗口受理:家中失火,申请临时救助", "At the counter: a kitchen fire, asking for temporary assistance",
    "独居老人例行走访", "Routine visit to an elderly resident living alone", "身体状况良好", "In good health",
    "楼道堆放杂物,存在消防隐患", "Stairwell blocked with clutter: a fire hazard",
    "请尽快处理", "Please see to it this week", "已现场处理完毕", "Done on site",
    "见描述", "see the description", "测试网格员", "Test grid worker", "13912345678",
    "北门增设快递柜", "Parcel lockers at the north gate", "快递堆在门岗,建议增设快递柜。", "Parcels pile up at the gatehouse: lockers would help.",
    "5–8 栋楼道仍有堆物,请在本周内清运。", "Buildings 5–8 still have clutter in the stairwells: clear it this week.",
}

# Titles of the demo's council records (topics, meetings, resolutions): typed by the demo's people
# in Chinese and kept as written, so they are data on an English page too, like TYPED.
RECORD_TITLES = {
    "维融居民议事会2026年第四次会议", "融城后街楼道堆物集中清理", "维多利亚东门增设无障碍坡道和扶手", "制定《维融居民公约》",
}


class Blocked(Exception):
    """The journey cannot go on: a page a person needs is missing or a form cannot be filled."""


# ---------------------------------------------------------------------------------------------
# What one page is checked for, gathered in the browser in one call.

PAGE_PROBE = r"""
const vw = window.innerWidth;
const visible = el => {
  if (!el || !el.getClientRects().length) return false;
  const s = getComputedStyle(el);
  return s.visibility !== 'hidden' && s.display !== 'none';
};
const describe = el => {
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  if (el.className && typeof el.className === 'string' && el.className.trim()) d += '.' + el.className.trim().split(/\s+/).join('.');
  if (el.getAttribute('name')) d += '[name=' + el.getAttribute('name') + ']';
  return d;
};
const ownText = label => {
  const c = label.cloneNode(true);
  c.querySelectorAll('input,select,textarea,button').forEach(x => x.remove());
  return c.textContent.replace(/\s+/g, ' ').trim();
};
const out = {
  url: location.href, title: document.title, lang: document.documentElement.lang,
  h1: (document.querySelector('h1') || {textContent: ''}).textContent.trim(),
  scrollWidth: document.documentElement.scrollWidth, innerWidth: vw,
  scrollHeight: document.documentElement.scrollHeight,
  overflow: [], unlabelled: [], uuidFields: [], texts: [], formErrors: [], stackedUnlabelled: [],
};
if (out.scrollWidth > vw + 1) {
  // The outermost elements that stick out, and inside the first the deepest one that does.
  const all = [...document.body.querySelectorAll('*')].filter(e => visible(e) && e.getBoundingClientRect().right > vw + 1);
  const outer = all.filter(e => !all.includes(e.parentElement));
  for (const e of outer.slice(0, 3)) {
    let deepest = e;
    for (const d of e.querySelectorAll('*')) if (all.includes(d)) deepest = d;
    const r = e.getBoundingClientRect();
    out.overflow.push(describe(e) + ' (' + Math.round(r.width) + 'px wide, right edge ' + Math.round(r.right) + 'px)'
      + (deepest !== e ? ' via ' + describe(deepest) + ' "' + deepest.textContent.replace(/\s+/g, ' ').trim().slice(0, 40) + '"' : ''));
  }
}
for (const el of document.querySelectorAll('input,select,textarea')) {
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type) || !visible(el)) continue;
  let name = (el.getAttribute('aria-label') || '').trim();
  if (!name && el.getAttribute('aria-labelledby')) {
    name = el.getAttribute('aria-labelledby').split(/\s+/).map(id => document.getElementById(id)).filter(x => x).map(x => x.textContent.trim()).join(' ');
  }
  if (!name && el.labels) name = [...el.labels].map(ownText).join(' ').trim();
  if (!name) out.unlabelled.push(describe(el));
  // A select's value is never shown (its options' text is), so only typed fields are checked.
  if ((el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && ['', 'text', 'search'].includes(type))) && !el.readOnly && !el.disabled
      && /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/.test(el.value)) {
    out.uuidFields.push(describe(el) + ' labelled "' + (name || '?') + '" holds ' + el.value);
  }
}
// A table that stacks its cells at this width (thead hidden) names each cell's column only
// through data-label: a cell with text and no data-label loses its column's name.
for (const t of document.querySelectorAll('table')) {
  const head = t.querySelector('thead');
  if (!visible(t) || !head || getComputedStyle(head).display !== 'none') continue;
  const names = [...head.querySelectorAll('th')].map(th => th.textContent.trim());
  const lost = new Set();
  for (const tr of t.querySelectorAll('tbody tr')) {
    [...tr.children].forEach((td, i) => {
      // A cell of links or buttons alone (Edit, Log a visit) names itself.
      const c = td.cloneNode(true); c.querySelectorAll('a, button, form').forEach(x => x.remove());
      if (td.tagName === 'TD' && !td.hasAttribute('data-label') && c.textContent.trim()) lost.add(names[i] || ('column ' + (i + 1)));
    });
  }
  if (lost.size) out.stackedUnlabelled.push('table of ' + names.filter(n => n).join(' / ') + ' — cells without their column name: ' + [...lost].join(', '));
}
for (const e of document.querySelectorAll('.error, .field-error, [role=alert]')) {
  if (visible(e) && e.textContent.trim()) out.formErrors.push(e.textContent.replace(/\s+/g, ' ').trim());
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const UI = new Set(['LABEL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BUTTON', 'TH', 'LEGEND', 'OPTION', 'CAPTION', 'SUMMARY']);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const text = n.textContent.replace(/\s+/g, ' ').trim();
  if (!text) continue;
  const p = n.parentElement;
  if (!p || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(p.tagName)) continue;
  const select = p.closest('select');
  if (!(select ? visible(select) : visible(p))) continue;
  let ui = null;
  for (let a = p; a && a !== document.body; a = a.parentElement) { if (UI.has(a.tagName)) { ui = a.tagName.toLowerCase(); break; } }
  out.texts.push({
    text, ui, tag: p.tagName.toLowerCase(),
    langSwitch: !!p.closest('a.lang'),
    code: !!p.closest('code, .revealed, kbd, samp'),
    data: !!p.closest('td'),
    user: !!p.closest('header a[href="/account"]'),
    // Text marked as in another language than the page's (a bilingual printed slip) is meant so.
    foreign: (() => { const l = p.closest('[lang]'); return !!l && l !== document.documentElement
      && !(l.getAttribute('lang') || '').startsWith((document.documentElement.lang || '').slice(0, 2)); })(),
  });
}
return out;
"""


def latin_words(text: str) -> list[str]:
    """The natural-language Latin words of a text node with no CJK in it (codes, usernames,
    emails, URLs, numbers and units are not words)."""
    words = []
    for raw in text.split():
        token = raw.strip("()[]{}:;,.!?\"'“”‘’·—–-/|*+#%…⚑★☆")
        if not token or not re.search(r"[A-Za-z]", token):
            continue
        if re.search(r"[0-9@./_\\:=]", token) or re.search(r"[a-z]-[a-z]", token, re.I) and token.upper() == token:
            continue  # a code, a username, an email, a path, a number with its unit
        if token.lower() in LATIN_ALLOW:
            continue
        if WORD.match(token) and len(token) >= 2:
            words.append(token)
    return words


def cjk_outside_names(text: str, ui: str | None) -> str | None:
    """CJK in English UI text, less the app's naming pattern "Victoria (维多利亚)" and, in options
    and in the part of a heading after " · ", a short run that is a person's name (data)."""
    stripped = re.sub(r"[A-Za-z][^()（）]*[(（][^()（）]*[)）]", lambda m: re.sub(r"[(（][^()（）]*[)）]$", "", m.group(0)), text)
    if not CJK.search(stripped):
        return None
    # A person's name, alone or with their username: "付平 (grid.worker)".
    if ui == "option" and re.fullmatch(r"[\u4e00-\u9fff·]{2,5}( \([a-z0-9._-]+\))?", stripped.strip()):
        return None
    # A person chosen by a checkbox, named with their post in the page's language: "叶欣 · Supervisor".
    if ui == "label" and re.fullmatch(r"[\u4e00-\u9fff·]{2,5} · [^\u4e00-\u9fff]+", stripped.strip()):
        return None
    if ui and ui.startswith("h") and " · " in stripped:
        head, _, tail = stripped.rpartition(" · ")
        if not CJK.search(head) and re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", tail.strip()):
            return None
    return text


# ---------------------------------------------------------------------------------------------

@dataclass
class Result:
    journey: str
    lang: str
    width: int
    failures: list[str] = field(default_factory=list)
    steps: int = 0
    seconds: float = 0.0


class Run:
    """One journey in one language at one width: a fresh browser, its steps, its failures."""

    def __init__(self, base: str, shots: str, journey: str, lang: str, width: int, chromium: str, driver_path: str):
        self.base, self.shots = base.rstrip("/"), shots
        self.result = Result(journey, lang, width)
        self.lang, self.width, self.step_no = lang, width, 0
        accept = "zh-CN,zh" if lang == "zh-Hans" else "en-US,en"
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                  f"--lang={accept.split(',')[0]}", f"--window-size={width},{HEIGHT}"]:
            options.add_argument(a)
        options.add_experimental_option("prefs", {"intl.accept_languages": accept})
        options.page_load_strategy = "normal"
        self.d = webdriver.Chrome(service=Service(driver_path), options=options)
        self.d.set_page_load_timeout(STEP_TIMEOUT)
        self.d.set_script_timeout(STEP_TIMEOUT)
        # The layout viewport is exactly the width under test (a desktop-type viewport, so a page
        # that is too wide scrolls sideways instead of being zoomed out to fit).
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})

    # -- words in the page's language
    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh-Hans" else en

    def fail(self, message: str) -> None:
        self.result.failures.append(f"step {self.step_no:02d} {self.path()}: {message}")

    def path(self) -> str:
        try:
            url = self.d.current_url
        except WebDriverException:
            return "?"
        return url[len(self.base):] if url.startswith(self.base) else url

    # -- after every page load
    def page(self, step: str, expect_ok: bool = True) -> dict:
        """Checks the page now shown and saves its screenshot; returns what the probe saw."""
        self.step_no += 1
        self.result.steps += 1
        try:
            WebDriverWait(self.d, STEP_TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")
            probe = self.d.execute_script(PAGE_PROBE)
        except (TimeoutException, WebDriverException) as e:
            self.fail(f"[{step}] the page did not load: {type(e).__name__}")
            raise Blocked(f"page did not load at step {step}")
        self.screenshot(step, probe)
        lang = probe["lang"] or "?"
        want = "zh" if self.lang == "zh-Hans" else "en"
        if not lang.startswith(want) and "switch" not in step:
            self.fail(f"[{step}] page is in '{lang}', the browser asks for {self.lang}")
        # (d) the app's error page: "<status text> (NNN)" as the h1
        m = re.search(r"\((\d{3})\)\s*$", probe["h1"])
        if m and int(m.group(1)) >= 400:
            self.fail(f"[{step}] error page: h1 '{probe['h1']}'" + (f" — {probe['formErrors'][0]}" if probe["formErrors"] else ""))
            raise Blocked(f"error page {m.group(1)}")
        if expect_ok and probe["formErrors"]:
            self.fail(f"[{step}] the form was refused: {' / '.join(probe['formErrors'])[:300]}")
        # (a) overflow
        if probe["scrollWidth"] > probe["innerWidth"] + 1:
            self.fail(f"[{step}] horizontal overflow: page is {probe['scrollWidth']}px wide at {probe['innerWidth']}px; "
                      + "; ".join(probe["overflow"]))
        # (b) labels
        for c in probe["unlabelled"]:
            self.fail(f"[{step}] unlabelled control {c}")
        # (f) stacked tables whose cells lost their column names
        for t in probe["stackedUnlabelled"]:
            self.fail(f"[{step}] at {self.width}px the {t}")
        # (g) internal field names (snake_case) shown as text, e.g. in an error message
        names = sorted({w for n in probe["texts"] if not n["code"] for w in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", n["text"])})
        if names:
            self.fail(f"[{step}] internal field name shown to the reader: {', '.join(names)}")
        # (e) raw UUIDs in editable fields
        for u in probe["uuidFields"]:
            self.fail(f"[{step}] editable field shows a raw UUID: {u}")
        # (c) untranslated strings
        if lang.startswith("zh"):
            seen = set()
            for node in probe["texts"]:
                if node["langSwitch"] or node["code"] or node["foreign"] or CJK.search(node["text"]) or any(t in node["text"] for t in TYPED):
                    continue
                words = latin_words(node["text"])
                if words and node["text"] not in seen:
                    seen.add(node["text"])
                    self.fail(f"[{step}] untranslated on zh-Hans page: <{node['tag']}> \"{node['text'][:80]}\"")
        else:
            seen = set()
            for node in probe["texts"]:
                if node["langSwitch"] or node["code"] or node["foreign"] or node["data"] or node["user"] or not node["ui"]:
                    continue
                text = node["text"]
                for typed in TYPED | RECORD_TITLES:
                    text = text.replace(typed, "")
                bad = cjk_outside_names(text, node["ui"])
                if bad and bad not in seen:
                    seen.add(bad)
                    self.fail(f"[{step}] Chinese in English UI: <{node['ui']}> \"{bad[:80]}\"")
        return probe

    def screenshot(self, step: str, probe: dict) -> None:
        name = f"{self.result.journey}-{self.lang}-{self.width}-{self.step_no:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower()).strip('-')}.png"
        try:
            shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": max(probe["scrollWidth"], self.width), "height": min(max(probe["scrollHeight"], HEIGHT), 6000), "scale": 1}})
            with open(os.path.join(self.shots, name), "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        except WebDriverException as e:
            self.fail(f"[{step}] screenshot failed: {e.msg if hasattr(e, 'msg') else e}")

    # -- what a person does
    def start(self) -> None:
        self.d.get(self.base + "/")

    def _navigate(self, action) -> None:
        old = self.d.find_element(By.TAG_NAME, "html")
        action()
        try:
            WebDriverWait(self.d, STEP_TIMEOUT).until(lambda d: _stale(old))
        except TimeoutException:
            raise Blocked("the click led nowhere within 10 s")

    def links(self, text: str, within: str = "main", exact: bool = False):
        found = []
        for a in self.d.find_elements(By.CSS_SELECTOR, f"{within} a"):
            shown = " ".join(a.text.split())
            if a.is_displayed() and (shown == text if exact else text in shown):
                found.append(a)
        return found

    def follow(self, text: str, within: str = "main", exact: bool = False, what: str | None = None) -> None:
        found = self.links(text, within, exact)
        if not found:
            raise Blocked(f"no link '{text}' in {within} ({what or 'needed to go on'})")
        self._navigate(found[0].click)

    def nav(self, text: str) -> None:
        self.follow(text, within="header.site nav", exact=True, what="header navigation")

    def press(self, text: str, within: str = "main") -> None:
        for b in self.d.find_elements(By.CSS_SELECTOR, f"{within} button, {within} input[type=submit]"):
            shown = " ".join((b.text or b.get_attribute("value") or "").split())
            if b.is_displayed() and shown == text:
                self._navigate(b.click)
                return
        raise Blocked(f"no button '{text}' in {within}")

    def control(self, label: str, required: bool = True):
        """The control a person finds by its label text (a trailing ' *' for required is ignored),
        or by its aria-label."""
        el = self.d.execute_script(r"""
            const want = arguments[0];
            const norm = s => s.replace(/\s+/g, ' ').replace(/\s*\*$/, '').trim();
            for (const l of document.querySelectorAll('main label')) {
              const c = l.cloneNode(true); c.querySelectorAll('input,select,textarea').forEach(x => x.remove());
              if (norm(c.textContent) === want && l.control) return l.control;
            }
            for (const e of document.querySelectorAll('main [aria-label]')) if (norm(e.getAttribute('aria-label')) === want) return e;
            for (const f of document.querySelectorAll('main fieldset')) {
              const lg = f.querySelector('legend'); if (lg && norm(lg.textContent) === want) return f;
            }
            return null;""", label)
        if el is None and required:
            raise Blocked(f"no field labelled '{label}'")
        return el

    def fill(self, label: str, value: str) -> None:
        el = self.control(label)
        el.clear()
        el.send_keys(value)

    def choose(self, label: str, option: str | None = None, element=None) -> str:
        """Picks an option by its visible text (or, with none given, the first real one)."""
        el = element or self.control(label)
        sel = Select(el)
        if option is None:
            real = [o for o in sel.options if o.get_attribute("value")]
            if not real:
                raise Blocked(f"'{label}' offers nothing to choose")
            sel.select_by_value(real[0].get_attribute("value"))
            return real[0].text
        texts = [o.text for o in sel.options]
        match = next((o for o in sel.options if o.text.strip() == option), None) or next((o for o in sel.options if option in o.text), None)
        if match is None:
            raise Blocked(f"'{label}' has no option '{option}' (has: {', '.join(texts[:12])})")
        sel.select_by_visible_text(match.text)
        return match.text

    def status(self) -> str:
        """The case's status as its page states it (the line under the heading)."""
        spans = self.d.find_elements(By.CSS_SELECTOR, "main > p span.count")
        return spans[0].text.strip(" ·") if spans else ""

    def text(self, css: str = "main") -> str:
        return " ".join(self.d.find_element(By.CSS_SELECTOR, css).text.split())

    def answer_required_questions(self) -> None:
        """Fills the item's own questions, as a person would: the first choice of each list, a
        date, a number."""
        for el in self.d.find_elements(By.CSS_SELECTOR, "main form.edit select[required], main form.edit input[required], main form.edit textarea[required]"):
            if not el.is_displayed():
                continue
            name = el.get_attribute("name") or ""
            if el.tag_name == "select":
                if not Select(el).first_selected_option.get_attribute("value"):
                    self.choose(name, element=el)
            elif (el.get_attribute("value") or "") == "":
                kind = el.get_attribute("type")
                el.send_keys({"number": "1", "date": "2026-01-05"}.get(kind, self.t("见描述", "see the description")))
        for fs in self.d.find_elements(By.CSS_SELECTOR, "main form.edit fieldset"):
            boxes = fs.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
            if boxes and not any(b.is_selected() for b in boxes):
                boxes[0].click()

    def sign_in(self, username: str) -> None:
        self.start()
        self.page("home")
        self.follow(self.t("登录", "Sign in"), within="body", exact=True)
        self.page("sign-in")
        self.fill(self.t("用户名", "Username"), username)
        self.fill(self.t("密码", "Password"), "zhanju-" + username)
        self.press(self.t("登录", "Sign in"))
        self.page("signed-in")
        if self.path().startswith("/sign-in"):
            raise Blocked(f"sign-in as {username} failed")

    def close(self) -> None:
        try:
            self.d.quit()
        except WebDriverException:
            pass


def _stale(element) -> bool:
    try:
        element.tag_name
        return False
    except WebDriverException:
        return True


# ---------------------------------------------------------------------------------------------
# The journeys. Each uses only what a person in that role sees.

RESIDENT_NAME = "林梓"  # the demo's `resident` account: the head of Victoria 136-1-1-201


def file_request(r: Run, service: str, description: str) -> str:
    """On the request form: choose the item, answer its questions, describe, submit. Returns the
    case number from the case page."""
    r.choose(r.t("服务事项", "Services"), service, element=r.d.find_element(By.CSS_SELECTOR, "main form.search select"))
    r.press(r.t("选择", "Choose"), within="main form.search")
    r.page("item-chosen")
    r.fill(r.t("描述", "Description"), description)
    r.answer_required_questions()
    return r


def submit_request(r: Run) -> str:
    r.press(r.t("提交", "Submit"), within="main form.edit")
    probe = r.page("case-filed")
    if not r.path().startswith("/cases/") or r.path().startswith("/cases/new"):
        raise Blocked("filing the request did not lead to the case page")
    m = re.search(r"\S+$", probe["h1"])
    return m.group(0) if m else ""


def journey_resident(r: Run) -> None:
    r.sign_in("resident")
    r.nav(r.t("案件", "Cases"))
    r.page("my-requests")
    r.follow(r.t("提交诉求", "File a request"))
    r.page("new-request")
    file_request(r, r.t("公共设施报修", "Common-area repair"), r.t("3栋楼道灯不亮已经一周", "The stair light in building 3 has been out for a week"))
    number = submit_request(r)
    r.nav(r.t("案件", "Cases"))
    r.page("my-requests-after")
    if number not in r.text():
        r.fail(f"the new case {number} is not in the resident's list")
    r.nav(r.t("我家的信息", "My household's data"))
    r.page("my-data")
    # The language switch in the header, there and back.
    r.follow(r.t("English", "中文"), within="header.site", exact=True)
    probe = r.page("switch-language")
    if probe["lang"].startswith("zh" if r.lang == "zh-Hans" else "en"):
        r.fail("the header's language switch did not change the page's language")
    r.follow(r.t("中文", "English"), within="header.site", exact=True)
    r.page("switch-back")
    r.choose(r.t("居民", "Resident"), RESIDENT_NAME)
    r.choose(r.t("项目", "Field"), r.t("电话", "Phone"))
    r.fill(r.t("应改为", "Should read"), "13912345678")
    r.fill(r.t("说明", "Explanation"), r.t("换了新号码", "New phone number"))
    r.press(r.t("申请更正", "Ask for a correction"))
    r.page("correction-filed")
    notices = [e.text for e in r.d.find_elements(By.CSS_SELECTOR, "main [role=status], main .notice") if e.is_displayed()]
    if not notices:
        r.fail("no confirmation shown after filing the correction")
    if "13912345678" not in r.text():
        r.fail("the filed correction is not listed under the household's correction requests")


def journey_counter(r: Run) -> None:
    r.sign_in("station.staff")
    # The resident is at the counter: find them by name, then file for their household.
    r.nav(r.t("人员查询", "People"))
    r.page("people")
    r.fill(r.t("人员查询", "People"), RESIDENT_NAME)
    r.press(r.t("查询", "Search"), within="main form.search")
    r.page("people-found")
    r.follow(r.t("查看这一户", "Open the household"))
    r.page("household")
    via_household = r.links(r.t("提交诉求", "File a request")) or r.links(r.t("代为提交", "file for"))
    if via_household:
        r._navigate(via_household[0].click)
    else:
        r.fail("the household page offers no way to file a request for this household (the counter clerk has to start from a blank form)")
        r.nav(r.t("案件", "Cases"))
        r.page("cases")
        r.follow(r.t("提交诉求", "File a request"))
    r.page("new-request")
    file_request(r, r.t("临时救助申请", "Temporary assistance"), r.t("窗口受理:家中失火,申请临时救助", "At the counter: a kitchen fire, asking for temporary assistance"))
    household = r.control(r.t("户", "Household"), required=False)
    if household is not None and household.tag_name == "select":
        r.choose(r.t("户", "Household"), "136-1-1-201")
    elif household is not None and household.get_attribute("type") != "hidden" and not (household.get_attribute("value") or ""):
        r.fail("counter form asks for the household as a typed id: text field 'Household' (name=household_id) "
               "with no way to choose the household by name or address — the request is filed without a household")
    origin = r.control(r.t("受理途径", "How the request came in"))
    chosen = Select(origin).first_selected_option.text
    if chosen != r.t("窗口代为提交", "At the counter"):
        r.choose(r.t("受理途径", "How the request came in"), r.t("窗口代为提交", "At the counter"))
    submit_request(r)
    page = r.text()
    if "136-1-1-201" not in page and RESIDENT_NAME not in page:
        r.fail("the filed case shows neither the resident nor their household (not filed on their behalf)")


def journey_grid(r: Run) -> None:
    r.sign_in("grid.worker")
    r.nav(r.t("我的网格", "My grid"))
    r.page("my-grids")
    grids = [a for a in r.d.find_elements(By.CSS_SELECTOR, "main ul.cards li > a") if a.is_displayed()]
    if not grids:
        raise Blocked("no grid listed on My grid")
    r._navigate(grids[0].click)
    r.page("grid")
    rows = r.d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if not rows:
        raise Blocked("the grid lists no household")
    # Each run takes its own household, so the four runs do not log over each other.
    index = (LANGS.index(r.lang) * len(WIDTHS) + WIDTHS.index(r.width)) % len(rows)
    row = rows[index]
    door = " ".join(row.find_element(By.CSS_SELECTOR, "td a").text.split())
    log = [a for a in row.find_elements(By.CSS_SELECTOR, "a") if " ".join(a.text.split()) == r.t("记录走访", "Log a visit")]
    if not log:
        raise Blocked(f"no 'Log a visit' link in the row of {door}")
    r._navigate(log[0].click)
    r.page("visit-form")
    r.fill(r.t("走访目的", "Purpose"), r.t("独居老人例行走访", "Routine visit to an elderly resident living alone"))
    r.fill(r.t("说明", "Note"), r.t("身体状况良好", "In good health"))
    visited_on = r.control(r.t("走访日期", "Visited on")).get_attribute("value")
    r.press(r.t("保存", "Save"))
    r.page("visit-logged")
    row = next((tr for tr in r.d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
                if " ".join(tr.find_element(By.CSS_SELECTOR, "td a").text.split()) == door), None)
    if row is None:
        raise Blocked(f"after logging the visit, the grid page no longer lists {door}")
    if visited_on and visited_on not in row.text:
        r.fail(f"after logging a visit on {visited_on}, the row of {door} does not show it")
    report = [a for a in row.find_elements(By.CSS_SELECTOR, "a") if " ".join(a.text.split()) == r.t("上报事件", "Report an event")]
    if not report:
        raise Blocked(f"no 'Report an event' link in the row of {door}")
    r._navigate(report[0].click)
    r.page("report-event")
    r.fill(r.t("描述", "Description"), r.t("楼道堆放杂物,存在消防隐患", "Stairwell blocked with clutter: a fire hazard"))
    r.answer_required_questions()
    submit_request(r)
    if door not in r.text():
        r.fail(f"the reported event's case page does not say where it is (household {door} is not shown)")


def journey_staff(r: Run) -> None:
    r.sign_in("station.head" if r.width == 1280 else "station.staff")
    r.nav(r.t("案件", "Cases"))
    r.page("queue")
    r.choose(r.t("状态", "Status"), r.t("已上报", "Reported"))
    r.press(r.t("查询", "Search"), within="main form.search")
    r.page("queue-reported")
    cases = [a for a in r.d.find_elements(By.CSS_SELECTOR, "main table tbody tr td:first-child a") if a.is_displayed()]
    if not cases:
        raise Blocked("no reported case in the queue to work on")
    r._navigate(cases[0].click)
    r.page("case")
    r.press(r.t("受理", "Accept"))
    r.page("accepted")
    if r.status() != r.t("已受理", "Accepted"):
        r.fail(f"after Accept the case reads '{r.status()}', not Accepted")
    r.choose(r.t("派往", "Send to"), r.t("社区工作站", "Workstation"))
    # Handlers are offered by name (with their username), never typed.
    r.choose(r.t("承办人", "Handler"), "(station.staff)")
    r.fill(r.t("说明", "Note"), r.t("请尽快处理", "Please see to it this week"))
    r.press(r.t("派遣", "Dispatch"))
    r.page("dispatched")
    if r.status() != r.t("已派遣", "Dispatched"):
        r.fail(f"after Dispatch the case reads '{r.status()}', not Dispatched")
    r.fill(r.t("说明", "Note"), r.t("已现场处理完毕", "Done on site"))
    r.press(r.t("办结", "Resolve"))
    r.page("resolved")
    if r.status() != r.t("已办结", "Resolved"):
        r.fail(f"after Resolve the case reads '{r.status()}', not Resolved")


def journey_surveys(r: Run) -> None:
    """The demo's needs survey, by the workstation: its questionnaire, a distribution, the analysis
    filtered by a chosen answer (picked by name), the slips, and paper entry on a distribution
    still taking answers, whose boxes sit beside their words."""
    r.sign_in("station.head" if r.width == 1280 else "station.staff")
    r.nav(r.t("需求调查", "Needs surveys"))
    r.page("surveys")
    questionnaires = [a for a in r.d.find_elements(By.CSS_SELECTOR, "main h2 a") if a.is_displayed()]
    if not questionnaires:
        raise Blocked("no questionnaire in the demo")
    r._navigate(questionnaires[0].click)
    r.page("survey-builder")
    r.nav(r.t("需求调查", "Needs surveys"))
    distributions = [a for a in r.d.find_elements(By.CSS_SELECTOR, "main li a") if "/surveys/distributions/" in (a.get_attribute("href") or "")]
    if not distributions:
        raise Blocked("no distribution in the demo")
    r._navigate(distributions[0].click)
    r.page("survey-distribution")
    distribution = r.d.current_url
    r.follow(r.t("分析", "Analysis"))
    r.page("survey-analysis")
    chosen = r.choose(r.t("只看选了某项的人", "Only those who chose"))
    if "=" in chosen:
        r.fail(f"the answer to filter on reads as a key: '{chosen}'")
    r.press(r.t("查看", "Show"), within="main form.search")
    r.page("survey-analysis-filtered")
    r._navigate(lambda: r.d.get(distribution))
    r.follow(r.t("打印邀请条", "Print invitation slips"))
    r.page("survey-slips")
    if "http" not in r.text():
        r.fail("the slips print a path without the site's address")
    # Paper is typed in while a distribution takes answers: the list offers those that do (the
    # seed's survey, walked above, closed early in the demo and offers none).
    r.nav(r.t("需求调查", "Needs surveys"))
    papers = [a for a in r.d.find_elements(By.CSS_SELECTOR, "main li a") if (a.get_attribute("href") or "").endswith("/paper")]
    if not papers:
        raise Blocked("no distribution takes paper in the demo")
    r._navigate(papers[0].click)
    r.page("survey-paper")
    boxes = [b for b in r.d.find_elements(By.CSS_SELECTOR, "main label.choice input") if b.is_displayed()]
    for b in boxes[:3]:
        label = b.find_element(By.XPATH, "..")
        if abs(b.rect["y"] + b.rect["height"] / 2 - (label.rect["y"] + label.rect["height"] / 2)) > 8 or label.rect["height"] > 60:
            r.fail(f"a box does not sit on its words' line: {label.text[:40]}")


def journey_admin(r: Run) -> None:
    r.sign_in("admin")
    r.nav(r.t("账号管理", "Accounts"))
    r.page("accounts")
    username = f"journey.{'zh' if r.lang == 'zh-Hans' else 'en'}.{r.width}.{int(time.time()) % 100000}"
    r.fill(r.t("用户名", "Username"), username)
    r.fill(r.t("显示名称", "Display name"), r.t("测试网格员", "Test grid worker"))
    r.fill(r.t("密码", "Password"), "lantern-harbour-orchard")
    r.press(r.t("新建", "Create"))
    r.page("account-created")

    def row_of(name):
        for tr in r.d.find_elements(By.CSS_SELECTOR, "main table tbody tr"):
            cells = tr.find_elements(By.CSS_SELECTOR, "td")
            if cells and cells[0].text.strip() == name:
                return tr
        raise Blocked(f"the new account {name} is not in the account list")

    def act(name, label):
        links = [a for a in row_of(name).find_elements(By.CSS_SELECTOR, "a, button") if " ".join(a.text.split()) == label]
        if not links:
            raise Blocked(f"no '{label}' for {name}")
        r._navigate(links[0].click)

    act(username, r.t("重置密码", "Reset password"))
    r.page("confirm-reset")
    r.press(r.t("重置密码", "Reset password"))
    r.page("temporary-password")
    if not r.d.find_elements(By.CSS_SELECTOR, "main .revealed"):
        r.fail("no temporary password shown after the reset")
    r.follow(r.t("账号管理", "Accounts"))
    r.page("accounts-again")
    act(username, r.t("停用", "Disable"))
    r.page("confirm-disable")
    r.press(r.t("停用", "Disable"))
    r.page("account-disabled")
    if r.t("已停用", "Disabled") not in row_of(username).text:
        r.fail(f"{username} does not read Disabled after disabling")


def sign_out(r: Run) -> None:
    r.press(r.t("退出", "Sign out"), within="header.site")
    r.page("signed-out")


def open_weirong(r: Run, step: str) -> None:
    r.nav(r.t("居务公开", "Disclosure"))
    r.page(f"{step}-disclosure")
    r.follow(r.t("维融居民委员会", "Weirong Residents' Committee"))
    r.page(f"{step}-weirong")


def journey_council(r: Run) -> None:
    """The council's roles (issue 13): a Victoria resident raises a topic, a neighbour co-signs it,
    a council member reads the meeting and its result, the supervisory committee records a
    finding on work the committee has not finished."""
    title = r.t(f"北门增设快递柜 {r.width}", f"Parcel lockers at the north gate {r.width}")
    r.sign_in("resident")
    open_weirong(r, "resident")
    r.follow(r.t("提出议题", "Raise a topic"))
    r.page("new-topic")
    r.fill(r.t("议题", "Topic"), title)
    r.fill(r.t("说明", "What and why"), r.t("快递堆在门岗,建议增设快递柜。", "Parcels pile up at the gatehouse: lockers would help."))
    r.choose(r.t("提出方", "Raised by"), r.t("居民提出", "Raised by residents"))
    r.press(r.t("保存", "Save"))
    r.page("topic-raised")
    if not r.path().startswith("/council/topics/"):
        raise Blocked("raising the topic did not lead to its page")
    topic = r.path()
    if r.t("征集联署中", "Gathering co-signatures") not in r.text():
        r.fail("the new topic does not say it is gathering co-signatures")
    if r.links(r.t("我联署", "Co-sign")) or r.d.find_elements(By.XPATH, "//main//button[normalize-space()='" + r.t("我联署", "Co-sign") + "']"):
        r.fail("the author is offered to co-sign their own topic")
    sign_out(r)

    # A neighbour (the committee member lives in Weirong) co-signs it from its page.
    r.sign_in("wr.member")
    r.d.get(r.base + topic)
    r.page("topic-neighbour")
    before = r.text()
    r.press(r.t("我联署", "Co-sign"))
    r.page("co-signed")
    if r.text() == before or r.d.find_elements(By.XPATH, "//main//button[normalize-space()='" + r.t("我联署", "Co-sign") + "']"):
        r.fail("after co-signing, the topic page still offers to co-sign")
    sign_out(r)

    # A council member reads the meeting: attendance against the quorum, results with their rule.
    r.sign_in("wr.council")
    open_weirong(r, "council")
    r.follow(r.t("维融居民议事会2026年第四次会议", "维融居民议事会2026年第四次会议"))
    r.page("meeting")
    page = r.text()
    for want in [r.t("出席与法定人数", "Attendance and quorum"), r.t("依据", "Decided by"), r.t("会议纪要", "Minutes")]:
        if want not in page:
            r.fail(f"the meeting page lacks '{want}'")
    sign_out(r)

    # The supervisory committee records a finding, with a public reason, on unfinished work.
    r.sign_in("wr.supervisor")
    open_weirong(r, "supervisor")
    r.follow("融城后街楼道堆物集中清理")
    r.page("resolution")
    r.follow(r.t("办理 / 验收", "Take a step / sign off"))
    r.page("act")
    r.choose(r.t("办理", "Step"), r.t("监事会提出意见,重新办理", "Supervisors' finding: reopened"))
    r.fill(r.t("公开理由(提出意见、撤销时必填)", "Public reason (required for a finding or a rescission)"),
           r.t("5–8 栋楼道仍有堆物,请在本周内清运。", "Buildings 5–8 still have clutter in the stairwells: clear it this week."))
    # The supervisory committee decides as a body: the signed-in supervisor is ticked; a second agrees.
    boxes = r.d.find_elements(By.XPATH, "//fieldset[legend[normalize-space()='" + r.t("同意的监事", "Supervisors who agreed") + "']]//input[@type='checkbox']")
    if len(boxes) < 3 or sum(1 for b in boxes if b.is_selected()) != 1:
        r.fail("the finding form does not offer the supervisors by name, with the signed-in one ticked")
    else:
        next(b for b in boxes if not b.is_selected()).click()
    r.press(r.t("保存", "Save"))
    r.page("finding-recorded")
    if r.t("5–8 栋楼道仍有堆物", "Buildings 5–8 still have clutter") not in r.text():
        r.fail("the finding's public reason is not shown on the resolution's page")
    if r.t("2 人同意", "2 agreed") not in r.text():
        r.fail("the resolution's page does not say how many supervisors agreed to the finding")


JOURNEYS = [("resident", journey_resident), ("counter", journey_counter), ("grid", journey_grid),
            ("staff", journey_staff), ("surveys", journey_surveys), ("admin", journey_admin), ("council", journey_council)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--shots", default="browser-shots")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--chromedriver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    ap.add_argument("--only", help="comma-separated journey names")
    args = ap.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    wanted = set(args.only.split(",")) if args.only else None
    for old in os.listdir(args.shots):
        if old.endswith(".png") and (wanted is None or old.split("-")[0] in wanted):
            os.remove(os.path.join(args.shots, old))
    results: list[Result] = []
    started = time.time()
    for name, journey in JOURNEYS:
        if wanted and name not in wanted:
            continue
        for lang in LANGS:
            for width in WIDTHS:
                t0 = time.time()
                try:
                    run = Run(args.base, args.shots, name, lang, width, args.chromium, args.chromedriver)
                except WebDriverException as e:
                    res = Result(name, lang, width, [f"the browser did not start: {e}"])
                    results.append(res)
                    continue
                try:
                    journey(run)
                except Blocked as e:
                    run.fail(f"BLOCKED: {e}")
                except (WebDriverException, AssertionError) as e:
                    run.fail(f"BLOCKED by a browser error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
                except Exception:  # a bug in this script: say so, and go on with the others
                    run.fail("script error: " + traceback.format_exc().strip().splitlines()[-1])
                finally:
                    run.close()
                run.result.seconds = time.time() - t0
                results.append(run.result)
                r = run.result
                print(f"{r.journey:9} {r.lang:8} {r.width:5}  {'PASS' if not r.failures else 'FAIL'}  {r.steps:2} steps  {r.seconds:5.1f} s", flush=True)

    lines = ["", "== browser journeys: summary"]
    for r in results:
        lines.append(f"{r.journey:9} {r.lang:8} {r.width:5}  " + ("PASS" if not r.failures else f"FAIL  {r.failures[0]}"
                                                                  + (f"  (+{len(r.failures) - 1} more)" if len(r.failures) > 1 else "")))
    failed = [r for r in results if r.failures]
    lines.append(f"{len(results) - len(failed)} of {len(results)} passed in {time.time() - started:.0f} s; screenshots in {args.shots}/")
    if failed:
        lines += ["", "== every failure"]
        for r in failed:
            for f in r.failures:
                lines.append(f"{r.journey}-{r.lang}-{r.width} {f}")
    print("\n".join(lines))
    with open(os.path.join(args.shots, "failures.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
