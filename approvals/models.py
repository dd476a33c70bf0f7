"""Models of the approval route arrive with the approval-route work (p.14-16)."""
