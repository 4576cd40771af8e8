"""A simulated hall for ``kiosk demo --mode counter``: citizens take numbers at a kiosk every few
seconds, so a newcomer at the clerk's desk sees a morning — walk-ins, 老弱病残孕 priority,
real-name tickets taken with an ID card, and appointments checked in.

Everyone is fictional (GB 11643-valid numbers made for the demo); the kiosk is a terminal of
the demo's own hub.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import random
import threading

from contract import idnumber
from contract import models as m
from kiosk.api.client import HubClient
from kiosk.api.errors import HubError

logger = logging.getLogger(__name__)

QUEUES = ("general", "social_security", "general", "residence")
REAL_NAME_QUEUES = {"residence"}  # the sample hall's 户政 takes numbers with an ID card only
DEMO_ITEM = "XK00402001-990101-SJ"  # 个体工商户设立登记 in the sample catalog
ELDER_ITEM = "GG00618002-990101-MZ"  # 老年人优待证办理: community points take it (代办)
DEMO_NAMES = ("张示例", "王示例民", "赵示例", "孙示例华")  # fictional
DEMO_MATERIALS = (
    ("application", "个体工商户登记（备案）申请书"),
    ("id_card", "经营者身份证明"),
    ("premises", "经营场所使用证明"),
)
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def sample_pdf(title: str, name: str) -> bytes:
    """A material's page as the kiosk's document camera would send it: an image in a PDF
    (Pillow), here a drawn sample so the workbench has something to show."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (827, 1169), "white")  # A4 at 100 dpi
    draw = ImageDraw.Draw(page)
    big: ImageFont.FreeTypeFont | ImageFont.ImageFont
    small: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        big, small = ImageFont.truetype(CJK_FONT, 44), ImageFont.truetype(CJK_FONT, 28)
    except OSError:  # no CJK font on this machine: the page still shows, in the default font
        big = small = ImageFont.load_default()
    draw.rectangle((40, 40, 787, 1129), outline="black", width=3)
    draw.text((80, 90), title, fill="black", font=big)
    lines = [f"申请人：{name}", "（演示材料，非真实证件）", "示例区政务服务中心"]
    for index, line in enumerate(lines):
        draw.text((80, 220 + index * 60), line, fill="dimgray", font=small)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=100)
    return out.getvalue()


def fictional_id(n: int) -> str:
    """A valid-looking resident ID number of a fictional person (region 110105, born 1950+n)."""
    body = f"110105{1950 + n % 60:04d}0{1 + n % 9}1{n % 10}{(100 + n) % 1000:03d}"[:17]
    return body + idnumber.check_character(body)


class Repeating:
    """``step()`` on a background thread, ``pause()`` seconds apart, until ``stop()``."""

    _stop: threading.Event
    _thread: threading.Thread | None

    def step(self) -> None:
        raise NotImplementedError

    def pause(self) -> float:
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is None:
            name = f"simulated-{type(self).__name__}"
            self._thread = threading.Thread(target=self._run, name=name, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.pause()):
            self.step()


