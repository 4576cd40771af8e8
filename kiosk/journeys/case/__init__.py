"""办件: submit a case for a self-service item (flow, service, desk)."""
