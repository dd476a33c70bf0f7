"""The strategy document: its sections, catalogues, drafting and compliance."""