class SimulatedHall(Repeating):
    """Issues tickets on ``client`` (a kiosk's) from a background thread until stopped."""

    def __init__(self, client: HubClient, *, every: float = 6.0, seed: int = 2026) -> None:
        self.client = client
        self.every = every
        self._random = random.Random(seed)
        self._people = itertools.count(1)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.issued: list[m.TicketIssued] = []

    def ask_for_help(self, screen: str = "case") -> m.HelpCall:
        """A citizen at the kiosk taps 求助 (the windows of the hall see it)."""
        return self.client.call_for_help(m.HelpCallCreate(screen=screen))

    def morning(self, count: int) -> None:
        """The citizens already waiting when the desk opens."""
        for _ in range(count):
            self.arrive()

    def arrive(self) -> m.TicketIssued | None:
        """One citizen takes a number (or checks in an appointment)."""
        n = next(self._people)
        roll = self._random.random()
        try:
            if roll < 0.15:
                ticket = self._appointment(n)
            else:
                priority = m.Priority.PRIORITY if roll < 0.3 else m.Priority.NORMAL
                queue = QUEUES[n % len(QUEUES)]
                card = roll > 0.75 or queue in REAL_NAME_QUEUES
                if card and roll > 0.85:  # submitted a case at a kiosk first: the clerk sees it
                    self._case_of(n)
                request = m.TicketIssueRequest(
                    category_code=queue,
                    priority=priority,
                    id_number=fictional_id(n) if card else None,
                )
                ticket = self.client.issue_ticket(request)
        except HubError as exc:
            logger.info("simulated citizen %d: %s", n, exc)
            return None
        self.issued.append(ticket)
        return ticket

    def _case_of(self, n: int) -> m.CaseReceipt:
        """A 个体工商户设立登记 submitted at a kiosk, its materials' pages uploaded: the clerk
        calling this citizen sees it beside them and can open it at the workbench."""
        form = {"business_scope": "日用百货零售", "premises_address": "示例区城东街道8号"}
        return self._submit(n, DEMO_ITEM, DEMO_MATERIALS, {**form, "phone": "13800138000"})

    def one_more_case(self) -> m.CaseReceipt:
        """One more kiosk case, for the counter tour's 不予受理."""
        return self._case_of(2000 + len(self.issued))

    def community_cases(self, count: int) -> list[m.CaseReceipt]:
        """老年人优待证 applications a community worker submitted for elderly citizens (代办),
        to be sent by EMS: the 预审 queue's."""
        materials = (("id_card", "居民身份证"), ("photo", "近期一寸免冠照片"))
        return [
            self._submit(
                1000 + n + len(self.issued),
                ELDER_ITEM,
                materials,
                {"phone": "13900139000"},
                m.Channel.COMMUNITY,
            )
            for n in range(count)
        ]

    def _submit(
        self,
        n: int,
        item: str,
        materials: tuple[tuple[str, str], ...],
        form: dict[str, m.FormAnswer],
        channel: m.Channel = m.Channel.KIOSK,
    ) -> m.CaseReceipt:
        name = DEMO_NAMES[n % len(DEMO_NAMES)]
        pages = {code: sample_pdf(title, name) for code, title in materials}
        declared = [
            m.MaterialDeclaration(
                code=code,
                name=title,
                sha256=hashlib.sha256(pages[code]).hexdigest(),
                size=len(pages[code]),
            )
            for code, title in materials
        ]
        community = channel is m.Channel.COMMUNITY
        request = m.CaseCreate(
            item_code=item,
            applicant=m.Person(name=name, id_number=fictional_id(n)),
            form=form,
            materials=declared,
            delivery=m.DeliveryMethod.EMS if community else m.DeliveryMethod.PICKUP,
            delivery_address="示例区城东街道幸福路8号3栋201" if community else None,
            channel=channel,
            agent=m.Person(name="李社工", id_number=fictional_id(n + 500)) if community else None,
        )
        receipt = self.client.create_case(request, idempotency_key=f"demo-case-{n}")
        for code, data in pages.items():
            self.client.upload_material(receipt.case_id, code, data)
        return receipt

    def _appointment(self, n: int) -> m.TicketIssued:
        queues = {q.category_code: q for q in self.client.queues()}
        today = queues["general"].service_date
        booked = None
        for slot in self.client.appointment_slots("general", today):
            if slot.booked < slot.capacity:
                booked = self.client.book_appointment(
                    m.AppointmentBook(
                        category_code="general",
                        id_number=fictional_id(n),
                        slot_date=slot.slot_date,
                        slot_start=slot.slot_start,
                    )
                )
                break
        if booked is None:  # the day's slots are gone: a walk-in instead
            return self.client.issue_ticket(m.TicketIssueRequest(category_code="general"))
        return self.client.check_in(m.CheckIn(code=booked.code))

    def pause(self) -> float:
        return self.every * self._random.uniform(0.5, 1.5)

    def step(self) -> None:
        self.arrive()


class SimulatedWindows(Repeating):
    """Clerks at windows calling and serving in turn (the display demo): each window, every
    few seconds, finishes whom it serves or calls the next."""

    def __init__(self, clients: dict[str, HubClient], *, every: float = 5.0) -> None:
        self.clients = clients  # window code -> a signed-in counter terminal's client
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def pause(self) -> float:
        return self.every

    def step(self) -> None:
        for code, client in self.clients.items():
            try:
                serving = client.counter_session(code).serving
                if serving is None:
                    client.call_next(code)
                else:
                    if serving.state is m.TicketState.CALLED:
                        client.ticket_action(code, serving.ticket_id, m.TicketAction.START)
                    done = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
                    client.finish_ticket(code, serving.ticket_id, done)
            except HubError as exc:
                logger.info("simulated window %s: %s", code, exc)
