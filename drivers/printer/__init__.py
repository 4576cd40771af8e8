"""ESC/POS receipt printing in Chinese: the document model, its bytes, status, a virtual printer.

What a ticket or a receipt says is the kiosk's (``kiosk.documents``); this package turns any
:class:`Document` into bytes and sends them.

Import from the modules named below: the package itself imports nothing, so that code which
only builds documents (the kiosk at start-up) does not load encoders, transports or the virtual
printer::

    doc = kiosk.documents.queue_ticket(QueueTicket(...), PaperWidth.MM58)   # any Document
    profile = PrinterProfile.from_dict({"paper": "58mm", "encoding": "gb18030-fs",
                                        "qr": "native", "cutter": True, "timeout": 10})
    with open_printer("tcp://10.0.0.5:9100", profile) as printer:
        printer.status()            # PrinterStatus(online, cover_open, paper_near_end, ...)
        printer.print_document(doc) # refused before sending when out of paper (PaperOut)
    job = render_escpos(encode(doc, profile), PaperWidth.MM58)  # the virtual printer
    job.transcript, job.image, job.qr_payloads                  # == doc.transcript(), PIL image

- Documents (:mod:`.document`): ``Document(paper, elements)`` with ``Text(text, Style(align,
  bold, width, height))``, ``Rule``, ``KeyValue``, ``Qr``, ``Barcode`` (CODE128), ``Picture``,
  ``Feed``, ``Cut``. A CJK character (any non-ASCII character, in the printer's Chinese mode)
  is two columns: 58 mm = 32 columns / 384 dots, 80 mm = 48 / 576; text wraps, never overflows.
  ``Document.transcript()`` is the text a correct printer prints.
- Profiles (:mod:`.profile`): ``PaperWidth``, ``ChineseEncoding`` (``gb18030-fs``: FS & ... FS .
  around GB18030, the default; ``gb18030``: printer already in Chinese mode; ``utf-8``: FS ( C),
  ``QrMode`` (native ``GS ( k`` or raster ``GS v 0``), cutter, timeout.
- Encoding (:mod:`.encoder`): ``encode(doc, profile) -> bytes`` through python-escpos.
- Printers (:mod:`.printer`): ``open_printer(uri, profile) -> Printer`` for ``usb:VID:PID``,
  ``serial:/dev/ttyS0?baud=19200``, ``tcp://HOST:9100``, ``file:PATH``, ``preview:OUT.png``
  (renders OUT.png and OUT.txt). ``Printer`` is a context manager: ``print_document(doc)``,
  ``print_bytes(data)``, ``status()``, ``close()``.
- Errors (:mod:`.errors`): ``PrinterError(DeviceError)`` and its subclasses
  ``PrinterUnreachable``, ``PrinterConnectionLost``, ``PrinterTimeout``, ``PaperOut``,
  ``CoverOpen``, ``PrinterOffline``, ``PrinterConfigError`` (exit 2); ``LayoutError`` (exit 2)
  is the encoder's (:mod:`.encoder`). Each has ``reason`` (machine code, as in DeviceHealth),
  ``notice`` (Chinese, fit for a citizen) and ``document`` (the job that failed):
  ``preview(exc.document).image`` shows the slip on screen instead, so a number the hub issued
  is never lost to an empty paper roll.
- Status (:mod:`.status`): sans-I/O ``DLE EOT`` requests/replies (``StatusReader``,
  ``status_reply``), ``PrinterStatus.health()`` -> ``DeviceHealth``.
  ``monitor.PrinterMonitor(lambda: open_printer(uri, profile), period=5).start()`` polls and
  publishes ``DeviceHealth`` on change through its ``health`` ``Broadcaster``.
- Virtual printer (:mod:`.escpos_decoder` sans-I/O, :mod:`.render`): ``render_escpos(data,
  paper) -> RenderedJob(transcript, image, qr_payloads, wrapped_lines, unknown)``;
  ``preview(doc, profile)`` is the same for a document. ``emulator.PrinterEmulator(out_dir,
  port=0, status=PrinterStatus(paper_out=True))`` serves it on TCP (``kiosk printer-emulator``);
  ``emulator.PrinterSession`` is the transport-free printer behind it.
- Samples (:mod:`.samples`): ``self_test_page(profile)`` for ``kiosk print test``.
"""
