"""取号: take a queue ticket (flow, desk)."""
