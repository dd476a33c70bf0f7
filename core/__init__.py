"""What every app shares: reference data (regions, cities, organisations), users, audit, errors."""
