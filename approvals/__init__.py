"""The approval route (p.14-16): stages, snapshots, remarks, decisions, hearings."""
