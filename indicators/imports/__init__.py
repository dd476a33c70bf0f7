"""Import of indicator tables: one reader per layout (long CSV, wide XLSX), the checks a file passes
first, and one preview-and-apply service."""
