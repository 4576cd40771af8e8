"""好差评: rate a finished ticket or a case (flow)."""
