"""Demo content: a complete strategy for Almaty, a draft for Karaganda, one user per role."""
