"""How the home screen words a device problem for a citizen (Chinese first, English via tr)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.journeys.availability import Availability, JourneyStatus

# Written out in full (not through a helper) so that pyside6-lupdate finds every string.


def device_problem(device: str, reason: str) -> str:
    if device == "printer":
        if reason == "paper_out":
            return QCoreApplication.translate("DeviceNotices", "打印机缺纸")
        if reason == "cover_open":
            return QCoreApplication.translate("DeviceNotices", "打印机盖未关好")
        return QCoreApplication.translate("DeviceNotices", "打印机暂不可用")
    if device == "idcard":
        return QCoreApplication.translate("DeviceNotices", "身份证读卡器暂不可用")
    if device == "camera":
        return QCoreApplication.translate("DeviceNotices", "扫码摄像头暂不可用")
    return QCoreApplication.translate("DeviceNotices", "设备暂不可用")


def journey_notice(journey: str, status: JourneyStatus) -> str:
    if status.availability is Availability.AVAILABLE:
        return ""
    problem = device_problem(status.device, status.reason)
    if journey == "ticket" and status.device in ("camera", "idcard"):  # real-name 取号
        if status.availability is Availability.UNAVAILABLE:
            return QCoreApplication.translate(
                "DeviceNotices", "读卡器和扫码摄像头暂不可用，无法实名取号，请到服务台取号"
            )
        if status.device == "camera":
            return QCoreApplication.translate("DeviceNotices", "%1，请刷身份证取号").replace(
                "%1", problem
            )
        return QCoreApplication.translate("DeviceNotices", "%1，请出示身份码取号").replace(
            "%1", problem
        )
    if status.availability is Availability.UNAVAILABLE:
        return QCoreApplication.translate("DeviceNotices", "%1，请到服务台办理").replace(
            "%1", problem
        )
    if journey in ("ticket", "checkin") and status.device == "printer":
        return QCoreApplication.translate("DeviceNotices", "%1，号码显示在屏幕上").replace(
            "%1", problem
        )
    if journey == "checkin" and status.device == "camera":
        return QCoreApplication.translate("DeviceNotices", "%1，请刷身份证签到").replace(
            "%1", problem
        )
    if journey == "checkin" and status.device == "idcard":
        return QCoreApplication.translate("DeviceNotices", "%1，请扫描预约二维码签到").replace(
            "%1", problem
        )
    if journey == "progress":
        return QCoreApplication.translate("DeviceNotices", "%1，请手动输入查询").replace(
            "%1", problem
        )
    return problem
