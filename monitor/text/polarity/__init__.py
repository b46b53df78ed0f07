"""What a statement does: affirm, deny, doubt, or recall the past."""
