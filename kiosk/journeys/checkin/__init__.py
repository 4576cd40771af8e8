"""预约签到: check in an appointment (flow, desk)."""
