"""The contract shared by the kiosk and the hub: payload formats and API models."""
