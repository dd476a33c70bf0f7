"""Settings split: base (shared), local (developer machine), production, test."""
