"""Credit checks (信用查询) through the central API.

Theory of operation. A credit system answers, for a person (resident ID number) or a company
(unified social credit code), the entries it holds on the 守信 red list and the 失信 black list;
the hub turns them into one ``CreditRecord`` (status, entries, when, which system answered).
The credit system is a ``CreditProvider`` (``hub.credit.providers``): the reference one reads
the district's lists imported into the hub (``kiosk hub import-credit``, ``hub.credit.lists``),
keyed by the subject's keyed digest; a real provincial platform plugs in through the hub's
``credit_provider`` setting. Who may ask (``hub.credit.lookup``): a window whose clerk is signed
in, for any subject or for the applicant of a case; a hall or community kiosk only for the
citizen whose card (or e-ID code) it read. Nothing of the subject is logged.
"""
